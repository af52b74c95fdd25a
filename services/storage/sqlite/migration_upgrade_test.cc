// Populated databases of older schemas upgrade without losing a row. In
// particular 0013 rebuilds the alerts table (task_id becomes nullable for
// notices): every alert and delivery survives with its id, deliveries
// still point at their alerts, ids are never reused, and foreign keys are
// enforced again afterwards. 0014 gives stored clocks the flags the views
// filter on, as the rule sets of their time implied.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/storage/sqlite/migrations.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::storage {
namespace {

using ::sendcase::testing::StatusIs;

int64_t Count(Database& db, const std::string& sql) {
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return stmt->ColumnInt64(0);
}

// Pupil p with journey j and task t, in the columns of schema 1.
constexpr char kPupilJourneyTask[] =
    "INSERT INTO pupils (id, upn, given_name, family_name, birth_date, "
    "setting_urn, local_authority_code, current_journey_id, create_time) "
    "VALUES ('p', 'B801200005001', 'G', 'F', '2015-01-01', '100001', "
    "'201', 'j', 0);"
    "INSERT INTO journeys (id, pupil_id, state, version, rule_set_version, "
    "create_time, update_time) VALUES ('j', 'p', 1, 1, '', 0, 0);"
    "INSERT INTO tasks (id, journey_id, pupil_id, rule_id, title, "
    "owner_role, due_date, state, create_time) VALUES ('t', 'j', 'p', "
    "'r', 'T', 1, '2025-01-01', 1, 0);";

// A pending alert of pupil p, journey j: `task` is SQL ('t' or NULL),
// `kind` a sendcase.v1.Alert.Kind (4: NOTICE).
std::string PendingAlert(const std::string& task, int kind) {
  return "INSERT INTO alerts (task_id, journey_id, pupil_id, setting_urn, "
         "local_authority_code, rule_id, owner_role, title, explanation, "
         "due_date, kind, fire_time, state) VALUES (" +
         task +
         ", 'j', 'p', '100001', '201', 'r', 1, 'T', 'why', "
         "'2025-01-01', " +
         std::to_string(kind) + ", 10, 0)";
}

TEST(MigrationUpgradeTest, PopulatedVersionOneDatabaseUpgrades) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(MigrateTo(**db, 1));
  ASSERT_OK((*db)->Exec(kPupilJourneyTask));
  ASSERT_OK(Migrate(**db));
  SqliteStore store(*std::move(db));
  auto task = store.GetTask(TaskName{"p", "j", "t"});
  ASSERT_OK(task);
  EXPECT_EQ(task->task.title(), "T");
  auto journey = store.GetJourney(JourneyName{"p", "j"});
  ASSERT_OK(journey);
  EXPECT_TRUE(journey->clocks.empty());
}

TEST(MigrationUpgradeTest, ClocksOf0013GetTheFlagsTheirRulesImplied) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  Database& d = **db;
  ASSERT_OK(MigrateTo(d, 13));
  ASSERT_OK(d.Exec(kPupilJourneyTask));
  // rule id, status (1 OPEN, 2 MET, 4 EXCEPTION, 5 CANCELLED).
  for (const auto& [rule, status] :
       std::vector<std::pair<std::string, int>>{{"ehc.final_plan", 1},
                                                {"ehc.final_plan", 2},
                                                {"ehc.advice", 4},
                                                {"ehc.decision_to_assess", 5},
                                                {"review.annual", 1}}) {
    ASSERT_OK(d.Exec(
        "INSERT INTO clocks (journey_id, rule_id, status, start_date, "
        "due_date, statutory, owner_role, explanation, rule_set_version) "
        "VALUES ('j', '" +
        rule + "', " + std::to_string(status) +
        ", '2025-01-01', '2025-05-21', 1, 2, 'why', '2026.5')"));
  }
  ASSERT_OK(Migrate(d));
  {  // the statement goes before its connection does
    auto flags = d.Prepare(
        "SELECT group_concat(rule_id || ':' || live || assessment_step || "
        "assessment_limit, ' ') FROM (SELECT * FROM clocks ORDER BY id)");
    ASSERT_OK(flags);
    ASSERT_OK(flags->Step());
    EXPECT_EQ(flags->ColumnText(0),
              "ehc.final_plan:111 ehc.final_plan:011 ehc.advice:110 "
              "ehc.decision_to_assess:010 review.annual:100");
  }
  // The journey reads back with the flags the views use.
  SqliteStore store(*std::move(db));
  auto journey = store.GetJourney(JourneyName{"p", "j"});
  ASSERT_OK(journey);
  ASSERT_EQ(journey->clocks.size(), 5u);
  EXPECT_TRUE(journey->clocks[0].assessment_limit);
  EXPECT_TRUE(journey->clocks[2].assessment_step);
  EXPECT_FALSE(journey->clocks[4].assessment_step);
}

TEST(MigrationUpgradeTest, ContactsOf0014GetTheirScopeParsed) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  Database& d = **db;
  ASSERT_OK(MigrateTo(d, 14));
  for (const char* scope : {"*", "setting:100001", "la:201", "trust:T1"}) {
    ASSERT_OK(d.Exec(std::string("INSERT INTO contacts (role, scope, email, "
                                 "create_time) VALUES (1, '") +
                     scope + "', 'a@b.example', 0)"));
  }
  ASSERT_OK(Migrate(d));
  auto parsed = d.Prepare(
      "SELECT group_concat(scope || '=' || scope_kind || '/' || scope_id, ' ') "
      "FROM (SELECT * FROM contacts ORDER BY rowid)");
  ASSERT_OK(parsed);
  ASSERT_OK(parsed->Step());
  EXPECT_EQ(parsed->ColumnText(0),
            "*=0/ setting:100001=1/100001 la:201=2/201 trust:T1=3/T1");
}

TEST(MigrationUpgradeTest, AlertsAndDeliveriesSurviveTheRebuildOf0013) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  Database& d = **db;
  ASSERT_OK(MigrateTo(d, 12));
  ASSERT_OK(d.Exec(kPupilJourneyTask));
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(d.Exec(
        "INSERT INTO alerts (task_id, journey_id, pupil_id, setting_urn, "
        "local_authority_code, rule_id, owner_role, title, explanation, "
        "due_date, kind, fire_time, state, revision, fired_time) VALUES "
        "('t', 'j', 'p', '100001', '201', 'r', 1, 'T', 'why', '2025-01-01', "
        "1, 10, 1, (SELECT COALESCE(MAX(revision), 0) + 1 FROM alerts), 10)"));
  }
  ASSERT_OK(
      d.Exec("INSERT INTO deliveries (alert_id, email, state, "
             "next_attempt_time) VALUES (2, 'a@b.example', 1, 10)"));
  // The newest alert went (as a test may delete one): its id stays spent.
  ASSERT_OK(d.Exec("DELETE FROM alerts WHERE id = 3"));

  ASSERT_OK(Migrate(d));
  EXPECT_EQ(Count(d, "PRAGMA user_version"), AllMigrations().back().version);
  EXPECT_EQ(Count(d, "SELECT COUNT(*) FROM alerts WHERE task_id = 't'"), 2);
  EXPECT_EQ(Count(d,
                  "SELECT COUNT(*) FROM deliveries d JOIN alerts a ON "
                  "a.id = d.alert_id WHERE a.revision = 2"),
            1);
  EXPECT_EQ(Count(d,
                  "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                  "('alerts_pending', 'alerts_by_task', 'alerts_new')"),
            2);
  // A notice: no task.
  ASSERT_OK(d.Exec(PendingAlert("NULL", 4)));
  EXPECT_EQ(Count(d, "SELECT id FROM alerts WHERE task_id IS NULL"), 4);
  // Foreign keys are on again: a delivery of no alert, an alert of no task.
  EXPECT_THAT(d.Exec("INSERT INTO deliveries (alert_id, email, state, "
                     "next_attempt_time) VALUES (99, 'a@b.example', 0, 10)"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(d.Exec(PendingAlert("'nope'", 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Count(d, "PRAGMA foreign_keys"), 1);
}

// Every alert went before the upgrade: the copy is empty, and its ids
// still continue after the last one ever given.
TEST(MigrationUpgradeTest, AnEmptiedAlertsTableKeepsItsIdsSpent) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  Database& d = **db;
  ASSERT_OK(MigrateTo(d, 12));
  ASSERT_OK(d.Exec(kPupilJourneyTask));
  ASSERT_OK(d.Exec(PendingAlert("'t'", 1) + ";DELETE FROM alerts;"));
  ASSERT_OK(Migrate(d));
  ASSERT_OK(d.Exec(PendingAlert("NULL", 4)));
  EXPECT_EQ(Count(d, "SELECT MAX(id) FROM alerts"), 2);
  EXPECT_EQ(Count(d,
                  "SELECT COUNT(*) FROM sqlite_sequence WHERE name "
                  "LIKE 'alerts%'"),
            1);
}

// 0017 rebuilds pupils so a child may have no UPN: every pupil keeps its
// row, seq (the list cursor) and references; seqs continue after the last
// one ever given; a UPN stays unique, NULLs do not clash, and a row needs
// exactly one of UPN and reason.
TEST(MigrationUpgradeTest, PupilsSurviveTheRebuildOf0017) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  Database& d = **db;
  ASSERT_OK(MigrateTo(d, 16));
  ASSERT_OK(d.Exec(kPupilJourneyTask));
  ASSERT_OK(d.Exec(
      "INSERT INTO pupils (id, upn, given_name, family_name, birth_date, "
      "setting_urn, local_authority_code, current_journey_id, create_time, "
      "needs) VALUES ('q', 'A801200005001', 'G', 'F', '2015-01-01', "
      "'100001', '201', 'k', 0, 'ASD');"
      "DELETE FROM pupils WHERE id = 'q';"));
  ASSERT_OK(Migrate(d));
  EXPECT_EQ(Count(d,
                  "SELECT seq FROM pupils WHERE id = 'p' AND upn = "
                  "'B801200005001' AND upn_unknown IS NULL"),
            1);
  EXPECT_EQ(Count(d, "SELECT COUNT(*) FROM tasks WHERE pupil_id = 'p'"), 1);
  const std::string insert =
      "INSERT INTO pupils (id, upn, given_name, family_name, birth_date, "
      "setting_urn, local_authority_code, current_journey_id, create_time, "
      "upn_unknown) VALUES ";
  ASSERT_OK(d.Exec(insert + "('n1', NULL, 'G', 'F', '2023-01-01', '100001', "
                            "'201', 'j1', 0, 1), ('n2', NULL, 'G', 'F', "
                            "'2023-01-01', '100001', '201', 'j2', 0, 1)"));
  // q's seq (2) stays spent.
  EXPECT_EQ(Count(d, "SELECT seq FROM pupils WHERE id = 'n1'"), 3);
  EXPECT_THAT(d.Exec(insert + "('x', 'B801200005001', 'G', 'F', "
                              "'2015-01-01', '100001', '201', 'jx', 0, NULL)"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // Neither, or both: the CHECK refuses.
  EXPECT_THAT(d.Exec(insert + "('y', NULL, 'G', 'F', '2015-01-01', "
                              "'100001', '201', 'jy', 0, NULL)"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(d.Exec(insert + "('z', 'X938612324001', 'G', 'F', "
                              "'2015-01-01', '100001', '201', 'jz', 0, 1)"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Count(d,
                  "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                  "('pupils_by_setting', 'pupils_by_la', 'pupils_new')"),
            2);
  EXPECT_EQ(Count(d, "PRAGMA foreign_keys"), 1);
}

}  // namespace
}  // namespace sendcase::storage
