// The conformance suite, part 3: a committed task's due reminder fires once
// and is delivered to exactly the contacts of its owner role whose scope
// covers the pupil (its setting, LA or the setting's trust, or everywhere),
// a new contact catches up on it, and a closed task's reminder never fires
// (store_conformance.h).
#include <algorithm>

#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {

void AlertConformance::SetUp() {
  StoreConformance::SetUp();
  if (HasFatalFailure()) return;
  v1::Setting school;
  school.set_urn("100001");
  school.set_display_name("School");
  school.set_phase(v1::Setting::PRIMARY);
  school.set_local_authority_code("201");
  school.set_trust_id("T1");
  ASSERT_OK(db_.settings->PutSetting(school, kNow, std::nullopt));
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
}

void AlertConformance::AddContact(v1::Role role, ScopeKind kind,
                                  const std::string& id,
                                  const std::string& email) {
  v1::Contact c;
  c.set_role(role);
  c.set_scope(id.empty() ? "*" : id);  // listing text; routing uses kind
  c.set_email(email);
  ASSERT_OK(db_.contacts->PutContact(c, {kind, id}, true, kNow).status());
}

void AlertConformance::CommitTaskWithDueReminder(int64_t version) {
  TransitionEffects e =
      MakeCommit("p1", version, v1::Journey::ASSESSMENT_REQUESTED);
  NewTask task;
  task.id = "t1";
  task.rule_id = "bench.rule";
  task.title = "Do the thing";
  task.owner_role = v1::SENCO;
  task.due_date = D(2026, 11, 25);
  task.explanation = "because";
  task.alerts.push_back({v1::Alert::DUE_TODAY, kNow - std::chrono::hours(1)});
  e.new_tasks.push_back(task);
  ASSERT_OK(db_.cases->CommitTransition(e, {}, ""));
}

std::vector<std::string> AlertConformance::ClaimedEmails() {
  auto claimed =
      db_.alerts->ClaimDeliveries(kNow, std::chrono::seconds(60), 100);
  EXPECT_OK(claimed);
  std::vector<std::string> emails;
  if (!claimed.ok()) return emails;
  for (const Delivery& d : *claimed) emails.push_back(d.email);
  std::sort(emails.begin(), emails.end());
  return emails;
}

namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_P(AlertConformance,
       ADueReminderReachesTheContactsWhoseScopeCoversThePupil) {
  AddContact(v1::SENCO, ScopeKind::kSetting, "100001", "a-setting@x.example");
  AddContact(v1::SENCO, ScopeKind::kLocalAuthority, "201", "b-la@x.example");
  AddContact(v1::SENCO, ScopeKind::kTrust, "T1", "c-trust@x.example");
  AddContact(v1::SENCO, ScopeKind::kAll, "", "d-all@x.example");
  AddContact(v1::SENCO, ScopeKind::kSetting, "999999", "e-other@x.example");
  AddContact(v1::SENCO, ScopeKind::kLocalAuthority, "999", "f-other@x.example");
  AddContact(v1::SENCO, ScopeKind::kTrust, "T2", "g-other@x.example");
  AddContact(v1::LA_CASE_OFFICER, ScopeKind::kAll, "", "h-role@x.example");
  CommitTaskWithDueReminder(1);

  auto fired = db_.alerts->FireDue(kNow, 10, true);
  ASSERT_OK(fired);
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].task(), "pupils/p1/journeys/jp1/tasks/t1");
  EXPECT_EQ((*fired)[0].kind(), v1::Alert::DUE_TODAY);
  EXPECT_THAT(ClaimedEmails(),
              ElementsAre("a-setting@x.example", "b-la@x.example",
                          "c-trust@x.example", "d-all@x.example"));
  // Fired once: nothing more is due.
  auto again = db_.alerts->FireDue(kNow, 10, true);
  ASSERT_OK(again);
  EXPECT_THAT(*again, IsEmpty());
}

TEST_P(AlertConformance, ANewContactCatchesUpOnTheOpenTasksReminders) {
  CommitTaskWithDueReminder(1);
  ASSERT_OK(db_.alerts->FireDue(kNow, 10, true).status());
  EXPECT_THAT(ClaimedEmails(), IsEmpty());  // nobody to tell yet
  v1::Contact late;
  late.set_role(v1::SENCO);
  late.set_scope("trust:T1");
  late.set_email("late@x.example");
  auto queued =
      db_.contacts->PutContact(late, {ScopeKind::kTrust, "T1"}, true, kNow);
  ASSERT_OK(queued);
  EXPECT_EQ(*queued, 1);
  v1::Contact elsewhere = late;
  elsewhere.set_scope("trust:T2");
  elsewhere.set_email("elsewhere@x.example");
  auto none = db_.contacts->PutContact(elsewhere, {ScopeKind::kTrust, "T2"},
                                       true, kNow);
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
  EXPECT_THAT(ClaimedEmails(), ElementsAre("late@x.example"));
}

TEST_P(AlertConformance, AClosedTasksReminderIsCancelledNotFired) {
  AddContact(v1::SENCO, ScopeKind::kAll, "", "a@x.example");
  CommitTaskWithDueReminder(1);
  TransitionEffects close =
      MakeCommit("p1", 2, v1::Journey::ASSESSMENT_REQUESTED);
  close.closed_tasks.push_back({"t1", v1::Task::CANCELLED});
  ASSERT_OK(db_.cases->CommitTransition(close, {}, ""));
  auto fired = db_.alerts->FireDue(kNow, 10, true);
  ASSERT_OK(fired);
  EXPECT_THAT(*fired, IsEmpty());
  EXPECT_THAT(ClaimedEmails(), IsEmpty());
}

}  // namespace
}  // namespace sendcase::storage::conformance
