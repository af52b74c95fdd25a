// The JSON API's routes: every unary RPC of the service has one, and paths
// (as httplib hands them over, percent-decoded) bind their fields as
// AIP-127 spells them.
#include "services/http/route_table.h"

#include <set>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "sendcase/v1/case_service.pb.h"

namespace sendcase::http {
namespace {

TEST(RouteTableTest, EveryUnaryRpcHasARouteAndNoRouteNamesAnUnknownOne) {
  const auto* service =
      v1::CreatePupilRequest::descriptor()->file()->FindServiceByName(
          "CaseService");
  ASSERT_NE(service, nullptr);
  std::set<std::string> routed;
  for (const Route& r : Routes()) {
    const auto* m = service->FindMethodByName(r.method);
    ASSERT_NE(m, nullptr) << r.method;
    EXPECT_FALSE(m->server_streaming()) << r.method;
    routed.insert(r.method);
  }
  for (int i = 0; i < service->method_count(); ++i) {
    const auto* m = service->method(i);
    if (m->server_streaming()) continue;  // WatchAlerts, WatchEvents
    EXPECT_EQ(routed.count(m->name()), 1u) << m->name() << " has no route";
  }
}

TEST(RouteTableTest, PathsBindTheirFields) {
  struct Case {
    const char* verb;
    const char* path;
    const char* method;
    std::vector<std::pair<std::string, std::string>> bindings;
  };
  const Case cases[] = {
      {"GET", "/api/v1/pupils", "ListPupils", {}},
      {"GET", "/api/v1/pupils/p1", "GetPupil", {{"name", "pupils/p1"}}},
      {"PATCH",
       "/api/v1/pupils/p1",
       "UpdatePupil",
       {{"pupil.name", "pupils/p1"}}},
      {"GET",
       "/api/v1/pupils/p1/journeys/j1",
       "GetJourney",
       {{"name", "pupils/p1/journeys/j1"}}},
      {"POST",
       "/api/v1/pupils/p1/journeys/j1:recordEvent",
       "RecordEvent",
       {{"journey", "pupils/p1/journeys/j1"}}},
      {"POST",
       "/api/v1/pupils/p1/journeys/j1/tasks/t1:complete",
       "CompleteTask",
       {{"name", "pupils/p1/journeys/j1/tasks/t1"}}},
      {"GET",
       "/api/v1/settings/100001/register",
       "ListSenRegister",
       {{"parent", "settings/100001"}}},
      {"PATCH",
       "/api/v1/pupils/p1/supportPlans/2",
       "UpdateSupportPlan",
       {{"support_plan.name", "pupils/p1/supportPlans/2"}}},
      {"POST",
       "/api/v1/pupils/p1/supportPlans/2:agree",
       "AgreeSupportPlan",
       {{"name", "pupils/p1/supportPlans/2"}}},
      {"POST", "/api/v1/rules:preview", "PreviewRules", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    auto match = MatchRoute(c.verb, c.path);
    ASSERT_TRUE(match.has_value());
    EXPECT_STREQ(match->route->method, c.method);
    EXPECT_EQ(match->bindings, c.bindings);
  }
}

TEST(RouteTableTest, WhatIsNotARouteIsNotMatched) {
  for (const auto& [verb, path] :
       std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/nothing"},
           {"GET", "/api/v1/pupils/"},     // an empty id
           {"GET", "/api/v1/pupils/p:x"},  // a ':' inside an id
           {"POST", "/api/v1/pupils/p1/journeys/j1:forget"},
           {"DELETE", "/api/v1/pupils/p1"},
           {"GET", "/api/v1/pupils/p1/journeys/j1:recordEvent"},
       }) {
    SCOPED_TRACE(verb + " " + path);
    EXPECT_FALSE(MatchRoute(verb, path).has_value());
  }
  EXPECT_TRUE(PathHasOtherVerb("DELETE", "/api/v1/pupils/p1"));
  EXPECT_FALSE(PathHasOtherVerb("GET", "/api/v1/nothing"));
}

}  // namespace
}  // namespace sendcase::http
