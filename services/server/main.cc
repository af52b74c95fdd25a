// sendcased: the sendcase server, and its token administration commands.
//
//   sendcased --listen=HOST:PORT --db=PATH|postgresql://... [--rules=DIR]
//             [--db-pool-size=8]
//             [--http-listen=HOST:PORT [--web-root=DIR]]
//   sendcased issue-token --db=PATH --subject=NAME --role=ROLE --scope=SCOPE
//                         [--ttl-days=90]
//   sendcased list-tokens --db=PATH
//   sendcased copy-db --from=PATH --to=postgresql://...
//   sendcased revoke-token --db=PATH (--token-id=ID | --subject=NAME)
//
// Flags are spelled with dashes; the underscore spelling works too.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/http/http_server.h"
#include "services/server/command_line.h"
#include "services/server/db_commands.h"
#include "services/server/server.h"
#include "services/server/store_factory.h"
#include "services/server/token_commands.h"
#include "services/server/web_auth.h"

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
ABSL_FLAG(std::string, from, "", "copy-db: the SQLite database file to copy");
ABSL_FLAG(std::string, to, "",
          "copy-db: postgresql:// URI of the new, empty database");
ABSL_FLAG(std::string, scope, "",
          "issue-token: *, setting:URN, trust:ID or la:CODE");

namespace sendcase::server {
namespace {

int Fail(const absl::Status& status) {
  fprintf(stderr, "sendcased: %s\n", status.ToString().c_str());
  return 1;
}

int Serve() {
  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.db_path = absl::GetFlag(FLAGS_db);
  options.db_pool_size = absl::GetFlag(FLAGS_db_pool_size);
  if (IsPostgresUri(options.db_path)) {
    // Other replicas' commits do not wake this one's scheduler (they wake
    // their own): look again every few seconds, so that a reminder due at
    // once still fires promptly if the replica that wrote it has died.
    options.scheduler.max_idle = std::chrono::seconds(5);
  }
  options.rules_dir = absl::GetFlag(FLAGS_rules);
  options.run_scheduler_thread = true;
  options.tls.cert_file = absl::GetFlag(FLAGS_tls_cert);
  options.tls.key_file = absl::GetFlag(FLAGS_tls_key);
  options.tls.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.feed_retention = std::chrono::hours(
      24 * std::max(1, absl::GetFlag(FLAGS_event_feed_retention_days)));
  options.streams.max_per_principal =
      std::max(1, absl::GetFlag(FLAGS_max_streams_per_caller));
  options.streams.max_total = std::max(1, absl::GetFlag(FLAGS_max_streams));
  options.smtp.url = absl::GetFlag(FLAGS_smtp_url);
  options.smtp.from = absl::GetFlag(FLAGS_smtp_from);
  options.smtp.starttls = absl::GetFlag(FLAGS_smtp_starttls);
  options.smtp.username = absl::GetFlag(FLAGS_smtp_user);
  if (const char* password = getenv("SENDCASE_SMTP_PASSWORD")) {
    options.smtp.password = password;
  }
  options.scheduler.initial_backoff = std::chrono::seconds(
      std::max(1, absl::GetFlag(FLAGS_reminder_retry_seconds)));
  options.scheduler.lease = std::chrono::seconds(
      std::max(1, absl::GetFlag(FLAGS_reminder_lease_seconds)));
  EnsureParentDir(options.db_path);
  auto server = Server::Start(options);
  if (!server.ok()) return Fail(server.status());

  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  fprintf(stderr, "sendcased: rule set %s from %s; e-mail reminders %s; %s\n",
          (*server)->rule_set_version().c_str(), options.rules_dir.c_str(),
          options.smtp.url.empty() ? "off" : "on",
          options.tls.cert_file.empty() ? "plaintext (no --tls-cert)"
          : options.tls.client_ca_file.empty()
              ? "TLS"
              : "TLS with client certificates");
  printf("listening on %s:%d\n", host.c_str(), (*server)->port());
  std::unique_ptr<ServerEmailSignIn> email_sign_in;  // outlives `web`
  std::unique_ptr<http::HttpServer> web;
  if (const std::string http_listen = absl::GetFlag(FLAGS_http_listen);
      !http_listen.empty()) {
    http::HttpOptions http_options;
    http_options.listen = http_listen;
    http_options.cert_file = options.tls.cert_file;
    http_options.key_file = options.tls.key_file;
    http_options.client_ca_file = options.tls.client_ca_file;
    http_options.max_body_bytes = options.max_message_bytes;
    http_options.authenticate_and_audit = WebAuthenticator(server->get());
    http_options.web_root = absl::GetFlag(FLAGS_web_root);
    // An https address marks cookies Secure even without TLS here (a
    // proxy in front ends it).
    http_options.public_url = absl::GetFlag(FLAGS_public_url);
    // With e-mail, a contact an ADMIN vouched for may ask for a link.
    if ((*server)->sender() != nullptr) {
      email_sign_in = std::make_unique<ServerEmailSignIn>(server->get());
      http_options.email_sign_in = email_sign_in.get();
    }
    auto started = http::HttpServer::Start(
        http_options,
        std::make_unique<http::JsonGateway>((*server)->InProcessChannel()));
    if (!started.ok()) {
      (*server)->Shutdown();
      return Fail(started.status());
    }
    web = *std::move(started);
    if (email_sign_in != nullptr && web->email_sign_in() == nullptr) {
      fprintf(stderr,
              "sendcased: no sign-in links by e-mail: set --public-url to "
              "the https:// address of the web app\n");
    }
    printf("http on %s:%d\n",
           http_listen.substr(0, http_listen.rfind(':')).c_str(), web->port());
  }
  fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    fprintf(stderr, "sendcased: signal %d, shutting down\n", signal);
    if (web != nullptr) web->Stop();
    (*server)->Shutdown();
  });
  (*server)->Wait();
  stopper.join();
  fprintf(stderr, "sendcased: stopped\n");
  return 0;
}

}  // namespace
}  // namespace sendcase::server

int main(int argc, char** argv) {
  // Debian's abseil keeps mutex deadlock detection on, which records every
  // lock order in a global graph: about 1% of a RecordEvent's CPU (perf,
  // deploy/bench.sh). The tests keep it; the server does not need it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const std::vector<std::string> args =
      sendcase::server::ParseServerCommandLine(
          argc, argv,
          "sendcased: the sendcase server.\n"
          "  sendcased --listen=HOST:PORT --db=PATH [--rules=DIR] "
          "[--http-listen=HOST:PORT [--web-root=DIR]]\n"
          "  sendcased issue-token --db=PATH --subject=NAME --role=ROLE "
          "--scope=SCOPE [--ttl-days=90]\n"
          "  sendcased list-tokens --db=PATH\n"
          "  sendcased copy-db --from=PATH --to=postgresql://...\n"
          "  sendcased revoke-token --db=PATH (--token-id=ID | "
          "--subject=NAME)");
  namespace s = sendcase::server;
  const std::string command = args.size() == 2 ? args[1] : "";
  const std::string db = absl::GetFlag(FLAGS_db);
  if (command == "issue-token") {
    return s::IssueTokenCommand(
        {db, absl::GetFlag(FLAGS_subject), absl::GetFlag(FLAGS_role),
         absl::GetFlag(FLAGS_scope), absl::GetFlag(FLAGS_ttl_days)});
  }
  if (command == "list-tokens") return s::ListTokensCommand(db);
  if (command == "copy-db") {
    return s::CopyDbCommand(absl::GetFlag(FLAGS_from), absl::GetFlag(FLAGS_to));
  }
  if (command == "revoke-token") {
    return s::RevokeTokenCommand(db, absl::GetFlag(FLAGS_token_id),
                                 absl::GetFlag(FLAGS_subject));
  }
  if (args.size() > 1) {
    fprintf(stderr, "sendcased: unknown command '%s' (try --help)\n",
            args[1].c_str());
    return 2;
  }
  return sendcase::server::Serve();
}
