#ifndef SENDCASE_TESTS_TESTING_STATUS_MATCHERS_H_
#define SENDCASE_TESTS_TESTING_STATUS_MATCHERS_H_

// gMock matchers for absl::Status and absl::StatusOr (abseil 20220623 ships
// none): IsOk(), StatusIs(code), StatusIs(code, message_matcher),
// IsOkAndHolds(value_matcher).
//
//   EXPECT_THAT(store.GetPupil(name), StatusIs(absl::StatusCode::kNotFound));

#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace sendcase::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s;
  return s.ok();
}

MATCHER_P(StatusIs, code,
          "has code " +
              absl::StatusCodeToString(static_cast<absl::StatusCode>(code))) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has code " +
               absl::StatusCodeToString(static_cast<absl::StatusCode>(code))) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(s.message()), result_listener);
}

MATCHER_P(IsOkAndHolds, value_matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

}  // namespace sendcase::testing

#define ASSERT_OK(expr) ASSERT_THAT(expr, ::sendcase::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT(expr, ::sendcase::testing::IsOk())

#endif  // SENDCASE_TESTS_TESTING_STATUS_MATCHERS_H_
