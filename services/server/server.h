#ifndef SENDCASE_SERVICES_SERVER_SERVER_H_
#define SENDCASE_SERVICES_SERVER_SERVER_H_

// Wiring: a running sendcase gRPC server over the stores --db names, with the
// health and reflection services. Used by main.cc and by tests (which talk
// to it over InProcessChannel()).

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/auth/authenticator.h"
#include "services/casework/case_engine.h"
#include "services/casework/case_service.h"
#include "services/common/clock.h"
#include "services/scheduler/alert_bus.h"
#include "services/scheduler/scheduler.h"
#include "services/scheduler/scheduler_thread.h"
#include "services/scheduler/smtp_sender.h"
#include "services/server/metrics.h"
#include "services/storage/stores.h"

namespace sendcase::server {

class ReflectionV1Service;

// TLS for the listening port. With cert and key set the port speaks TLS
// only; with client_ca_file too, every client must present a certificate
// signed by that CA (mTLS). Files are PEM.
struct TlsOptions {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
};

struct ServerOptions {
  // "HOST:PORT"; port 0 picks a free port. Empty: no listening port
  // (in-process only).
  std::string listen;
  // A SQLite file, ":memory:", or a postgresql:// URI (store_factory.h),
  // with `db_pool_size` connections for PostgreSQL.
  std::string db_path = ":memory:";
  int db_pool_size = 8;
  std::string rules_dir;   // required: the rules/definitions directory
  Clock* clock = nullptr;  // defaults to SystemClock()
  // E-mail reminders; an empty url sends none (alerts still fire).
  scheduler::SmtpOptions smtp;
  scheduler::SchedulerOptions scheduler;
  // Run the scheduler on a background thread (the server); tests leave it
  // off and call scheduler().RunDue() with a fake clock.
  bool run_scheduler_thread = false;
  TlsOptions tls;
  // Requests larger than this are refused (RESOURCE_EXHAUSTED) before they
  // are parsed.
  int max_message_bytes = 1 << 20;
  // WatchEvents: progress while idle; how long the event feed is kept (the
  // scheduler thread compacts older feed rows).
  casework::FeedOptions feed;
  std::chrono::hours feed_retention{24 * 30};
  // Open streams: limits, and how often each re-checks its credential.
  casework::StreamOptions streams;
};

// The gRPC settings every sendcase server uses: health checking,
// reflection and the request size limit. Shared with the benchmark's echo
// ceiling (tests/benchmarks/echo_server.cc) so both are served alike.
void ApplyServerSettings(const ServerOptions& options,
                         grpc::ServerBuilder& builder);

class Server {
 public:
  // Opens and migrates the database, loads and validates the rules, builds
  // and starts the server. Unavailable if the database cannot be opened or
  // the port not bound; InvalidArgument/NotFound for bad or missing rules
  // (naming file:line); FailedPrecondition if the rules changed without a
  // new version.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options);
  ~Server();

  // The bound port (0 when not listening).
  int port() const { return port_; }
  std::shared_ptr<grpc::Channel> InProcessChannel();
  // Authenticates `authorization` ("Bearer TOKEN") for a call that is not a
  // gRPC one (the JSON API's SignIn and SignOut) and audits it under
  // `method`: a row of its own, or for a token refused, counted per `peer`
  // and minute as gRPC refusals are (RefusalLedger). The authentication
  // status (Unauthenticated for a bad token), or Unavailable if a row that
  // is due cannot be written; on success, who the token names.
  absl::StatusOr<auth::Principal> AuthenticateAndAudit(
      absl::string_view authorization, absl::string_view method,
      absl::string_view peer);
  // Audits a call made on behalf of `who` that no token carried (a sign-in
  // link made for a contact): a row under `method`.
  absl::Status AuditOnBehalfOf(const auth::Principal& who,
                               absl::string_view method);
  // The server's stores (store_factory.h), for tests and tools.
  storage::Stores& stores() { return stores_; }
  const Clock& clock() const { return *clock_; }
  // The e-mail sender (--smtp-url), or null when none is configured.
  scheduler::ReminderSender* sender() { return sender_.get(); }
  scheduler::Scheduler& scheduler() { return *scheduler_; }
  const std::string& rule_set_version() const {
    return rules_->current().version();
  }
  // Every call's count and duration, and the scrape-time readings
  // (metrics.h): what /metrics serves.
  ServerMetrics& metrics() { return *metrics_; }

  // Stops the scheduler and alert streams, stops accepting calls, lets
  // running calls finish (up to a deadline).
  void Shutdown();
  // Blocks until Shutdown() has completed.
  void Wait();

 private:
  Server() = default;

  storage::Stores stores_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<auth::TokenAuthenticator> authenticator_;
  std::unique_ptr<casework::IdGenerator> ids_;
  std::unique_ptr<casework::RuleRegistry> rules_;
  std::unique_ptr<casework::CaseEngine> engine_;
  scheduler::AlertBus bus_;
  std::unique_ptr<scheduler::ReminderSender> sender_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
  std::unique_ptr<scheduler::SchedulerThread> scheduler_thread_;
  std::unique_ptr<casework::AlertEngine> alerts_;
  std::unique_ptr<casework::ViewEngine> views_;
  std::unique_ptr<casework::SettingEngine> settings_;
  std::unique_ptr<casework::RegisterViews> registers_;
  std::unique_ptr<casework::SupportEngine> support_;
  std::unique_ptr<casework::AuditLog> audit_;
  std::unique_ptr<casework::EventFeed> feed_;
  std::unique_ptr<casework::StreamRegistry> streams_;
  std::unique_ptr<casework::RefusalLedger> refusals_;
  std::unique_ptr<casework::CaseServiceImpl> service_;
  std::unique_ptr<ReflectionV1Service> reflection_v1_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<grpc::Server> grpc_server_;
  int port_ = 0;
};

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_SERVER_H_
