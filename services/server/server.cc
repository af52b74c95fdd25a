#include "services/server/server.h"

#include <grpc/support/log.h>
#include <grpc/support/time.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <fstream>
#include <sstream>

#include "absl/base/call_once.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/stubs/logging.h"
#include "grpc/health/v1/health.pb.h"
#include "rules/loader.h"
#include "services/common/log_limit.h"
#include "services/common/status_macros.h"
#include "services/server/call_observer.h"
#include "services/server/reflection_v1.h"
#include "services/server/store_factory.h"

namespace sendcase::server {

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path,
                                    absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN ") == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": ", path, " is not a PEM file"));
  }
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const TlsOptions& tls) {
  if (tls.cert_file.empty() && tls.key_file.empty()) {
    if (!tls.client_ca_file.empty()) {
      return absl::InvalidArgumentError(
          "--tls-client-ca needs --tls-cert and --tls-key");
    }
    return grpc::InsecureServerCredentials();
  }
  if (tls.cert_file.empty() || tls.key_file.empty()) {
    return absl::InvalidArgumentError(
        tls.cert_file.empty() ? "--tls-cert: required with --tls-key"
                              : "--tls-key: required with --tls-cert");
  }
  grpc::SslServerCredentialsOptions ssl;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  ASSIGN_OR_RETURN(pair.cert_chain, ReadPem(tls.cert_file, "--tls-cert"));
  ASSIGN_OR_RETURN(pair.private_key, ReadPem(tls.key_file, "--tls-key"));
  ssl.pem_key_cert_pairs.push_back(std::move(pair));
  if (!tls.client_ca_file.empty()) {
    ASSIGN_OR_RETURN(ssl.pem_root_certs,
                     ReadPem(tls.client_ca_file, "--tls-client-ca"));
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

// Library log lines go through the log limit: a malformed request makes
// protobuf log one (invalid UTF-8 in a string field), and strangers can
// send as many as they like. The lines name fields, never values.
void ProtobufLog(google::protobuf::LogLevel level, const char* file, int line,
                 const std::string& message) {
  if (level < google::protobuf::LOGLEVEL_WARNING) return;
  LogLimited(absl::StrCat("protobuf: ", file, ":", line, ": ", message));
}

void GrpcLog(gpr_log_func_args* args) {
  LogLimited(absl::StrCat("grpc: ", gpr_log_severity_string(args->severity),
                          " ", args->file, ":", args->line, ": ",
                          args->message));
}

// Process-wide, once; on the real clock (a test's fake clock may not
// outlive its server, and log volume is not domain time).
void LimitLibraryLogs() {
  static absl::once_flag once;
  absl::call_once(once, [] {
    ConfigureLogLimit(SystemClock(), 30);
    google::protobuf::SetLogHandler(ProtobufLog);
    gpr_set_log_function(GrpcLog);
  });
}

}  // namespace

void ApplyServerSettings(const ServerOptions& options,
                         grpc::ServerBuilder& builder) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options) {
  std::unique_ptr<Server> server(new Server());
  ASSIGN_OR_RETURN(server->stores_,
                   OpenStores(options.db_path, options.db_pool_size));
  storage::Stores& db = server->stores_;
  Clock& clock = options.clock ? *options.clock : SystemClock();
  server->clock_ = &clock;
  LimitLibraryLogs();
  ASSIGN_OR_RETURN(std::shared_ptr<const rules::RuleSet> rules,
                   rules::LoadRuleSet(options.rules_dir));
  ASSIGN_OR_RETURN(server->rules_, casework::RuleRegistry::Create(
                                       *db.rule_sets, rules, clock.Now()));
  server->authenticator_ = std::make_unique<auth::TokenAuthenticator>(
      *db.tokens, clock, db.settings);
  server->ids_ = std::make_unique<casework::IdGenerator>();
  server->engine_ = std::make_unique<casework::CaseEngine>(
      *db.cases, *db.tasks, *server->rules_, clock, *server->ids_,
      &server->bus_);
  if (!options.smtp.url.empty()) {
    ASSIGN_OR_RETURN(server->sender_, scheduler::SmtpReminderSender::Create(
                                          options.smtp, clock));
  }
  server->scheduler_ = std::make_unique<scheduler::Scheduler>(
      *db.alerts, server->sender_.get(), &server->bus_, options.scheduler);
  // The roles the current rules address: they give them tasks or notices.
  std::set<int> task_owners;
  for (const auto& rule : server->rules_->current().rules()) {
    if (!rule.task_title.empty()) task_owners.insert(rule.owner_role);
  }
  for (const auto& notice : server->rules_->current().notices()) {
    task_owners.insert(notice.to.begin(), notice.to.end());
  }
  server->alerts_ = std::make_unique<casework::AlertEngine>(
      *db.contacts, *db.alerts, server->bus_, clock, server->sender_ != nullptr,
      std::move(task_owners));
  server->views_ = std::make_unique<casework::ViewEngine>(
      *db.views, *db.cases, *db.tasks, clock, db.support);
  server->settings_ =
      std::make_unique<casework::SettingEngine>(*db.settings, clock);
  server->registers_ =
      std::make_unique<casework::RegisterViews>(*db.views, clock);
  server->support_ = std::make_unique<casework::SupportEngine>(
      *db.cases, *db.support, *server->engine_, clock, *server->ids_);
  server->audit_ = std::make_unique<casework::AuditLog>(*db.audit, clock);
  server->feed_ = std::make_unique<casework::EventFeed>(*db.feed, server->bus_,
                                                        options.feed);
  server->streams_ =
      std::make_unique<casework::StreamRegistry>(clock, options.streams);
  server->refusals_ =
      std::make_unique<casework::RefusalLedger>(*db.audit, clock);
  server->service_ =
      std::make_unique<casework::CaseServiceImpl>(casework::Engines{
          *server->authenticator_, *server->engine_, *server->alerts_,
          *server->views_, *server->settings_, *server->registers_,
          *server->audit_, *server->feed_, *server->streams_,
          *server->refusals_, *server->support_});

  // The services served, whose methods name the calls in metrics.
  const std::vector<std::string> services = {
      "sendcase.v1.CaseService", "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection"};
  // Naming a health message links its descriptor into the binary, so that
  // reflection can describe the health service too (and metrics name it).
  grpc::health::v1::HealthCheckRequest::descriptor();
  std::set<std::string> methods;
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            name);
    for (int i = 0; service != nullptr && i < service->method_count(); ++i) {
      methods.insert(absl::StrCat(name, "/", service->method(i)->name()));
    }
  }
  server->metrics_ = std::make_unique<ServerMetrics>(std::move(methods));
  {
    MetricSources sources;
    sources.store = db.stats;
    scheduler::Scheduler* sched = server->scheduler_.get();
    sources.deliveries = [sched] { return sched->delivery_counts(); };
    storage::AlertStore* alerts = db.alerts;
    sources.next_due = [alerts] { return alerts->NextDueTime(); };
    casework::StreamRegistry* streams = server->streams_.get();
    sources.open_streams = [streams] { return streams->open(); };
    casework::RuleRegistry* rules = server->rules_.get();
    sources.rule_set_version = [rules] { return rules->current().version(); };
    sources.clock = &clock;
    server->metrics_->SetSources(std::move(sources));
  }

  grpc::ServerBuilder builder;
  ApplyServerSettings(options, builder);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      observers;
  observers.push_back(std::make_unique<CallObserverFactory>(*server->metrics_));
  builder.experimental().SetInterceptorCreators(std::move(observers));
  if (!options.listen.empty()) {
    ASSIGN_OR_RETURN(auto credentials, ServerCredentials(options.tls));
    builder.AddListeningPort(options.listen, credentials, &server->port_);
  }
  builder.RegisterService(server->service_.get());
  // Reflection v1 beside the library's v1alpha, for tools that speak only v1.
  server->reflection_v1_ = std::make_unique<ReflectionV1Service>(services);
  builder.RegisterService(server->reflection_v1_.get());
  server->grpc_server_ = builder.BuildAndStart();
  if (server->grpc_server_ == nullptr ||
      (!options.listen.empty() && server->port_ == 0)) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen));
  }
  server->grpc_server_->GetHealthCheckService()->SetServingStatus(
      "sendcase.v1.CaseService", true);
  if (options.run_scheduler_thread) {
    server->scheduler_thread_ = std::make_unique<scheduler::SchedulerThread>(
        *server->scheduler_, *db.alerts, clock, server->bus_,
        options.scheduler.max_idle);
    // The event feed keeps `feed_retention`; older rows are compacted.
    storage::FeedStore* feed = db.feed;
    const auto retention = options.feed_retention;
    server->scheduler_thread_->SetHousekeeping([feed, retention](Instant now) {
      return feed->CompactFeed(now - retention).status();
    });
    server->scheduler_thread_->Start();
  }
  return server;
}

Server::~Server() {
  Shutdown();
  Wait();
}

absl::StatusOr<auth::Principal> Server::AuthenticateAndAudit(
    absl::string_view authorization, absl::string_view method,
    absl::string_view peer) {
  const absl::StatusOr<auth::Principal> principal =
      authenticator_->Authenticate(authorization);
  if (absl::IsUnauthenticated(principal.status())) {
    RETURN_IF_ERROR(refusals_->Refused(peer, method, "", principal.status()));
    return principal.status();
  }
  const google::protobuf::Empty request;
  RETURN_IF_ERROR(audit_->Record(principal.ok() ? &*principal : nullptr, method,
                                 request, nullptr, principal.status()));
  return principal;
}

absl::Status Server::AuditOnBehalfOf(const auth::Principal& who,
                                     absl::string_view method) {
  const google::protobuf::Empty request;
  return audit_->Record(&who, method, request, nullptr, absl::OkStatus());
}

std::shared_ptr<grpc::Channel> Server::InProcessChannel() {
  return grpc_server_->InProcessChannel(grpc::ChannelArguments());
}

void Server::Shutdown() {
  bus_.Shutdown();  // releases alert streams and the scheduler thread
  if (scheduler_thread_ != nullptr) scheduler_thread_->Stop();
  if (grpc_server_ == nullptr) return;
  grpc_server_->GetHealthCheckService()->SetServingStatus(false);
  // Open streams end UNAVAILABLE once the bus is shut down; let them say so
  // before the transports close, so that clients know to resume.
  if (streams_ != nullptr) streams_->AwaitAllClosed(absl::Seconds(5));
  // A monotonic grace deadline for calls in flight; not domain time.
  grpc_server_->Shutdown(gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC),
                                      gpr_time_from_seconds(5, GPR_TIMESPAN)));
  // The refusals counted this minute are written before the store closes.
  if (refusals_ != nullptr) refusals_->Flush(true).IgnoreError();
}

void Server::Wait() {
  if (grpc_server_ != nullptr) grpc_server_->Wait();
}

}  // namespace sendcase::server
