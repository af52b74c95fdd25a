#ifndef SENDCASE_SERVICES_COMMON_PROTO_TIME_H_
#define SENDCASE_SERVICES_COMMON_PROTO_TIME_H_

// Conversions between civil days / instants and their API types:
// google.type.Date for `*_date` fields, google.protobuf.Timestamp for
// `*_time` fields (AIP-142).

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"
#include "services/common/civil_date.h"
#include "services/common/clock.h"

namespace sendcase {

google::type::Date ToProtoDate(Day day);

// A full date (year 1-9999, month, day all set and valid). InvalidArgument
// naming `field` when missing ("required") or malformed.
absl::StatusOr<Day> FromProtoDate(const google::type::Date& date,
                                  absl::string_view field);

// As FromProtoDate, for a message field that may be unset: `present` says
// whether it was set at all.
absl::StatusOr<Day> RequiredDate(bool present, const google::type::Date& date,
                                 absl::string_view field);

google::protobuf::Timestamp ToTimestamp(Instant instant);
Instant FromTimestamp(const google::protobuf::Timestamp& timestamp);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_PROTO_TIME_H_
