// The authorisation matrix: every RPC × role × own/foreign scope, through
// the real gRPC server (the world and expectations: authz_world.h).
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "tests/integration/authz_world.h"

namespace sendcase::authz_test {
namespace {

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
        // The contact cases name the world's scope for the role (a
        // family's child holds no contacts: its school's, then).
        const Outcome o = c.call(token, absl::StartsWith(role.own, "pupil:")
                                            ? "setting:100001"
                                            : role.own);
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
  EXPECT_EQ(checked, static_cast<int>(cases.size()) * 21);

  // Every one of those calls, allowed or refused, left one audit record.
  for (const Role& role : kRoles) {
    if (role.role == "ADMIN") continue;  // setup calls share its subject
    auto trail = server_->stores().audit->ListAudit(
        {absl::StrCat("u-", role.role), ""}, storage::PageRequest{0, 1000});
    ASSERT_TRUE(trail.ok()) << trail.status();
    EXPECT_EQ(trail->items.size(), 2 * cases.size()) << role.role;
  }
}

// Who may record which event kind, written out here independently of
// services/auth/record_policy.cc: every kind × every role, own scope. A role
// the table allows is never PERMISSION_DENIED (the event may still be
// refused for its state or fields); every other role is, before anything
// else is looked at.
TEST_F(AuthzMatrixTest, EveryEventKindEveryRole) {
  const std::set<std::string> school = {"SENCO", "HEADTEACHER"};
  const std::set<std::string> la = {"LA_CASE_OFFICER"};
  const std::set<std::string> both = {"SENCO", "HEADTEACHER",
                                      "LA_CASE_OFFICER"};
  const std::map<std::string, std::set<std::string>> recorders = {
      {"concern_raised", both},
      {"sen_support_started", school},
      {"support_reviewed", school},
      {"agency_involved", school},
      {"agency_responded", school},
      {"assessment_requested", both},
      {"assessment_agreed", la},
      {"assessment_refused", la},
      {"advice_requested", la},
      {"advice_received", la},
      {"draft_plan_issued", la},
      {"final_plan_issued", la},
      {"plan_not_issued", la},
      {"review_meeting_scheduled", both},
      {"review_invitations_sent", both},
      {"review_advice_circulated", both},
      {"annual_review_held", both},
      {"review_report_sent", both},
      {"review_decision", la},
      {"amendment_notice_issued", la},
      {"amended_plan_issued", la},
      {"phase_transfer_planned", la},
      {"mediation_certificate_issued", la},
      {"cease_proposed", la},
      {"plan_ceased", la},
      {"exception_recorded", la},
  };
  const auto* oneof = v1::JourneyEvent::descriptor()->FindOneofByName("kind");
  ASSERT_EQ(static_cast<int>(recorders.size()), oneof->field_count())
      << "every event kind needs a row here";
  int denied = 0;
  for (const Role& role : kRoles) {
    const std::string token = Token(role.role, role.own);
    for (const auto& [kind, roles] : recorders) {
      SCOPED_TRACE(absl::StrCat(kind, " as ", role.role));
      v1::Journey out;
      const grpc::Status status = stub_->RecordEvent(
          Ctx(token).get(), EventRequest(p_.current_journey(), kind), &out);
      const bool allowed = role.role == "ADMIN" || roles.count(role.role);
      if (allowed) {
        EXPECT_NE(status.error_code(), StatusCode::PERMISSION_DENIED)
            << status.error_message();
      } else {
        ++denied;
        EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED);
        // Roles that may not call RecordEvent at all are told so first.
        EXPECT_THAT(status.error_message(),
                    ::testing::HasSubstr(
                        both.count(role.role)
                            ? absl::StrCat("may not record ", kind)
                            : std::string("may not call RecordEvent")));
      }
    }
  }
  EXPECT_GT(denied, 100);
}

// A task is completed by its owner role or ADMIN: a trust's read-only token,
// an LA officer or an Area SENCO may see P's SEN support review task but not
// complete it.
TEST_F(AuthzMatrixTest, OnlyTheOwnerRoleCompletesATask) {
  v1::CompleteTaskRequest r;
  r.set_name(task_);
  v1::Task out;
  for (const auto& [role, scope] :
       {std::pair{"TRUST", "trust:oak"}, std::pair{"LA_CASE_OFFICER", "la:201"},
        std::pair{"HEADTEACHER", "setting:100001"},
        std::pair{"AREA_SENCO", "la:201"}}) {
    const grpc::Status status =
        stub_->CompleteTask(Ctx(Token(role, scope)).get(), r, &out);
    EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED) << role;
    EXPECT_THAT(status.error_message(),
                ::testing::HasSubstr("it is for SENCO"));
  }
  const grpc::Status done =
      stub_->CompleteTask(Ctx(Token("SENCO", "setting:100001")).get(), r, &out);
  ASSERT_TRUE(done.ok()) << done.error_message();
  EXPECT_EQ(out.state(), v1::Task::DONE);
}

}  // namespace
}  // namespace sendcase::authz_test
