// Sign-in links by e-mail: once only, 15 minutes, three live links an
// address, the same answer for every address, and the link's address from
// configuration, never from the request.
#include "services/http/email_sign_in.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace sendcase::http {
namespace {

using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

// The server side, recorded: contacts by address, the mail sent, the tokens
// issued.
class FakeServer : public EmailSignIn {
 public:
  absl::StatusOr<std::vector<Identity>> ContactsFor(
      const std::string& address) override {
    if (address == "senco@school.example" ||
        address == "SENCO@School.Example") {
      return std::vector<Identity>{{address, "SENCO", "setting:100001"},
                                   {address, "HEADTEACHER", "setting:100001"}};
    }
    return std::vector<Identity>{};
  }
  absl::Status Send(const std::string& address, const std::string& subject,
                    const std::string& body) override {
    if (!mail_up) return absl::UnavailableError("down");
    sent.push_back({address, subject, body});
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> IssueSessionToken(const Identity& who,
                                                std::chrono::seconds ttl,
                                                absl::string_view) override {
    issued.push_back({who.role, ttl});
    return "Bearer t" + std::to_string(issued.size());
  }

  struct Mail {
    std::string to, subject, body;
  };
  std::vector<Mail> sent;
  std::vector<std::pair<std::string, std::chrono::seconds>> issued;
  bool mail_up = true;
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

class EmailSignInTest : public ::testing::Test {
 protected:
  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 12, 1))};
  FakeServer server_;
  EmailSignInHandler handler_{server_, "https://send.example.org", clock_};
  const std::chrono::seconds session_{12 * 3600};
};

TEST_F(EmailSignInTest, EachContactGetsALinkThatWorksOnce) {
  const HttpReply reply =
      handler_.RequestLink(R"({"email": "senco@school.example"})");
  EXPECT_EQ(reply.status, 202);
  ASSERT_EQ(server_.sent.size(), 1u);
  EXPECT_EQ(server_.sent[0].to, "senco@school.example");
  EXPECT_THAT(server_.sent[0].body,
              HasSubstr("Sign in as SENCO for setting:100001:\n"));
  const std::vector<std::string> links = Links(server_.sent[0].body);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].size(), 43u);  // 256 bits, web-safe base64 unpadded
  auto first = handler_.Redeem(links[0], session_, "peer");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->first, "Bearer t1");
  EXPECT_EQ(first->second.role, "SENCO");
  EXPECT_EQ(first->second.subject, "senco@school.example");
  EXPECT_EQ(server_.issued[0].second, session_);  // the token ends with it
  EXPECT_EQ(handler_.Redeem(links[0], session_, "peer").status().code(),
            absl::StatusCode::kUnauthenticated);
  auto second = handler_.Redeem(links[1], session_, "peer");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->second.role, "HEADTEACHER");
}

TEST_F(EmailSignInTest, ALinkExpiresAfterFifteenMinutes) {
  handler_.RequestLink(R"({"email": "senco@school.example"})");
  const std::vector<std::string> links = Links(server_.sent.at(0).body);
  clock_.Advance(std::chrono::seconds(15 * 60 - 1));
  EXPECT_TRUE(handler_.Redeem(links[0], session_, "peer").ok());
  clock_.Advance(std::chrono::seconds(1));  // 15:00 exactly
  EXPECT_EQ(handler_.Redeem(links[1], session_, "peer").status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(server_.issued.size(), 1u);
}

TEST_F(EmailSignInTest, EveryAddressGetsTheSameAnswer) {
  const HttpReply known =
      handler_.RequestLink(R"({"email": "senco@school.example"})");
  const HttpReply unknown =
      handler_.RequestLink(R"({"email": "nobody@school.example"})");
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  EXPECT_EQ(server_.sent.size(), 1u);  // nothing for the stranger
}

TEST_F(EmailSignInTest, AnAddressHoldsThreeLiveLinksAtMost) {
  // Two contacts: the first request makes 2 links, the second 1, the third
  // none (and so no mail), until they expire.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        handler_.RequestLink(R"({"email": "senco@school.example"})").status,
        202);
  }
  ASSERT_EQ(server_.sent.size(), 2u);
  EXPECT_EQ(Links(server_.sent[0].body).size(), 2u);
  EXPECT_EQ(Links(server_.sent[1].body).size(), 1u);
  // The cap ignores case: the same mailbox.
  handler_.RequestLink(R"({"email": "SENCO@School.Example"})");
  EXPECT_EQ(server_.sent.size(), 2u);
  clock_.Advance(std::chrono::seconds(15 * 60));
  handler_.RequestLink(R"({"email": "senco@school.example"})");
  EXPECT_EQ(server_.sent.size(), 3u);
}

TEST_F(EmailSignInTest, BadAddressesAndMailFailuresAreSaid) {
  for (const char* body :
       {"{}", R"({"email": ""})", R"({"email": "no-at-sign"})",
        R"({"email": "a@b@c"})", R"({"email": "sp ace@x.example"})",
        R"({"email": "@x.example"})", "not json"}) {
    SCOPED_TRACE(body);
    const HttpReply reply = handler_.RequestLink(body);
    EXPECT_EQ(reply.status, 400);
    EXPECT_THAT(reply.body, HasSubstr("email: required"));
  }
  server_.mail_up = false;
  EXPECT_EQ(handler_.RequestLink(R"({"email": "senco@school.example"})").status,
            503);
  EXPECT_EQ(handler_.Redeem("made-up", session_, "peer").status().code(),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace sendcase::http
