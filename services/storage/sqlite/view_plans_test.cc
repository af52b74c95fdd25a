// The work views' query plans, checked with EXPLAIN QUERY PLAN: no view
// scans the clocks or tasks tables, and every per-journey subquery looks
// its rows up by journey (a subquery that used the status/due index instead
// made ListCaseloads quadratic: 26 s for 3,000 pupils). And a view whose
// caller has gone is stopped mid-query.
#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/cancellation.h"
#include "services/common/proto_time.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage {
namespace {

using ::sendcase::testing::StatusIs;

const Day kToday = Day(date::year{2026} / 11 / 25);

NewPupil Pupil(int i) {
  NewPupil in;
  const std::string id = absl::StrCat("p", i);
  in.pupil.set_name("pupils/" + id);
  in.pupil.set_upn(absl::StrCat("U", 100000 + i));
  in.pupil.set_given_name("Given");
  in.pupil.set_family_name("Family");
  *in.pupil.mutable_birth_date() = ToProtoDate(Day(date::year{2015} / 3 / 1));
  in.pupil.set_setting_urn(i % 2 ? "100001" : "100002");
  in.pupil.set_local_authority_code("201");
  in.journey.set_name("pupils/" + id + "/journeys/j" + id);
  in.journey.set_state(v1::Journey::CONCERN);
  return in;
}

class ViewPlansTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(dir_.File("views.db"));
    ASSERT_OK(store);
    store_ = *std::move(store);
    store_->SetPlanObserverForTesting(
        [this](absl::string_view sql, const std::string& plan) {
          plans_[std::string(sql)] = plan;
        });
  }

  // Runs every view once, so that each statement is compiled and observed.
  void RunEveryView() {
    const Visibility all = Visibility::All();
    Visibility la;
    la.local_authority_codes = {"201"};
    const ProvisionStates provision{{2, 3}, {7}};
    for (const Visibility& v : {all, la}) {
      ASSERT_OK(store_->ListOpenAssessments(v, std::nullopt, 50));
      ASSERT_OK(store_->ListIssuedPlans(v, kToday - date::days(365), kToday));
      ASSERT_OK(store_->ListRegister(v, "100001", {1, 2}, kToday, {0, 50}));
      ASSERT_OK(store_->ListReviewsDue(v, "", kToday, std::nullopt, 50));
      ASSERT_OK(store_->ListReviewsDue(v, "100001", kToday, std::nullopt, 50));
      ASSERT_OK(store_->CountByOfficer(v, provision, kToday));
      ASSERT_OK(store_->CountBySetting(v, provision, kToday));
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  std::map<std::string, std::string> plans_;
};

TEST_F(ViewPlansTest, NoViewScansClocksOrTasksAndSubqueriesGoByJourney) {
  RunEveryView();
  ASSERT_GE(plans_.size(), 7u);
  int correlated = 0;
  for (const auto& [sql, plan] : plans_) {
    SCOPED_TRACE(absl::StrCat(sql, "\n", plan));
    size_t subquery_indent = std::string::npos;
    std::map<size_t, bool> outer_loop;  // per level: a table is looped over
    for (absl::string_view line : absl::StrSplit(plan, '\n')) {
      const size_t indent = line.find_first_not_of(' ');
      if (indent == absl::string_view::npos) continue;
      const absl::string_view node = line.substr(indent);
      if (subquery_indent != std::string::npos && indent <= subquery_indent) {
        subquery_indent = std::string::npos;  // left the subquery
      }
      const bool scan = absl::StartsWith(node, "SCAN ");
      const bool search = absl::StartsWith(node, "SEARCH ");
      if (scan || search) {
        const std::vector<std::string> words = absl::StrSplit(node, ' ');
        if (scan) {
          EXPECT_THAT(words[1], ::testing::Not(::testing::AnyOf(
                                    "c", "t", "f", "clocks", "tasks")))
              << "a full scan: " << node;
          // A table scanned inside another table's loop is quadratic (the
          // join of pupils on current_journey_id without p.id once was).
          const bool one_row = words[1] == "params" || words[1] == "CONSTANT";
          EXPECT_FALSE(outer_loop[indent] && !one_row)
              << "a full scan in an inner loop: " << node;
        }
        if (words[1] != "params" && words[1] != "CONSTANT") {
          outer_loop[indent] = true;
        }
      }
      if (absl::StartsWith(node, "CORRELATED")) {
        subquery_indent = indent;
        outer_loop.erase(indent + 2);  // a subquery's loops are its own
        ++correlated;
      } else if (subquery_indent != std::string::npos &&
                 absl::StartsWith(node, "SEARCH ")) {
        EXPECT_THAT(std::string(node),
                    ::testing::ContainsRegex(
                        "(clocks|tasks)_by_journey[a-z_]* \\(journey_id="))
            << "a per-journey subquery not looked up by journey";
      }
    }
  }
  EXPECT_GT(correlated, 5);  // the check above had something to check
}

TEST_F(ViewPlansTest, AViewWhoseCallerHasGoneIsStopped) {
  for (int i = 0; i < 400; ++i) {
    ASSERT_OK(store_->CreatePupil(Pupil(i), std::nullopt, ""));
  }
  const ProvisionStates provision{{2, 3}, {7}};
  ASSERT_OK(store_->CountBySetting(Visibility::All(), provision, kToday));
  {
    CancellationScope gone([] { return true; });
    EXPECT_THAT(store_->CountBySetting(Visibility::All(), provision, kToday),
                StatusIs(absl::StatusCode::kCancelled));
    EXPECT_THAT(store_->ListRegister(Visibility::All(), "100001", {1}, kToday,
                                     {0, 1000}),
                StatusIs(absl::StatusCode::kCancelled));
    // A point read is never interrupted: it is short, and its connection
    // is not a view's.
    EXPECT_OK(store_->GetPupil(PupilName{"p1"}));
  }
  // The connection is usable again at once.
  auto counts = store_->CountBySetting(Visibility::All(), provision, kToday);
  ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].pupils + (*counts)[1].pupils, 400);
}

}  // namespace
}  // namespace sendcase::storage
