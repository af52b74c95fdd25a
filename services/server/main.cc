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
//   sendcased backup --db=PATH --to=FILE
//   sendcased restore --from=FILE --db=PATH
//   sendcased check --db=PATH
//   sendcased --config=FILE [--print-config]
//
// Flags are spelled with dashes; the underscore spelling works too. Every
// flag may be set in the --config file instead (config_file.h).
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/common/log.h"
#include "services/http/http_server.h"
#include "services/http/metrics_server.h"
#include "services/server/command_line.h"
#include "services/server/config_file.h"
#include "services/server/db_commands.h"
#include "services/server/flags.h"
#include "services/server/server.h"
#include "services/server/store_factory.h"
#include "services/server/token_commands.h"
#include "services/server/web_auth.h"

namespace sendcase::server {
namespace {

int Fail(const absl::Status& status) {
  Log(LogLevel::kError, "cannot serve", {{"status", status.ToString()}});
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
  ServerMetrics& metrics = (*server)->metrics();
  auto scrape = [&metrics] { return metrics.Scrape(); };
  std::unique_ptr<http::MetricsServer> metrics_listener;
  if (const std::string listen = absl::GetFlag(FLAGS_metrics_listen);
      !listen.empty()) {
    auto started = http::MetricsServer::Start(listen, scrape);
    if (!started.ok()) {
      (*server)->Shutdown();
      return Fail(started.status());
    }
    metrics_listener = *std::move(started);
    printf("metrics on %s:%d\n", listen.substr(0, listen.rfind(':')).c_str(),
           metrics_listener->port());
  }
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
    // /metrics here unless it has a listener of its own.
    if (metrics_listener == nullptr) http_options.metrics = scrape;
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
      Log(LogLevel::kWarning,
          "no sign-in links by e-mail: set --public-url to the https:// "
          "address of the web app");
    }
    printf("http on %s:%d\n",
           http_listen.substr(0, http_listen.rfind(':')).c_str(), web->port());
  }
  // Once every listener is up: a setting that stops the start is reported
  // before any "listening on" or "started" line, never after one.
  printf("listening on %s:%d\n", host.c_str(), (*server)->port());
  Log(LogLevel::kInfo, "started",
      {{"rule_set", (*server)->rule_set_version()},
       {"rules", options.rules_dir},
       {"email_reminders", options.smtp.url.empty() ? "off" : "on"},
       {"transport", options.tls.cert_file.empty() ? "plaintext (no --tls-cert)"
                     : options.tls.client_ca_file.empty()
                         ? "TLS"
                         : "TLS with client certificates"},
       {"grpc_port", (*server)->port()},
       {"http_port", web != nullptr ? web->port() : 0},
       {"metrics_port",
        metrics_listener != nullptr ? metrics_listener->port() : 0}});
  fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    Log(LogLevel::kInfo, "shutting down", {{"signal", signal}});
    if (web != nullptr) web->Stop();
    if (metrics_listener != nullptr) metrics_listener->Stop();
    (*server)->Shutdown();
  });
  (*server)->Wait();
  stopper.join();
  Log(LogLevel::kInfo, "stopped");
  return 0;
}

}  // namespace
}  // namespace sendcase::server

int main(int argc, char** argv) {
  // Debian's abseil keeps mutex deadlock detection on, which records every
  // lock order in a global graph: about 1% of a RecordEvent's CPU (perf,
  // deploy/bench.sh). The tests keep it; the server does not need it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Everything sendcased creates holds pupils' data or secrets (the
  // database and its WAL, backups, tokens printed to files): its owner
  // only, whatever the shell's umask.
  umask(0077);
  const sendcase::server::ServerCommandLine command_line =
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
          "--subject=NAME)\n"
          "  sendcased backup --db=PATH --to=FILE\n"
          "  sendcased restore --from=FILE --db=PATH\n"
          "  sendcased check --db=PATH\n"
          "  sendcased --config=FILE [--print-config]");
  namespace s = sendcase::server;
  const std::vector<std::string>& args = command_line.positional;
  const std::string command = args.size() == 2 ? args[1] : "";
  {
    auto format = sendcase::ParseLogFormat(absl::GetFlag(FLAGS_log_format));
    auto level = sendcase::ParseLogLevel(absl::GetFlag(FLAGS_log_level));
    for (const absl::Status& bad : {format.status(), level.status()}) {
      if (!bad.ok()) {
        fprintf(stderr, "sendcased: %s\n", std::string(bad.message()).c_str());
        return 2;
      }
    }
    sendcase::ConfigureLog(*format, *level);
  }
  if (absl::GetFlag(FLAGS_print_config)) {
    fputs(s::EffectiveConfig(command_line.config_path, command_line.from_file,
                             command_line.from_command_line)
              .c_str(),
          stdout);
    return 0;
  }
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
  if (command == "backup") return s::BackupCommand(db, absl::GetFlag(FLAGS_to));
  if (command == "restore") {
    return s::RestoreCommand(absl::GetFlag(FLAGS_from), db);
  }
  if (command == "check") return s::CheckCommand(db);
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
