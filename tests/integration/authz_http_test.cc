// The authorisation matrix over the JSON API: every route × every role ×
// its own and a foreign scope, through a real HTTP listener on the same
// world as the gRPC matrix (authz_world.h). The roles allowed for each RPC
// are the gRPC matrix's own table (authz_cases.cc), so the two APIs cannot
// drift apart: a role the table refuses is 403 with "may not call", a role
// it allows never is, and a foreign scope reaches no named resource.
#include <httplib.h>

#include <cstring>
#include <map>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "services/http/http_server.h"
#include "services/http/route_table.h"
#include "tests/integration/authz_world.h"
#include "tests/testing/http_listener.h"

namespace sendcase::authz_test {
namespace {

class AuthzHttpTest : public AuthzMatrixTest {
 protected:
  void SetUp() override {
    AuthzMatrixTest::SetUp();
    auto web = testing::StartHttpListener(server_.get(), &clock_);
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
  }
  void TearDown() override { web_.reset(); }

  // The route's path with each resource name filled from the world: P, its
  // journey, its task and place, setting 100001.
  std::string PathOf(const http::Route& route) const {
    const std::string p = p_.name();
    const std::map<std::string, std::string> names = {
        {"pupils/*", p},
        {"pupils/*/journeys/*", p_.current_journey()},
        {"pupils/*/journeys/*/tasks/*", task_},
        {"settings/*", "settings/100001"},
        {"pupils/*/supportPlans/*", p + "/supportPlans/1"},
        {"pupils/*/interventionPlaces/*", place_},
        {"pupils/*/agencyReferrals/*", p + "/agencyReferrals/1"},
    };
    std::string path;
    for (const char* c = route.path; *c != '\0'; ++c) {
      if (*c != '{') {
        path += *c;
        continue;
      }
      const char* eq = std::strchr(c, '=');
      const char* close = std::strchr(c, '}');
      path += names.at(std::string(eq + 1, close));
      c = close;
    }
    return path;
  }

  httplib::Result Call(const http::Route& route, const std::string& token) {
    httplib::Client client("127.0.0.1", web_->port());
    const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    // The reads that need a period say which.
    static const std::map<std::string, std::string> kQuery = {
        {"GetProvisionMap",
         "?termStart=2026-09-03&termEnd=2026-12-18&teachingWeeks=15"},
        {"GetInterventionEffectiveness",
         "?startDate=2026-09-01&endDate=2026-12-31"},
        {"GetTimelinessReport", "?year=2026"},
        {"GetSen2Return", "?year=2026&localAuthorityCode=201"},
    };
    const auto query = kQuery.find(route.method);
    const std::string path =
        PathOf(route) + (query == kQuery.end() ? "" : query->second);
    const std::string verb = route.verb;
    return verb == "GET" ? client.Get(path.c_str(), headers)
           : verb == "POST"
               ? client.Post(path.c_str(), headers, "{}", "application/json")
               : client.Patch(path.c_str(), headers, "{}", "application/json");
  }

  std::unique_ptr<http::HttpServer> web_;
};

TEST_F(AuthzHttpTest, EveryRouteEveryRoleOwnAndForeignScope) {
  std::map<std::string, const Case*> by_method;
  const std::vector<Case> cases = Cases();
  for (const Case& c : cases) by_method[c.method] = &c;
  int checked = 0;
  for (const Role& role : kRoles) {
    for (bool own : {true, false}) {
      const std::string scope = own ? role.own : role.foreign;
      if (scope.empty()) continue;
      const std::string token = Token(role.role, scope);
      for (const http::Route& route : http::Routes()) {
        SCOPED_TRACE(absl::StrCat(route.verb, " ", route.path, " as ",
                                  role.role, " ", scope));
        const Case* c = by_method.at(route.method);
        httplib::Result res = Call(route, token);
        ASSERT_TRUE(res);
        ++checked;
        // As the gRPC matrix: a role it refuses is 403 (for want of the
        // method, or of the task's ownership); one it allows with its own
        // scope never is (an empty body may still be 400), and with a
        // foreign scope never reaches a named resource. A list with a
        // foreign scope is filtered, not refused.
        const bool allowed = role.role == "ADMIN" || c->roles.count(role.role);
        if (!allowed) {
          EXPECT_EQ(res->status, 403) << res->body;
          if (std::string(route.method) != "CompleteTask") {  // "for SENCO"
            EXPECT_THAT(res->body, ::testing::HasSubstr("may not call"));
          }
        } else if (own) {
          // A read of the world in reach answers; a write's empty body
          // may be refused, but never for want of permission.
          if (std::string(route.verb) == "GET") {
            EXPECT_EQ(res->status, 200) << res->body;
          } else {
            EXPECT_NE(res->status, 403) << res->body;
          }
        } else if (c->kind == Kind::kResource) {
          if (std::string(route.verb) == "GET") {
            EXPECT_EQ(res->status, 403) << res->body;
          } else {
            EXPECT_NE(res->status, 200) << res->body;
          }
        } else if (std::string(route.method) == "ListSenRegister" &&
                   role.role != "LA_CASE_OFFICER") {
          // As the gRPC matrix: a register of a setting named in the path
          // is refused to a setting or trust scope that does not cover it.
          EXPECT_EQ(res->status, 403) << res->body;
        } else if (std::string(route.verb) == "GET") {
          // A list out of reach is answered, with none of the world's rows.
          EXPECT_EQ(res->status, 200) << res->body;
          EXPECT_THAT(res->body, ::testing::Not(::testing::HasSubstr(
                                     p_.name().substr(sizeof("pupils/") - 1))))
              << "a foreign list leaked the world's pupil";
        }
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(http::Routes().size()) * 21);
}

}  // namespace
}  // namespace sendcase::authz_test
