// Sign-in links by e-mail: once only, in the browser that asked, within 15
// minutes, for a contact still vouched for; three live links a browser and
// role, a bound per address that another browser's flood cannot use up,
// five asks a minute per client and address; the same answer
// for every address (the lookup and the mail happen after it); each link
// audited; and the link's address from configuration, never the request.
#include "services/http/email_sign_in.h"

#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace sendcase::http {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

// The server side, recorded: contacts by address, the mail sent, the links
// audited, the tokens issued and revoked. Called from the handler's worker.
class FakeServer : public EmailSignIn {
 public:
  absl::StatusOr<std::vector<Identity>> ContactsFor(
      const std::string& address) override {
    absl::MutexLock lock(&mu);
    ++lookups;
    mu.Await(absl::Condition(
        +[](FakeServer* f) ABSL_NO_THREAD_SAFETY_ANALYSIS { return !f->hold; },
        this));
    if (!store_up) return absl::UnavailableError("down");
    if (removed) return std::vector<Identity>{};
    if (address == "senco@school.example" ||
        address == "SENCO@School.Example") {
      return std::vector<Identity>{
          {"senco@school.example", "SENCO", "setting:100001"},
          {"senco@school.example", "HEADTEACHER", "setting:100001"}};
    }
    return std::vector<Identity>{};
  }
  absl::Status Send(const std::string& address, const std::string& subject,
                    const std::string& body) override {
    absl::MutexLock lock(&mu);
    if (!mail_up) return absl::UnavailableError("down");
    sent.push_back({address, subject, body});
    return absl::OkStatus();
  }
  absl::Status AuditLink(const Identity& who) override {
    absl::MutexLock lock(&mu);
    audited.push_back(who.role);
    return absl::OkStatus();
  }
  absl::StatusOr<SessionToken> IssueSessionToken(const Identity& who,
                                                 std::chrono::seconds ttl,
                                                 absl::string_view) override {
    absl::MutexLock lock(&mu);
    issued.push_back({who.role, ttl});
    const std::string n = std::to_string(issued.size());
    return SessionToken{"Bearer t" + n, "id" + n};
  }
  void RevokeSessionToken(const std::string& token_id) override {
    absl::MutexLock lock(&mu);
    revoked.push_back(token_id);
  }

  struct Mail {
    std::string to, subject, body;
  };
  absl::Mutex mu;
  std::vector<Mail> sent;
  std::vector<std::string> audited, revoked;
  std::vector<std::pair<std::string, std::chrono::seconds>> issued;
  bool mail_up = true;
  bool store_up = true;
  bool removed = false;  // the ADMIN removed the contacts
  bool hold = false;     // lookups wait until it is false
  int lookups = 0;
};

// The links of a message, in order.
std::vector<std::string> Links(const std::string& body) {
  std::vector<std::string> out;
  const std::string mark = "https://send.example.org/signin#link=";
  for (size_t at = body.find(mark); at != std::string::npos;
       at = body.find(mark, at + 1)) {
    const size_t start = at + mark.size();
    out.push_back(body.substr(start, body.find('\n', start) - start));
  }
  return out;
}

constexpr char kSenco[] = R"({"email": "senco@school.example"})";
constexpr char kBrowser[] = "browser-nonce-1";

class EmailSignInTest : public ::testing::Test {
 protected:
  // Asks as `browser` and waits until the worker has handled it.
  HttpReply Ask(const std::string& body,
                const std::string& browser = kBrowser) {
    const HttpReply reply = handler_.RequestLink(body, browser, "peer-1");
    handler_.Drain();
    clock_.Advance(std::chrono::seconds(12));  // 5 a minute from one client
    return reply;
  }
  std::vector<FakeServer::Mail> Sent() {
    absl::MutexLock lock(&server_.mu);
    return server_.sent;
  }
  absl::StatusOr<EmailSignInHandler::SignedIn> Redeem(
      const std::string& link, const std::string& browser = kBrowser) {
    return handler_.Redeem(link, browser, session_, "peer");
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 12, 1))};
  FakeServer server_;
  EmailSignInHandler handler_{server_, "https://send.example.org/", clock_};
  const std::chrono::seconds session_{12 * 3600};
};

TEST_F(EmailSignInTest, EachContactGetsALinkThatWorksOnceInTheAskingBrowser) {
  EXPECT_EQ(Ask(kSenco).status, 202);
  ASSERT_EQ(Sent().size(), 1u);
  const FakeServer::Mail mail = Sent()[0];
  EXPECT_EQ(mail.to, "senco@school.example");
  EXPECT_EQ(mail.subject, "Your sendcase sign-in link");
  EXPECT_THAT(mail.body, HasSubstr("Sign in as SENCO for setting:100001:\n"));
  EXPECT_THAT(server_.audited, ElementsAre("SENCO", "HEADTEACHER"));
  const std::vector<std::string> links = Links(mail.body);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].size(), 43u);  // 256 bits, web-safe base64 unpadded

  // Another browser is refused and does not spoil the link.
  EXPECT_EQ(Redeem(links[0], "someone-else").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Redeem(links[0], "").status().code(),
            absl::StatusCode::kPermissionDenied);
  auto first = Redeem(links[0]);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->token.bearer, "Bearer t1");
  EXPECT_EQ(first->token.token_id, "id1");
  EXPECT_EQ(first->who.role, "SENCO");
  EXPECT_EQ(first->who.subject, "senco@school.example");
  EXPECT_EQ(server_.issued[0].second, session_);  // the token ends with it
  EXPECT_EQ(Redeem(links[0]).status().code(),
            absl::StatusCode::kUnauthenticated);
  auto second = Redeem(links[1]);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->who.role, "HEADTEACHER");
  handler_.EndSession("id1");
  EXPECT_THAT(server_.revoked, ElementsAre("id1"));
}

TEST_F(EmailSignInTest, ALinkExpiresAfterFifteenMinutes) {
  Ask(kSenco);  // made 12 s ago
  const std::vector<std::string> links = Links(Sent().at(0).body);
  clock_.Advance(std::chrono::seconds(15 * 60 - 12 - 1));
  EXPECT_TRUE(Redeem(links[0]).ok());
  clock_.Advance(std::chrono::seconds(1));  // 15:00 exactly
  EXPECT_EQ(Redeem(links[1]).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(server_.issued.size(), 1u);
}

TEST_F(EmailSignInTest, EveryAddressGetsTheSameAnswer) {
  const HttpReply known = Ask(kSenco);
  const HttpReply unknown = Ask(R"({"email": "nobody@school.example"})");
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  EXPECT_EQ(Sent().size(), 1u);  // nothing for the stranger
  // Nor does a store or mail failure change the answer: it happens later.
  {
    absl::MutexLock lock(&server_.mu);
    server_.mail_up = false;
    server_.store_up = false;
  }
  const HttpReply failing = Ask(kSenco);
  EXPECT_EQ(failing.status, known.status);
  EXPECT_EQ(failing.body, known.body);
}

TEST_F(EmailSignInTest, ABrowserHoldsThreeLiveLinksPerRoleAndOthersTheirOwn) {
  // Two contacts: each ask makes a link for each, three times; a fourth
  // ask from that browser makes none (and so no mail) until they expire.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Ask(kSenco).status, 202);
  ASSERT_EQ(Sent().size(), 3u);
  for (const auto& mail : Sent()) EXPECT_EQ(Links(mail.body).size(), 2u);
  EXPECT_EQ(server_.audited.size(), 6u);
  // Someone else asking, from another browser, cannot use the person's up.
  Ask(kSenco, "browser-nonce-2");
  EXPECT_EQ(Sent().size(), 4u);
  clock_.Advance(std::chrono::seconds(15 * 60));
  Ask(kSenco);
  EXPECT_EQ(Sent().size(), 5u);
}

TEST_F(EmailSignInTest, AFloodOfOtherBrowsersNeverStopsThePersonsOwnLink) {
  LinkOptions options;
  options.max_per_address = 4;
  EmailSignInHandler handler(server_, "https://send.example.org", clock_,
                             options);
  // Two flooders fill the address's four links, the first the oldest.
  handler.RequestLink(kSenco, "flooder-1", "peer-1");
  handler.Drain();
  clock_.Advance(std::chrono::seconds(1));
  handler.RequestLink(kSenco, "flooder-2", "peer-2");
  handler.Drain();
  clock_.Advance(std::chrono::seconds(1));
  ASSERT_EQ(Sent().size(), 2u);
  const std::vector<std::string> flooded = Links(Sent()[0].body);
  ASSERT_EQ(flooded.size(), 2u);
  // The person still gets both links; the oldest of another browser's go.
  handler.RequestLink(kSenco, kBrowser, "peer-3");
  handler.Drain();
  ASSERT_EQ(Sent().size(), 3u);
  const std::vector<std::string> own = Links(Sent()[2].body);
  ASSERT_EQ(own.size(), 2u);
  EXPECT_TRUE(handler.Redeem(own[0], kBrowser, session_, "peer-3").ok());
  for (const std::string& gone : flooded) {
    EXPECT_EQ(
        handler.Redeem(gone, "flooder-1", session_, "peer-1").status().code(),
        absl::StatusCode::kUnauthenticated);
  }
  // The second flooder's, younger, are still there.
  EXPECT_TRUE(
      handler.Redeem(Links(Sent()[1].body)[0], "flooder-2", session_, "peer-2")
          .ok());
}

TEST_F(EmailSignInTest, AClientAsksForAnAddressFiveTimesAMinuteAtMost) {
  EmailSignInHandler handler(server_, "https://send.example.org", clock_);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(handler.RequestLink(kSenco, kBrowser, "peer-1").status, 202);
  }
  const HttpReply sixth = handler.RequestLink(kSenco, kBrowser, "peer-1");
  EXPECT_EQ(sixth.status, 429);
  EXPECT_THAT(sixth.body, HasSubstr("wait a minute"));
  // The same address in another case is the same address.
  EXPECT_EQ(handler
                .RequestLink(R"({"email": "SENCO@School.Example"})", kBrowser,
                             "peer-1")
                .status,
            429);
  // Another client, or another address (people behind one proxy), is not
  // held back.
  EXPECT_EQ(handler.RequestLink(kSenco, kBrowser, "peer-2").status, 202);
  EXPECT_EQ(handler
                .RequestLink(R"({"email": "head@school.example"})", kBrowser,
                             "peer-1")
                .status,
            202);
  clock_.Advance(std::chrono::seconds(60));
  EXPECT_EQ(handler.RequestLink(kSenco, kBrowser, "peer-1").status, 202);
}

TEST_F(EmailSignInTest, ALinkOfAContactSinceRemovedSignsNobodyIn) {
  Ask(kSenco);
  const std::vector<std::string> links = Links(Sent().at(0).body);
  {
    absl::MutexLock lock(&server_.mu);
    server_.removed = true;
  }
  EXPECT_EQ(Redeem(links[0]).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(server_.issued.empty());
}

TEST_F(EmailSignInTest, BadAddressesAreSaidNamingTheField) {
  for (const char* body :
       {"{}", R"({"email": ""})", R"({"email": "no-at-sign"})",
        R"({"email": "a@b@c"})", R"({"email": "sp ace@x.example"})",
        R"({"email": "@x.example"})", "not json"}) {
    SCOPED_TRACE(body);
    const HttpReply reply = Ask(body);
    EXPECT_EQ(reply.status, 400);
    EXPECT_THAT(reply.body, HasSubstr("email: required"));
  }
  EXPECT_EQ(Redeem("made-up").status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(Sent().empty());
}

TEST_F(EmailSignInTest, TheAnswerWaitsForNoLookupAndAFullQueueSays503) {
  EmailSignInHandler small(server_, "https://send.example.org", clock_, {},
                           /*max_queued=*/1);
  {
    absl::MutexLock lock(&server_.mu);
    server_.hold = true;
  }
  // Answered while the lookup behind it is held: the answer cannot depend
  // on it, nor on how long it takes.
  EXPECT_EQ(small.RequestLink(kSenco, kBrowser, "p1").status, 202);
  {
    absl::MutexLock lock(&server_.mu);
    server_.mu.Await(absl::Condition(
        +[](FakeServer* f)
             ABSL_NO_THREAD_SAFETY_ANALYSIS { return f->lookups == 1; },
        &server_));
  }
  EXPECT_EQ(
      small.RequestLink(R"({"email": "x@y.example"})", kBrowser, "p2").status,
      202);  // waits in the queue of one
  EXPECT_EQ(small.RequestLink(kSenco, kBrowser, "p3").status, 503);
  EXPECT_EQ(
      small.RequestLink(R"({"email": "x@y.example"})", kBrowser, "p4").status,
      503);
  {
    absl::MutexLock lock(&server_.mu);
    server_.hold = false;
  }
  small.Drain();
  EXPECT_EQ(Sent().size(), 1u);
}

TEST(PublicUrlTest, HttpsOrLoopbackOnly) {
  EXPECT_TRUE(CheckPublicUrl("https://send.example.org").ok());
  EXPECT_TRUE(CheckPublicUrl("https://send.example.org:8443/sendcase").ok());
  EXPECT_TRUE(CheckPublicUrl("http://127.0.0.1:8080").ok());
  EXPECT_TRUE(CheckPublicUrl("http://localhost:8080").ok());
  EXPECT_TRUE(CheckPublicUrl("http://[::1]:8080").ok());
  for (const char* bad :
       {"http://send.example.org", "http://127.0.0.1.example.org",
        "http://localhost.example.org", "https://", "ftp://x.example",
        "send.example.org", "https://send.example.org/\nBcc: x",
        "http://localhost:80@evil.example", "https://send.example.org/?x=1",
        "https://send.example.org/#x", ""}) {
    SCOPED_TRACE(bad);
    const absl::Status status = CheckPublicUrl(bad);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr("--public-url"));
  }
}

}  // namespace
}  // namespace sendcase::http
