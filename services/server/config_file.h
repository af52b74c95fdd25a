#ifndef SENDCASE_SERVICES_SERVER_CONFIG_FILE_H_
#define SENDCASE_SERVICES_SERVER_CONFIG_FILE_H_

// sendcased's settings file (--config=FILE), in TOML (read with toml++,
// Debian's libtomlplusplus-dev). Every key is a sendcased flag's name,
// spelled with dashes or underscores; a value has the flag's type:
//
//   # /etc/sendcase/sendcased.toml
//   listen = "0.0.0.0:50051"
//   http-listen = "0.0.0.0:8080"
//   db = "/var/lib/sendcase/sendcase.db"
//   smtp-starttls = true
//   reminder-retry-seconds = 120
//
// A flag given on the command line overrides the file. Secrets are never
// settings: the SMTP password comes from $SENDCASE_SMTP_PASSWORD and a
// PostgreSQL password from $PGPASSWORD or ~/.pgpass.

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace sendcase::server {

struct ConfigSetting {
  std::string flag;   // the flag's name, with underscores
  std::string value;  // as the flag parses it ("true", "120", a string)
};

// The settings in `path`, in file order. InvalidArgument naming the file,
// line and column for TOML that does not parse, a key that is no sendcased
// setting (or is config/print-config), a setting given twice (smtp-url and
// smtp_url are one), a table or array, or a value of the wrong type;
// NotFound if the file cannot be read.
absl::StatusOr<std::vector<ConfigSetting>> ReadConfigFile(
    const std::string& path);

// The effective value of every setting as a --config file: one
// `name = value` line each, sorted, with a comment saying whether it came
// from the command line, `config_path` or the default. Passwords in a
// PostgreSQL or SMTP URI are shown as REDACTED; the environment's secrets
// are reported as set or not, never shown.
std::string EffectiveConfig(const std::string& config_path,
                            const std::set<std::string>& from_file,
                            const std::set<std::string>& from_command_line);

// `uri` with any password (user:PASSWORD@, password=...) replaced by
// REDACTED.
std::string RedactUri(const std::string& uri);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_CONFIG_FILE_H_
