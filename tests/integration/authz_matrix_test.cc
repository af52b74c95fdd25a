// The authorisation matrix: every RPC × role × own/foreign scope, through
// the real gRPC server (the world and expectations: authz_world.h).
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
}  // namespace sendcase::authz_test
