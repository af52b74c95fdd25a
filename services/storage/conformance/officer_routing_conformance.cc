// The conformance suite: an LA case officer's own address (a contact with
// case_officer) hears the reminders of the journeys assigned to that
// officer, and the team's address everything else, including an officer's
// journeys while the officer has no address (the fallback); a new
// officer's address catches up on that officer's open reminders only.
#include <map>

#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

v1::Contact OfficerContact(const std::string& officer,
                           const std::string& email) {
  v1::Contact c;
  c.set_role(v1::LA_CASE_OFFICER);
  c.set_scope("la:201");
  c.set_email(email);
  c.set_case_officer(officer);
  return c;
}

// Pupil `id` (journey "j" + id) with an LA officer's task whose reminder is
// due, assigned to `officer` ("" for nobody).
void OfficerTask(Stores& db, const std::string& id, const std::string& upn,
                 const std::string& officer) {
  if (id != "p1") {
    ASSERT_OK(db.cases->CreatePupil(MakePupil(id, upn), {}, ""));
  }
  TransitionEffects e =
      MakeCommit(id, kFirstVersion, v1::Journey::ASSESSMENT_REQUESTED);
  NewTask task;
  task.id = "t" + id;
  task.rule_id = "ehc.decision_to_assess";
  task.title = "Decide";
  task.owner_role = v1::LA_CASE_OFFICER;
  task.due_date = D(2026, 11, 25);
  task.explanation = "because";
  task.alerts.push_back({v1::Alert::DUE_TODAY, kNow - std::chrono::hours(1)});
  e.new_tasks.push_back(task);
  ASSERT_OK(db.cases->CommitTransition(e, {}, ""));
  if (!officer.empty()) {
    ASSERT_OK(db.cases->AssignCaseOfficer(JourneyName{id, "j" + id}, officer,
                                          NextVersion(kFirstVersion), kNow));
  }
}

// pupil id -> the addresses its reminder was delivered to, claimed now.
std::multimap<std::string, std::string> Claimed(Stores& db) {
  std::multimap<std::string, std::string> out;
  auto claimed =
      db.alerts->ClaimDeliveries(kNow, std::chrono::seconds(60), 100);
  EXPECT_OK(claimed);
  if (!claimed.ok()) return out;
  for (const Delivery& d : *claimed) out.emplace(d.alert.pupil(), d.email);
  return out;
}

TEST_P(AlertConformance,
       AnOfficersJourneysRemindersGoToTheirAddressElseTheTeams) {
  ASSERT_OK(db_.contacts
                ->PutContact(OfficerContact("", "team@x.example"),
                             {ScopeKind::kLocalAuthority, "201"}, true, kNow)
                .status());
  ASSERT_OK(db_.contacts
                ->PutContact(OfficerContact("ann", "ann@x.example"),
                             {ScopeKind::kLocalAuthority, "201"}, true, kNow)
                .status());
  OfficerTask(db_, "p1", "", "ann");               // ann has an address
  OfficerTask(db_, "p2", "B801200005002", "bob");  // bob has none
  OfficerTask(db_, "p3", "B801200005003", "");     // nobody's

  auto fired = db_.alerts->FireDue(kNow, 10, true);
  ASSERT_OK(fired);
  std::map<std::string, std::string> officers;
  for (const v1::Alert& a : *fired) officers[a.pupil()] = a.case_officer();
  EXPECT_THAT(officers,
              ElementsAre(Pair("pupils/p1", "ann"), Pair("pupils/p2", "bob"),
                          Pair("pupils/p3", "")));
  EXPECT_THAT(Claimed(db_),
              UnorderedElementsAre(Pair("pupils/p1", "ann@x.example"),
                                   Pair("pupils/p2", "team@x.example"),
                                   Pair("pupils/p3", "team@x.example")));

  // bob's new address catches up on bob's open reminder, nobody else's.
  auto queued =
      db_.contacts->PutContact(OfficerContact("bob", "bob@x.example"),
                               {ScopeKind::kLocalAuthority, "201"}, true, kNow);
  ASSERT_OK(queued);
  EXPECT_EQ(*queued, 1);
  EXPECT_THAT(Claimed(db_), ElementsAre(Pair("pupils/p2", "bob@x.example")));
  // A team address added now catches up on the journey nobody has, and on
  // no officer's that has an address.
  auto team =
      db_.contacts->PutContact(OfficerContact("", "team2@x.example"),
                               {ScopeKind::kLocalAuthority, "201"}, true, kNow);
  ASSERT_OK(team);
  EXPECT_EQ(*team, 1);
  EXPECT_THAT(Claimed(db_), ElementsAre(Pair("pupils/p3", "team2@x.example")));

  // An officer's address is removed only by naming its officer.
  EXPECT_THAT(db_.contacts->DeleteContact(OfficerContact("", "ann@x.example")),
              StatusIs(absl::StatusCode::kNotFound));
  auto listed = db_.contacts->ListContacts(true, {}, PageRequest{0, 10});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->items.size(), 4u);
  EXPECT_EQ(listed->items[1].case_officer(), "ann");
  EXPECT_EQ(listed->items[0].case_officer(), "");
}

}  // namespace
}  // namespace sendcase::storage::conformance
