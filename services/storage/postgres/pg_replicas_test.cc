// Two sendcased replicas on one PostgreSQL database, as two sets of
// stores with pools of their own (pg_stores.h): writes to one journey stay
// serialised by its version, a retry's stored response is found by the
// other replica, and when both schedulers fire reminders and claim their
// e-mail at once each reminder fires once and each e-mail is claimed once.
#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"
#include "services/storage/postgres/pg_stores.h"
#include "services/storage/postgres/pg_test_database.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::storage::postgres {
namespace {

using conformance::kNow;
using conformance::MakeCommit;
using conformance::MakePupil;
using ::sendcase::testing::StatusIs;

class PgReplicasTest : public PgTestDatabase {
 protected:
  void SetUp() override {
    PgTestDatabase::SetUp();
    if (HasFatalFailure()) return;
    for (Stores* replica : {&a_, &b_}) {
      auto stores = OpenPostgresStores(uri_, 3);
      ASSERT_OK(stores);
      *replica = *std::move(stores);
    }
  }

  Stores a_;
  Stores b_;
};

TEST_F(PgReplicasTest, RacingCommitsOnOneJourneyLetExactlyOneThrough) {
  ASSERT_OK(a_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  for (int round = 1; round <= 20; ++round) {
    // Both replicas read version `round` and commit on it at once.
    std::atomic<int> ok{0}, aborted{0}, ready{0};
    std::vector<std::thread> racers;
    for (Stores* replica : {&a_, &b_}) {
      racers.emplace_back([&, replica] {
        // Both start together (a spin latch: no sleeping).
        for (++ready; ready.load() < 2;) {
        }
        absl::Status s =
            replica->cases
                ->CommitTransition(
                    MakeCommit("p1", round, v1::Journey::ASSESSMENT_REQUESTED),
                    {}, "")
                .status();
        if (s.ok()) ++ok;
        if (absl::IsAborted(s)) ++aborted;
      });
    }
    for (auto& t : racers) t.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round;
    EXPECT_EQ(aborted.load(), 1) << "round " << round;
  }
  auto events = b_.cases->ListEvents(JourneyName{"p1", "jp1"}, {0, 100});
  ASSERT_OK(events);
  EXPECT_EQ(events->items.size(), 20u);
  auto journey = a_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 21);
}

TEST_F(PgReplicasTest, AResponseStoredByOneReplicaIsFoundByTheOther) {
  IdempotencyKey key{"alice SENCO setting:100001", "req-1",
                     "sendcase.v1.CaseService/CreatePupil", "fp"};
  ASSERT_OK(
      a_.cases->CreatePupil(MakePupil("p1", "B801200005001"), key, "first"));
  auto found = b_.cases->FindResponse(key.principal, key.request_id);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->response, "first");
  EXPECT_EQ((*found)->fingerprint, "fp");
  // The same key again, on the other replica: refused, nothing written.
  EXPECT_THAT(
      b_.cases->CommitTransition(
          MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), key, "again"),
      StatusIs(absl::StatusCode::kAborted));
  auto journey = a_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 1);
}

TEST_F(PgReplicasTest, BothSchedulersFireEachReminderOnceAndClaimEachMailOnce) {
  v1::Setting school;
  school.set_urn("100001");
  school.set_display_name("School");
  school.set_phase(v1::Setting::PRIMARY);
  school.set_local_authority_code("201");
  ASSERT_OK(a_.settings->PutSetting(school, kNow, std::nullopt));
  for (const char* email : {"senco@school.test", "deputy@school.test"}) {
    v1::Contact c;
    c.set_role(v1::SENCO);
    c.set_scope("setting:100001");
    c.set_email(email);
    ASSERT_OK(
        a_.contacts->PutContact(c, {ScopeKind::kSetting, "100001"}, true, kNow)
            .status());
  }
  constexpr int kPupils = 30;
  for (int i = 0; i < kPupils; ++i) {
    const std::string id = absl::StrCat("p", i);
    ASSERT_OK(a_.cases->CreatePupil(
        MakePupil(id, absl::StrFormat("B8012000%05d", i)), {}, ""));
    TransitionEffects e = MakeCommit(id, 1, v1::Journey::ASSESSMENT_REQUESTED);
    NewTask task;
    task.id = absl::StrCat("t", id);
    task.rule_id = "test.rule";
    task.title = "Review";
    task.owner_role = v1::SENCO;
    task.due_date = conformance::D(2026, 11, 25);
    task.alerts.push_back({v1::Alert::DUE_TODAY, kNow - std::chrono::hours(1)});
    e.new_tasks.push_back(task);
    ASSERT_OK((i % 2 == 0 ? a_ : b_).cases->CommitTransition(e, {}, ""));
  }

  // Each replica's scheduler, small batches so that they interleave.
  absl::Mutex mu;
  std::vector<int64_t> revisions;
  std::vector<int64_t> deliveries;
  auto scheduler = [&](Stores* replica) {
    while (true) {
      auto fired = replica->alerts->FireDue(kNow, 2, true);
      ASSERT_OK(fired);
      if (fired->empty()) break;
      absl::MutexLock lock(&mu);
      for (const v1::Alert& a : *fired) revisions.push_back(a.revision());
    }
    while (true) {
      auto claimed =
          replica->alerts->ClaimDeliveries(kNow, std::chrono::seconds(60), 3);
      ASSERT_OK(claimed);
      if (claimed->empty()) break;
      absl::MutexLock lock(&mu);
      for (const Delivery& d : *claimed) deliveries.push_back(d.id);
    }
  };
  std::thread on_a(scheduler, &a_), on_b(scheduler, &b_);
  on_a.join();
  on_b.join();

  // Every reminder fired once, with revisions 1..30 and no gap.
  std::sort(revisions.begin(), revisions.end());
  ASSERT_EQ(revisions.size(), size_t{kPupils});
  for (int i = 0; i < kPupils; ++i) EXPECT_EQ(revisions[i], i + 1);
  // Two contacts each: every delivery claimed by exactly one replica.
  EXPECT_EQ(deliveries.size(), size_t{2 * kPupils});
  EXPECT_EQ(std::set<int64_t>(deliveries.begin(), deliveries.end()).size(),
            deliveries.size());
  // Nothing left for either replica until the leases run out.
  for (Stores* replica : {&a_, &b_}) {
    auto again = replica->alerts->ClaimDeliveries(
        kNow + std::chrono::seconds(59), std::chrono::seconds(60), 100);
    ASSERT_OK(again);
    EXPECT_TRUE(again->empty());
  }
}

// A database whose text sorts by the rules of a language would list and
// page differently from SQLite: refused, naming the fix. (This machine has
// only the C locales, so the language comes from ICU.)
TEST_F(PgTestDatabase, ADatabaseSortingByALanguageIsRefused) {
  ASSERT_OK(conn_->ExecScript("DROP DATABASE IF EXISTS by_language"));
  ASSERT_OK(conn_->ExecScript(
      "CREATE DATABASE by_language TEMPLATE template0 LOCALE_PROVIDER icu "
      "ICU_LOCALE 'en-GB'"));
  std::string uri = uri_;
  const size_t slash = uri.find('/', uri.find("@") + 1);
  const size_t end = uri.find('?', slash);
  uri.replace(slash + 1, end - slash - 1, "by_language");
  EXPECT_THAT(OpenPostgresStores(uri, 1),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("--lc-collate=C")));
}

}  // namespace
}  // namespace sendcase::storage::postgres
