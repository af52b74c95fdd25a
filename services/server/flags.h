#ifndef SENDCASE_SERVICES_SERVER_FLAGS_H_
#define SENDCASE_SERVICES_SERVER_FLAGS_H_

// sendcased's flags (defined in flags.cc, described by --help). Every one
// may also be set in the --config file (config_file.h).

#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"

ABSL_DECLARE_FLAG(std::string, listen);
ABSL_DECLARE_FLAG(std::string, http_listen);
ABSL_DECLARE_FLAG(std::string, public_url);
ABSL_DECLARE_FLAG(std::string, web_root);
ABSL_DECLARE_FLAG(std::string, db);
ABSL_DECLARE_FLAG(int, db_pool_size);
ABSL_DECLARE_FLAG(std::string, rules);
ABSL_DECLARE_FLAG(std::string, smtp_url);
ABSL_DECLARE_FLAG(std::string, smtp_from);
ABSL_DECLARE_FLAG(bool, smtp_starttls);
ABSL_DECLARE_FLAG(std::string, smtp_user);
ABSL_DECLARE_FLAG(int, reminder_retry_seconds);
ABSL_DECLARE_FLAG(int, reminder_lease_seconds);
ABSL_DECLARE_FLAG(std::string, tls_cert);
ABSL_DECLARE_FLAG(std::string, tls_key);
ABSL_DECLARE_FLAG(std::string, tls_client_ca);
ABSL_DECLARE_FLAG(int, max_message_bytes);
ABSL_DECLARE_FLAG(int, event_feed_retention_days);
ABSL_DECLARE_FLAG(int, max_streams_per_caller);
ABSL_DECLARE_FLAG(int, max_streams);
ABSL_DECLARE_FLAG(std::string, subject);
ABSL_DECLARE_FLAG(int, ttl_days);
ABSL_DECLARE_FLAG(std::string, token_id);
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);
ABSL_DECLARE_FLAG(std::string, scope);
ABSL_DECLARE_FLAG(std::string, metrics_listen);
ABSL_DECLARE_FLAG(std::string, log_format);
ABSL_DECLARE_FLAG(std::string, log_level);
ABSL_DECLARE_FLAG(std::string, config);
ABSL_DECLARE_FLAG(bool, print_config);

#endif  // SENDCASE_SERVICES_SERVER_FLAGS_H_
