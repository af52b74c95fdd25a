#ifndef SENDCASE_TESTS_TESTING_REQUESTS_H_
#define SENDCASE_TESTS_TESTING_REQUESTS_H_

// Valid requests to start from in tests; each test changes what it checks.

#include <string>

#include "sendcase/v1/case_service.pb.h"

namespace sendcase::testing {

// A CreatePupilRequest for a pupil born 2015-06-01 named "Given Family".
inline v1::CreatePupilRequest NewPupilRequest(const std::string& upn,
                                              const std::string& urn = "100001",
                                              const std::string& la = "201") {
  v1::CreatePupilRequest req;
  auto* p = req.mutable_pupil();
  p->set_upn(upn);
  p->set_given_name("Given");
  p->set_family_name("Family");
  p->mutable_birth_date()->set_year(2015);
  p->mutable_birth_date()->set_month(6);
  p->mutable_birth_date()->set_day(1);
  p->set_setting_urn(urn);
  p->set_local_authority_code(la);
  return req;
}

inline google::type::Date ProtoDate(int y, int m, int d) {
  google::type::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// A catalogued intervention: small-group reading, 4 to a group, 3 x 30
// minutes a week, a teaching assistant at £15.00 an hour.
inline v1::CreateInterventionRequest InterventionRequest(
    const std::string& setting = "settings/100001") {
  v1::CreateInterventionRequest req;
  req.set_parent(setting);
  auto* i = req.mutable_intervention();
  i->set_title("Reading catch-up");
  i->set_area_of_need(v1::COGNITION_AND_LEARNING);
  i->set_layer(v1::TARGETED);
  i->set_delivered_by(v1::Intervention::TEACHING_ASSISTANT);
  i->set_group_size(4);
  i->set_sessions_per_week(3);
  i->set_minutes_per_session(30);
  i->set_staff_cost_per_hour_pence(1500);
  i->mutable_measure()->set_name("reading age");
  i->mutable_measure()->set_unit("months");
  return req;
}

// A draft with one outcome ("reading") and a review date.
inline v1::CreateSupportPlanRequest DraftPlanRequest(
    const std::string& pupil,
    google::type::Date review = ProtoDate(2027, 2, 20)) {
  v1::CreateSupportPlanRequest req;
  req.set_parent(pupil);
  auto* o = req.mutable_support_plan()->add_outcomes();
  o->set_id("reading");
  o->set_area_of_need(v1::COGNITION_AND_LEARNING);
  o->set_success_criteria("Reads a Year 3 book aloud");
  *o->mutable_target_date() = ProtoDate(2027, 7, 16);
  *req.mutable_support_plan()->mutable_review_date() = review;
  return req;
}

// A referral to educational psychology on `date`, the mother consenting
// the same day.
inline v1::CreateAgencyReferralRequest ReferralRequest(
    const std::string& pupil, google::type::Date date) {
  v1::CreateAgencyReferralRequest req;
  req.set_parent(pupil);
  auto* r = req.mutable_referral();
  r->set_agency(v1::AgencyReferral::EDUCATIONAL_PSYCHOLOGY);
  r->set_service("Oakshire EP Service");
  r->set_reason("Little progress in reading despite two terms of support");
  r->mutable_consent()->set_given_by("Mother");
  *r->mutable_consent()->mutable_given_date() = date;
  *r->mutable_referral_date() = date;
  return req;
}

// A meeting on `date` with the SENCO and a parent.
inline v1::SupportMeeting Meeting(google::type::Date date) {
  v1::SupportMeeting m;
  *m.mutable_date() = date;
  m.add_participants(v1::SENCO);
  m.add_participants(v1::PARENT);
  return m;
}

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_REQUESTS_H_
