// The web app's side of the HTTP listener, over real HTTP: its files from
// memory with the page CSP, index.html for the app's own paths, nothing
// else of the folder and no way out of it; who is signed in; the event
// kinds' shapes.
#include <httplib.h>

#include <fstream>

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/auth/tokens.h"
#include "services/http/http_server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/http_listener.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

class HttpWebTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_);
    ASSERT_NE(t_.server, nullptr);
    const auto& root = web_dir_.path() / "web";
    Write(root / "index.html", "<!DOCTYPE html><title>app</title>");
    Write(root / "app.js", "export {};");
    Write(root / "pages" / "pupil.js", "export const x = 1;");
    Write(root / "notes.txt", "not a kind the app serves");
    Write(web_dir_.path() / "secret.html", "outside the web root");
    auto web =
        testing::StartHttpListener(t_.server.get(), &clock_, root.string());
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", web_->port());
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 12, 1))};
  testing::TempDir web_dir_;
  testing::TestServer t_;
  std::unique_ptr<http::HttpServer> web_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(HttpWebTest, FilesAndTheAppsOwnPathsWithThePageHeaders) {
  for (const char* path : {"/", "/pupils/abc", "/register", "/signin"}) {
    SCOPED_TRACE(path);
    auto res = client_->Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, "<!DOCTYPE html><title>app</title>");
    EXPECT_EQ(res->get_header_value("Content-Type"),
              "text/html; charset=utf-8");
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
    EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(csp, Not(HasSubstr("unsafe")));
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  }
  auto js = client_->Get("/pages/pupil.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "export const x = 1;");
  EXPECT_EQ(js->get_header_value("Content-Type"),
            "text/javascript; charset=utf-8");
}

TEST_F(HttpWebTest, NothingElseOfTheFolderAndNothingOutsideIt) {
  for (const char* path : {"/notes.txt", "/missing.js", "/../secret.html",
                           "/%2e%2e/secret.html", "/pages/../../secret.html",
                           "/pages/..%2f..%2fsecret.html", "//secret.html"}) {
    SCOPED_TRACE(path);
    auto res = client_->Get(path);
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 200);
    EXPECT_THAT(res->body, Not(HasSubstr("outside the web root")));
    EXPECT_THAT(res->body, Not(HasSubstr("not a kind")));
  }
}

TEST_F(HttpWebTest, WhoIsSignedInAndTheEventKinds) {
  auto nobody = client_->Get("/api/v1/session");
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->status, 200);
  EXPECT_EQ(nobody->body, "{}");  // no e-mail sign-in on this listener

  auto token = auth::IssueToken(*t_.server->stores().tokens, clock_, "senco",
                                "SENCO", "setting:100001");
  ASSERT_TRUE(token.ok());
  auto signed_in = client_->Post(
      "/api/v1/session", "{\"token\": \"" + *token + "\"}", "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const std::string cookie = signed_in->get_header_value("Set-Cookie");
  const std::string id = cookie.substr(0, cookie.find(';'));
  auto who = client_->Get("/api/v1/session", {{"Cookie", id}});
  ASSERT_TRUE(who);
  EXPECT_EQ(who->status, 200);
  EXPECT_THAT(who->body, HasSubstr("\"role\":\"SENCO\""));
  EXPECT_THAT(who->body, HasSubstr("\"scope\":\"setting:100001\""));
  EXPECT_THAT(who->body, HasSubstr("\"subject\":\"senco\""));
  EXPECT_THAT(who->body, HasSubstr("\"csrfToken\""));

  auto kinds = client_->Get("/api/v1/eventKinds");
  ASSERT_TRUE(kinds);
  EXPECT_EQ(kinds->status, 200);
  google::protobuf::Struct parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(kinds->body, &parsed).ok());
  const auto& list = parsed.fields().at("eventKinds").list_value();
  ASSERT_EQ(list.values_size(), 26);  // every kind, in field-number order
  const auto field = [](const google::protobuf::Value& v, const char* name) {
    return v.struct_value().fields().at(name);
  };
  EXPECT_EQ(field(list.values(0), "name").string_value(), "concern_raised");
  EXPECT_EQ(field(list.values(0), "fields").list_value().values_size(), 0);
  const auto& support = list.values(1);
  EXPECT_EQ(field(support, "jsonName").string_value(), "senSupportStarted");
  const auto review = field(support, "fields").list_value();
  ASSERT_EQ(review.values_size(), 1);
  EXPECT_EQ(field(review.values(0), "name").string_value(), "review_date");
  EXPECT_EQ(field(review.values(0), "jsonName").string_value(), "reviewDate");
  EXPECT_EQ(field(review.values(0), "type").string_value(), "date");
  const auto decision = field(list.values(13), "fields").list_value();
  EXPECT_EQ(field(decision.values(0), "type").string_value(), "enum");
  const auto outcomes = field(decision.values(0), "values").list_value();
  ASSERT_EQ(outcomes.values_size(), 3);  // no OUTCOME_UNSPECIFIED
  EXPECT_EQ(outcomes.values(0).string_value(), "KEEP");
}

TEST_F(HttpWebTest, AWebRootWithoutAnIndexIsRefusedAtStart) {
  auto web = testing::StartHttpListener(
      t_.server.get(), &clock_, (web_dir_.path() / "web" / "pages").string());
  EXPECT_EQ(web.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(web.status().message(), HasSubstr("has no index.html"));
}

}  // namespace
}  // namespace sendcase
