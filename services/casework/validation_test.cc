#include "services/casework/validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/proto_time.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const Day kToday = Day(date::year{2026} / 11 / 25);
Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

v1::Pupil GoodPupil() {
  v1::Pupil p;
  p.set_upn("B801200005001");
  p.set_given_name("Ada");
  p.set_family_name("Lovelace-Byron");
  *p.mutable_birth_date() = ToProtoDate(D(2016, 2, 29));
  p.set_setting_urn("100001");
  p.set_local_authority_code("201");
  return p;
}

TEST(ValidationTest, GoodPupilPasses) {
  EXPECT_OK(ValidateNewPupil(GoodPupil(), kToday));
}

TEST(ValidationTest, EachBadPupilFieldIsNamed) {
  struct Case {
    std::function<void(v1::Pupil&)> mutate;
    const char* field;
  };
  const Case cases[] = {
      {[](v1::Pupil& p) { p.set_upn("A801200005001"); }, "pupil.upn"},
      {[](v1::Pupil& p) { p.clear_given_name(); }, "pupil.given_name"},
      {[](v1::Pupil& p) { p.set_family_name(std::string(101, 'x')); },
       "pupil.family_name"},
      {[](v1::Pupil& p) { p.set_family_name("a\nb"); }, "pupil.family_name"},
      {[](v1::Pupil& p) { p.set_given_name("\xC3\x28"); }, "pupil.given_name"},
      {[](v1::Pupil& p) { p.clear_birth_date(); }, "pupil.birth_date"},
      {[](v1::Pupil& p) {
         *p.mutable_birth_date() = ToProtoDate(D(2026, 11, 26));
       },
       "pupil.birth_date"},
      {[](v1::Pupil& p) {
         p.mutable_birth_date()->set_day(30);
         p.mutable_birth_date()->set_month(2);
       },
       "pupil.birth_date"},
      {[](v1::Pupil& p) { p.set_setting_urn("12345"); }, "pupil.setting_urn"},
      {[](v1::Pupil& p) { p.set_local_authority_code("2O1"); },
       "pupil.local_authority_code"},
  };
  for (const Case& c : cases) {
    v1::Pupil p = GoodPupil();
    c.mutate(p);
    EXPECT_THAT(
        ValidateNewPupil(p, kToday),
        StatusIs(absl::StatusCode::kInvalidArgument, StartsWith(c.field)));
  }
}

// A UPN or the census reason there is none: exactly one. UN1 ("under 6, not
// yet assigned") is checked against the child's age in whole years, a 29
// February birthday reached on 1 March.
TEST(ValidationTest, UpnOrTheReasonThereIsNone) {
  struct Case {
    const char* upn;
    v1::UpnUnknownReason reason;
    Day birth;
    bool new_reason;
    const char* field;  // nullptr: accepted
  };
  const Case cases[] = {
      {"B801200005001", v1::UPN_UNKNOWN_REASON_UNSPECIFIED, D(2016, 2, 29),
       true, nullptr},
      {"", v1::UPN_UNKNOWN_REASON_UNSPECIFIED, D(2023, 1, 1), true,
       "pupil.upn: required"},
      {"B801200005001", v1::UN1, D(2023, 1, 1), true,
       "pupil.upn_unknown: must be unset"},
      {"", v1::UN1, D(2023, 1, 1), true, nullptr},
      // 6 on 26 November 2026, the day after kToday.
      {"", v1::UN1, D(2020, 11, 26), true, nullptr},
      {"", v1::UN1, D(2020, 11, 25), true, "pupil.upn_unknown: UN1 is for"},
      // Born 29 February 2020: 6 since 1 March 2026.
      {"", v1::UN1, D(2020, 2, 29), true, "pupil.upn_unknown: UN1 is for"},
      // A UN1 set before the sixth birthday stays valid after it.
      {"", v1::UN1, D(2020, 2, 29), false, nullptr},
      {"", v1::UN8, D(2012, 5, 5), true, nullptr},
      {"", v1::UN10, D(2012, 5, 5), true, nullptr},
      // UN4, UN6 and UN7 are CIN census reasons, not SEN2's.
      {"", static_cast<v1::UpnUnknownReason>(4), D(2012, 5, 5), true,
       "pupil.upn_unknown: not a census reason"},
      {"B801200005002", v1::UPN_UNKNOWN_REASON_UNSPECIFIED, D(2012, 5, 5), true,
       "pupil.upn: "},
  };
  for (const Case& c : cases) {
    v1::Pupil p = GoodPupil();
    p.set_upn(c.upn);
    p.set_upn_unknown(c.reason);
    *p.mutable_birth_date() = ToProtoDate(c.birth);
    SCOPED_TRACE(::testing::Message() << c.upn << " " << c.reason << " "
                                      << date::year_month_day(c.birth));
    if (c.field == nullptr) {
      EXPECT_OK(ValidateUpnOrReason(p, kToday, c.new_reason));
    } else {
      EXPECT_THAT(
          ValidateUpnOrReason(p, kToday, c.new_reason),
          StatusIs(absl::StatusCode::kInvalidArgument, StartsWith(c.field)));
    }
  }
  // Born 28 February 2022: 5 on 27 February 2028, 6 on the 28th.
  v1::Pupil leap = GoodPupil();
  leap.clear_upn();
  leap.set_upn_unknown(v1::UN1);
  *leap.mutable_birth_date() = ToProtoDate(D(2022, 2, 28));
  EXPECT_OK(ValidateUpnOrReason(leap, D(2028, 2, 27)));
  EXPECT_THAT(ValidateUpnOrReason(leap, D(2028, 2, 28)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Born on a leap day: 6 on 1 March 2026 (not yet on 28 February).
  *leap.mutable_birth_date() = ToProtoDate(D(2020, 2, 29));
  EXPECT_OK(ValidateUpnOrReason(leap, D(2026, 2, 28)));
  EXPECT_THAT(ValidateUpnOrReason(leap, D(2026, 3, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ValidationTest, UnicodeNamesAreAccepted) {
  v1::Pupil p = GoodPupil();
  p.set_given_name("Zoë Siân");
  p.set_family_name("Ó Briain-Nowak");
  EXPECT_OK(ValidateNewPupil(p, kToday));
}

v1::JourneyEvent Event(Day day) {
  v1::JourneyEvent e;
  *e.mutable_event_date() = ToProtoDate(day);
  return e;
}

TEST(ValidationTest, EventDateRules) {
  v1::JourneyEvent e = Event(kToday);
  e.mutable_assessment_requested();
  EXPECT_THAT(ValidateEvent(e, kToday), testing::IsOkAndHolds(kToday));

  e.clear_event_date();
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.event_date: required")));
  *e.mutable_event_date() = ToProtoDate(D(2026, 11, 26));
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(StartsWith("event.event_date"),
                             HasSubstr("after today"))));
  e.mutable_event_date()->set_month(13);
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.event_date")));
}

TEST(ValidationTest, MissingKindIsNamed) {
  EXPECT_THAT(
      ValidateEvent(Event(kToday), kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, StartsWith("event.kind")));
}

TEST(ValidationTest, KindFieldsAreChecked) {
  const Day day = D(2026, 10, 1);
  v1::JourneyEvent e = Event(day);
  e.mutable_sen_support_started();
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.sen_support_started.review_date")));
  *e.mutable_sen_support_started()->mutable_review_date() =
      ToProtoDate(D(2026, 9, 30));
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("before event.event_date")));
  // A review date in the future is normal.
  *e.mutable_sen_support_started()->mutable_review_date() =
      ToProtoDate(D(2027, 1, 15));
  EXPECT_OK(ValidateEvent(e, kToday));

  e.mutable_agency_involved();
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.agency_involved.agency")));
  e.mutable_review_decision();
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.review_decision.outcome")));
  e.mutable_phase_transfer_planned()->set_post16(true);
  EXPECT_THAT(
      ValidateEvent(e, kToday),
      StatusIs(absl::StatusCode::kInvalidArgument,
               StartsWith("event.phase_transfer_planned.transfer_date")));

  auto* x = e.mutable_exception_recorded();
  x->set_clock_rule_id("ehc.final_plan");
  x->set_reason(v1::ExceptionRecorded::SCHOOL_CLOSURE);
  *x->mutable_start_date() = ToProtoDate(D(2026, 8, 1));
  *x->mutable_end_date() = ToProtoDate(D(2026, 7, 1));
  EXPECT_THAT(ValidateEvent(e, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("event.exception_recorded.end_date")));
}

TEST(ValidationTest, RequestIds) {
  EXPECT_OK(ValidateRequestId(""));
  EXPECT_OK(ValidateRequestId("6f1c-4b_A"));
  EXPECT_THAT(
      ValidateRequestId(std::string(65, 'a')),
      StatusIs(absl::StatusCode::kInvalidArgument, StartsWith("request_id")));
  EXPECT_THAT(ValidateRequestId("a b"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ValidationTest, TextRefusesControlsOverridesAndBlanksOnly) {
  for (const char* ok :
       {"Zo\xC3\xAB", "O'Brien", "Nguy\xE1\xBB\x85n", "Anne-Marie  Smith",
        "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF", " Ada ",
        "\xE5\xA4\xAA\xE9\x83\x8E"}) {
    EXPECT_OK(ValidateText(ok, "f", 100)) << ok;
  }
  struct Bad {
    const char* text;
    const char* problem;
  };
  const Bad bad[] = {
      {"a\tb", "control"},
      {"a\x1B[31mb", "control"},
      {"a\x7F", "control"},
      {"a\xC2\x80"
       "b",
       "control"},
      {"a\xC2\x9F"
       "b",
       "control"},
      {"\xE2\x80\xAA", "control"},
      {"a\xE2\x80\xAE"
       "b",
       "control"},
      {"a\xE2\x81\xA9", "control"},
      {" ", "blank"},
      {"\xC2\xA0\xC2\xA0", "blank"},
      {"\xE2\x80\x8B", "blank"},
      {"\xE3\x80\x80 \xEF\xBB\xBF", "blank"},
      {"\xC3\x28", "UTF-8"},
  };
  for (const Bad& b : bad) {
    EXPECT_THAT(
        ValidateText(b.text, "pupil.given_name", 100),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 AllOf(StartsWith("pupil.given_name: "), HasSubstr(b.problem))))
        << b.text;
  }
}

}  // namespace
}  // namespace sendcase::casework
