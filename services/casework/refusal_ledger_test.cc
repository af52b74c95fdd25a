#include "services/casework/refusal_ledger.h"

#include <map>
#include <optional>

#include "gtest/gtest.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

const Day kDay = Day(date::year{2026} / 11 / 25);

class RefusalLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::SqliteStore::Open(":memory:");
    ASSERT_OK(store);
    store_ = *std::move(store);
    ledger_.emplace(*store_, clock_);
  }
  std::vector<v1::AuditRecord> Trail() {
    auto page = store_->ListAudit({}, {0, 5000});
    EXPECT_OK(page);
    return page.ok() ? page->items : std::vector<v1::AuditRecord>{};
  }
  absl::Status Refuse(const std::string& peer) {
    return ledger_->Refused(peer, "GetPupil", "pupils/x",
                            absl::UnauthenticatedError("no token"));
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(kDay)};
  std::unique_ptr<storage::SqliteStore> store_;
  std::optional<RefusalLedger> ledger_;
};

TEST_F(RefusalLedgerTest, AFloodIsOneRecordAndOneSummaryPerPeerAndMinute) {
  // A new connection (a new port) for every call is still one peer.
  for (int i = 0; i < 1000; ++i) {
    ASSERT_OK(Refuse("ipv4:10.0.0.1:" + std::to_string(40000 + i)));
  }
  for (int i = 0; i < 5; ++i)
    ASSERT_OK(Refuse("ipv6:[::2]:" + std::to_string(i)));
  // At once: the first refusal of each peer, with what it asked for.
  std::vector<v1::AuditRecord> trail = Trail();
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[1].peer(), "ipv4:10.0.0.1");
  EXPECT_EQ(trail[1].calls(), 1);
  EXPECT_EQ(trail[1].resource(), "pupils/x");
  EXPECT_EQ(trail[1].outcome(), "UNAUTHENTICATED");
  // The minute over, the next refusal writes the summaries first.
  clock_.Advance(std::chrono::seconds(60));
  ASSERT_OK(Refuse("ipv4:10.0.0.1:1"));
  trail = Trail();
  ASSERT_EQ(trail.size(), 5u);
  std::map<std::string, int64_t> summaries;
  for (int i = 1; i <= 2; ++i) summaries[trail[i].peer()] = trail[i].calls();
  EXPECT_EQ(summaries, (std::map<std::string, int64_t>{{"ipv4:10.0.0.1", 999},
                                                       {"ipv6:[::2]", 4}}));
  EXPECT_EQ(trail[0].calls(), 1);  // the new minute's first
  // Shutdown writes what the current minute holds.
  ASSERT_OK(Refuse("ipv4:10.0.0.1:1"));
  ASSERT_OK(ledger_->Flush(true));
  trail = Trail();
  ASSERT_EQ(trail.size(), 6u);
  EXPECT_EQ(trail[0].calls(), 1);
}

TEST_F(RefusalLedgerTest, ManyPeersAreBoundedToo) {
  for (int i = 0; i < RefusalLedger::kMaxPeers + 500; ++i) {
    ASSERT_OK(Refuse("ipv4:10.1." + std::to_string(i / 256) + "." +
                     std::to_string(i % 256) + ":1"));
  }
  ASSERT_OK(ledger_->Flush(true));
  const std::vector<v1::AuditRecord> trail = Trail();
  // One record per tracked peer, one for the rest, and the rest's count.
  ASSERT_EQ(trail.size(), RefusalLedger::kMaxPeers + 2u);
  EXPECT_EQ(trail[0].peer(), "(other peers)");
  EXPECT_EQ(trail[0].calls(), 499);
}

}  // namespace
}  // namespace sendcase::casework
