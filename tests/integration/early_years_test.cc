// Children in early-years settings, through the real gRPC server: a nursery
// records a child who has no UPN yet with the census's "UPN unknown" reason
// (never a made-up UPN), the reason gives way to the UPN when one comes, and
// an Area SENCO (an `la:CODE` token) reads its LA's early-years settings
// and nothing of its schools.
//
// The world: LA 201 has primary school 100001 (pupil S) and nurseries
// 300001 and, registered mid-test, 300002; LA 202 has nursery 400001.
#include <grpcpp/grpcpp.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/tokens.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using testing::BearerContext;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class EarlyYearsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_);
    ASSERT_NE(t_.server, nullptr);
    admin_ = Token("ADMIN", "*");
    AddSetting("100001", "201", v1::Setting::PRIMARY);
    AddSetting("300001", "201", v1::Setting::EARLY_YEARS);
    AddSetting("400001", "202", v1::Setting::EARLY_YEARS);
    school_pupil_ = Create(admin_, testing::NewPupilRequest("B801200005001"));
    ASSERT_TRUE(school_pupil_.ok()) << school_pupil_.status();
  }

  std::string Token(const std::string& role, const std::string& scope) {
    auto token = auth::IssueToken(*t_.server->stores().tokens, clock_,
                                  "u-" + role, role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return *token;
  }

  void AddSetting(const std::string& urn, const std::string& la,
                  v1::Setting::Phase phase) {
    v1::CreateSettingRequest r;
    r.mutable_setting()->set_urn(urn);
    r.mutable_setting()->set_display_name("Setting " + urn);
    r.mutable_setting()->set_phase(phase);
    r.mutable_setting()->set_local_authority_code(la);
    v1::Setting out;
    ASSERT_TRUE(
        t_.stub->CreateSetting(BearerContext(admin_).get(), r, &out).ok());
  }

  // A child of `urn` born on `birth` with no UPN, for `reason`.
  static v1::CreatePupilRequest NurseryChild(
      const std::string& urn, Day birth,
      v1::UpnUnknownReason reason = v1::UN1) {
    v1::CreatePupilRequest r = testing::NewPupilRequest("", urn);
    r.mutable_pupil()->set_upn_unknown(reason);
    const date::year_month_day ymd(birth);
    *r.mutable_pupil()->mutable_birth_date() = testing::ProtoDate(
        int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return r;
  }

  absl::StatusOr<v1::Pupil> Create(const std::string& token,
                                   const v1::CreatePupilRequest& r) {
    v1::Pupil out;
    const grpc::Status s =
        t_.stub->CreatePupil(BearerContext(token).get(), r, &out);
    if (!s.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                          s.error_message());
    }
    return out;
  }

  // The pupils a token lists, by name.
  std::vector<std::string> Listed(const std::string& token) {
    v1::ListPupilsResponse page;
    const grpc::Status s =
        t_.stub->ListPupils(BearerContext(token).get(), {}, &page);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> names;
    for (const auto& p : page.pupils()) names.push_back(p.name());
    return names;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t_;
  std::string admin_;
  absl::StatusOr<v1::Pupil> school_pupil_;
};

TEST_F(EarlyYearsTest, ANurseryChildIsRecordedWithTheReasonItHasNoUpn) {
  const std::string senco = Token("SENCO", "setting:300001");
  auto first = Create(senco, NurseryChild("300001", D(2023, 3, 14)));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->upn(), "");
  EXPECT_EQ(first->upn_unknown(), v1::UN1);
  // A second child without a UPN: no clash between two absent UPNs.
  auto second = Create(senco, NurseryChild("300001", D(2022, 9, 1)));
  ASSERT_TRUE(second.ok()) << second.status();
  v1::GetPupilRequest get;
  get.set_name(first->name());
  v1::Pupil read;
  ASSERT_TRUE(t_.stub->GetPupil(BearerContext(senco).get(), get, &read).ok());
  EXPECT_EQ(read.upn_unknown(), v1::UN1);
  EXPECT_EQ(read.upn(), "");
}

TEST_F(EarlyYearsTest, NeitherUpnNorReasonOrBothOrAWrongReasonIsRefused) {
  const std::string senco = Token("SENCO", "setting:300001");
  auto neither = NurseryChild("300001", D(2023, 3, 14),
                              v1::UPN_UNKNOWN_REASON_UNSPECIFIED);
  const absl::Status none = Create(senco, neither).status();
  EXPECT_EQ(none.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(none.message()), StartsWith("pupil.upn: required"));
  auto both = NurseryChild("300001", D(2023, 3, 14));
  both.mutable_pupil()->set_upn("P207000016049");
  const absl::Status two = Create(senco, both).status();
  EXPECT_EQ(two.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(two.message()),
              StartsWith("pupil.upn_unknown: must be unset"));
  // UN1 is "under 6": a child who turned 6 on 25 November 2026 is not.
  auto six = NurseryChild("300001", D(2020, 11, 25));
  const absl::Status too_old = Create(senco, six).status();
  EXPECT_EQ(too_old.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(too_old.message()),
              StartsWith("pupil.upn_unknown: UN1 is for"));
  // The same child with UN2 (never at a state-funded school) is fine.
  six.mutable_pupil()->set_upn_unknown(v1::UN2);
  EXPECT_TRUE(Create(senco, six).ok());
  // Nothing of the refused ones was written.
  EXPECT_EQ(Listed(senco).size(), 1u);
}

TEST_F(EarlyYearsTest, AUpnGivenLaterReplacesTheReason) {
  const std::string senco = Token("SENCO", "setting:300001");
  auto child = Create(senco, NurseryChild("300001", D(2021, 12, 1)));
  ASSERT_TRUE(child.ok()) << child.status();
  // 5 today; 6 on 10 January 2027.
  auto old = Create(senco, NurseryChild("300001", D(2021, 1, 10)));
  ASSERT_TRUE(old.ok()) << old.status();
  // The child starts school in September 2027 and gets a UPN; the nursery
  // (or the school, after the move) records it.
  clock_.Advance(std::chrono::days(300));
  v1::UpdatePupilRequest update;
  update.mutable_pupil()->set_name(child->name());
  update.mutable_pupil()->set_upn("P207000016049");
  update.mutable_update_mask()->add_paths("upn");
  v1::Pupil updated;
  const grpc::Status s =
      t_.stub->UpdatePupil(BearerContext(senco).get(), update, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.upn(), "P207000016049");
  EXPECT_EQ(updated.upn_unknown(), v1::UPN_UNKNOWN_REASON_UNSPECIFIED);
  // The UPN is now taken: another child cannot have it.
  auto other =
      Create(senco, testing::NewPupilRequest("P207000016049", "300001"));
  EXPECT_EQ(other.status().code(), absl::StatusCode::kAlreadyExists);
  // On 21 September 2027 the other child is 6: renaming it keeps the UN1
  // set before the birthday (the reason is not new)...
  v1::UpdatePupilRequest rename;
  rename.mutable_pupil()->set_name(old->name());
  rename.mutable_pupil()->set_given_name("Renamed");
  rename.mutable_update_mask()->add_paths("given_name");
  EXPECT_TRUE(
      t_.stub->UpdatePupil(BearerContext(senco).get(), rename, &updated).ok());
  EXPECT_EQ(updated.upn_unknown(), v1::UN1);
  // ...but setting UN1 anew on an 11-year-old is refused.
  v1::UpdatePupilRequest reset;
  reset.mutable_pupil()->set_name(school_pupil_->name());
  reset.mutable_pupil()->set_upn_unknown(v1::UN1);
  reset.mutable_update_mask()->add_paths("upn");
  reset.mutable_update_mask()->add_paths("upn_unknown");
  const grpc::Status refused =
      t_.stub->UpdatePupil(BearerContext(admin_).get(), reset, &updated);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(),
              StartsWith("pupil.upn_unknown: UN1 is for"));
}

TEST_F(EarlyYearsTest, AnAreaSencoReadsItsLasEarlyYearsSettingsOnly) {
  const std::string senco = Token("SENCO", "setting:300001");
  auto nursery_child = Create(senco, NurseryChild("300001", D(2023, 3, 14)));
  ASSERT_TRUE(nursery_child.ok());
  auto other_la = Create(admin_, NurseryChild("400001", D(2023, 3, 14)));
  ASSERT_TRUE(other_la.ok());

  const std::string area = Token("AREA_SENCO", "la:201");
  // The nursery's child, not the LA's school pupil, not LA 202's nursery.
  EXPECT_THAT(Listed(area), ElementsAre(nursery_child->name()));
  v1::GetPupilRequest get;
  get.set_name(school_pupil_->name());
  v1::Pupil read;
  grpc::Status s = t_.stub->GetPupil(BearerContext(area).get(), get, &read);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  get.set_name(nursery_child->name());
  EXPECT_TRUE(t_.stub->GetPupil(BearerContext(area).get(), get, &read).ok());

  // The settings it lists, and the nurseries' plans and reports it reads.
  v1::ListSettingsResponse settings;
  ASSERT_TRUE(
      t_.stub->ListSettings(BearerContext(area).get(), {}, &settings).ok());
  ASSERT_EQ(settings.settings_size(), 1);
  EXPECT_EQ(settings.settings(0).urn(), "300001");
  v1::ListSupportPlansRequest plans;
  plans.set_parent(nursery_child->name());
  v1::ListSupportPlansResponse history;
  EXPECT_TRUE(
      t_.stub->ListSupportPlans(BearerContext(area).get(), plans, &history)
          .ok());
  v1::GetProvisionMapRequest map;
  map.set_parent("settings/300001");
  *map.mutable_term_start() = testing::ProtoDate(2026, 9, 1);
  *map.mutable_term_end() = testing::ProtoDate(2026, 12, 18);
  map.set_teaching_weeks(15);
  v1::ProvisionMap out;
  s = t_.stub->GetProvisionMap(BearerContext(area).get(), map, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  map.set_parent("settings/100001");
  s = t_.stub->GetProvisionMap(BearerContext(area).get(), map, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::ListSenRegisterRequest reg;
  reg.set_parent("settings/100001");
  v1::ListSenRegisterResponse entries;
  s = t_.stub->ListSenRegister(BearerContext(area).get(), reg, &entries);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // It advises; it records nothing.
  v1::RecordEventRequest event;
  event.set_journey(nursery_child->current_journey());
  *event.mutable_event()->mutable_event_date() =
      testing::ProtoDate(2026, 11, 25);
  event.mutable_event()->mutable_concern_raised();
  v1::Journey journey;
  s = t_.stub->RecordEvent(BearerContext(area).get(), event, &journey);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("may not call RecordEvent"));

  // A nursery registered later is in reach on the token's next call.
  AddSetting("300002", "201", v1::Setting::EARLY_YEARS);
  auto later = Create(admin_, NurseryChild("300002", D(2024, 1, 5)));
  ASSERT_TRUE(later.ok());
  EXPECT_THAT(Listed(area), ElementsAre(nursery_child->name(), later->name()));
  // An Area SENCO of LA 202 sees its own nursery only.
  EXPECT_THAT(Listed(Token("AREA_SENCO", "la:202")),
              ElementsAre(other_la->name()));
}

// The early years' review rhythm (rules/REFERENCE.md §4.5): for a child
// under 5 an SEN support review is agreed at most 3 months ahead, whether
// the date comes through a support plan or RecordEvent; a school-age child
// has no such limit; and the clock is due on the agreed date.
TEST_F(EarlyYearsTest, AnUnder5sSupportReviewIsAtMostThreeMonthsAhead) {
  const std::string senco = Token("SENCO", "setting:300001");
  auto child = Create(senco, NurseryChild("300001", D(2023, 3, 14)));
  ASSERT_TRUE(child.ok()) << child.status();
  // Agreed on 25 November 2026: 3 months on is 25 February 2027.
  auto draft_for = [&](google::type::Date review) {
    v1::SupportPlan draft;
    const grpc::Status s = t_.stub->CreateSupportPlan(
        BearerContext(senco).get(),
        testing::DraftPlanRequest(child->name(), review), &draft);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return draft;
  };
  auto agree = [&](const v1::SupportPlan& plan, v1::SupportPlan* out) {
    v1::AgreeSupportPlanRequest r;
    r.set_name(plan.name());
    *r.mutable_meeting() = testing::Meeting(testing::ProtoDate(2026, 11, 25));
    return t_.stub->AgreeSupportPlan(BearerContext(senco).get(), r, out);
  };
  v1::SupportPlan draft = draft_for(testing::ProtoDate(2027, 2, 26));
  v1::SupportPlan agreed;
  grpc::Status s = agree(draft, &agreed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(),
              HasSubstr("support_plan.review_date: 2027-02-26 is more than 3 "
                        "months after 2026-11-25; for a child under 5, "
                        "support.review is due by 2027-02-25 Thu "
                        "at the latest"));
  // Nothing moved: the plan is still a draft, the journey at CONCERN.
  v1::GetJourneyRequest get;
  get.set_name(child->current_journey());
  v1::Journey journey;
  ASSERT_TRUE(
      t_.stub->GetJourney(BearerContext(senco).get(), get, &journey).ok());
  EXPECT_EQ(journey.state(), v1::Journey::CONCERN);
  // The last day allowed is accepted, and the clock is due on it.
  v1::UpdateSupportPlanRequest update;
  update.mutable_support_plan()->set_name(draft.name());
  *update.mutable_support_plan()->mutable_review_date() =
      testing::ProtoDate(2027, 2, 25);
  update.mutable_update_mask()->add_paths("review_date");
  ASSERT_TRUE(
      t_.stub->UpdateSupportPlan(BearerContext(senco).get(), update, &draft)
          .ok());
  s = agree(draft, &agreed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_TRUE(
      t_.stub->GetJourney(BearerContext(senco).get(), get, &journey).ok());
  bool found = false;
  for (const auto& clock : journey.clocks()) {
    if (clock.rule_id() != "support.review") continue;
    found = true;
    EXPECT_EQ(clock.due_date().year(), 2027);
    EXPECT_EQ(clock.due_date().month(), 2);
    EXPECT_EQ(clock.due_date().day(), 25);
  }
  EXPECT_TRUE(found);
  // The register and the reviews-due list say why the child has no UPN.
  v1::ListSenRegisterRequest reg;
  reg.set_parent("settings/300001");
  v1::ListSenRegisterResponse entries;
  ASSERT_TRUE(
      t_.stub->ListSenRegister(BearerContext(senco).get(), reg, &entries).ok());
  ASSERT_EQ(entries.entries_size(), 1);
  EXPECT_EQ(entries.entries(0).upn(), "");
  EXPECT_EQ(entries.entries(0).upn_unknown(), v1::UN1);
  v1::ListReviewsDueRequest due;
  due.set_within_days(366);
  v1::ListReviewsDueResponse reviews;
  ASSERT_TRUE(
      t_.stub->ListReviewsDue(BearerContext(senco).get(), due, &reviews).ok());
  ASSERT_EQ(reviews.reviews_size(), 1);
  EXPECT_EQ(reviews.reviews(0).upn_unknown(), v1::UN1);

  // Through RecordEvent the refusal names the event's field. A review on
  // 30 November 2026 may set the next at most to 28 February 2027 (3 months
  // on is 30 February: clamped to the month's end).
  v1::RecordEventRequest review;
  review.set_journey(child->current_journey());
  *review.mutable_event()->mutable_event_date() =
      testing::ProtoDate(2026, 11, 30);
  clock_.Advance(std::chrono::days(5));
  *review.mutable_event()
       ->mutable_support_reviewed()
       ->mutable_next_review_date() = testing::ProtoDate(2027, 3, 1);
  s = t_.stub->RecordEvent(BearerContext(senco).get(), review, &journey);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(),
              HasSubstr("event.support_reviewed.next_review_date: 2027-03-01 "
                        "is more than 3 months after 2026-11-30"));
  *review.mutable_event()
       ->mutable_support_reviewed()
       ->mutable_next_review_date() = testing::ProtoDate(2027, 2, 28);
  s = t_.stub->RecordEvent(BearerContext(senco).get(), review, &journey);
  EXPECT_TRUE(s.ok()) << s.error_message();

  // A school-age child (5 on 24 November 2026) has no such limit.
  auto five =
      Create(senco, testing::NewPupilRequest("X938612324001", "300001"));
  ASSERT_TRUE(five.ok());
  v1::UpdatePupilRequest birth;
  birth.mutable_pupil()->set_name(five->name());
  *birth.mutable_pupil()->mutable_birth_date() =
      testing::ProtoDate(2021, 11, 24);
  birth.mutable_update_mask()->add_paths("birth_date");
  v1::Pupil updated;
  ASSERT_TRUE(
      t_.stub->UpdatePupil(BearerContext(senco).get(), birth, &updated).ok());
  v1::RecordEventRequest start;
  start.set_journey(five->current_journey());
  *start.mutable_event()->mutable_event_date() =
      testing::ProtoDate(2026, 11, 30);
  *start.mutable_event()->mutable_sen_support_started()->mutable_review_date() =
      testing::ProtoDate(2027, 7, 1);
  s = t_.stub->RecordEvent(BearerContext(senco).get(), start, &journey);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

}  // namespace
}  // namespace sendcase
