// The SENCO's register, reviews due, caseloads and per-setting counts over a
// small hand-built data set whose answers are worked out in the comments.
#include "services/casework/register_views.h"

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/proto_time.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::ElementsAre;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

std::string DayOf(const google::type::Date& d) {
  return FormatDay(*FromProtoDate(d, "date"));
}

// Today is 2025-06-01 (London). The data set:
//   setting 100001 (LA 201): P1 concern only (N);
//     P2 SEN support, review agreed for 2025-06-10 (K; due in 9 days);
//     P3 SEN support, review 2025-05-20 (K; 12 days overdue);
//     P4 EHC plan issued 2024-05-27 (E; annual review 2025-05-26 is 6 days
//        overdue), case officer ann.
//   setting 100002 (LA 201): P5 assessment received 2025-04-07, agreed
//     2025-05-01 (K; open, on time), case officer ann.
//   setting 100003 (LA 202): P6 assessment received 2025-01-06, nothing
//     since (K; the 6-week decision is overdue), case officer bob.
class RegisterViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = testing::CaseworkEnv::Open(":memory:", clock_, ids_);
    ASSERT_OK(env);
    env_ = *std::move(env);
    views_ = std::make_unique<RegisterViews>(*env_.store, clock_);
    v1::Setting s;
    s.set_urn("100001");
    s.set_display_name("Oak Primary");
    s.set_phase(v1::Setting::PRIMARY);
    s.set_local_authority_code("201");
    s.set_trust_id("oak");
    ASSERT_OK(env_.store->PutSetting(s, clock_.Now(), std::nullopt));

    p1_ = Case("B801200005001", "100001", "201", {}, {});
    p2_ = Case("P207000016049", "100001", "201", {v1::SLCN, v1::ASD},
               {"sen_support_started 2025-03-01 2025-06-10"});
    p3_ = Case("X938612324001", "100001", "201", {v1::SEMH},
               {"sen_support_started 2025-01-10 2025-05-20"});
    p4_ =
        Case("M80120000500A", "100001", "201", {v1::MLD},
             {"assessment_requested 2024-01-08", "assessment_agreed 2024-02-01",
              "draft_plan_issued 2024-04-15", "final_plan_issued 2024-05-27"});
    p5_ = Case(
        "Y20700001604Z", "100002", "201", {},
        {"assessment_requested 2025-04-07", "assessment_agreed 2025-05-01"});
    p6_ = Case("Q801200005002", "100003", "202", {},
               {"assessment_requested 2025-01-06"});
    Assign(p4_, "ann");
    Assign(p5_, "ann");
    Assign(p6_, "bob");
  }

  // Creates a pupil and records `events` ("kind YYYY-MM-DD [review date]");
  // returns its journey.
  std::string Case(const std::string& upn, const std::string& urn,
                   const std::string& la, std::vector<v1::NeedType> needs,
                   const std::vector<std::string>& events) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("G");
    p->set_family_name("F");
    *p->mutable_birth_date() = ToProtoDate(D(2012, 1, 1));
    p->set_setting_urn(urn);
    p->set_local_authority_code(la);
    for (auto n : needs) p->add_needs(n);
    auto pupil = env_.engine->CreatePupil(admin_, req);
    EXPECT_OK(pupil);
    for (const std::string& e : events) {
      std::vector<std::string> parts = absl::StrSplit(e, ' ');
      v1::RecordEventRequest r;
      r.set_journey(pupil->current_journey());
      *r.mutable_event()->mutable_event_date() =
          ToProtoDate(*ParseDay(parts[1], "date"));
      auto* field = v1::JourneyEvent::descriptor()->FindFieldByName(parts[0]);
      r.mutable_event()->GetReflection()->MutableMessage(r.mutable_event(),
                                                         field);
      if (parts[0] == "sen_support_started") {
        *r.mutable_event()
             ->mutable_sen_support_started()
             ->mutable_review_date() = ToProtoDate(*ParseDay(parts[2], "date"));
      }
      EXPECT_OK(env_.engine->RecordEvent(admin_, r)) << e;
    }
    return pupil->current_journey();
  }

  void Assign(const std::string& journey, const std::string& officer) {
    v1::AssignCaseOfficerRequest req;
    req.set_journey(journey);
    req.set_case_officer(officer);
    auto caller = testing::Caller("LA_CASE_OFFICER", "*", "lead");
    EXPECT_OK(env_.engine->AssignCaseOfficer(caller, req));
  }

  static std::string PupilOf(const std::string& journey) {
    return journey.substr(0, journey.find("/journeys/"));
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2025, 6, 1))};
  IdGenerator ids_{21};
  testing::CaseworkEnv env_;
  std::unique_ptr<RegisterViews> views_;
  auth::Principal admin_ = testing::Caller("ADMIN", "*", "admin");
  auth::Principal senco_ = testing::Caller("SENCO", "setting:100001");
  auth::Principal officer_ = testing::Caller("LA_CASE_OFFICER", "la:201");
  std::string p1_, p2_, p3_, p4_, p5_, p6_;
};

TEST_F(RegisterViewsTest, RegisterListsKAndEWithNeedsReviewsAndTasks) {
  v1::ListSenRegisterRequest req;
  req.set_parent("settings/100001");
  auto reg = views_->ListSenRegister(senco_, req);
  ASSERT_OK(reg);
  ASSERT_EQ(reg->entries_size(), 3);  // P1 (N) is not on the register
  const auto& e2 = reg->entries(0);
  EXPECT_EQ(e2.journey(), p2_);
  EXPECT_EQ(e2.pupil(), PupilOf(p2_));
  EXPECT_EQ(e2.sen_provision(), v1::SEN_PROVISION_K);
  EXPECT_THAT(e2.needs(), ElementsAre(v1::SLCN, v1::ASD));
  EXPECT_EQ(e2.state(), v1::Journey::SEN_SUPPORT);
  EXPECT_EQ(DayOf(e2.next_review_date()), "2025-06-10");
  EXPECT_EQ(e2.next_review_rule_id(), "support.review");
  EXPECT_EQ(e2.open_tasks(), 1);
  EXPECT_EQ(e2.overdue_tasks(), 0);
  const auto& e3 = reg->entries(1);
  EXPECT_EQ(e3.journey(), p3_);
  EXPECT_EQ(DayOf(e3.next_review_date()), "2025-05-20");
  EXPECT_EQ(e3.overdue_tasks(), 1);
  const auto& e4 = reg->entries(2);
  EXPECT_EQ(e4.journey(), p4_);
  EXPECT_EQ(e4.sen_provision(), v1::SEN_PROVISION_E);
  EXPECT_THAT(e4.needs(), ElementsAre(v1::MLD));
  // 12 months starting with 2024-05-27 end on 2025-05-26.
  EXPECT_EQ(DayOf(e4.next_review_date()), "2025-05-26");
  EXPECT_EQ(e4.next_review_rule_id(), "review.annual");
  EXPECT_EQ(e4.open_tasks(), 1);  // the annual review; appeals have no task
  EXPECT_EQ(e4.overdue_tasks(), 1);
  EXPECT_TRUE(reg->next_page_token().empty());

  // With N pupils, two per page: P1, P2 | P3, P4.
  req.set_include_no_sen(true);
  req.set_page_size(2);
  auto page1 = views_->ListSenRegister(senco_, req);
  ASSERT_OK(page1);
  ASSERT_EQ(page1->entries_size(), 2);
  EXPECT_EQ(page1->entries(0).journey(), p1_);
  EXPECT_EQ(page1->entries(0).sen_provision(), v1::SEN_PROVISION_N);
  EXPECT_FALSE(page1->entries(0).has_next_review_date());
  req.set_page_token(page1->next_page_token());
  auto page2 = views_->ListSenRegister(senco_, req);
  ASSERT_OK(page2);
  ASSERT_EQ(page2->entries_size(), 2);
  EXPECT_EQ(page2->entries(1).journey(), p4_);
  EXPECT_TRUE(page2->next_page_token().empty());
  // The token is bound to the request it came from.
  req.set_include_no_sen(false);
  EXPECT_THAT(views_->ListSenRegister(senco_, req),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RegisterViewsTest, RegisterIsScoped) {
  v1::ListSenRegisterRequest req;
  req.set_parent("settings/100002");
  EXPECT_THAT(views_->ListSenRegister(senco_, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // An LA sees only its own pupils at any setting: none of LA 202's are at
  // 100001.
  req.set_parent("settings/100001");
  auto other_la = views_->ListSenRegister(
      testing::Caller("LA_CASE_OFFICER", "la:202"), req);
  ASSERT_OK(other_la);
  EXPECT_EQ(other_la->entries_size(), 0);
  auto trust = testing::Caller("TRUST", "trust:oak");
  trust.setting_urns = {"100001"};
  auto mine = views_->ListSenRegister(trust, req);
  ASSERT_OK(mine);
  EXPECT_EQ(mine->entries_size(), 3);
  req.set_parent("settings/100003");
  EXPECT_THAT(views_->ListSenRegister(trust, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
  req.set_parent("schools/100001");
  EXPECT_THAT(views_->ListSenRegister(admin_, req),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      views_->ListSenRegister(testing::Caller("PARENT", "setting:100001"), req),
      StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RegisterViewsTest, ReviewsDueListsOverdueThenUpcoming) {
  v1::ListReviewsDueRequest req;
  req.set_within_days(14);
  req.set_page_size(1);
  std::vector<std::string> seen;
  std::vector<int> days;
  for (int page = 0; page < 4; ++page) {
    auto r = views_->ListReviewsDue(admin_, req);
    ASSERT_OK(r);
    for (const auto& review : r->reviews()) {
      seen.push_back(absl::StrCat(review.journey() == p3_   ? "P3 "
                                  : review.journey() == p4_ ? "P4 "
                                  : review.journey() == p2_ ? "P2 "
                                                            : "? ",
                                  review.rule_id()));
      days.push_back(review.days_left());
    }
    if (r->next_page_token().empty()) break;
    req.set_page_token(r->next_page_token());
  }
  EXPECT_THAT(seen, ElementsAre("P3 support.review", "P4 review.annual",
                                "P2 support.review"));
  EXPECT_THAT(days, ElementsAre(-12, -6, 9));

  // Within 0 days: only the overdue ones. Within 8: P2 (9 days) is out.
  v1::ListReviewsDueRequest soon;
  soon.set_within_days(8);
  auto overdue = views_->ListReviewsDue(senco_, soon);
  ASSERT_OK(overdue);
  ASSERT_EQ(overdue->reviews_size(), 2);
  EXPECT_EQ(overdue->reviews(0).owner_role(), v1::SENCO);
  EXPECT_EQ(overdue->reviews(1).setting_urn(), "100001");

  soon.set_parent("settings/100002");
  soon.set_within_days(366);
  auto none = views_->ListReviewsDue(officer_, soon);
  ASSERT_OK(none);
  EXPECT_EQ(none->reviews_size(), 0);
  soon.set_within_days(367);
  EXPECT_THAT(views_->ListReviewsDue(officer_, soon),
              StatusIs(absl::StatusCode::kInvalidArgument));
  soon.set_within_days(-1);
  EXPECT_THAT(views_->ListReviewsDue(officer_, soon),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RegisterViewsTest, CaseloadsPerOfficerWithinTheLa) {
  v1::ListCaseloadsRequest with_cases;
  with_cases.set_include_cases(true);
  auto la = views_->ListCaseloads(
      testing::Caller("LA_CASE_OFFICER", "la:201", "ann"), with_cases);
  ASSERT_OK(la);
  // LA 201: "" has P1-P3 (P3's review overdue); ann has P4 (plan, annual
  // review overdue) and P5 (open assessment, on time). bob's is LA 202's.
  // ann's own caseload comes first, her open assessment before her plan.
  ASSERT_EQ(la->caseloads_size(), 2);
  const auto& ann = la->caseloads(0);
  EXPECT_EQ(ann.case_officer(), "ann");
  EXPECT_EQ(ann.open_assessments(), 1);
  EXPECT_EQ(ann.overdue_assessments(), 0);
  EXPECT_EQ(ann.ehc_plans(), 1);
  EXPECT_EQ(ann.overdue_reviews(), 1);
  ASSERT_EQ(ann.cases_size(), 2);
  EXPECT_EQ(ann.cases(0).journey(), p5_);
  EXPECT_TRUE(ann.cases(0).open_assessment());
  EXPECT_FALSE(ann.cases(0).overdue_assessment());
  EXPECT_EQ(ann.cases(1).journey(), p4_);
  EXPECT_TRUE(ann.cases(1).ehc_plan());
  EXPECT_EQ(ann.cases(1).overdue_reviews(), 1);
  const auto& unassigned = la->caseloads(1);
  EXPECT_EQ(unassigned.case_officer(), "");
  ASSERT_EQ(unassigned.cases_size(), 1);  // P1 and P2 are in no count
  EXPECT_EQ(unassigned.cases(0).journey(), p3_);
  EXPECT_EQ(unassigned.cases(0).overdue_reviews(), 1);

  // An officer with no case sees an empty caseload of their own first;
  // without include_cases no cases are listed.
  la = views_->ListCaseloads(officer_, {});
  ASSERT_OK(la);
  ASSERT_EQ(la->caseloads_size(), 3);
  EXPECT_EQ(la->caseloads(0).case_officer(), "tester");
  EXPECT_EQ(la->caseloads(0).ehc_plans(), 0);
  EXPECT_EQ(la->caseloads(2).cases_size(), 0);
  const auto& none = la->caseloads(1);
  EXPECT_EQ(none.case_officer(), "");
  EXPECT_EQ(none.open_assessments(), 0);
  EXPECT_EQ(none.ehc_plans(), 0);
  EXPECT_EQ(none.overdue_reviews(), 1);

  v1::ListCaseloadsRequest req;
  req.set_page_size(2);
  auto all = views_->ListCaseloads(admin_, req);
  ASSERT_OK(all);
  ASSERT_EQ(all->caseloads_size(), 2);
  req.set_page_token(all->next_page_token());
  auto rest = views_->ListCaseloads(admin_, req);
  ASSERT_OK(rest);
  ASSERT_EQ(rest->caseloads_size(), 1);
  const auto& bob = rest->caseloads(0);
  EXPECT_EQ(bob.case_officer(), "bob");
  EXPECT_EQ(bob.open_assessments(), 1);
  EXPECT_EQ(bob.overdue_assessments(), 1);
  EXPECT_EQ(bob.assessments_with_exceptions(), 0);
  EXPECT_TRUE(rest->next_page_token().empty());

  EXPECT_THAT(views_->ListCaseloads(senco_, {}),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RegisterViewsTest, SettingSummariesRollUpPerSetting) {
  auto trust = testing::Caller("TRUST", "trust:oak");
  trust.setting_urns = {"100001", "100002"};
  auto r = views_->ListSettingSummaries(trust, {});
  ASSERT_OK(r);
  ASSERT_EQ(r->summaries_size(), 2);
  const auto& oak = r->summaries(0);
  EXPECT_EQ(oak.setting(), "settings/100001");
  EXPECT_EQ(oak.display_name(), "Oak Primary");
  EXPECT_EQ(oak.pupils(), 4);
  EXPECT_EQ(oak.sen_support(), 2);  // P2, P3
  EXPECT_EQ(oak.ehc_plans(), 1);    // P4
  EXPECT_EQ(oak.open_assessments(), 0);
  EXPECT_EQ(oak.overdue_reviews(), 2);  // P3, P4
  EXPECT_EQ(oak.open_tasks(), 3);       // one review task each of P2-P4
  EXPECT_EQ(oak.overdue_tasks(), 2);    // P3's and P4's
  const auto& second = r->summaries(1);
  EXPECT_EQ(second.setting(), "settings/100002");
  EXPECT_EQ(second.display_name(), "");  // not in the register
  EXPECT_EQ(second.pupils(), 1);
  EXPECT_EQ(second.sen_support(), 1);
  EXPECT_EQ(second.open_assessments(), 1);
  // P5: the draft-plan target and final-plan tasks, neither overdue.
  EXPECT_EQ(second.open_tasks(), 2);
  EXPECT_EQ(second.overdue_tasks(), 0);

  auto all = views_->ListSettingSummaries(admin_, {});
  ASSERT_OK(all);
  ASSERT_EQ(all->summaries_size(), 3);
  // P6: decision, draft-plan target and final plan, all three overdue.
  EXPECT_EQ(all->summaries(2).open_tasks(), 3);
  EXPECT_EQ(all->summaries(2).overdue_tasks(), 3);
  auto nothing = testing::Caller("TRUST", "trust:none");
  auto empty = views_->ListSettingSummaries(nothing, {});
  ASSERT_OK(empty);
  EXPECT_EQ(empty->summaries_size(), 0);
}

}  // namespace
}  // namespace sendcase::casework
