#include "services/common/proto_time.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sendcase {

google::type::Date ToProtoDate(Day day) {
  const date::year_month_day ymd(day);
  google::type::Date out;
  out.set_year(int(ymd.year()));
  out.set_month(static_cast<int>(unsigned(ymd.month())));
  out.set_day(static_cast<int>(unsigned(ymd.day())));
  return out;
}

absl::StatusOr<Day> FromProtoDate(const google::type::Date& d,
                                  absl::string_view field) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  if (d.year() < 1 || d.year() > 9999 || d.month() < 1 || d.month() > 12 ||
      d.day() < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be a full date with year, month and day set"));
  }
  const date::year_month_day ymd{date::year{d.year()},
                                 date::month(unsigned(d.month())),
                                 date::day(unsigned(d.day()))};
  if (!ymd.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", d.year(), "-",
                                                   d.month(), "-", d.day(),
                                                   " is not a calendar date"));
  }
  return Day(ymd);
}

absl::StatusOr<Day> RequiredDate(bool present, const google::type::Date& d,
                                 absl::string_view field) {
  if (!present) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  return FromProtoDate(d, field);
}

google::protobuf::Timestamp ToTimestamp(Instant instant) {
  google::protobuf::Timestamp out;
  out.set_seconds(instant.time_since_epoch().count());
  return out;
}

Instant FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return Instant(std::chrono::seconds(timestamp.seconds()));
}

}  // namespace sendcase
