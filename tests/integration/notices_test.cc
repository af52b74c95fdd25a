// Notices: an event that someone else must act on (a plan issued, a
// decision, an exception recorded) is news at once, e-mailed through a real
// SMTP server to the contacts of the roles the rules name, and carried by
// WatchAlerts as a NOTICE with no task. The recorder's own role is not
// told, and a chronology caught up long after the fact sends nothing.
#include "tests/integration/reminders_fixture.h"

namespace sendcase::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The mails whose text contains `needle`.
std::vector<std::string> MailsWith(const fs::path& dir,
                                   const std::string& needle) {
  std::vector<std::string> out;
  for (const std::string& mail : Mails(dir)) {
    if (mail.find(needle) != std::string::npos) out.push_back(mail);
  }
  return out;
}

class NoticesTest : public RemindersTest {
 protected:
  void SetUp() override {
    RemindersTest::SetUp();
    AddContact(v1::SENCO, "setting:100001", "senco@school.example");
    AddContact(v1::LA_CASE_OFFICER, "la:201", "sen-team@la.example");
    officer_ = Token("officer", "LA_CASE_OFFICER", "la:201");
    senco_ = Token("senco", "SENCO", "setting:100001");
  }
  fs::path MailDir() const { return dir_.path() / "mail"; }

  std::string officer_;
  std::string senco_;
};

// Today is 2026-11-25 (the fixture's clock).
TEST_F(NoticesTest, APlanIssuedIsNewsForTheSchoolNotTheOfficerWhoIssuedIt) {
  const std::string j = NewPupil("B801200005001");
  // Long before today: caught up, not news.
  Record(j, "assessment_requested", D(2026, 10, 1), officer_);
  Record(j, "assessment_agreed", D(2026, 10, 20), officer_);
  // Within four weeks: news.
  Record(j, "draft_plan_issued", D(2026, 11, 2), officer_);
  Record(j, "final_plan_issued", D(2026, 11, 25), officer_);
  const int fired = RunDue().fired;  // notices and late reminders

  const auto notices = MailsWith(MailDir(), "Notice:   notice.");
  ASSERT_EQ(notices.size(), 2u);
  const auto final_plan = MailsWith(MailDir(), "notice.final_plan_issued");
  ASSERT_EQ(final_plan.size(), 1u);
  EXPECT_THAT(
      final_plan[0],
      AllOf(HasSubstr("To: <senco@school.example>"),
            HasSubstr("Subject: [sendcase] Final EHC plan issued: a named "
                      "school must admit the pupil; put the plan's provision "
                      "in place (2026-11-25 Wed)"),
            HasSubstr("For Ottoline Featherstonehaugh (UPN B801200005001), "
                      "on 2026-11-25 Wed."),
            HasSubstr("final_plan_issued dated 2026-11-25 Wed, recorded "
                      "2026-11-25 Wed by LA_CASE_OFFICER (CFA 2014 ss42 and "
                      "43)"),
            HasSubstr(j)));
  // The subject line never names the pupil (lock screens, mail logs).
  for (const std::string& mail : notices) {
    const size_t subject = mail.find("Subject:");
    ASSERT_NE(subject, std::string::npos);
    EXPECT_THAT(mail.substr(subject, mail.find('\n', subject) - subject),
                Not(HasSubstr("Featherstonehaugh")));
  }
  EXPECT_EQ(MailsWith(MailDir(), "notice.draft_plan_issued").size(), 1u);
  // The officer who recorded them is told nothing.
  for (const std::string& mail : notices) {
    EXPECT_THAT(mail, Not(HasSubstr("To: <sen-team@la.example>")));
  }

  // The feed carries them as notices: no task, the event's date.
  std::vector<v1::Alert> notice_alerts;
  for (const v1::Alert& a : Watch(0, fired)) {
    if (a.kind() == v1::Alert::NOTICE) notice_alerts.push_back(a);
  }
  ASSERT_EQ(notice_alerts.size(), 2u);
  EXPECT_EQ(notice_alerts[1].rule_id(), "notice.final_plan_issued");
  EXPECT_EQ(notice_alerts[1].owner_role(), v1::SENCO);
  EXPECT_EQ(notice_alerts[1].task(), "");
  EXPECT_EQ(notice_alerts[1].journey(), j);
  EXPECT_EQ(notice_alerts[1].due_date().day(), 25);
  EXPECT_EQ(notice_alerts[1].family_name(), "Featherstonehaugh");
  // A second pass sends nothing again.
  EXPECT_EQ(RunDue().sent, 0);
}

TEST_F(NoticesTest, NewsIsAtMostFourWeeksOldOnTheDayItIsRecorded) {
  // The school's request reaches the LA: dated 28 days ago it is news...
  const std::string fresh = NewPupil("B801200005001");
  Record(fresh, "assessment_requested", D(2026, 10, 28), senco_);
  // ...29 days ago it is a chronology being caught up.
  const std::string stale = NewPupil("P207000016049", "Basil", "Wetherby");
  Record(stale, "assessment_requested", D(2026, 10, 27), senco_);
  RunDue();
  const auto requested = MailsWith(MailDir(), "notice.assessment_requested");
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_THAT(requested[0], AllOf(HasSubstr("To: <sen-team@la.example>"),
                                  HasSubstr("Ottoline"),
                                  HasSubstr("recorded 2026-11-25 Wed by SENCO"),
                                  Not(HasSubstr("Basil"))));
}

TEST_F(NoticesTest, AnExceptionAndAReviewDecisionAreNewsForTheSchool) {
  const std::string j = NewPupil("B801200005001");
  Record(j, "assessment_requested", D(2026, 10, 1), officer_);
  Record(j, "assessment_agreed", D(2026, 10, 20), officer_);
  v1::JourneyEvent exception;
  *exception.mutable_event_date() = ToProtoDate(D(2026, 11, 25));
  auto* e = exception.mutable_exception_recorded();
  e->set_clock_rule_id("ehc.final_plan");
  e->set_reason(v1::ExceptionRecorded::PERSONAL_CIRCUMSTANCES);
  *e->mutable_start_date() = ToProtoDate(D(2026, 11, 2));
  *e->mutable_end_date() = ToProtoDate(D(2026, 11, 20));
  RecordEvent(j, exception, officer_);
  RunDue();
  const auto mails = MailsWith(MailDir(), "notice.exception_recorded");
  ASSERT_EQ(mails.size(), 1u);  // the school; the LA recorded it
  EXPECT_THAT(mails[0],
              AllOf(HasSubstr("To: <senco@school.example>"),
                    HasSubstr("An exception to a time limit was recorded")));

  // A review decision on a plan issued in 2024 (no news then) is news now.
  const std::string plan = PlanIssued("P207000016049");
  Record(plan, "annual_review_held", D(2026, 11, 20), senco_);
  v1::JourneyEvent decision;
  *decision.mutable_event_date() = ToProtoDate(D(2026, 11, 25));
  decision.mutable_review_decision()->set_outcome(v1::ReviewDecision::KEEP);
  RecordEvent(plan, decision, officer_);
  RunDue();
  // The meeting is news for the LA (the school recorded it), the decision
  // for the school.
  const auto held = MailsWith(MailDir(), "notice.annual_review_held");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_THAT(held[0], HasSubstr("To: <sen-team@la.example>"));
  const auto decided = MailsWith(MailDir(), "notice.review_decision");
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_THAT(decided[0], HasSubstr("To: <senco@school.example>"));
}

}  // namespace
}  // namespace sendcase::testing
