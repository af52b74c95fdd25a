// Machine-readable reasons: attached ones survive, and an error without one
// gets its code's reason and, for a field error, the field's path.
#include "services/common/error_reason.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(ErrorReasonTest, AttachedReasonAndMetadataReadBack) {
  const absl::Status s =
      WithReason(absl::OutOfRangeError("start_revision: old"),
                 "REVISION_COMPACTED", {{"compacted_revision", "7"}});
  const auto info = ReasonOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "REVISION_COMPACTED");
  EXPECT_EQ(info->domain(), "sendcase.v1");
  EXPECT_THAT(info->metadata(), ElementsAre(Pair("compacted_revision", "7")));
  EXPECT_FALSE(ReasonOf(absl::NotFoundError("x")).has_value());
}

TEST(ErrorReasonTest, DefaultReasonPerCode) {
  const struct {
    absl::Status status;
    const char* reason;
  } cases[] = {
      {absl::InvalidArgumentError("page_size: must not be negative"),
       "FIELD_INVALID"},
      {absl::NotFoundError("pupils/p1 not found"), "RESOURCE_NOT_FOUND"},
      {absl::AlreadyExistsError("upn: already registered"), "RESOURCE_EXISTS"},
      {absl::AbortedError("etag: stale"), "CONCURRENT_CHANGE"},
      {absl::FailedPreconditionError("event x not allowed"),
       "PRECONDITION_FAILED"},
      {absl::PermissionDeniedError("role SENCO may not"), "PERMISSION_DENIED"},
      {absl::UnauthenticatedError("unknown or revoked token"), "TOKEN_INVALID"},
      {absl::ResourceExhaustedError("limit"), "LIMIT_REACHED"},
      {absl::UnavailableError("retry"), "TEMPORARILY_UNAVAILABLE"},
      {absl::DeadlineExceededError("late"), "DEADLINE_EXCEEDED"},
      {absl::OutOfRangeError("far"), "OUT_OF_RANGE"},
      {absl::CancelledError("gone"), "CANCELLED"},
      {absl::UnimplementedError("no"), "NOT_IMPLEMENTED"},
      {absl::InternalError("bug"), "INTERNAL_ERROR"},
      {absl::DataLossError("lost"), "INTERNAL_ERROR"},
  };
  for (const auto& c : cases) {
    const auto info = DefaultReason(c.status);
    ASSERT_TRUE(info.has_value()) << c.status;
    EXPECT_EQ(info->reason(), c.reason) << c.status;
    EXPECT_EQ(info->domain(), "sendcase.v1");
  }
  EXPECT_FALSE(DefaultReason(absl::OkStatus()).has_value());
}

TEST(ErrorReasonTest, FieldErrorsNameTheirField) {
  EXPECT_THAT(
      DefaultReason(absl::InvalidArgumentError(
                        "event.referral.received_date: after the event date"))
          ->metadata(),
      ElementsAre(Pair("field", "event.referral.received_date")));
  EXPECT_THAT(
      DefaultReason(absl::InvalidArgumentError("pupils[3].upn: not a UPN"))
          ->metadata(),
      ElementsAre(Pair("field", "pupils[3].upn")));
  // Not a field path: no metadata rather than a wrong one.
  EXPECT_THAT(
      DefaultReason(absl::InvalidArgumentError("The header has: UPN, Name"))
          ->metadata(),
      IsEmpty());
  EXPECT_THAT(
      DefaultReason(absl::InvalidArgumentError("no colon here"))->metadata(),
      IsEmpty());
}

}  // namespace
}  // namespace sendcase
