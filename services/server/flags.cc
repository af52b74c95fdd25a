// Every sendcased flag, defined here so that the config file reader and its
// tests (config_file.h) see the same set as the server. --help lists them.
#include "services/server/flags.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "HOST:PORT to serve on; port 0 picks a free port");
ABSL_FLAG(std::string, http_listen, "",
          "HOST:PORT for the JSON API under /api/v1/ and the web app at / "
          "(empty: none); TLS with the same --tls-cert and --tls-key as gRPC");
ABSL_FLAG(std::string, public_url, "",
          "the https:// address people open the web app at, e.g. "
          "https://send.example.org: e-mailed sign-in links start with it, "
          "and cookies are Secure even when a proxy in front ends TLS "
          "(empty: links from a loopback --http-listen only)");
ABSL_FLAG(std::string, web_root, "",
          "directory of the web app's files, as deploy/build.sh assembles "
          "them in build/web (empty: the JSON API only)");
ABSL_FLAG(std::string, db, "var/sendcase.db",
          "SQLite database file (created and migrated if missing), :memory:, "
          "or a PostgreSQL connection URI, postgresql://USER@HOST/DB "
          "(migrated; the password from $PGPASSWORD or ~/.pgpass, not the "
          "URI, so that it stays out of the process list)");
ABSL_FLAG(int, db_pool_size, 8,
          "PostgreSQL: connections each replica keeps open");
ABSL_FLAG(std::string, rules, SENDCASE_DEFAULT_RULES_DIR,
          "directory of rule definitions");
ABSL_FLAG(std::string, smtp_url, "",
          "send e-mail reminders through this SMTP server, e.g. "
          "smtp://mail.example:587 (empty: no e-mail)");
ABSL_FLAG(std::string, smtp_from, "sendcase@localhost",
          "sender address of reminder e-mails");
ABSL_FLAG(bool, smtp_starttls, false, "require STARTTLS with the SMTP server");
ABSL_FLAG(std::string, smtp_user, "",
          "SMTP user; the password is read from $SENDCASE_SMTP_PASSWORD");
ABSL_FLAG(int, reminder_retry_seconds, 60,
          "first retry delay after a failed e-mail (doubles, capped at 6 h)");
ABSL_FLAG(int, reminder_lease_seconds, 300,
          "how long one pass holds the e-mails it is sending; after a crash "
          "an e-mail whose send was cut short goes again once this passes "
          "(more than a batch of sends can take: 4 at a time, 30 s each)");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain: serve TLS only (with --tls-key)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls-cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA: require client certificates it signed (mTLS)");
ABSL_FLAG(int, max_message_bytes, 1 << 20,
          "largest request accepted, in bytes");
ABSL_FLAG(int, event_feed_retention_days, 30,
          "how long WatchEvents can replay events from");
ABSL_FLAG(int, max_streams_per_caller, 16,
          "open WatchEvents/WatchAlerts streams one caller (subject, role "
          "and scope) may hold");
ABSL_FLAG(int, max_streams, 512, "open streams in all");
ABSL_FLAG(std::string, subject, "",
          "issue-token: who the token is for; revoke-token: revoke all of "
          "theirs");
ABSL_FLAG(int, ttl_days, 90, "issue-token: days until it expires (0: never)");
ABSL_FLAG(std::string, token_id, "", "revoke-token: the token's id");
ABSL_FLAG(std::string, role, "", "issue-token: ADMIN or a Role name");
ABSL_FLAG(std::string, from, "",
          "copy-db: the SQLite database file to copy; restore: the backup "
          "file to restore");
ABSL_FLAG(std::string, to, "",
          "copy-db: postgresql:// URI of the new, empty database; backup: "
          "the backup file to write (replaced whole if it exists)");
ABSL_FLAG(std::string, scope, "",
          "issue-token: *, setting:URN, trust:ID or la:CODE");

ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT of a listener serving only GET /metrics (Prometheus "
          "text format, no sign-in; keep it on an internal address); empty: "
          "/metrics is served on --http-listen");
ABSL_FLAG(std::string, log_format, "text",
          "text (\"sendcased: message key=value\") or json (one object a "
          "line); one line per call, never personal data");
ABSL_FLAG(std::string, log_level, "info",
          "lowest level logged: debug (health checks too), info (every "
          "call), warning or error");
ABSL_FLAG(std::string, config, "",
          "TOML file of settings, one per flag (listen = \"0.0.0.0:50051\", "
          "smtp-starttls = true); a flag on the command line overrides it");
ABSL_FLAG(bool, print_config, false,
          "print the effective settings as a --config file (secrets "
          "redacted), each marked with where it came from, and exit");
