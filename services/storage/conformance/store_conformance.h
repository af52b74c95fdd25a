#ifndef SENDCASE_SERVICES_STORAGE_CONFORMANCE_STORE_CONFORMANCE_H_
#define SENDCASE_SERVICES_STORAGE_CONFORMANCE_STORE_CONFORMANCE_H_

// The conformance suite every storage backend must pass: the ports'
// contracts (storage/*_store.h) tested through the ports alone, on a fresh
// empty database per test. A backend compiles the suite's sources into its
// own test binary and instantiates it for each way it can be opened:
//
//   SENDCASE_STORE_CONFORMANCE(Sqlite, ::testing::Values(
//       Backend{"Memory", false, OpenInMemory}, Backend{"File", true, ...}));

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "services/common/proto_time.h"
#include "services/storage/stores.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage::conformance {

struct Backend {
  std::string name;  // for test names: letters and digits
  // True when what was committed is still there after the stores are
  // closed and opened again on the same folder.
  bool durable = false;
  // Opens the stores of a database kept in `dir` (an empty folder the
  // first time).
  std::function<absl::StatusOr<Stores>(const std::string& dir)> open;
};

// How gtest names a backend in its messages.
inline void PrintTo(const Backend& backend, std::ostream* os) {
  *os << backend.name;
}

inline const Instant kNow = Instant(Day(date::year{2026} / 11 / 25));
inline Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / m / d);
}

// Pupil `id` with journey "j" + id, in CONCERN.
NewPupil MakePupil(const std::string& id, const std::string& upn,
                   const std::string& urn = "100001",
                   const std::string& la = "201");
// An assessment_requested event on journey "j" + id at `version`.
TransitionEffects MakeCommit(const std::string& id, int64_t version,
                             v1::Journey::State to);

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { Open(); }
  // Closes the stores and opens them again on the same folder.
  void Reopen() {
    db_ = Stores{};
    Open();
  }

  testing::TempDir dir_;
  Stores db_;

 private:
  void Open() {
    auto stores = GetParam().open(dir_.path().string());
    ASSERT_OK(stores);
    db_ = *std::move(stores);
  }
};

// Instantiates every suite of the conformance tests for `backends` (a
// ::testing::Values of Backend). Use inside namespace
// sendcase::storage::conformance (gtest names suites unqualified).
#define SENDCASE_STORE_CONFORMANCE(prefix, backends)                          \
  INSTANTIATE_TEST_SUITE_P(prefix, StoreConformance, backends,                \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, ClockConformance, backends,                \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, AlertConformance, backends,                \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, SupportConformance, backends,              \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, TokenConformance, backends,                \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, SettingConformance, backends,              \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, RuleSetConformance, backends,              \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, AuditConformance, backends,                \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, ContactConformance, backends,              \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, FeedConformance, backends,                 \
                           [](const auto& info) { return info.param.name; }); \
  INSTANTIATE_TEST_SUITE_P(prefix, ViewConformance, backends,                 \
                           [](const auto& info) { return info.param.name; })

// Bearer-token records (token_store.h): needs only the tokens port, so a
// backend can pass it before it has the others.
class TokenConformance : public StoreConformance {};
// The settings register and the rule sets: only those ports.
class SettingConformance : public StoreConformance {};
class RuleSetConformance : public StoreConformance {};
// The audit trail, and a write's row committed with it: the audit and
// settings ports.
class AuditConformance : public StoreConformance {};
// Contacts, without the reminders a new one is owed: only that port.
class ContactConformance : public StoreConformance {};

// The event feed while several threads commit: the case and feed ports.
class FeedConformance : public StoreConformance {};

// Clocks, tasks and rule sets, on a database holding pupil p1 (journey j1,
// rule set r1).
class ClockConformance : public StoreConformance {
 protected:
  void SetUp() override;
  TransitionEffects Commit(int64_t version);
  ClockRecord NewClock(const std::string& rule, Day due);
};

// Reminders and their e-mail, on a database holding setting 100001 (LA
// 201, trust T1) and its pupil p1 (journey jp1).
class AlertConformance : public StoreConformance {
 protected:
  void SetUp() override;
  void AddContact(v1::Role role, ScopeKind kind, const std::string& id,
                  const std::string& email);
  // Commits a request with a SENCO task t1 whose one reminder is due an
  // hour before kNow.
  void CommitTaskWithDueReminder(int64_t version);
  // The addresses of the deliveries now due, claimed, sorted.
  std::vector<std::string> ClaimedEmails();
};

// The work views (view_store.h), on the database of ClockConformance.
class ViewConformance : public ClockConformance {};

// The graduated approach (support_store.h), on the database of
// ClockConformance (pupil p1, journey j1).
class SupportConformance : public ClockConformance {
 protected:
  v1::Intervention Intervention(const std::string& title);
  // Cycle `cycle` of p1, a DRAFT with outcome "reading".
  SupportPlanRecord Plan(int cycle, int64_t version);
  // p1's place `id` on settings/100001/interventions/i1, at version 1.
  PlaceRecord Place(const std::string& id, Day start, std::optional<Day> end);
};

}  // namespace sendcase::storage::conformance

#endif  // SENDCASE_SERVICES_STORAGE_CONFORMANCE_STORE_CONFORMANCE_H_
