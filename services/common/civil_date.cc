#include "services/common/civil_date.h"

#include <stdexcept>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "date/tz.h"

namespace sendcase {
namespace {

const date::time_zone* LondonZone() {
  // date::locate_zone throws for an unknown zone; this is the one catch at
  // that boundary. Without tzdata the process cannot compute "today", so UTC
  // is not an acceptable silent fallback: fail loudly at first use.
  static const date::time_zone* const zone = [] {
    try {
      return date::locate_zone("Europe/London");
    } catch (const std::exception& e) {
      fprintf(stderr, "fatal: time zone Europe/London unavailable: %s\n",
              e.what());
      abort();
    }
  }();
  return zone;
}

}  // namespace

Day LondonDate(Instant instant) {
  const auto local = LondonZone()->to_local(instant);
  return Day(date::floor<date::days>(local).time_since_epoch());
}

Instant LondonMidnight(Day day) {
  const date::local_days local{day.time_since_epoch()};
  return std::chrono::time_point_cast<std::chrono::seconds>(
      LondonZone()->to_sys(local, date::choose::earliest));
}

absl::StatusOr<Day> ParseDay(absl::string_view text, absl::string_view field) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": expected a date as YYYY-MM-DD"));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int y = 0, m = 0, d = 0;
  for (char c :
       absl::StrCat(text.substr(0, 4), text.substr(5, 2), text.substr(8, 2))) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return bad();
  }
  if (!absl::SimpleAtoi(text.substr(0, 4), &y) ||
      !absl::SimpleAtoi(text.substr(5, 2), &m) ||
      !absl::SimpleAtoi(text.substr(8, 2), &d)) {
    return bad();
  }
  const date::year_month_day ymd{date::year{y}, date::month(unsigned(m)),
                                 date::day(unsigned(d))};
  if (!ymd.ok() || y < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", text, " is not a calendar date"));
  }
  return Day(ymd);
}

std::string FormatDay(Day day) {
  const date::year_month_day ymd(day);
  return absl::StrFormat("%04d-%02u-%02u", int(ymd.year()),
                         unsigned(ymd.month()), unsigned(ymd.day()));
}

std::string FormatDayWithWeekday(Day day) {
  static constexpr const char* kNames[] = {"Sun", "Mon", "Tue", "Wed",
                                           "Thu", "Fri", "Sat"};
  return absl::StrCat(FormatDay(day), " ",
                      kNames[date::weekday(day).c_encoding()]);
}

}  // namespace sendcase
