#ifndef SENDCASE_SERVICES_SERVER_COMMAND_LINE_H_
#define SENDCASE_SERVICES_SERVER_COMMAND_LINE_H_

// sendcased's command line. Flags are spelled with dashes, as sendcasectl
// spells its own (--tls-cert, --smtp-url); the underscore spelling of the
// same flag (--tls_cert) is accepted too. --help (or -h) prints the usage
// and every sendcased flag with its default and meaning, then exits 0.
// Every flag may instead be set in a --config file (config_file.h).

#include <set>
#include <string>
#include <vector>

namespace sendcase::server {

// `argv` with each "--flag-name[=value]" (or absl's one-dash spelling,
// "-flag-name") before a bare "--" spelled "--flag_name[=value]" (values
// are left alone), as absl::ParseCommandLine expects. Positional words
// such as "issue-token" are unchanged.
std::vector<std::string> WithUnderscoreFlags(int argc, char** argv);

// The --help text: `usage`, then the flags defined under services/server/,
// sorted, as "--flag-name=DEFAULT  help".
std::string ServerHelp(const std::string& usage);

struct ServerCommandLine {
  // The positional arguments, the program name first.
  std::vector<std::string> positional;
  // The --config file (empty: none), and the settings it and the command
  // line gave (flag names with underscores).
  std::string config_path;
  std::set<std::string> from_file;
  std::set<std::string> from_command_line;
};

// Parses the command line (printing ServerHelp and exiting for --help).
// With --config=FILE, the file's settings (config_file.h) apply first and
// the command line's flags over them. A bad file is an error (exit 2,
// naming file:line:column), as a bad flag is.
ServerCommandLine ParseServerCommandLine(int argc, char** argv,
                                         const std::string& usage);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_COMMAND_LINE_H_
