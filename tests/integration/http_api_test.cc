// The JSON API through a real HTTP listener on loopback (cpp-httplib's
// client against sendcased's HttpServer): the same service as gRPC — a
// pupil created, read and its assessment request recorded with exact due
// dates; the same refusals with their HTTP statuses and google.rpc JSON
// errors; replays by request id; the security headers; every call audited.
#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/tokens.h"
#include "services/http/http_server.h"
#include "services/http/route_table.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/http_listener.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

constexpr char kPupil[] = R"({"pupil": {"upn": "B801200005001",
  "givenName": "Ada", "familyName": "Lovelace",
  "birthDate": {"year": 2015, "month": 6, "day": 1},
  "settingUrn": "100001", "localAuthorityCode": "201"},
  "requestId": "http-1"})";

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_);
    ASSERT_NE(t_.server, nullptr);
    auto web = testing::StartHttpListener(t_.server.get(), &clock_);
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", web_->port());
    admin_ = Bearer("admin", "ADMIN", "*");
  }

  std::string Bearer(const std::string& subject, const std::string& role,
                     const std::string& scope) {
    auto token = auth::IssueToken(*t_.server->stores().tokens, clock_, subject,
                                  role, scope);
    EXPECT_TRUE(token.ok());
    return "Bearer " + *token;
  }
  httplib::Headers As(const std::string& bearer) {
    return bearer.empty() ? httplib::Headers{}
                          : httplib::Headers{{"Authorization", bearer}};
  }
  // The pupil created from kPupil, by name.
  std::string CreatePupil() {
    auto res =
        client_->Post("/api/v1/pupils", As(admin_), kPupil, "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    const size_t at = res->body.find("\"name\":\"");
    const size_t from = at + 8;
    return res->body.substr(from, res->body.find('"', from) - from);
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t_;
  std::unique_ptr<http::HttpServer> web_;
  std::unique_ptr<httplib::Client> client_;
  std::string admin_;
};

TEST_F(HttpApiTest, ACaseThroughTheJsonApi) {
  const std::string pupil = CreatePupil();
  ASSERT_THAT(pupil, ::testing::StartsWith("pupils/"));
  // The same request id again: the same pupil, not a second one.
  auto again =
      client_->Post("/api/v1/pupils", As(admin_), kPupil, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_THAT(again->body, HasSubstr("\"name\":\"" + pupil + "\""));

  auto got = client_->Get(("/api/v1/" + pupil).c_str(), As(admin_));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  EXPECT_THAT(got->body, HasSubstr("\"upn\":\"B801200005001\""));
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/json");
  const size_t j = got->body.find("\"currentJourney\":\"") + 18;
  const std::string journey = got->body.substr(j, got->body.find('"', j) - j);

  // Monday 5 October 2026: decision by 16 November, final plan by 22
  // February 2027 (20 weeks).
  auto recorded = client_->Post(
      ("/api/v1/" + journey + ":recordEvent").c_str(), As(admin_),
      R"({"event": {"eventDate": {"year": 2026, "month": 10, "day": 5},
          "assessmentRequested": {}}})",
      "application/json");
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->status, 200) << recorded->body;
  EXPECT_THAT(recorded->body, HasSubstr("\"state\":\"ASSESSMENT_REQUESTED\""));
  EXPECT_THAT(recorded->body, HasSubstr("\"ruleId\":\"ehc.final_plan\""));
  EXPECT_THAT(recorded->body,
              HasSubstr("\"dueDate\":{\"year\":2027,\"month\":2,\"day\":22}"));

  // A list with query parameters, by proto or lowerCamel name.
  auto listed =
      client_->Get("/api/v1/pupils?page_size=1&upn=B801200005001", As(admin_));
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200);
  EXPECT_THAT(listed->body, HasSubstr(pupil));
  auto camel =
      client_->Get("/api/v1/pupils?pageSize=1&nameQuery=ada", As(admin_));
  ASSERT_TRUE(camel);
  EXPECT_THAT(camel->body, HasSubstr(pupil));

  // Every call is audited like a gRPC call, with the resource it touched.
  auto trail = t_.server->stores().audit->ListAudit(
      {"admin", pupil}, storage::PageRequest{0, 50});
  ASSERT_TRUE(trail.ok());
  std::vector<std::string> methods;
  for (const auto& row : trail->items) methods.push_back(row.method());
  EXPECT_THAT(methods, ::testing::Contains("GetPupil"));
}

TEST_F(HttpApiTest, RefusalsCarryTheirHttpStatusAndTheGrpcCode) {
  const std::string pupil = CreatePupil();
  struct Case {
    const char* verb;
    std::string path;
    std::string bearer;
    std::string body;
    int status;
    std::string text;
  };
  const std::string foreign = Bearer("s", "SENCO", "setting:200001");
  const Case cases[] = {
      {"GET", "/api/v1/" + pupil, "", "", 401, "\"UNAUTHENTICATED\""},
      {"GET", "/api/v1/" + pupil, "Bearer nope", "", 401, "UNAUTHENTICATED"},
      {"GET", "/api/v1/" + pupil, foreign, "", 403, "\"PERMISSION_DENIED\""},
      {"GET", "/api/v1/pupils/nobody", admin_, "", 404, "\"NOT_FOUND\""},
      {"GET", "/api/v1/nothing/here", admin_, "", 404, "no such path"},
      {"POST", "/api/v1/pupils", admin_, "{not json", 400,
       "body: not this request as JSON"},
      {"POST", "/api/v1/pupils", admin_,
       R"({"pupil": {"upn": "B801200005002"}})", 400, "pupil.upn"},
      {"GET", "/api/v1/pupils?page_size=ten", admin_, "", 400,
       "page_size: not a whole number"},
      {"GET", "/api/v1/pupils?colour=red", admin_, "", 400,
       "colour: not a field of this request"},
      {"POST", "/api/v1/" + pupil + "/supportPlans", admin_,
       R"({"parent": "pupils/someone-else"})", 400,
       "parent: the body names pupils/someone-else but the path " + pupil},
      {"PUT", "/api/v1/" + pupil, admin_, "{}", 405, "\"METHOD_NOT_ALLOWED\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.verb) + " " + c.path + " " + c.body);
    httplib::Result res = std::string(c.verb) == "GET"
                              ? client_->Get(c.path.c_str(), As(c.bearer))
                          : std::string(c.verb) == "POST"
                              ? client_->Post(c.path.c_str(), As(c.bearer),
                                              c.body, "application/json")
                              : client_->Put(c.path.c_str(), As(c.bearer),
                                             c.body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status) << res->body;
    EXPECT_THAT(res->body, HasSubstr(c.text));
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
              "default-src 'none'; frame-ancestors 'none'");
  }
  // GET and PATCH of a pupil exist; DELETE does not (405, not 404).
  auto del = client_->Delete(("/api/v1/" + pupil).c_str(), As(admin_));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  // A body over the limit is refused before it is read.
  auto big = client_->Post("/api/v1/pupils", As(admin_),
                           std::string(2 << 20, ' '), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

// A browser signs in once: the token buys a session cookie (HttpOnly,
// SameSite=Strict) and a CSRF token; reads need the cookie, writes the
// CSRF token too; sign-out, 30 idle minutes or 12 hours end it; sign-in
// and sign-out are audited.
TEST_F(HttpApiTest, ASessionCookieWithACsrfTokenForWrites) {
  const std::string pupil = CreatePupil();
  const std::string token = admin_.substr(7);  // after "Bearer "
  auto bad = client_->Post("/api/v1/session", R"({"token": "nope"})",
                           "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  // A cross-site form can post text/plain without a preflight: refused.
  auto form = client_->Post("/api/v1/session", "{\"token\": \"" + token + "\"}",
                            "text/plain");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  EXPECT_EQ(form->get_header_value("Set-Cookie"), "");
  auto none = client_->Post("/api/v1/session", "{}", "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 400);
  EXPECT_THAT(none->body, HasSubstr("token: required"));

  auto sign_in = [&]() -> std::pair<std::string, std::string> {
    auto res =
        client_->Post("/api/v1/session", "{\"token\": \"" + token + "\"}",
                      "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string cookie = res->get_header_value("Set-Cookie");
    EXPECT_THAT(cookie, ::testing::MatchesRegex(
                            "sendcase_session=[A-Za-z0-9_=-]+; Path=/; "
                            "HttpOnly; SameSite=Strict; Max-Age=43200"));
    const size_t c = res->body.find("\"csrfToken\":\"") + 13;
    return {cookie.substr(0, cookie.find(';')),
            res->body.substr(c, res->body.find('"', c) - c)};
  };
  auto [cookie, csrf] = sign_in();
  const httplib::Headers with_cookie = {{"Cookie", cookie}};
  httplib::Headers with_csrf = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  auto read = client_->Get(("/api/v1/" + pupil).c_str(), with_cookie);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  // A write with the cookie alone, or a wrong token, is refused.
  const std::string body =
      R"({"supportPlan": {"reviewDate": {"year": 2027, "month": 2, "day": 20}}})";
  const std::string plans = "/api/v1/" + pupil + "/supportPlans";
  auto forged =
      client_->Post(plans.c_str(), with_cookie, body, "application/json");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_THAT(forged->body, HasSubstr("X-CSRF-Token"));
  auto wrong = client_->Post(plans.c_str(),
                             {{"Cookie", cookie}, {"X-CSRF-Token", "x" + csrf}},
                             body, "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto written =
      client_->Post(plans.c_str(), with_csrf, body, "application/json");
  ASSERT_TRUE(written);
  // Written, as cycle 1: the refused writes before it wrote nothing.
  EXPECT_EQ(written->status, 200) << written->body;
  EXPECT_THAT(written->body, HasSubstr(pupil + "/supportPlans/1\""));

  // Sign-out ends it.
  auto out = client_->Post("/api/v1/session:signOut", with_csrf, "",
                           "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  auto after = client_->Get(("/api/v1/" + pupil).c_str(), with_cookie);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);

  // 30 idle minutes end a session; use keeps it, up to 12 hours.
  auto [idle_cookie, idle_csrf] = sign_in();
  clock_.Advance(std::chrono::minutes(29));
  auto still =
      client_->Get(("/api/v1/" + pupil).c_str(), {{"Cookie", idle_cookie}});
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);
  clock_.Advance(std::chrono::minutes(30));
  auto idle =
      client_->Get(("/api/v1/" + pupil).c_str(), {{"Cookie", idle_cookie}});
  ASSERT_TRUE(idle);
  EXPECT_EQ(idle->status, 401);
  auto [long_cookie, long_csrf] = sign_in();
  for (int i = 0; i < 28; ++i) {  // every 25 minutes for 11 h 40 min
    clock_.Advance(std::chrono::minutes(25));
    auto busy =
        client_->Get(("/api/v1/" + pupil).c_str(), {{"Cookie", long_cookie}});
    ASSERT_TRUE(busy);
    ASSERT_EQ(busy->status, 200) << i;
  }
  // 25 minutes after its last use, but 12 h 5 min after sign-in.
  clock_.Advance(std::chrono::minutes(25));
  auto old =
      client_->Get(("/api/v1/" + pupil).c_str(), {{"Cookie", long_cookie}});
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 401);

  auto trail = t_.server->stores().audit->ListAudit(
      {"admin", ""}, storage::PageRequest{0, 500});
  ASSERT_TRUE(trail.ok());
  int sign_ins = 0, sign_outs = 0;
  for (const auto& row : trail->items) {
    sign_ins += row.method() == "SignIn" ? 1 : 0;
    sign_outs += row.method() == "SignOut" ? 1 : 0;
  }
  EXPECT_EQ(sign_ins, 3);
  EXPECT_EQ(sign_outs, 1);
}

// One token holds at most 20 sessions (its least recently used goes), so no
// token can push everyone else's out; strangers' failed sign-ins are
// counted per peer and minute, not written one row each.
TEST_F(HttpApiTest, SessionsPerTokenAreCappedAndFailedSignInsCounted) {
  const std::string pupil = CreatePupil();
  const std::string token = admin_.substr(7);
  std::vector<std::string> cookies;
  for (int i = 0; i < 21; ++i) {
    clock_.Advance(std::chrono::seconds(1));
    auto res =
        client_->Post("/api/v1/session", "{\"token\": \"" + token + "\"}",
                      "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    const std::string c = res->get_header_value("Set-Cookie");
    cookies.push_back(c.substr(0, c.find(';')));
  }
  auto first =
      client_->Get(("/api/v1/" + pupil).c_str(), {{"Cookie", cookies[0]}});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 401);
  auto second =
      client_->Get(("/api/v1/" + pupil).c_str(), {{"Cookie", cookies[1]}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);

  for (int i = 0; i < 50; ++i) {
    auto bad = client_->Post("/api/v1/session", R"({"token": "nope"})",
                             "application/json");
    ASSERT_TRUE(bad);
    ASSERT_EQ(bad->status, 401);
  }
  auto trail = t_.server->stores().audit->ListAudit(
      {"", ""}, storage::PageRequest{0, 1000});
  ASSERT_TRUE(trail.ok());
  int refused = 0;
  for (const auto& row : trail->items) {
    refused += row.method() == "SignIn" && row.outcome() == "UNAUTHENTICATED";
  }
  EXPECT_EQ(refused, 1);  // the first at once; the rest when the minute ends
}

// Every route reaches the authenticated service: with no token each is 401,
// and with a family's token for a child who is not there each is 403 (its
// role may call only GetFamilyView, and that child is not in reach); the
// gRPC matrix (authz_matrix_test.cc) pins the rest of the policy, which the
// JSON API shares.
TEST_F(HttpApiTest, EveryRouteIsAuthenticatedAndAuthorised) {
  const std::string parent = Bearer("mum", "PARENT", "pupil:nobody");
  int routes = 0;
  for (const http::Route& route : http::Routes()) {
    // The template with its field names dropped and each `*` an id.
    std::string path;
    bool naming = false;
    for (const char* c = route.path; *c != '\0'; ++c) {
      if (*c == '{') naming = true;
      if (*c == '=') naming = false;
      if (naming || *c == '=' || *c == '}') continue;
      path += *c == '*' ? 'x' : *c;
    }
    for (const auto& [bearer, status] :
         {std::pair{std::string(), 401}, std::pair{parent, 403}}) {
      SCOPED_TRACE(absl::StrCat(route.verb, " ", path, " -> ", status));
      const std::string verb = route.verb;
      httplib::Result res =
          verb == "GET"    ? client_->Get(path.c_str(), As(bearer))
          : verb == "POST" ? client_->Post(path.c_str(), As(bearer), "{}",
                                           "application/json")
                           : client_->Patch(path.c_str(), As(bearer), "{}",
                                            "application/json");
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, status) << res->body;
    }
    ++routes;
  }
  EXPECT_EQ(routes, 44);
}

}  // namespace
}  // namespace sendcase
