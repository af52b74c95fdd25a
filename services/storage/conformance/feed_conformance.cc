// The conformance suite, part 4: the event feed under concurrent writers.
// A WatchEvents client resumes after the highest revision it has seen, so
// a backend must never let a lower revision become visible after a higher
// one (as a sequence does when two transactions commit out of order): this
// test reads the feed while several threads commit and checks that
// resuming skipped nothing (store_conformance.h).
#include <algorithm>
#include <atomic>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {
namespace {

TEST_P(FeedConformance, AReaderResumingAfterTheLatestRevisionSkipsNothing) {
  constexpr int kWriters = 4;
  constexpr int kCommitsEach = 25;
  for (int w = 0; w < kWriters; ++w) {
    const std::string id = absl::StrCat("p", w);
    ASSERT_OK(db_.cases->CreatePupil(
        MakePupil(id, absl::StrCat("B80120000500", w)), {}, ""));
  }
  std::atomic<int> writing{kWriters};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      const std::string id = absl::StrCat("p", w);
      for (int v = 1; v <= kCommitsEach; ++v) {
        EXPECT_OK(db_.cases->CommitTransition(
            MakeCommit(id, v, v1::Journey::ASSESSMENT_REQUESTED), {}, ""));
      }
      --writing;
    });
  }
  // The reader, as a resuming stream does: always after the highest
  // revision it has been given.
  std::vector<int64_t> seen;
  int64_t after = 0;
  bool last_pass = false;
  while (true) {
    const bool finished = writing.load() == 0;  // before the read
    auto page = db_.feed->ListFeed(Visibility::All(), after, 7);
    EXPECT_OK(page);  // not ASSERT: the writers must be joined first
    if (!page.ok()) break;
    for (const FeedEvent& e : *page) {
      EXPECT_GT(e.revision, after);
      seen.push_back(e.revision);
      after = e.revision;
    }
    if (page->empty() && last_pass) break;
    last_pass = finished;
  }
  for (auto& t : writers) t.join();

  auto all =
      db_.feed->ListFeed(Visibility::All(), 0, 10 * kWriters * kCommitsEach);
  ASSERT_OK(all);
  std::vector<int64_t> committed;
  for (const FeedEvent& e : *all) committed.push_back(e.revision);
  ASSERT_EQ(committed.size(), size_t{kWriters * kCommitsEach});
  // Every committed revision was handed to the resuming reader, once (a
  // backend handing out revisions from a sequence fails here: the reader
  // resumes past a revision whose transaction had not yet committed).
  std::vector<int64_t> skipped;
  std::set_difference(committed.begin(), committed.end(), seen.begin(),
                      seen.end(), std::back_inserter(skipped));
  EXPECT_THAT(skipped, ::testing::IsEmpty());
  EXPECT_EQ(seen, committed);
  auto bounds = db_.feed->GetFeedBounds();
  ASSERT_OK(bounds);
  EXPECT_EQ(bounds->latest, committed.back());
}

}  // namespace
}  // namespace sendcase::storage::conformance
