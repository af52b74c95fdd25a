// Hostile and malformed input through the real gRPC server: every rejection
// is INVALID_ARGUMENT and names the field; nothing is written; oversized
// requests are refused before they are parsed.
#include <grpcpp/grpcpp.h>

#include <functional>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;
using S = v1::CaseService::Stub;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class HostileInputTest : public ::testing::Test {
 public:  // the table's lambdas call the helpers
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = ":memory:";
    options.rules_dir = SENDCASE_RULES_DIR;
    options.clock = &clock_;
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::CaseService::NewStub(server_->InProcessChannel());
    token_ = *auth::IssueToken(*server_->stores().tokens, clock_, "admin",
                               "ADMIN", "*");
    v1::Pupil pupil;
    ASSERT_TRUE(stub_->CreatePupil(Ctx().get(), Pupil(), &pupil).ok());
    journey_ = pupil.current_journey();
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token_);
    return ctx;
  }

  static v1::CreatePupilRequest Pupil() {
    return testing::NewPupilRequest("B801200005001");
  }

  v1::RecordEventRequest Agency(const std::string& agency) {
    v1::RecordEventRequest r;
    r.set_journey(journey_);
    auto* d = r.mutable_event()->mutable_event_date();
    d->set_year(2026);
    d->set_month(11);
    d->set_day(2);
    r.mutable_event()->mutable_agency_involved()->set_agency(agency);
    return r;
  }

  template <typename Req, typename Resp>
  grpc::Status Call(grpc::Status (S::*rpc)(grpc::ClientContext*, const Req&,
                                           Resp*),
                    const Req& req) {
    Resp resp;
    return (stub_.get()->*rpc)(Ctx().get(), req, &resp);
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<S> stub_;
  std::string token_, journey_;
};

struct Hostile {
  std::string what;
  std::string field;  // the message must name it
  std::function<grpc::Status(HostileInputTest&)> call;
};

TEST_F(HostileInputTest, EveryRejectionNamesTheField) {
  auto pupil_with = [](std::function<void(v1::Pupil*)> change) {
    v1::CreatePupilRequest r = HostileInputTest::Pupil();
    r.mutable_pupil()->set_upn("P207000016049");
    change(r.mutable_pupil());
    return r;
  };
  const std::vector<Hostile> cases = {
      {"name too long", "pupil.given_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_given_name(std::string(101, 'a'));
         }));
       }},
      {"control character", "pupil.family_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_family_name("Love\x01lace");
         }));
       }},
      {"C1 control character (NEL)", "pupil.family_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_family_name("Love\xC2\x85lace");
         }));
       }},
      {"right-to-left override", "pupil.given_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_given_name(
               "Ada\xE2\x80\xAE"
               "ecal");
         }));
       }},
      {"bidirectional isolate", "pupil.family_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_family_name("\xE2\x81\xA6Lovelace");
         }));
       }},
      {"all-blank name", "pupil.given_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_given_name("   ");
         }));
       }},
      {"name of invisible spaces", "pupil.family_name",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_family_name("\xC2\xA0\xE2\x80\x8B\xE3\x80\x80");
         }));
       }},
      {"wrong UPN check letter", "pupil.upn",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_upn("A207000016049");
         }));
       }},
      {"URN with a letter", "pupil.setting_urn",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->set_setting_urn("10000a");
         }));
       }},
      {"unknown need code", "pupil.needs[0]",
       [&](auto& t) {
         return t.Call(&S::CreatePupil, pupil_with([](v1::Pupil* p) {
           p->add_needs(static_cast<v1::NeedType>(77));
         }));
       }},
      {"request id with a space", "request_id",
       [&](auto& t) {
         auto r = pupil_with([](v1::Pupil*) {});
         r.set_request_id("a b");
         return t.Call(&S::CreatePupil, r);
       }},
      {"path traversal in a name", "name",
       [&](auto& t) {
         v1::GetPupilRequest r;
         r.set_name("pupils/../../etc/passwd");
         return t.Call(&S::GetPupil, r);
       }},
      {"upper case id", "name",
       [&](auto& t) {
         v1::GetPupilRequest r;
         r.set_name("pupils/ABC");
         return t.Call(&S::GetPupil, r);
       }},
      {"id too long", "name",
       [&](auto& t) {
         v1::GetPupilRequest r;
         r.set_name("pupils/" + std::string(64, 'a'));
         return t.Call(&S::GetPupil, r);
       }},
      {"NUL in a name", "journey",
       [&](auto& t) {
         v1::RecordEventRequest r = t.Agency("EP");
         r.set_journey(std::string("pupils/a\0b/journeys/c", 21));
         return t.Call(&S::RecordEvent, r);
       }},
      {"negative page size", "page_size",
       [&](auto& t) {
         v1::ListPupilsRequest r;
         r.set_page_size(-1);
         return t.Call(&S::ListPupils, r);
       }},
      {"forged page token", "page_token",
       [&](auto& t) {
         v1::ListPupilsRequest r;
         r.set_page_token("cDF8OTk5OTk5OTk5OXxmb3JnZWQ");
         return t.Call(&S::ListPupils, r);
       }},
      {"huge free text", "event.agency_involved.agency",
       [&](auto& t) {
         return t.Call(&S::RecordEvent, t.Agency(std::string(10000, 'x')));
       }},
      {"month 13", "event.event_date",
       [&](auto& t) {
         v1::RecordEventRequest r = t.Agency("EP");
         r.mutable_event()->mutable_event_date()->set_month(13);
         return t.Call(&S::RecordEvent, r);
       }},
      {"header injection in an e-mail", "contact.email",
       [&](auto& t) {
         v1::CreateContactRequest r;
         r.mutable_contact()->set_role(v1::SENCO);
         r.mutable_contact()->set_scope("setting:100001");
         r.mutable_contact()->set_email("a@b.org\r\nBcc: all@evil.example");
         return t.Call(&S::CreateContact, r);
       }},
      {"short URN", "setting.urn",
       [&](auto& t) {
         v1::CreateSettingRequest r;
         r.mutable_setting()->set_urn("12345");
         return t.Call(&S::CreateSetting, r);
       }},
      {"officer with a space", "case_officer",
       [&](auto& t) {
         v1::AssignCaseOfficerRequest r;
         r.set_journey(t.journey_);
         r.set_case_officer("ann smith");
         return t.Call(&S::AssignCaseOfficer, r);
       }},
      {"review window of 1000 days", "within_days",
       [&](auto& t) {
         v1::ListReviewsDueRequest r;
         r.set_within_days(1000);
         return t.Call(&S::ListReviewsDue, r);
       }},
      {"update mask on an unknown field", "update_mask.paths[0]",
       [&](auto& t) {
         v1::UpdatePupilRequest r;
         r.mutable_pupil()->set_name(
             t.journey_.substr(0, t.journey_.find("/journeys/")));
         r.mutable_update_mask()->add_paths("adno");
         return t.Call(&S::UpdatePupil, r);
       }},
      {"audit subject too long", "subject",
       [&](auto& t) {
         v1::ListAuditRecordsRequest r;
         r.set_subject(std::string(129, 's'));
         return t.Call(&S::ListAuditRecords, r);
       }},
  };
  for (const Hostile& c : cases) {
    const grpc::Status status = c.call(*this);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.what << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.field)) << c.what;
  }
  // Nothing was written: still one pupil and no event.
  v1::ListPupilsResponse pupils;
  ASSERT_TRUE(stub_->ListPupils(Ctx().get(), {}, &pupils).ok());
  EXPECT_EQ(pupils.pupils_size(), 1);
  v1::ListJourneyEventsRequest events;
  events.set_journey(journey_);
  v1::ListJourneyEventsResponse listed;
  ASSERT_TRUE(stub_->ListJourneyEvents(Ctx().get(), events, &listed).ok());
  EXPECT_EQ(listed.events_size(), 0);
}

// Invalid UTF-8 in a string field never reaches a handler: protobuf refuses
// to parse the request and gRPC answers INTERNAL (a transport-level code we
// cannot change without replacing gRPC's codec). Nothing is written.
TEST_F(HostileInputTest, InvalidUtf8IsRefusedBeforeTheHandler) {
  v1::CreatePupilRequest r = Pupil();
  r.mutable_pupil()->set_upn("P207000016049");
  r.mutable_pupil()->set_given_name("Ad\xff\xfe");
  v1::Pupil out;
  EXPECT_EQ(stub_->CreatePupil(Ctx().get(), r, &out).error_code(),
            grpc::StatusCode::INTERNAL);
  v1::ListPupilsResponse pupils;
  ASSERT_TRUE(stub_->ListPupils(Ctx().get(), {}, &pupils).ok());
  EXPECT_EQ(pupils.pupils_size(), 1);
}

TEST_F(HostileInputTest, OversizedRequestsAreRefusedUnparsed) {
  v1::CreatePupilRequest r = Pupil();
  r.mutable_pupil()->set_given_name(std::string(2 << 20, 'a'));  // 2 MiB
  v1::Pupil out;
  EXPECT_EQ(stub_->CreatePupil(Ctx().get(), r, &out).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

}  // namespace
}  // namespace sendcase
