#ifndef SENDCASE_TESTS_INTEGRATION_AUTHZ_WORLD_H_
#define SENDCASE_TESTS_INTEGRATION_AUTHZ_WORLD_H_

// The access policy, pinned: every RPC × every role × the caller's own scope
// and a foreign one, through the real gRPC server. The expected roles per
// method are written out here independently of services/auth/authorizer.cc,
// so a change to the policy must change this table too.
//
// A small world: setting 100001 (an early-years setting of LA 201, trust
// "oak") with pupil P on SEN support (a review task), Q with a plan issued
// this year, R with an open EHC needs assessment; setting 200001 (a primary
// school of LA 202, trust "elm") with nobody.
// Expectations:
//   role not allowed        -> PERMISSION_DENIED, whatever the scope;
//   allowed, own scope      -> OK, and a list shows the world's records;
//   allowed, foreign scope  -> PERMISSION_DENIED for a named resource, OK
//                              with none of the world's records for a list
//                              (not even as a count).
//
// This header holds the world and the expected roles; authz_cases.cc the
// call for each method; authz_matrix_test.cc the walk over them.

#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
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
#include "tests/testing/requests.h"

namespace sendcase::authz_test {

using grpc::StatusCode;

inline Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / m / d);
}

using grpc::StatusCode;

struct Role {
  std::string role, own, foreign;  // foreign "" = none (ADMIN)
};
inline const Role kRoles[] = {
    {"ADMIN", "*", ""},
    {"SENCO", "setting:100001", "setting:200001"},
    {"CLASS_TEACHER", "setting:100001", "setting:200001"},
    {"HEADTEACHER", "setting:100001", "setting:200001"},
    {"LA_CASE_OFFICER", "la:201", "la:202"},
    {"EDUCATIONAL_PSYCHOLOGIST", "setting:100001", "setting:200001"},
    {"HEALTH", "setting:100001", "setting:200001"},
    {"SOCIAL_CARE", "setting:100001", "setting:200001"},
    // A family's scope is one child: P's, or Q's as the foreign one (the
    // fixture's Token() puts their ids in).
    {"PARENT", "pupil:P", "pupil:Q"},
    {"TRUST", "trust:oak", "trust:elm"},
    // 100001 is an early-years setting of LA 201 (200001 is a school).
    {"AREA_SENCO", "la:201", "la:202"},
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

inline const std::set<std::string> kReaders = {"SENCO",
                                               "CLASS_TEACHER",
                                               "HEADTEACHER",
                                               "LA_CASE_OFFICER",
                                               "EDUCATIONAL_PSYCHOLOGIST",
                                               "HEALTH",
                                               "SOCIAL_CARE",
                                               "TRUST",
                                               "AREA_SENCO"};
inline const std::set<std::string> kWriters = {"SENCO", "HEADTEACHER",
                                               "LA_CASE_OFFICER"};
inline const std::set<std::string> kSchoolStaff = {"SENCO", "CLASS_TEACHER",
                                                   "HEADTEACHER"};
inline const std::set<std::string> kPlanReaders = {
    "SENCO", "CLASS_TEACHER", "HEADTEACHER", "LA_CASE_OFFICER", "AREA_SENCO"};
inline const std::set<std::string> kSettingReaders = {
    "SENCO", "CLASS_TEACHER", "HEADTEACHER", "TRUST", "AREA_SENCO"};
inline std::set<std::string> WithParent(std::set<std::string> roles) {
  roles.insert("PARENT");
  return roles;
}

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
    for (auto [urn, la, trust, phase] :
         {std::tuple{"100001", "201", "oak", v1::Setting::EARLY_YEARS},
          std::tuple{"200001", "202", "elm", v1::Setting::PRIMARY}}) {
      v1::CreateSettingRequest s;
      s.mutable_setting()->set_urn(urn);
      s.mutable_setting()->set_display_name("School");
      s.mutable_setting()->set_phase(phase);
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
    // The graduated approach: an intervention of 100001 and P's place on
    // it (the support cases make fresh pupils where a call changes state).
    v1::Intervention intervention;
    ASSERT_TRUE(stub_
                    ->CreateIntervention(Ctx(admin_).get(),
                                         testing::InterventionRequest(),
                                         &intervention)
                    .ok());
    intervention_ = intervention.name();
    place_ = PlaceOn(p_.name()).name();
    auto source = rules::LoadRuleSource(SENDCASE_RULES_DIR);
    ASSERT_TRUE(source.ok());
    rules_ = source->merged;
  }

  std::string Token(const std::string& role, std::string scope) {
    if (scope == "pupil:P" || scope == "pupil:Q") {
      const v1::Pupil& pupil = scope == "pupil:P" ? p_ : q_;
      scope =
          absl::StrCat("pupil:", pupil.name().substr(sizeof("pupils/") - 1));
    }
    auto token = auth::IssueToken(*server_->stores().tokens, clock_,
                                  absl::StrCat("u-", role), role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    role_of_[*token] = role;
    return *token;
  }
  // The Role of a token from Token(); `otherwise` for ADMIN.
  v1::Role RoleOf(const std::string& token, v1::Role otherwise) const {
    v1::Role role = otherwise;
    v1::Role_Parse(role_of_.at(token), &role);
    return role;
  }
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token);
    return ctx;
  }
  v1::CreatePupilRequest PupilRequest() {
    const std::string digits = absl::StrFormat("20100012%04d", ++upns_ % 10000);
    return testing::NewPupilRequest(
        absl::StrCat(std::string(1, UpnCheckLetter(digits)), digits));
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

  // A place on the world's intervention, made by ADMIN.
  v1::InterventionPlace PlaceOn(const std::string& pupil) {
    v1::CreateInterventionPlaceRequest r;
    r.set_parent(pupil);
    r.mutable_place()->set_intervention(intervention_);
    *r.mutable_place()->mutable_start_date() = testing::ProtoDate(2026, 11, 2);
    r.mutable_place()->set_planned_sessions(30);
    v1::InterventionPlace out;
    auto status = stub_->CreateInterventionPlace(Ctx(admin_).get(), r, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }
  // A new pupil of 100001 with a draft support plan (cycle 1), agreed on
  // 2026-11-20 when `agreed`; made by ADMIN. Returns the plan's name.
  std::string FreshPlan(bool agreed) {
    v1::SupportPlan plan;
    auto status = stub_->CreateSupportPlan(
        Ctx(admin_).get(), testing::DraftPlanRequest(NewPupil(admin_).name()),
        &plan);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (agreed) {
      v1::AgreeSupportPlanRequest r;
      r.set_name(plan.name());
      *r.mutable_meeting() = testing::Meeting(testing::ProtoDate(2026, 11, 20));
      status = stub_->AgreeSupportPlan(Ctx(admin_).get(), r, &plan);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return plan.name();
  }

  // A referral of a new pupil on SEN support (an agreed plan), by ADMIN.
  std::string FreshReferral() {
    const std::string plan = FreshPlan(true);
    v1::AgencyReferral out;
    auto status = stub_->CreateAgencyReferral(
        Ctx(admin_).get(),
        testing::ReferralRequest(plan.substr(0, plan.find("/supportPlans")),
                                 testing::ProtoDate(2026, 11, 23)),
        &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  bool Ours(const std::string& name) const {
    for (const auto* p : {&p_, &q_, &r_}) {
      if (name.rfind(p->name(), 0) == 0) return true;
    }
    return false;
  }

  std::vector<Case> Cases();
  std::vector<Case> SupportCases();  // authz_support_cases.cc

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string admin_, task_, intervention_, place_;
  v1::Pupil p_, q_, r_;
  sendcase::rules::v1::RuleFile rules_;
  int upns_ = 0;
  int settings_ = 0;
  int contacts_ = 0;
  std::map<std::string, std::string> role_of_;  // token -> role name
};

}  // namespace sendcase::authz_test

#endif  // SENDCASE_TESTS_INTEGRATION_AUTHZ_WORLD_H_
