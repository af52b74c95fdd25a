// Sign-in by e-mail through the real server, its HTTP listener and a real
// SMTP server on loopback: only a contact an ADMIN vouched for gets a link;
// the link works once, in the browser (nonce cookie) that asked; the
// session runs on a token of its own, revoked at sign-out; the trail shows
// each link made and the sign-in. And the rules on contacts that make this
// safe: staff name contacts for their own role only, and only an ADMIN
// vouches for one.
#include <httplib.h>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/server/web_auth.h"
#include "tests/integration/reminders_fixture.h"
#include "tests/testing/http_listener.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;
using testing::Mails;
using testing::RemindersTest;

class EmailSignInTest : public RemindersTest {
 protected:
  void SetUp() override {
    RemindersTest::SetUp();
    if (HasFatalFailure()) return;
    email_ = std::make_unique<server::ServerEmailSignIn>(server_.get());
    auto web =
        testing::StartHttpListener(server_.get(), &clock_, "", email_.get());
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
    ASSERT_NE(web_->email_sign_in(), nullptr);  // loopback: offered
    client_ = std::make_unique<httplib::Client>("127.0.0.1", web_->port());
  }
  void TearDown() override { web_.reset(); }

  grpc::Status Create(const std::string& token, v1::Role role,
                      const std::string& scope, const std::string& email,
                      bool sign_in) {
    v1::CreateContactRequest req;
    req.mutable_contact()->set_role(role);
    req.mutable_contact()->set_scope(scope);
    req.mutable_contact()->set_email(email);
    req.mutable_contact()->set_sign_in(sign_in);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    v1::Contact out;
    return stub_->CreateContact(&ctx, req, &out);
  }
  // Asks for a link as the browser holding `cookie` ("" for a new one);
  // returns the browser's cookie after, once the mail (if any) is sent.
  std::string Ask(const std::string& email, const std::string& cookie = "") {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    auto res =
        client_->Post("/api/v1/session:emailLink", headers,
                      "{\"email\": \"" + email + "\"}", "application/json");
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 202) << res->body;
    web_->email_sign_in()->Drain();
    const std::string set = res->get_header_value("Set-Cookie");
    EXPECT_THAT(set, ::testing::MatchesRegex(
                         "sendcase_link=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; "
                         "SameSite=Strict; Max-Age=1800"));
    return set.substr(0, set.find(';'));
  }
  httplib::Result Redeem(const std::string& link, const std::string& cookie) {
    return client_->Post("/api/v1/session", {{"Cookie", cookie}},
                         "{\"link\": \"" + link + "\"}", "application/json");
  }
  // Every link's secret in the mail so far, in order. (No std::regex: GCC
  // 12 warns falsely inside it under the sanitizers' -O1.)
  std::vector<std::string> Links() {
    std::vector<std::string> out;
    const std::string mark = "/signin#link=";
    for (const std::string& mail : Mails(dir_.path() / "mail")) {
      for (size_t at = mail.find(mark); at != std::string::npos;
           at = mail.find(mark, at + 1)) {
        out.push_back(mail.substr(at + mark.size(), 43));
      }
    }
    return out;
  }

  std::unique_ptr<server::ServerEmailSignIn> email_;
  std::unique_ptr<http::HttpServer> web_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(EmailSignInTest, StaffNameContactsForTheirOwnRoleAndOnlyAdminVouches) {
  const std::string senco = *auth::IssueToken(
      *server_->stores().tokens, clock_, "senco", "SENCO", "setting:100001");
  grpc::Status s = Create(senco, v1::LA_CASE_OFFICER, "setting:100001",
                          "me@school.example", false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("contact.role"));
  s = Create(senco, v1::SENCO, "setting:100001", "me@school.example", true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("contact.sign_in"));
  EXPECT_TRUE(
      Create(senco, v1::SENCO, "setting:100001", "me@school.example", false)
          .ok());
  s = Create(token_, v1::PARENT, "setting:100001", "family@home.example", true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("contact.sign_in"));
  // Removing another role's contact is refused alike.
  ASSERT_TRUE(Create(token_, v1::HEADTEACHER, "setting:100001",
                     "head@school.example", false)
                  .ok());
  v1::DeleteContactRequest remove;
  remove.mutable_contact()->set_role(v1::HEADTEACHER);
  remove.mutable_contact()->set_scope("setting:100001");
  remove.mutable_contact()->set_email("head@school.example");
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + senco);
  google::protobuf::Empty empty;
  EXPECT_EQ(stub_->DeleteContact(&ctx, remove, &empty).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A contact the SENCO made is no way in: no link is sent for it, while
  // one the ADMIN vouched for gets one.
  Ask("me@school.example");
  EXPECT_TRUE(Links().empty());
  ASSERT_TRUE(Create(token_, v1::SENCO, "setting:100001",
                     "vouched@school.example", true)
                  .ok());
  Ask("vouched@school.example");
  EXPECT_EQ(Links().size(), 1u);
}

TEST_F(EmailSignInTest, AVouchedForContactSignsInOnceInItsBrowser) {
  ASSERT_TRUE(Create(token_, v1::SENCO, "setting:100001",
                     "ann.senco@school.example", true)
                  .ok());
  const std::string browser = Ask("Ann.Senco@school.example");
  ASSERT_EQ(Links().size(), 1u);
  const std::string link = Links()[0];
  // Asking again in the same browser keeps its nonce: both links work.
  EXPECT_EQ(Ask("ann.senco@school.example", browser), browser);
  ASSERT_EQ(Links().size(), 2u);

  auto stranger = Redeem(link, "sendcase_link=" + std::string(43, 'A'));
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->status, 403);
  EXPECT_THAT(stranger->body, HasSubstr("works only in the browser"));
  auto signed_in = Redeem(link, browser);
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  EXPECT_THAT(signed_in->body,
              HasSubstr("\"subject\":\"ann.senco@school.example\""));
  EXPECT_THAT(signed_in->body, HasSubstr("\"role\":\"SENCO\""));
  auto again = Redeem(link, browser);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 401);
  auto second = Redeem(Links()[1], browser);  // the second ask's link
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200) << second->body;

  // The session works, on a token of its own that ends at sign-out.
  const std::string set = signed_in->get_header_value("Set-Cookie");
  const std::string session = set.substr(0, set.find(';'));
  google::protobuf::Struct who;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(signed_in->body, &who).ok());
  const std::string csrf = who.fields().at("csrfToken").string_value();
  auto pupils = client_->Get("/api/v1/pupils", {{"Cookie", session}});
  ASSERT_TRUE(pupils);
  EXPECT_EQ(pupils->status, 200);
  auto tokens = server_->stores().tokens->ListTokens();
  ASSERT_TRUE(tokens.ok());
  const storage::TokenRecord* own = nullptr;
  for (const auto& t : *tokens) {
    // The first session's: tokens are listed oldest first.
    if (t.subject == "ann.senco@school.example" && own == nullptr) own = &t;
  }
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->role, "SENCO");
  EXPECT_EQ(own->scope, "setting:100001");
  EXPECT_EQ(own->expire_time, clock_.Now() + std::chrono::hours(12));
  EXPECT_FALSE(own->revoke_time.has_value());
  auto out = client_->Post("/api/v1/session:signOut",
                           {{"Cookie", session}, {"X-CSRF-Token", csrf}}, "",
                           "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  auto after = server_->stores().tokens->FindTokenById(own->token_id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->revoke_time, clock_.Now());

  // The second session ends unused after 30 minutes: its token with it.
  clock_.Advance(std::chrono::minutes(30));
  const std::string set2 = second->get_header_value("Set-Cookie");
  auto gone = client_->Get("/api/v1/session",
                           {{"Cookie", set2.substr(0, set2.find(';'))}});
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->body, "{\"emailSignIn\":true}");
  auto all = server_->stores().tokens->ListTokens();
  ASSERT_TRUE(all.ok());
  int live = 0;
  for (const auto& t : *all) {
    live += t.subject == "ann.senco@school.example" && !t.revoke_time;
  }
  EXPECT_EQ(live, 0);

  // The trail: a link made, twice, each spent, a call, the sign-out.
  v1::ListAuditRecordsRequest req;
  v1::ListAuditRecordsResponse trail;
  ASSERT_TRUE(stub_->ListAuditRecords(Ctx().get(), req, &trail).ok());
  std::vector<std::string> methods;
  for (const auto& r : trail.records()) {
    if (r.subject() == "ann.senco@school.example")
      methods.push_back(r.method());
  }
  EXPECT_THAT(
      methods,  // newest first
      ::testing::ElementsAre("SignOut", "ListPupils", "SignIn", "SignIn",
                             "RequestSignInLink", "RequestSignInLink"));
}

// Behind a proxy that ends TLS (an https public address on a plain
// listener), cookies are still Secure and __Host-, which no other site or
// plain-HTTP page can set; a nonce cookie not of our shape is replaced.
TEST_F(EmailSignInTest, OverHttpsCookiesAreHostOnlyAndNoncesOfOurShape) {
  auto secure = testing::StartHttpListener(
      server_.get(), &clock_, "", email_.get(), "https://send.example.org");
  ASSERT_TRUE(secure.ok()) << secure.status();
  httplib::Client client("127.0.0.1", (*secure)->port());
  const std::string planted = std::string(42, 'A') + "!";
  auto asked =
      client.Post("/api/v1/session:emailLink",
                  {{"Cookie", "__Host-sendcase_link=" + planted}},
                  "{\"email\": \"x@school.example\"}", "application/json");
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->status, 202);
  const std::string set = asked->get_header_value("Set-Cookie");
  EXPECT_THAT(set, ::testing::MatchesRegex(
                       "__Host-sendcase_link=[A-Za-z0-9_-]{43}; Path=/; "
                       "HttpOnly; SameSite=Strict; Max-Age=1800; Secure"));
  EXPECT_THAT(set, ::testing::Not(HasSubstr(planted.substr(0, 42))));

  const std::string senco = *auth::IssueToken(
      *server_->stores().tokens, clock_, "senco", "SENCO", "setting:100001");
  auto signed_in = client.Post(
      "/api/v1/session", "{\"token\": \"" + senco + "\"}", "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200);
  EXPECT_THAT(signed_in->get_header_value("Set-Cookie"),
              ::testing::MatchesRegex(
                  "__Host-sendcase_session=[A-Za-z0-9_-]+; Path=/; HttpOnly; "
                  "SameSite=Strict; Max-Age=43200; Secure"));
  (*secure)->Stop();
}

}  // namespace
}  // namespace sendcase
