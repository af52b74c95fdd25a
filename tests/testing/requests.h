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

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_REQUESTS_H_
