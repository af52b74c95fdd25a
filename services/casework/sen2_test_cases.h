#ifndef SENDCASE_SERVICES_CASEWORK_SEN2_TEST_CASES_H_
#define SENDCASE_SERVICES_CASEWORK_SEN2_TEST_CASES_H_

// The hand-built cases of the SEN2 tests (sen2_return_test.cc,
// sen2_report_test.cc): an LA 201 return for 2026 (activity in 2025).

#include <string>
#include <vector>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/casework/sen2_return.h"

namespace sendcase::casework::sen2_test {

inline Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / date::month{m} / date::day{d});
}

inline v1::JourneyEvent Ev(const std::string& text) {
  v1::JourneyEvent e;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &e)) << text;
  return e;
}

inline v1::Pupil Pupil(const std::string& text) {
  v1::Pupil p;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &p)) << text;
  return p;
}

// An exception recorded on a step of the assessment (SEN2 Week20).
inline ClockRecord AdviceWithException(Day start) {
  ClockRecord c;
  c.rule_id = "ehc.advice";
  c.start_date = start;
  c.due_date = start + date::days{42};
  c.assessment_step = true;
  c.exception_reason = "PERSONAL_CIRCUMSTANCES";
  return c;
}

inline Sen2Params Params() {
  Sen2Params p;
  p.year = 2026;
  p.la_code = "201";
  p.reference_date = D(2026, 1, 15);
  p.generated_at = "2026-01-20T09:00:00";
  p.release = "sendcase";
  return p;
}

inline std::vector<Sen2Child> Cases() {
  std::vector<Sen2Child> out;
  // Ada: requested by her school in 2025, a plan within the year with an
  // exception on the advice; every item present.
  Sen2Child ada;
  ada.pupil = Pupil(R"pb(
    name: "pupils/p1"
    given_name: "Ada"
    family_name: "Lovelace"
    birth_date { year: 2016 month: 2 day: 29 }
    upn: "B801200005001"
    setting_urn: "100001"
    local_authority_code: "201"
    needs: [ ASD, SLCN ]
    sex: FEMALE
    ethnicity: "WBRI"
    postcode: "SW1A 1AA")pb");
  ada.journeys.push_back(
      {"pupils/p1/journeys/j1",
       {Ev(R"pb(event_date { year: 2025 month: 1 day: 6 }
                assessment_requested { source: SCHOOL_OR_SETTING })pb"),
        Ev(R"pb(event_date { year: 2025 month: 2 day: 10 }
                assessment_agreed {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 5 day: 19 }
                final_plan_issued {
                  placements { urn: "100001" sen_unit: true }
                })pb")},
       {AdviceWithException(D(2025, 2, 10))}});
  out.push_back(ada);
  // Bob: a plan of 2019 that ceased in 2025 without a reason; his sex,
  // ethnicity, postcode and the request's source were never recorded; a
  // review and an amendment in 2025.
  Sen2Child bob;
  bob.pupil = Pupil(R"pb(
    name: "pupils/p2"
    given_name: "Bob & Co"
    family_name: "O'Neil"
    birth_date { year: 2010 month: 9 day: 1 }
    upn_unknown: UN8
    setting_urn: "100002"
    local_authority_code: "201")pb");
  bob.journeys.push_back({"pupils/p2/journeys/j2",
                          {Ev(R"pb(event_date { year: 2019 month: 3 day: 4 }
                                   assessment_requested {})pb"),
                           Ev(R"pb(event_date { year: 2019 month: 4 day: 1 }
                                   assessment_agreed {})pb"),
                           Ev(R"pb(event_date { year: 2019 month: 7 day: 22 }
                                   final_plan_issued {})pb"),
                           Ev(R"pb(event_date { year: 2025 month: 6 day: 10 }
                                   annual_review_held {})pb"),
                           Ev(R"pb(event_date { year: 2025 month: 7 day: 1 }
                                   review_decision { outcome: AMEND })pb"),
                           Ev(R"pb(event_date { year: 2025 month: 11 day: 3 }
                                   plan_ceased {})pb")},
                          {}});
  out.push_back(bob);
  // Cara is another LA's; Dev's only request came after the activity year;
  // Eli's was decided in 2024. None is in the return.
  Sen2Child cara;
  cara.pupil = Pupil(R"pb(name: "pupils/p3" local_authority_code: "202")pb");
  cara.journeys.push_back(
      {"pupils/p3/journeys/j3",
       {Ev(R"pb(event_date { year: 2025 month: 3 day: 3 }
                assessment_requested { source: OTHER })pb")},
       {}});
  out.push_back(cara);
  Sen2Child dev;
  dev.pupil = Pupil(R"pb(name: "pupils/p4" local_authority_code: "201")pb");
  dev.journeys.push_back(
      {"pupils/p4/journeys/j4",
       {Ev(R"pb(event_date { year: 2026 month: 1 day: 5 }
                assessment_requested { source: OTHER })pb")},
       {}});
  out.push_back(dev);
  Sen2Child eli;
  eli.pupil = Pupil(R"pb(name: "pupils/p5" local_authority_code: "201")pb");
  eli.journeys.push_back({"pupils/p5/journeys/j5",
                          {Ev(R"pb(event_date { year: 2024 month: 11 day: 4 }
                                   assessment_requested { source: OTHER })pb"),
                           Ev(R"pb(event_date { year: 2024 month: 12 day: 9 }
                                   assessment_refused {})pb")},
                          {}});
  out.push_back(eli);
  // Fay: a parent's request from youth accommodation, refused, and a
  // mediation certificate about the refusal.
  Sen2Child fay;
  fay.pupil = Pupil(R"pb(
    name: "pupils/p6"
    given_name: "Fay"
    family_name: "Khan"
    birth_date { year: 2008 month: 12 day: 31 }
    upn: "B801200005006"
    setting_urn: "100001"
    local_authority_code: "201"
    sex: FEMALE
    ethnicity: "REFU"
    postcode: "M1 1AE")pb");
  fay.journeys.push_back(
      {"pupils/p6/journeys/j6",
       {Ev(R"pb(event_date { year: 2025 month: 3 day: 3 }
                assessment_requested {
                  source: YOUNG_PERSON_OR_PARENT
                  relevant_youth_accommodation: true
                })pb"),
        Ev(R"pb(event_date { year: 2025 month: 4 day: 14 }
                assessment_refused {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 5 day: 20 }
                mediation_certificate_issued {
                  decision_date { year: 2025 month: 4 day: 14 }
                })pb")},
       {}});
  out.push_back(fay);
  // Gus: a plan of 2022 kept at its 2025 review, with a phase transfer
  // review due; a review of January 2026 is the next return's.
  Sen2Child gus;
  gus.pupil = Pupil(R"pb(
    name: "pupils/p7"
    given_name: "Gus"
    family_name: "Lee"
    birth_date { year: 2015 month: 1 day: 10 }
    upn: "B801200005007"
    setting_urn: "100003"
    local_authority_code: "201"
    needs: [ MLD ]
    sex: MALE
    ethnicity: "AIND"
    postcode: "LS1 4AP")pb");
  ClockRecord transfer;
  transfer.rule_id = "review.phase_transfer";
  transfer.start_date = D(2025, 9, 8);
  transfer.due_date = D(2026, 2, 14);
  gus.journeys.push_back(
      {"pupils/p7/journeys/j7",
       {Ev(R"pb(event_date { year: 2021 month: 10 day: 4 }
                assessment_requested { source: HEALTH_CARE })pb"),
        Ev(R"pb(event_date { year: 2021 month: 11 day: 8 }
                assessment_agreed {})pb"),
        Ev(R"pb(event_date { year: 2022 month: 3 day: 1 }
                final_plan_issued {
                  placements { urn: "100003" }
                  placements { setting_type: OLA residential: WEEKS_52 }
                })pb"),
        Ev(R"pb(event_date { year: 2025 month: 2 day: 10 }
                annual_review_held {})pb"),
        Ev(R"pb(event_date { year: 2025 month: 3 day: 1 }
                review_decision { outcome: KEEP })pb"),
        Ev(R"pb(event_date { year: 2026 month: 1 day: 12 }
                annual_review_held {})pb"),
        Ev(R"pb(event_date { year: 2026 month: 1 day: 13 }
                review_decision { outcome: AMEND })pb")},
       {transfer}});
  out.push_back(gus);
  return out;
}

}  // namespace sendcase::casework::sen2_test

#endif  // SENDCASE_SERVICES_CASEWORK_SEN2_TEST_CASES_H_
