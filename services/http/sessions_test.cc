// Browser sessions: a session made with a token of its own hands that
// token's id to OnEnd whenever it ends other than by sign-out (Delete):
// pushed out by the same person's newer ones, idle too long (noticed at
// its next use, or swept at the next sign-in), or too old.
#include "services/http/sessions.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace sendcase::http {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class SessionsTest : public ::testing::Test {
 protected:
  SessionsTest() {
    SessionOptions options;
    options.max_per_token = 2;
    store_ = std::make_unique<SessionStore>(clock_, options);
    store_->OnEnd([this](const std::string& id) { ended_.push_back(id); });
  }
  Session Make(const std::string& subject, const std::string& token_id) {
    auto s =
        store_->Create("Bearer " + token_id, {subject, "SENCO", "*"}, token_id);
    EXPECT_TRUE(s.ok());
    return *s;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 12, 1))};
  std::unique_ptr<SessionStore> store_;
  std::vector<std::string> ended_;
};

TEST_F(SessionsTest, APersonsOldestSessionMakesWayAndItsTokenEnds) {
  Make("ann@school.example", "t1");
  clock_.Advance(std::chrono::seconds(1));
  Make("ann@school.example", "t2");
  Make("bob@school.example", "t9");  // someone else's: no effect on ann's
  EXPECT_THAT(ended_, IsEmpty());
  clock_.Advance(std::chrono::seconds(1));
  Make("ann@school.example", "t3");
  EXPECT_THAT(ended_, ElementsAre("t1"));
}

TEST_F(SessionsTest, AnIdleSessionEndsAtItsNextUseOrTheNextSignIn) {
  const Session a = Make("ann@school.example", "t1");
  const Session b = Make("bob@school.example", "t2");
  clock_.Advance(std::chrono::minutes(30));
  EXPECT_FALSE(store_->Use(a.id).has_value());
  EXPECT_THAT(ended_, ElementsAre("t1"));
  Make("cat@school.example", "t3");  // sweeps bob's, never used again
  EXPECT_THAT(ended_, ElementsAre("t1", "t2"));
  EXPECT_FALSE(store_->Use(b.id).has_value());
  EXPECT_THAT(ended_, ElementsAre("t1", "t2"));  // once
}

TEST_F(SessionsTest, SignOutAndPeoplesOwnTokensCallNothing) {
  const Session a = Make("ann@school.example", "t1");
  store_->Delete(a.id);  // the caller revokes it itself
  auto own = store_->Create("Bearer sc1.own", {"senco", "SENCO", "*"});
  ASSERT_TRUE(own.ok());
  clock_.Advance(std::chrono::hours(13));
  EXPECT_FALSE(store_->Use(own->id).has_value());
  EXPECT_THAT(ended_, IsEmpty());
}

}  // namespace
}  // namespace sendcase::http
