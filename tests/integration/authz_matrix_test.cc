// The access policy, pinned: every RPC × every role × the caller's own scope
// and a foreign one, through the real gRPC server. The expected roles per
// method are written out here independently of services/auth/authorizer.cc,
// so a change to the policy must change this table too.
//
// A small world: setting 100001 (LA 201, trust "oak") with pupil P on SEN
// support (a review task), Q with a plan issued this year, R with an open
// EHC needs assessment; setting 200001 (LA 202, trust "elm") with nobody.
// Expectations:
//   role not allowed        -> PERMISSION_DENIED, whatever the scope;
//   allowed, own scope      -> OK, and a list shows the world's records;
//   allowed, foreign scope  -> PERMISSION_DENIED for a named resource, OK
//                              with none of the world's records for a list
//                              (not even as a count).
#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "rules/loader.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/common/upn.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"

namespace sendcase {
namespace {

using grpc::StatusCode;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

struct Role {
  std::string role, own, foreign;  // foreign "" = none (ADMIN)
};
const Role kRoles[] = {
    {"ADMIN", "*", ""},
    {"SENCO", "setting:100001", "setting:200001"},
    {"CLASS_TEACHER", "setting:100001", "setting:200001"},
    {"HEADTEACHER", "setting:100001", "setting:200001"},
    {"LA_CASE_OFFICER", "la:201", "la:202"},
    {"EDUCATIONAL_PSYCHOLOGIST", "setting:100001", "setting:200001"},
    {"HEALTH", "setting:100001", "setting:200001"},
    {"SOCIAL_CARE", "setting:100001", "setting:200001"},
    {"PARENT", "setting:100001", "setting:200001"},
    {"TRUST", "trust:oak", "trust:elm"},
};

// What a method touches: one named resource, a list filtered to the scope,
// or nothing scoped (a stream, a candidate rule set, the audit trail).
enum class Kind { kResource, kList, kUnscoped };

struct Outcome {
  grpc::Status status;
  int visible = -1;  // lists: how many of the world's records it showed
};

struct Case {
  std::string method;
  Kind kind;
  std::set<std::string> roles;  // besides ADMIN
  // Calls the method as `token`, whose scope string is `scope`.
  std::function<Outcome(const std::string& token, const std::string& scope)>
      call;
};

const std::set<std::string> kReaders = {"SENCO",
                                        "CLASS_TEACHER",
                                        "HEADTEACHER",
                                        "LA_CASE_OFFICER",
                                        "EDUCATIONAL_PSYCHOLOGIST",
                                        "HEALTH",
                                        "SOCIAL_CARE",
                                        "TRUST"};
const std::set<std::string> kWriters = {"SENCO", "HEADTEACHER",
                                        "LA_CASE_OFFICER"};

class AuthzMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = ":memory:";
    options.rules_dir = SENDCASE_RULES_DIR;
    options.clock = &clock_;
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::CaseService::NewStub(server_->InProcessChannel());
    admin_ = Token("ADMIN", "*");
    for (auto [urn, la, trust] : {std::tuple{"100001", "201", "oak"},
                                  std::tuple{"200001", "202", "elm"}}) {
      v1::CreateSettingRequest s;
      s.mutable_setting()->set_urn(urn);
      s.mutable_setting()->set_display_name("School");
      s.mutable_setting()->set_phase(v1::Setting::PRIMARY);
      s.mutable_setting()->set_local_authority_code(la);
      s.mutable_setting()->set_trust_id(trust);
      v1::Setting out;
      ASSERT_TRUE(stub_->CreateSetting(Ctx(admin_).get(), s, &out).ok());
    }
    p_ = NewPupil(admin_);
    Record(p_.current_journey(), "sen_support_started");
    q_ = NewPupil(admin_);
    for (const char* e :
         {"assessment_requested 2026-01-05", "assessment_agreed 2026-02-02",
          "draft_plan_issued 2026-04-20", "final_plan_issued 2026-05-18"}) {
      Record(q_.current_journey(), e);
    }
    r_ = NewPupil(admin_);
    Record(r_.current_journey(), "assessment_requested 2026-10-05");
    v1::ListTasksRequest tasks;
    tasks.set_parent(p_.current_journey());
    v1::ListTasksResponse found;
    ASSERT_TRUE(stub_->ListTasks(Ctx(admin_).get(), tasks, &found).ok());
    ASSERT_EQ(found.tasks_size(), 1);
    task_ = found.tasks(0).name();
    auto source = rules::LoadRuleSource(SENDCASE_RULES_DIR);
    ASSERT_TRUE(source.ok());
    rules_ = source->merged;
  }

  std::string Token(const std::string& role, const std::string& scope) {
    auto token = auth::IssueToken(server_->store(), clock_,
                                  absl::StrCat("u-", role), role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return *token;
  }
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token);
    return ctx;
  }
  v1::CreatePupilRequest PupilRequest() {
    const std::string digits = absl::StrFormat("20100012%04d", ++upns_ % 10000);
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(absl::StrCat(std::string(1, UpnCheckLetter(digits)), digits));
    p->set_given_name("Given");
    p->set_family_name("Family");
    *p->mutable_birth_date() = google::type::Date();
    p->mutable_birth_date()->set_year(2015);
    p->mutable_birth_date()->set_month(6);
    p->mutable_birth_date()->set_day(1);
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    return req;
  }
  v1::Pupil NewPupil(const std::string& token) {
    v1::Pupil pupil;
    auto status = stub_->CreatePupil(Ctx(token).get(), PupilRequest(), &pupil);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return pupil;
  }
  // "kind [YYYY-MM-DD]"; SEN support gets a review date next month.
  v1::RecordEventRequest EventRequest(const std::string& journey,
                                      const std::string& spec) {
    const std::string kind = spec.substr(0, spec.find(' '));
    const std::string day = spec.find(' ') == std::string::npos
                                ? "2026-11-25"
                                : spec.substr(spec.find(' ') + 1);
    v1::RecordEventRequest r;
    r.set_journey(journey);
    auto* date = r.mutable_event()->mutable_event_date();
    date->set_year(std::stoi(day.substr(0, 4)));
    date->set_month(std::stoi(day.substr(5, 2)));
    date->set_day(std::stoi(day.substr(8, 2)));
    auto* field = v1::JourneyEvent::descriptor()->FindFieldByName(kind);
    r.mutable_event()->GetReflection()->MutableMessage(r.mutable_event(),
                                                       field);
    if (kind == "sen_support_started") {
      auto* review = r.mutable_event()
                         ->mutable_sen_support_started()
                         ->mutable_review_date();
      review->set_year(2026);
      review->set_month(12);
      review->set_day(20);
    }
    return r;
  }
  void Record(const std::string& journey, const std::string& spec) {
    v1::Journey out;
    auto status = stub_->RecordEvent(Ctx(admin_).get(),
                                     EventRequest(journey, spec), &out);
    EXPECT_TRUE(status.ok()) << spec << ": " << status.error_message();
  }

  // Runs a unary call; `count` says how many of the world's records the
  // response shows (unused for resources).
  template <typename Req, typename Resp>
  Outcome Unary(grpc::Status (v1::CaseService::Stub::*rpc)(grpc::ClientContext*,
                                                           const Req&, Resp*),
                const std::string& token, const Req& req,
                std::function<int(const Resp&)> count = nullptr) {
    Resp resp;
    Outcome o;
    o.status = (stub_.get()->*rpc)(Ctx(token).get(), req, &resp);
    if (o.status.ok() && count) o.visible = count(resp);
    return o;
  }

  bool Ours(const std::string& name) const {
    for (const auto* p : {&p_, &q_, &r_}) {
      if (name.rfind(p->name(), 0) == 0) return true;
    }
    return false;
  }

  std::vector<Case> Cases();

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string admin_, task_;
  v1::Pupil p_, q_, r_;
  sendcase::rules::v1::RuleFile rules_;
  int upns_ = 0;
  int settings_ = 0;
  int contacts_ = 0;
};

using S = v1::CaseService::Stub;

std::vector<Case> AuthzMatrixTest::Cases() {
  auto count_pupils = [this](const auto& items) {
    int n = 0;
    for (const auto& item : items) n += Ours(item.name()) ? 1 : 0;
    return n;
  };
  return {
      {"CreatePupil", Kind::kResource, kWriters,
       [this](auto t, auto) {
         return Unary(&S::CreatePupil, t, PupilRequest());
       }},
      {"GetPupil", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::GetPupilRequest r;
         r.set_name(p_.name());
         return Unary(&S::GetPupil, t, r);
       }},
      {"ListPupils", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListPupilsRequest, v1::ListPupilsResponse>(
             &S::ListPupils, t, {},
             [&](const auto& r) { return count_pupils(r.pupils()); });
       }},
      {"UpdatePupil", Kind::kResource, kWriters,
       [this](auto t, auto) {
         v1::UpdatePupilRequest r;
         r.mutable_pupil()->set_name(p_.name());
         r.mutable_pupil()->set_given_name("Changed");
         r.mutable_update_mask()->add_paths("given_name");
         return Unary(&S::UpdatePupil, t, r);
       }},
      {"GetJourney", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::GetJourneyRequest r;
         r.set_name(p_.current_journey());
         return Unary(&S::GetJourney, t, r);
       }},
      {"ListJourneys", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListJourneysRequest, v1::ListJourneysResponse>(
             &S::ListJourneys, t, {},
             [&](const auto& r) { return count_pupils(r.journeys()); });
       }},
      {"RecordEvent", Kind::kResource, kWriters,
       [this](auto t, auto) {
         return Unary(&S::RecordEvent, t,
                      EventRequest(p_.current_journey(), "concern_raised"));
       }},
      {"AssignCaseOfficer",
       Kind::kResource,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::AssignCaseOfficerRequest r;
         r.set_journey(r_.current_journey());
         r.set_case_officer("ann");
         return Unary(&S::AssignCaseOfficer, t, r);
       }},
      {"ListJourneyEvents", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::ListJourneyEventsRequest r;
         r.set_journey(q_.current_journey());
         return Unary(&S::ListJourneyEvents, t, r);
       }},
      {"ListTasks", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListTasksRequest, v1::ListTasksResponse>(
             &S::ListTasks, t, {},
             [&](const auto& r) { return count_pupils(r.tasks()); });
       }},
      {"CompleteTask", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::CompleteTaskRequest r;
         r.set_name(task_);
         return Unary(&S::CompleteTask, t, r);
       }},
      {"PreviewRules",
       Kind::kUnscoped,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::PreviewRulesRequest r;
         *r.mutable_rule_set() = rules_;
         return Unary(&S::PreviewRules, t, r);
       }},
      {"CreateContact", Kind::kResource, kWriters,
       [this](auto t, auto scope) {
         v1::CreateContactRequest r;
         r.mutable_contact()->set_role(v1::SENCO);
         // The world's scope for this role: foreign callers must be refused.
         r.mutable_contact()->set_scope(scope);
         r.mutable_contact()->set_email(
             absl::StrCat("c", ++contacts_, "@example.org"));
         return Unary(&S::CreateContact, t, r);
       }},
      {"ListContacts", Kind::kList, kWriters,
       [this](auto t, auto scope) {
         // A contact in the world's scope for the role, made by ADMIN.
         v1::CreateContactRequest c;
         c.mutable_contact()->set_role(v1::SENCO);
         c.mutable_contact()->set_scope(scope);
         c.mutable_contact()->set_email("listed@example.org");
         v1::Contact out;
         grpc::Status made = stub_->CreateContact(Ctx(admin_).get(), c, &out);
         EXPECT_TRUE(made.ok() ||
                     made.error_code() == StatusCode::ALREADY_EXISTS);
         return Unary<v1::ListContactsRequest, v1::ListContactsResponse>(
             &S::ListContacts, t, {}, [scope](const auto& r) {
               int n = 0;
               for (const auto& c : r.contacts()) n += c.scope() == scope;
               return n;
             });
       }},
      {"DeleteContact", Kind::kResource, kWriters,
       [this](auto t, auto scope) {
         v1::CreateContactRequest c;
         c.mutable_contact()->set_role(v1::HEADTEACHER);
         c.mutable_contact()->set_scope(scope);
         c.mutable_contact()->set_email(
             absl::StrCat("d", ++contacts_, "@example.org"));
         v1::Contact out;
         EXPECT_TRUE(stub_->CreateContact(Ctx(admin_).get(), c, &out).ok());
         v1::DeleteContactRequest r;
         *r.mutable_contact() = c.contact();
         return Unary(&S::DeleteContact, t, r);
       }},
      {"ListAssessments", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListAssessmentsRequest, v1::ListAssessmentsResponse>(
             &S::ListAssessments, t, {}, [&](const auto& r) {
               int n = 0;
               for (const auto& a : r.assessments()) n += Ours(a.pupil());
               return n;
             });
       }},
      {"GetTimelinessReport",
       Kind::kList,
       {"LA_CASE_OFFICER", "HEADTEACHER", "SENCO", "TRUST"},
       [this](auto t, auto) {
         v1::GetTimelinessReportRequest r;
         r.set_year(2026);
         return Unary<v1::GetTimelinessReportRequest, v1::TimelinessReport>(
             &S::GetTimelinessReport, t, r,
             [](const auto& report) { return report.plans_issued(); });
       }},
      {"GetChronology", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::GetChronologyRequest r;
         r.set_pupil(q_.name());
         return Unary(&S::GetChronology, t, r);
       }},
      {"CreateSetting",
       Kind::kResource,
       {"LA_CASE_OFFICER", "TRUST"},
       [this](auto t, auto) {
         v1::CreateSettingRequest r;
         r.mutable_setting()->set_urn(absl::StrFormat("3%05d", ++settings_));
         r.mutable_setting()->set_display_name("New School");
         r.mutable_setting()->set_phase(v1::Setting::SECONDARY);
         r.mutable_setting()->set_local_authority_code("201");
         r.mutable_setting()->set_trust_id("oak");
         return Unary(&S::CreateSetting, t, r);
       }},
      {"ListSettings", Kind::kList, kReaders,
       [this](auto t, auto) {
         return Unary<v1::ListSettingsRequest, v1::ListSettingsResponse>(
             &S::ListSettings, t, {}, [](const auto& r) {
               int n = 0;
               for (const auto& s : r.settings()) n += s.urn() == "100001";
               return n;
             });
       }},
      {"ListSenRegister", Kind::kList, kReaders,
       [this](auto t, auto) {
         v1::ListSenRegisterRequest r;
         r.set_parent("settings/100001");
         return Unary<v1::ListSenRegisterRequest, v1::ListSenRegisterResponse>(
             &S::ListSenRegister, t, r,
             [&](const auto& resp) { return resp.entries_size(); });
       }},
      {"ListReviewsDue", Kind::kList, kReaders,
       [this](auto t, auto) {
         v1::ListReviewsDueRequest r;
         r.set_within_days(366);
         return Unary<v1::ListReviewsDueRequest, v1::ListReviewsDueResponse>(
             &S::ListReviewsDue, t, r,
             [](const auto& resp) { return resp.reviews_size(); });
       }},
      {"ListCaseloads",
       Kind::kList,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         return Unary<v1::ListCaseloadsRequest, v1::ListCaseloadsResponse>(
             &S::ListCaseloads, t, {}, [](const auto& resp) {
               int n = 0;
               for (const auto& c : resp.caseloads()) {
                 n += c.open_assessments() + c.ehc_plans();
               }
               return n;
             });
       }},
      {"ListSettingSummaries",
       Kind::kList,
       {"LA_CASE_OFFICER", "HEADTEACHER", "SENCO", "TRUST"},
       [this](auto t, auto) {
         return Unary<v1::ListSettingSummariesRequest,
                      v1::ListSettingSummariesResponse>(
             &S::ListSettingSummaries, t, {}, [](const auto& resp) {
               int n = 0;
               for (const auto& s : resp.summaries()) n += s.pupils();
               return n;
             });
       }},
      {"ListAuditRecords",
       Kind::kUnscoped,
       {},
       [this](auto t, auto) {
         return Unary(&S::ListAuditRecords, t, v1::ListAuditRecordsRequest());
       }},
      {"WatchAlerts", Kind::kUnscoped, kReaders,
       [this](auto t, auto) {
         // A watch stays open: a short deadline ends an allowed one.
         auto ctx = Ctx(t);
         ctx->set_deadline(gpr_time_from_millis(100, GPR_TIMESPAN));
         auto reader = stub_->WatchAlerts(ctx.get(), {});
         v1::Alert alert;
         while (reader->Read(&alert)) {
         }
         Outcome o;
         o.status = reader->Finish();
         if (o.status.error_code() == StatusCode::DEADLINE_EXCEEDED) {
           o.status = grpc::Status::OK;  // it was serving
         }
         return o;
       }},
  };
}

TEST_F(AuthzMatrixTest, EveryMethodEveryRoleOwnAndForeignScope) {
  const std::vector<Case> cases = Cases();
  // Every RPC of the service has a row.
  const auto* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          "sendcase.v1.CaseService");
  ASSERT_NE(service, nullptr);
  ASSERT_EQ(static_cast<int>(cases.size()), service->method_count());
  for (const Case& c : cases) {
    ASSERT_NE(service->FindMethodByName(c.method), nullptr) << c.method;
  }
  int checked = 0;
  for (const Role& role : kRoles) {
    for (bool own : {true, false}) {
      const std::string scope = own ? role.own : role.foreign;
      if (scope.empty()) continue;
      const std::string token = Token(role.role, scope);
      for (const Case& c : cases) {
        SCOPED_TRACE(absl::StrCat(c.method, " as ", role.role, " ", scope));
        // The contact cases name the world's scope for the role.
        const Outcome o = c.call(token, role.own);
        ++checked;
        const bool allowed = role.role == "ADMIN" || c.roles.count(role.role);
        if (!allowed) {
          EXPECT_EQ(o.status.error_code(), StatusCode::PERMISSION_DENIED)
              << o.status.error_message();
          continue;
        }
        // A register of a named setting refuses a setting or trust scope
        // that does not cover it; an LA scope gets its own pupils there.
        const bool named_setting =
            c.method == "ListSenRegister" && role.role != "LA_CASE_OFFICER";
        if (own || c.kind == Kind::kUnscoped) {
          EXPECT_TRUE(o.status.ok()) << o.status.error_message();
          if (c.kind == Kind::kList) {
            EXPECT_GT(o.visible, 0);
          }
        } else if (c.kind == Kind::kResource || named_setting) {
          EXPECT_EQ(o.status.error_code(), StatusCode::PERMISSION_DENIED)
              << o.status.error_message();
        } else {
          EXPECT_TRUE(o.status.ok()) << o.status.error_message();
          EXPECT_EQ(o.visible, 0)
              << "a foreign list leaked the world's records";
        }
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(cases.size()) * 19);

  // Every one of those calls, allowed or refused, left one audit record.
  for (const Role& role : kRoles) {
    if (role.role == "ADMIN") continue;  // setup calls share its subject
    auto trail = server_->store().ListAudit({absl::StrCat("u-", role.role), ""},
                                            storage::PageRequest{0, 1000});
    ASSERT_TRUE(trail.ok()) << trail.status();
    EXPECT_EQ(trail->items.size(), 2 * cases.size()) << role.role;
  }
}

}  // namespace
}  // namespace sendcase
