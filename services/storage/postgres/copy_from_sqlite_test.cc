// copy-db: a SQLite installation with pupils, journeys, clocks, tasks,
// fired reminders, contacts, settings, tokens and audit rows, copied into a
// new PostgreSQL database and read back through the PostgreSQL ports.
#include "services/storage/postgres/copy_from_sqlite.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/common/proto_time.h"
#include "services/storage/postgres/pg_stores.h"
#include "services/storage/postgres/pg_test_database.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage::postgres {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

const Instant kNow = Instant(Day(date::year{2026} / 11 / 25));

NewPupil Pupil(const std::string& id, const std::string& upn) {
  NewPupil in;
  in.pupil.set_name("pupils/" + id);
  in.pupil.set_upn(upn);
  in.pupil.set_given_name("Given");
  in.pupil.set_family_name("Family");
  *in.pupil.mutable_birth_date() = ToProtoDate(Day(date::year{2015} / 3 / 1));
  in.pupil.set_setting_urn("100001");
  in.pupil.set_local_authority_code("201");
  in.journey.set_name("pupils/" + id + "/journeys/j" + id);
  in.journey.set_state(v1::Journey::CONCERN);
  in.journey.set_rule_set_version("r1");
  in.create_time = kNow;
  return in;
}

// An assessment request with a clock, a task and its reminder, due now.
TransitionEffects Request(const std::string& id) {
  TransitionEffects c;
  c.journey = JourneyName{id, "j" + id};
  c.expected_version = 1;
  c.new_state = v1::Journey::ASSESSMENT_REQUESTED;
  c.latest_event_date = Day(date::year{2026} / 11 / 2);
  *c.event.mutable_event_date() = ToProtoDate(*c.latest_event_date);
  c.event.mutable_assessment_requested();
  c.record_time = kNow;
  ClockRecord clock;
  clock.rule_id = "ehc.decision_to_assess";
  clock.start_date = *c.latest_event_date;
  clock.due_date = Day(date::year{2026} / 12 / 14);
  clock.statutory = true;
  clock.owner_role = v1::LA_CASE_OFFICER;
  clock.explanation = "six weeks";
  clock.rule_set_version = "r1";
  c.clock_changes.push_back(clock);
  NewTask task;
  task.id = absl::StrCat("t", id);
  task.rule_id = clock.rule_id;
  task.title = "Decide";
  task.owner_role = v1::LA_CASE_OFFICER;
  task.due_date = clock.due_date;
  task.alerts.push_back({v1::Alert::DUE_TODAY, kNow - std::chrono::hours(1)});
  c.new_tasks.push_back(task);
  return c;
}

class CopyFromSqliteTest : public PgTestDatabase {
 protected:
  void SetUp() override {
    PgTestDatabase::SetUp();
    if (HasFatalFailure()) return;
    path_ = (dir_.path() / "sendcase.db").string();
    auto sqlite = SqliteStore::Open(path_);
    ASSERT_OK(sqlite);
    SqliteStore& s = **sqlite;
    v1::Setting school;
    school.set_urn("100001");
    school.set_display_name("School");
    school.set_phase(v1::Setting::PRIMARY);
    school.set_local_authority_code("201");
    ASSERT_OK(s.PutSetting(school, kNow, std::nullopt));
    v1::Contact officer;
    officer.set_role(v1::LA_CASE_OFFICER);
    officer.set_scope("la:201");
    officer.set_email("officer@la.example");
    ASSERT_OK(
        s.PutContact(officer, {ScopeKind::kLocalAuthority, "201"}, true, kNow)
            .status());
    ASSERT_OK(s.PutToken({"hash1", "alice", "ADMIN", "*", kNow, "id1", "salt",
                          std::nullopt, std::nullopt}));
    for (int i = 1; i <= 3; ++i) {
      const std::string id = absl::StrCat("p", i);
      ASSERT_OK(s.CreatePupil(
          Pupil(id, absl::StrCat("B80120000500", i)),
          IdempotencyKey{"alice ADMIN *", absl::StrCat("req-", id),
                         "CreatePupil", "fp"},
          absl::StrCat("response-", id)));
      ASSERT_OK(s.CommitTransition(Request(id), {}, ""));
    }
    ASSERT_OK(s.FireDue(kNow, 10, true).status());
    // The feed's first event (recorded a day earlier) compacted away.
    ASSERT_OK(s.DatabaseForTesting().Exec(
        "UPDATE event_feed SET record_time = record_time - 86400 WHERE "
        "revision = 1"));
    ASSERT_OK(s.CompactFeed(kNow - std::chrono::hours(1)).status());
    v1::AuditRecord row;
    *row.mutable_time() = ToTimestamp(kNow);
    row.set_subject("alice");
    row.set_method("GetPupil");
    row.set_resource("pupils/p1");
    row.set_outcome("OK");
    ASSERT_OK(s.AppendAudit(row));
  }

  testing::TempDir dir_;
  std::string path_;
};

TEST_F(CopyFromSqliteTest, EveryRowArrivesAndTheServiceCarriesOnFromThem) {
  std::vector<std::string> reported;
  auto copied = CopyFromSqlite(
      path_, uri_, [&](const CopiedTable& t) { reported.push_back(t.table); });
  ASSERT_OK(copied);
  EXPECT_EQ(reported.size(), copied->size());
  auto rows = [&](const std::string& table) {
    for (const CopiedTable& t : *copied) {
      if (t.table == table) return t.rows;
    }
    return int64_t{-1};
  };
  EXPECT_EQ(rows("pupils"), 3);
  EXPECT_EQ(rows("journey_events"), 3);
  EXPECT_EQ(rows("clocks"), 3);
  EXPECT_EQ(rows("alerts"), 3);
  EXPECT_EQ(rows("deliveries"), 3);
  EXPECT_EQ(rows("request_ids"), 3);

  auto pg = OpenPostgresStores(uri_, 2);
  ASSERT_OK(pg);
  auto pupils = pg->cases->ListPupils(Visibility::All(), {}, {0, 10});
  ASSERT_OK(pupils);
  ASSERT_EQ(pupils->items.size(), 3u);
  EXPECT_EQ(pupils->items[0].pupil.name(), "pupils/p1");
  auto journey = pg->cases->GetJourney(JourneyName{"p2", "jp2"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 2);
  ASSERT_EQ(journey->clocks.size(), 1u);
  EXPECT_EQ(journey->clocks[0].due_date, Day(date::year{2026} / 12 / 14));
  auto replay = pg->cases->FindResponse("alice ADMIN *", "req-p3");
  ASSERT_OK(replay);
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->response, "response-p3");
  auto fired = pg->alerts->ListFired(Visibility::All(), std::nullopt, 0, 10);
  ASSERT_OK(fired);
  ASSERT_EQ(fired->size(), 3u);
  EXPECT_EQ(fired->back().revision(), 3);
  auto token = pg->tokens->FindTokenById("id1");
  ASSERT_OK(token);
  EXPECT_EQ(token->subject, "alice");
  auto feed = pg->feed->GetFeedBounds();
  ASSERT_OK(feed);
  EXPECT_EQ(feed->latest, 3);
  EXPECT_EQ(feed->compacted, 1);  // the watermark came along
  auto contacts = pg->contacts->ListContacts(true, {}, {0, 10});
  ASSERT_OK(contacts);
  ASSERT_EQ(contacts->items.size(), 1u);
  EXPECT_EQ(contacts->items[0].email(), "officer@la.example");

  // Ids, revisions and list order carry on after the copied ones.
  ASSERT_OK(pg->cases->CreatePupil(Pupil("p4", "B801200005004"), {}, ""));
  ASSERT_OK(pg->cases->CommitTransition(Request("p4"), {}, ""));
  pupils = pg->cases->ListPupils(Visibility::All(), {}, {0, 10});
  ASSERT_OK(pupils);
  ASSERT_EQ(pupils->items.size(), 4u);
  EXPECT_EQ(pupils->items[3].pupil.name(), "pupils/p4");
  auto more = pg->alerts->FireDue(kNow, 10, true);
  ASSERT_OK(more);
  ASSERT_EQ(more->size(), 1u);
  EXPECT_EQ(more->front().revision(), 4);
  auto events = pg->feed->ListFeed(Visibility::All(), 3, 10);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().revision, 4);
  auto audit = pg->audit->ListAudit({}, {0, 10});
  ASSERT_OK(audit);
  EXPECT_FALSE(audit->items.empty());
}

TEST_F(CopyFromSqliteTest, AnotherCopyIntoTheSameDatabaseIsRefusedWhole) {
  ASSERT_OK(CopyFromSqlite(path_, uri_, nullptr).status());
  EXPECT_THAT(CopyFromSqlite(path_, uri_, nullptr),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already has rows")));
  auto pg = OpenPostgresStores(uri_, 1);
  ASSERT_OK(pg);
  auto pupils = pg->cases->ListPupils(Visibility::All(), {}, {0, 10});
  ASSERT_OK(pupils);
  EXPECT_EQ(pupils->items.size(), 3u);
}

// SQLite keeps a value of any kind in any column; one PostgreSQL's column
// cannot hold stops the copy, naming where, and nothing is copied.
TEST_F(CopyFromSqliteTest, AValueOfTheWrongKindStopsTheCopyAndCopiesNothing) {
  {
    auto db = Database::Open(path_);
    ASSERT_OK(db);
    ASSERT_OK((*db)->Exec("UPDATE pupils SET version = 'two' WHERE id = 'p2'"));
  }
  EXPECT_THAT(CopyFromSqlite(path_, uri_, nullptr),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("table pupils, column version, row 2")));
  auto rows = conn_->Exec("SELECT COUNT(*) FROM settings");
  ASSERT_OK(rows);
  EXPECT_EQ(rows->Int64(0, 0), 0);  // tables before pupils rolled back too
}

TEST_F(CopyFromSqliteTest, AMissingSourceIsNotFoundAndCreatesNothing) {
  const std::string missing = (dir_.path() / "missing.db").string();
  EXPECT_THAT(CopyFromSqlite(missing, uri_, nullptr),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("--from")));
  EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
}  // namespace sendcase::storage::postgres
