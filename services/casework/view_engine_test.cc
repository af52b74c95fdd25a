// The 20-week tracker and the timeliness report over a small hand-built
// case list whose answers are worked out in the comments.
#include "services/casework/view_engine.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/case_engine.h"
#include "services/common/proto_time.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::DoubleNear;
using ::testing::ElementsAre;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class ViewEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = testing::CaseworkEnv::Open(":memory:", clock_, ids_);
    ASSERT_OK(env);
    env_ = *std::move(env);
    engine_ = env_.engine.get();
    views_ = std::make_unique<ViewEngine>(*env_.store, *env_.store, *env_.store,
                                          clock_);
    admin_ = testing::Caller("ADMIN", "*", "admin");
    officer_ = testing::Caller("LA_CASE_OFFICER", "la:201", "officer");
  }

  // A journey with `events` ("kind YYYY-MM-DD"), pupil in LA `la`.
  std::string Case(const std::string& upn, const std::string& la,
                   const std::vector<std::string>& events) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("G");
    p->set_family_name("F");
    *p->mutable_birth_date() = ToProtoDate(D(2012, 1, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code(la);
    auto pupil = engine_->CreatePupil(admin_, req);
    EXPECT_OK(pupil);
    for (const std::string& e : events) {
      const std::string kind = e.substr(0, e.find(' '));
      v1::RecordEventRequest r;
      r.set_journey(pupil->current_journey());
      *r.mutable_event()->mutable_event_date() =
          ToProtoDate(*ParseDay(e.substr(e.find(' ') + 1), "date"));
      auto* field = v1::JourneyEvent::descriptor()->FindFieldByName(kind);
      auto* body = r.mutable_event()->GetReflection()->MutableMessage(
          r.mutable_event(), field);
      if (kind == "exception_recorded") {
        auto* x = static_cast<v1::ExceptionRecorded*>(body);
        x->set_clock_rule_id("ehc.final_plan");
        x->set_reason(v1::ExceptionRecorded::SCHOOL_CLOSURE);
        *x->mutable_start_date() = r.event().event_date();
        *x->mutable_end_date() = r.event().event_date();
      }
      EXPECT_OK(engine_->RecordEvent(admin_, r)) << e;
    }
    return pupil->current_journey();
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2025, 6, 1))};
  IdGenerator ids_{11};
  testing::CaseworkEnv env_;
  CaseEngine* engine_ = nullptr;
  std::unique_ptr<ViewEngine> views_;
  auth::Principal admin_, officer_;
};

TEST_F(ViewEngineTest, TimelinessReportCountsByHand) {
  // A: 2024-01-08 -> 2024-05-27 = 140 days, within 20 weeks.
  Case("B801200005001", "201",
       {"assessment_requested 2024-01-08", "assessment_agreed 2024-02-01",
        "draft_plan_issued 2024-04-15", "final_plan_issued 2024-05-27"});
  // B: 141 days, over 20 weeks, under a year; ann's case.
  const std::string b =
      Case("P207000016049", "201",
           {"assessment_requested 2024-01-08", "assessment_agreed 2024-02-01",
            "draft_plan_issued 2024-04-20", "final_plan_issued 2024-05-28"});
  // C: 2023-06-01 -> 2024-02-01 = 245 days, with an exception (Week20 = 1).
  const std::string c =
      Case("X938612324001", "201",
           {"assessment_requested 2023-06-01", "assessment_agreed 2023-07-10",
            "exception_recorded 2023-07-23", "draft_plan_issued 2024-01-10",
            "final_plan_issued 2024-02-01"});
  // D: 2023-01-02 -> 2024-01-05 = 368 days, over a year.
  const std::string d =
      Case("M80120000500A", "201",
           {"assessment_requested 2023-01-02", "assessment_agreed 2023-02-01",
            "draft_plan_issued 2023-12-20", "final_plan_issued 2024-01-05"});
  v1::AssignCaseOfficerRequest assign;
  assign.set_journey(b);
  assign.set_case_officer("ann");
  ASSERT_OK(engine_->AssignCaseOfficer(admin_, assign));
  // E: issued in 2025, not in the 2024 report.
  Case("Y20700001604Z", "201",
       {"assessment_requested 2024-09-02", "assessment_agreed 2024-10-01",
        "draft_plan_issued 2024-12-10", "final_plan_issued 2025-01-15"});
  // F: another LA, 2024-01-08 -> 2024-03-01 = 53 days, within.
  Case("Q801200005002", "202",
       {"assessment_requested 2024-01-08", "assessment_agreed 2024-01-20",
        "draft_plan_issued 2024-02-10", "final_plan_issued 2024-03-01"});

  v1::GetTimelinessReportRequest req;
  req.set_year(2024);
  auto la = views_->GetTimelinessReport(officer_, req);
  ASSERT_OK(la);
  // LA 201: A, B, C, D; within: A. Without exceptions: A, B, D; within: A.
  EXPECT_EQ(la->plans_issued(), 4);
  EXPECT_EQ(la->within_20_weeks(), 1);
  EXPECT_DOUBLE_EQ(la->within_20_weeks_percent(), 25.0);
  EXPECT_EQ(la->plans_issued_excluding_exceptions(), 3);
  EXPECT_EQ(la->within_20_weeks_excluding_exceptions(), 1);
  EXPECT_THAT(la->within_20_weeks_excluding_exceptions_percent(),
              DoubleNear(100.0 / 3, 1e-9));
  EXPECT_EQ(la->over_20_weeks_under_a_year(), 2);  // B, C
  EXPECT_EQ(la->over_a_year(), 1);                 // D
  // (140 + 141 + 245 + 368) / 4 / 7 = 894 / 28 weeks.
  EXPECT_THAT(la->average_weeks(), DoubleNear(894.0 / 28, 1e-9));
  // Late by 1 (B), 105 (C) and 228 (D) days past the 20 weeks.
  EXPECT_THAT(la->average_days_late(), DoubleNear(334.0 / 3, 1e-9));
  // The plans behind the percentages, latest issued first: B, C, D.
  ASSERT_EQ(la->late_plans_size(), 3);
  EXPECT_EQ(la->late_plans(0).journey(), b);
  EXPECT_EQ(la->late_plans(0).days_late(), 1);
  EXPECT_EQ(la->late_plans(0).case_officer(), "ann");
  EXPECT_EQ(la->late_plans(0).received_date().day(), 8);
  EXPECT_EQ(la->late_plans(0).due_date().day(), 27);
  EXPECT_EQ(la->late_plans(0).issued_date().day(), 28);
  EXPECT_FALSE(la->late_plans(0).exception());
  EXPECT_EQ(la->late_plans(1).journey(), c);
  EXPECT_EQ(la->late_plans(1).days_late(), 105);
  EXPECT_TRUE(la->late_plans(1).exception());
  EXPECT_EQ(la->late_plans(2).journey(), d);
  EXPECT_EQ(la->late_plans(2).days_late(), 228);
  EXPECT_EQ(la->late_plans(2).case_officer(), "");

  auto all = views_->GetTimelinessReport(admin_, req);
  ASSERT_OK(all);
  EXPECT_EQ(all->plans_issued(), 5);
  EXPECT_EQ(all->within_20_weeks(), 2);  // A, F
  EXPECT_DOUBLE_EQ(all->within_20_weeks_excluding_exceptions_percent(), 50.0);
  EXPECT_THAT(all->average_weeks(), DoubleNear(947.0 / 35, 1e-9));

  req.set_year(1999);
  EXPECT_THAT(views_->GetTimelinessReport(officer_, req),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ViewEngineTest, TrackerListsOpenAssessmentsMostUrgentFirst) {
  // Today is 2025-06-01.
  // G: received 2025-04-07 (55 days ago: week 8); decision met; next is the
  // 16-week date 2025-07-28, 57 days away.
  const std::string g =
      Case("B801200005001", "201",
           {"assessment_requested 2025-04-07", "assessment_agreed 2025-05-01"});
  // H (LA 202): received 2025-01-06 (146 days: week 21); the 6-week
  // decision (2025-02-17) is still open, 104 days overdue.
  const std::string h =
      Case("P207000016049", "202", {"assessment_requested 2025-01-06"});
  // I: received 2025-03-03, exception on the final plan; next is the
  // decision 2025-04-14, 48 days overdue.
  const std::string i = Case(
      "X938612324001", "201",
      {"assessment_requested 2025-03-03", "exception_recorded 2025-03-10"});
  // A closed one is not listed.
  Case("M80120000500A", "201",
       {"assessment_requested 2024-01-08", "assessment_agreed 2024-02-01",
        "draft_plan_issued 2024-04-15", "final_plan_issued 2024-05-27"});

  v1::ListAssessmentsRequest req;
  req.set_page_size(2);
  auto page1 = views_->ListAssessments(admin_, req);
  ASSERT_OK(page1);
  ASSERT_EQ(page1->assessments_size(), 2);
  const auto& first = page1->assessments(0);
  EXPECT_EQ(first.journey(), h);
  EXPECT_EQ(first.week(), 21);
  EXPECT_EQ(first.next_rule_id(), "ehc.decision_to_assess");
  EXPECT_EQ(first.days_left(), -104);
  EXPECT_EQ(first.final_plan_date().month(), 5);
  EXPECT_EQ(first.final_plan_date().day(), 26);
  const auto& second = page1->assessments(1);
  EXPECT_EQ(second.journey(), i);
  EXPECT_EQ(second.days_left(), -48);
  EXPECT_THAT(second.exception_rule_ids(), ElementsAre("ehc.final_plan"));
  ASSERT_FALSE(page1->next_page_token().empty());

  req.set_page_token(page1->next_page_token());
  auto page2 = views_->ListAssessments(admin_, req);
  ASSERT_OK(page2);
  ASSERT_EQ(page2->assessments_size(), 1);
  EXPECT_EQ(page2->assessments(0).journey(), g);
  EXPECT_EQ(page2->assessments(0).week(), 8);
  EXPECT_EQ(page2->assessments(0).next_rule_id(), "ehc.no_plan_notice");
  EXPECT_EQ(page2->assessments(0).days_left(), 57);
  EXPECT_EQ(page2->assessments(0).state(), "ASSESSMENT");
  EXPECT_TRUE(page2->next_page_token().empty());

  // The LA 201 officer never sees H, not even as a gap in the pages.
  v1::ListAssessmentsRequest scoped;
  auto mine = views_->ListAssessments(officer_, scoped);
  ASSERT_OK(mine);
  ASSERT_EQ(mine->assessments_size(), 2);
  EXPECT_EQ(mine->assessments(0).journey(), i);
  EXPECT_EQ(mine->assessments(1).journey(), g);

  // K: received 2025-05-20, its decision due 2025-07-01 (30 days away).
  const std::string k =
      Case("Y20700001604Z", "201", {"assessment_requested 2025-05-20"});
  // G becomes the officer's own case: an officer sees their own cases
  // first (G, the least urgent), then everyone else's, across pages.
  v1::AssignCaseOfficerRequest assign;
  assign.set_journey(g);
  assign.set_case_officer("officer");
  ASSERT_OK(engine_->AssignCaseOfficer(admin_, assign));
  std::vector<std::string> order;
  std::vector<std::string> tokens;
  v1::ListAssessmentsRequest paged;
  paged.set_page_size(1);
  for (int n = 0; n < 4; ++n) {
    auto r = views_->ListAssessments(officer_, paged);
    ASSERT_OK(r);
    for (const auto& a : r->assessments()) order.push_back(a.journey());
    if (r->next_page_token().empty()) break;
    tokens.push_back(r->next_page_token());
    paged.set_page_token(r->next_page_token());
  }
  EXPECT_THAT(order, ElementsAre(g, i, k));
  ASSERT_EQ(tokens.size(), 2u);
  // A token goes on its own list only: the second page's (among the
  // others) neither on "my cases" nor as another caller.
  v1::ListAssessmentsRequest elsewhere;
  elsewhere.set_page_token(tokens[1]);
  EXPECT_THAT(views_->ListAssessments(admin_, elsewhere),
              StatusIs(absl::StatusCode::kInvalidArgument));
  elsewhere.set_case_officer("officer");
  EXPECT_THAT(views_->ListAssessments(officer_, elsewhere),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // ADMIN (no case of its own) sees the plain urgency order.
  auto plain = views_->ListAssessments(admin_, scoped);
  ASSERT_OK(plain);
  ASSERT_EQ(plain->assessments_size(), 4);
  EXPECT_EQ(plain->assessments(2).journey(), k);
  EXPECT_EQ(plain->assessments(3).journey(), g);
  // "My cases" only: G, the officer's; the page is the last.
  v1::ListAssessmentsRequest own;
  own.set_case_officer("officer");
  own.set_page_size(1);
  auto my = views_->ListAssessments(admin_, own);
  ASSERT_OK(my);
  ASSERT_EQ(my->assessments_size(), 1);
  EXPECT_EQ(my->assessments(0).journey(), g);
  EXPECT_EQ(my->assessments(0).case_officer(), "officer");
  EXPECT_TRUE(my->next_page_token().empty());
  own.set_case_officer("no such officer!");
  EXPECT_THAT(views_->ListAssessments(officer_, own),
              StatusIs(absl::StatusCode::kInvalidArgument));

  scoped.set_page_token("bm90LWEtdG9rZW4");
  EXPECT_THAT(views_->ListAssessments(officer_, scoped),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ViewEngineTest, ChronologyListsEventsClocksAndTasksInDateOrder) {
  const std::string j =
      Case("B801200005001", "201",
           {"assessment_requested 2024-01-08", "assessment_agreed 2024-02-16"});
  v1::RecordEventRequest advice;
  advice.set_journey(j);
  *advice.mutable_event()->mutable_event_date() = ToProtoDate(D(2024, 2, 21));
  advice.mutable_event()->mutable_advice_requested()->set_advice_giver("EP");
  ASSERT_OK(engine_->RecordEvent(admin_, advice));
  v1::ListTasksRequest list;
  list.set_parent(j);
  list.set_owner_role(v1::LA_CASE_OFFICER);
  auto tasks = engine_->ListTasks(admin_, list);
  ASSERT_OK(tasks);
  v1::CompleteTaskRequest done;
  for (const auto& t : tasks->tasks()) {
    if (t.rule_id() == "ehc.advice") done.set_name(t.name());
  }
  ASSERT_FALSE(done.name().empty());
  ASSERT_OK(engine_->CompleteTask(admin_, done));  // today, 2025-06-01

  v1::GetChronologyRequest req;
  req.set_pupil(j.substr(0, j.find("/journeys/")));
  auto chronology = views_->GetChronology(officer_, req);
  ASSERT_OK(chronology);
  std::vector<std::string> lines;
  for (const auto& e : chronology->entries()) {
    lines.push_back(absl::StrCat(
        e.date().year(), "-", e.date().month(), "-", e.date().day(), " ",
        v1::ChronologyEntry::Kind_Name(e.kind()), " ", e.summary()));
  }
  EXPECT_THAT(
      lines,
      ElementsAre("2024-1-8 EVENT assessment_requested",
                  "2024-2-16 EVENT assessment_agreed",
                  "2024-2-16 CLOCK_MET ehc.decision_to_assess met",
                  "2024-2-19 CLOCK_DUE ehc.decision_to_assess due (MET)",
                  "2024-2-21 EVENT advice_requested (advice_giver: EP)",
                  "2024-4-3 CLOCK_DUE ehc.advice for EP due (OVERDUE)",
                  "2024-4-15 CLOCK_DUE ehc.draft_plan_target due (OVERDUE)",
                  "2024-4-29 CLOCK_DUE ehc.no_plan_notice due (OVERDUE)",
                  "2024-5-27 CLOCK_DUE ehc.final_plan due (OVERDUE)",
                  "2025-6-1 TASK_DONE task done: Chase advice"));
  EXPECT_EQ(chronology->entries(0).recorded_by(), "admin");
  EXPECT_THAT(chronology->entries(8).detail(),
              ::testing::HasSubstr("reg 13(2)"));

  const auto other = testing::Caller("SENCO", "setting:999999");
  EXPECT_THAT(views_->GetChronology(other, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
  req.set_pupil("pupils/nosuchpupil");
  EXPECT_THAT(views_->GetChronology(officer_, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(views_->GetChronology(admin_, req),
              StatusIs(absl::StatusCode::kNotFound));
}

// An event's fields read as a person writes them, not as protobuf text:
// dates as YYYY-MM-DD, enums by name, fields separated by "; ".
TEST_F(ViewEngineTest, ChronologyDescribesEventFieldsReadably) {
  const std::string j =
      Case("B801200005001", "201",
           {"assessment_requested 2024-01-08", "assessment_agreed 2024-02-16",
            "exception_recorded 2024-03-01"});
  v1::GetChronologyRequest req;
  req.set_pupil(j.substr(0, j.find("/journeys/")));
  auto chronology = views_->GetChronology(admin_, req);
  ASSERT_OK(chronology);
  std::vector<std::string> events;
  for (const auto& e : chronology->entries()) {
    if (e.kind() == v1::ChronologyEntry::EVENT) events.push_back(e.summary());
  }
  EXPECT_THAT(events,
              ElementsAre("assessment_requested", "assessment_agreed",
                          "exception_recorded (clock_rule_id: ehc.final_plan; "
                          "reason: SCHOOL_CLOSURE; start_date: 2024-03-01; "
                          "end_date: 2024-03-01)"));
}

}  // namespace
}  // namespace sendcase::casework
