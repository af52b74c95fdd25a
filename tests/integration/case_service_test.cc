// RPC-level tests through a real gRPC server (in-process channel): auth,
// validation, transitions and their status codes, idempotency across a
// restart, health.
#include <grpcpp/grpcpp.h>

#include <map>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/server/server.h"
#include "services/storage/sqlite/database.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(":memory:"); }

  void Start(const std::string& db) {
    server_.reset();
    server::ServerOptions options;
    options.db_path = db;
    options.rules_dir = SENDCASE_RULES_DIR;
    options.clock = &clock_;
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::CaseService::NewStub(server_->InProcessChannel());
  }

  std::string Token(const std::string& role, const std::string& scope) {
    auto token = auth::IssueToken(*server_->stores().tokens, clock_,
                                  "user-" + role, role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return *token;
  }

  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
    return ctx;
  }

  v1::CreatePupilRequest PupilRequest(const std::string& upn,
                                      const std::string& urn) {
    return testing::NewPupilRequest(upn, urn);
  }

  v1::Pupil CreatePupil(const std::string& token, const std::string& upn,
                        const std::string& urn = "100001") {
    v1::Pupil pupil;
    auto status =
        stub_->CreatePupil(Ctx(token).get(), PupilRequest(upn, urn), &pupil);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return pupil;
  }

  v1::RecordEventRequest Event(const std::string& journey, int y, int m,
                               int d) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    req.mutable_event()->mutable_event_date()->set_year(y);
    req.mutable_event()->mutable_event_date()->set_month(m);
    req.mutable_event()->mutable_event_date()->set_day(d);
    return req;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
};

TEST_F(CaseServiceTest, NoOrUnknownTokenIsUnauthenticated) {
  v1::ListPupilsResponse response;
  EXPECT_EQ(stub_->ListPupils(Ctx("").get(), {}, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(
      stub_->ListPupils(Ctx("sc_forged").get(), {}, &response).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(CaseServiceTest, RoleAndScopeAreEnforced) {
  const std::string admin = Token("ADMIN", "*");
  const v1::Pupil pupil = CreatePupil(admin, "B801200005001", "100002");
  v1::Pupil out;
  v1::GetPupilRequest get;
  get.set_name(pupil.name());
  const std::string other_school = Token("SENCO", "setting:100001");
  EXPECT_EQ(stub_->GetPupil(Ctx(other_school).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const std::string own_school = Token("SENCO", "setting:100002");
  EXPECT_TRUE(stub_->GetPupil(Ctx(own_school).get(), get, &out).ok());
  const std::string teacher = Token("CLASS_TEACHER", "setting:100002");
  v1::Journey journey;
  auto req = Event(pupil.current_journey(), 2026, 11, 1);
  req.mutable_event()->mutable_concern_raised();
  EXPECT_EQ(stub_->RecordEvent(Ctx(teacher).get(), req, &journey).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CaseServiceTest, RecordEventStatusCodesOverTheWire) {
  const std::string admin = Token("ADMIN", "*");
  const v1::Pupil pupil = CreatePupil(admin, "B801200005001");
  v1::Journey journey;

  auto future = Event(pupil.current_journey(), 2026, 11, 26);
  future.mutable_event()->mutable_assessment_requested();
  auto status = stub_->RecordEvent(Ctx(admin).get(), future, &journey);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("event.event_date"));

  auto no_kind = Event(pupil.current_journey(), 2026, 11, 2);
  status = stub_->RecordEvent(Ctx(admin).get(), no_kind, &journey);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("event.kind"));

  auto missing = Event(pupil.name() + "/journeys/nope", 2026, 11, 2);
  missing.mutable_event()->mutable_assessment_requested();
  EXPECT_EQ(
      stub_->RecordEvent(Ctx(admin).get(), missing, &journey).error_code(),
      grpc::StatusCode::NOT_FOUND);

  auto illegal = Event(pupil.current_journey(), 2026, 11, 2);
  illegal.mutable_event()->mutable_plan_ceased();
  EXPECT_EQ(
      stub_->RecordEvent(Ctx(admin).get(), illegal, &journey).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);

  auto past = Event(pupil.current_journey(), 2026, 11, 2);
  past.mutable_event()->mutable_assessment_requested();
  ASSERT_TRUE(stub_->RecordEvent(Ctx(admin).get(), past, &journey).ok());
  EXPECT_EQ(journey.state(), v1::Journey::ASSESSMENT_REQUESTED);

  auto stale = Event(pupil.current_journey(), 2026, 11, 3);
  stale.mutable_event()->mutable_assessment_agreed();
  stale.set_etag("1");
  EXPECT_EQ(stub_->RecordEvent(Ctx(admin).get(), stale, &journey).error_code(),
            grpc::StatusCode::ABORTED);
}

// Every error carries a google.rpc.ErrorInfo whose reason a program can
// switch on: specific where the source knows more, the code's otherwise.
TEST_F(CaseServiceTest, EveryErrorCarriesAMachineReadableReason) {
  const std::string admin = Token("ADMIN", "*");
  const v1::Pupil pupil = CreatePupil(admin, "B801200005001");
  v1::Journey journey;
  using Meta = std::map<std::string, std::string>;
  auto reason = [](const grpc::Status& s) {
    const google::rpc::ErrorInfo info = testing::ErrorInfoOf(s);
    EXPECT_EQ(info.domain(), "sendcase.v1") << s.error_message();
    return std::pair(info.reason(),
                     Meta(info.metadata().begin(), info.metadata().end()));
  };

  auto future = Event(pupil.current_journey(), 2026, 11, 26);
  future.mutable_event()->mutable_assessment_requested();
  EXPECT_EQ(reason(stub_->RecordEvent(Ctx(admin).get(), future, &journey)),
            std::pair(std::string("FIELD_INVALID"),
                      Meta{{"field", "event.event_date"}}));

  auto missing = Event(pupil.name() + "/journeys/nope", 2026, 11, 2);
  missing.mutable_event()->mutable_assessment_requested();
  EXPECT_EQ(
      reason(stub_->RecordEvent(Ctx(admin).get(), missing, &journey)).first,
      "RESOURCE_NOT_FOUND");

  auto illegal = Event(pupil.current_journey(), 2026, 11, 2);
  illegal.mutable_event()->mutable_plan_ceased();
  EXPECT_EQ(reason(stub_->RecordEvent(Ctx(admin).get(), illegal, &journey)),
            std::pair(std::string("EVENT_NOT_ALLOWED"),
                      Meta{{"event", "plan_ceased"}, {"state", "CONCERN"}}));

  auto stale = Event(pupil.current_journey(), 2026, 11, 2);
  stale.mutable_event()->mutable_concern_raised();
  stale.set_etag("W/\"stale\"");
  EXPECT_EQ(reason(stub_->RecordEvent(Ctx(admin).get(), stale, &journey)),
            std::pair(std::string("ETAG_MISMATCH"),
                      Meta{{"resource", pupil.current_journey()}}));

  const std::string teacher = Token("CLASS_TEACHER", "setting:100002");
  v1::GetPupilRequest get;
  get.set_name(pupil.name());
  v1::Pupil out;
  EXPECT_EQ(
      reason(stub_->GetPupil(Ctx(teacher).get(), get, &out)),
      std::pair(std::string("OUT_OF_SCOPE"), Meta{{"resource", pupil.name()}}));
  EXPECT_EQ(reason(stub_->GetPupil(Ctx("").get(), get, &out)).first,
            "TOKEN_MISSING");
  EXPECT_EQ(reason(stub_->GetPupil(Ctx("nonsense").get(), get, &out)).first,
            "TOKEN_INVALID");
}

TEST_F(CaseServiceTest, RequestIdReplaysAfterRestart) {
  testing::TempDir dir;
  Start(dir.File("replay.db"));
  const std::string admin = Token("ADMIN", "*");
  auto create = PupilRequest("B801200005001", "100001");
  create.set_request_id("create-once");
  v1::Pupil first;
  ASSERT_TRUE(stub_->CreatePupil(Ctx(admin).get(), create, &first).ok());

  auto req = Event(first.current_journey(), 2026, 11, 2);
  req.mutable_event()->mutable_assessment_requested();
  req.set_request_id("event-once");
  v1::Journey journey;
  ASSERT_TRUE(stub_->RecordEvent(Ctx(admin).get(), req, &journey).ok());

  Start(dir.File("replay.db"));  // a restart on the same file
  v1::Pupil again;
  ASSERT_TRUE(stub_->CreatePupil(Ctx(admin).get(), create, &again).ok());
  EXPECT_EQ(again.name(), first.name());
  v1::Journey replayed;
  ASSERT_TRUE(stub_->RecordEvent(Ctx(admin).get(), req, &replayed).ok());
  EXPECT_EQ(replayed.SerializeAsString(), journey.SerializeAsString());

  v1::ListJourneyEventsRequest list;
  list.set_journey(first.current_journey());
  v1::ListJourneyEventsResponse events;
  ASSERT_TRUE(stub_->ListJourneyEvents(Ctx(admin).get(), list, &events).ok());
  EXPECT_EQ(events.events_size(), 1);
  v1::ListPupilsResponse pupils;
  ASSERT_TRUE(stub_->ListPupils(Ctx(admin).get(), {}, &pupils).ok());
  EXPECT_EQ(pupils.pupils_size(), 1);
}

TEST_F(CaseServiceTest, TrustScopeCoversTheSettingsOfTheTrust) {
  const std::string admin = Token("ADMIN", "*");
  const std::string officer = Token("LA_CASE_OFFICER", "la:201");
  v1::CreateSettingRequest req;
  auto* s = req.mutable_setting();
  s->set_urn("100001");
  s->set_display_name("Oak Primary");
  s->set_phase(v1::Setting::PRIMARY);
  s->set_local_authority_code("201");
  s->set_trust_id("T1");
  v1::Setting out;
  ASSERT_TRUE(stub_->CreateSetting(Ctx(officer).get(), req, &out).ok());
  EXPECT_EQ(out.name(), "settings/100001");
  EXPECT_EQ(stub_->CreateSetting(Ctx(officer).get(), req, &out).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  s->set_urn("100002");
  s->set_local_authority_code("202");  // not the officer's LA
  EXPECT_EQ(stub_->CreateSetting(Ctx(officer).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->CreateSetting(Ctx(admin).get(), req, &out).ok());
  s->set_urn("100003");
  s->set_trust_id("T2");
  ASSERT_TRUE(stub_->CreateSetting(Ctx(admin).get(), req, &out).ok());
  s->set_urn("12345");
  EXPECT_EQ(stub_->CreateSetting(Ctx(admin).get(), req, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  const v1::Pupil in_t1 = CreatePupil(admin, "B801200005001", "100001");
  const v1::Pupil also_t1 = CreatePupil(admin, "P207000016049", "100002");
  const v1::Pupil in_t2 = CreatePupil(admin, "X938612324001", "100003");
  const std::string trust = Token("TRUST", "trust:T1");
  v1::ListPupilsResponse pupils;
  ASSERT_TRUE(stub_->ListPupils(Ctx(trust).get(), {}, &pupils).ok());
  std::vector<std::string> names;
  for (const auto& p : pupils.pupils()) names.push_back(p.name());
  EXPECT_THAT(names,
              ::testing::UnorderedElementsAre(in_t1.name(), also_t1.name()));
  v1::GetPupilRequest get;
  get.set_name(in_t2.name());
  v1::Pupil pupil;
  EXPECT_EQ(stub_->GetPupil(Ctx(trust).get(), get, &pupil).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListSettingsResponse settings;
  ASSERT_TRUE(stub_->ListSettings(Ctx(trust).get(), {}, &settings).ok());
  EXPECT_EQ(settings.settings_size(), 2);
  ASSERT_TRUE(stub_->ListSettings(Ctx(officer).get(), {}, &settings).ok());
  ASSERT_EQ(settings.settings_size(), 1);
  EXPECT_EQ(settings.settings(0).urn(), "100001");
}

TEST_F(CaseServiceTest, HealthIsServing) {
  auto health = grpc::health::v1::Health::NewStub(server_->InProcessChannel());
  for (const char* service : {"", "sendcase.v1.CaseService"}) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&ctx, req, &resp).ok()) << service;
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

}  // namespace
}  // namespace sendcase

namespace sendcase {
namespace {

class AuditTrailTest : public CaseServiceTest {};

TEST_F(AuditTrailTest, EveryCallIsRecordedWithoutPersonalData) {
  const std::string admin = Token("ADMIN", "*");
  const std::string senco = Token("SENCO", "setting:100001");
  const v1::Pupil pupil = CreatePupil(senco, "B801200005001");
  v1::Pupil out;
  v1::GetPupilRequest get;
  get.set_name(pupil.name());
  ASSERT_TRUE(stub_->GetPupil(Ctx(senco).get(), get, &out).ok());
  const std::string foreign = Token("SENCO", "setting:100002");
  EXPECT_EQ(stub_->GetPupil(Ctx(foreign).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->GetPupil(Ctx("sc1.forged.x").get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  clock_.Advance(std::chrono::seconds(60));

  v1::ListAuditRecordsRequest req;
  req.set_resource(pupil.name());
  v1::ListAuditRecordsResponse trail;
  ASSERT_TRUE(stub_->ListAuditRecords(Ctx(admin).get(), req, &trail).ok());
  // Newest first: the forged call, the foreign one, the read, the create.
  ASSERT_EQ(trail.records_size(), 4);
  const auto& forged = trail.records(0);
  EXPECT_EQ(forged.method(), "GetPupil");
  EXPECT_EQ(forged.subject(), "");
  EXPECT_EQ(forged.outcome(), "UNAUTHENTICATED");
  EXPECT_EQ(trail.records(1).subject(), "user-SENCO");
  EXPECT_EQ(trail.records(1).scope(), "setting:100002");
  EXPECT_EQ(trail.records(1).outcome(), "PERMISSION_DENIED");
  EXPECT_EQ(trail.records(2).scope(), "setting:100001");
  EXPECT_EQ(trail.records(2).role(), "SENCO");
  EXPECT_EQ(trail.records(2).outcome(), "OK");
  const auto& created = trail.records(3);
  EXPECT_EQ(created.method(), "CreatePupil");
  EXPECT_EQ(created.resource(), pupil.name());  // from the response
  EXPECT_EQ(created.time().seconds(),
            std::chrono::duration_cast<std::chrono::seconds>(
                (clock_.Now() - std::chrono::seconds(60)).time_since_epoch())
                .count());
  for (const auto& r : trail.records()) {
    const std::string text = r.DebugString();
    for (const char* personal : {"Given", "Family", "B801200005001", "2015"}) {
      EXPECT_EQ(text.find(personal), std::string::npos) << text;
    }
  }

  // Only ADMIN reads the trail, and reading it is itself recorded.
  EXPECT_EQ(stub_->ListAuditRecords(Ctx(senco).get(), req, &trail).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListAuditRecordsRequest by_subject;
  by_subject.set_subject("user-ADMIN");
  ASSERT_TRUE(
      stub_->ListAuditRecords(Ctx(admin).get(), by_subject, &trail).ok());
  ASSERT_EQ(trail.records_size(), 1);  // the first read; this one follows
  EXPECT_EQ(trail.records(0).method(), "ListAuditRecords");
  EXPECT_EQ(trail.records(0).resource(), pupil.name());
  by_subject.set_page_size(1);
  ASSERT_TRUE(
      stub_->ListAuditRecords(Ctx(admin).get(), by_subject, &trail).ok());
  ASSERT_EQ(trail.records_size(), 1);
  EXPECT_EQ(trail.records(0).resource(), "");  // the by-subject read
  EXPECT_FALSE(trail.next_page_token().empty());
}

TEST_F(AuditTrailTest, TheTrailIsAppendOnly) {
  testing::TempDir dir;
  Start(dir.File("trail.db"));
  const std::string admin = Token("ADMIN", "*");
  v1::ListPupilsResponse pupils;
  ASSERT_TRUE(stub_->ListPupils(Ctx(admin).get(), {}, &pupils).ok());
  // The server's own file, through a connection of our own: the schema
  // itself refuses, whoever asks.
  auto db = storage::Database::Open(dir.File("trail.db"));
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_THAT((*db)->Exec("UPDATE audit_log SET outcome = 'OK'").message(),
              HasSubstr("append-only"));
  EXPECT_THAT((*db)->Exec("DELETE FROM audit_log").message(),
              HasSubstr("append-only"));
  server_.reset();  // before its folder goes
}

}  // namespace
}  // namespace sendcase
