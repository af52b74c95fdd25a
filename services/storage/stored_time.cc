#include "services/storage/stored_time.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sendcase::storage {

absl::StatusOr<Day> ParseStoredDay(absl::string_view text,
                                   absl::string_view field) {
  // "Y-MM-DD", where Y is FormatDay's %04d: four or more digits, perhaps
  // with a minus sign.
  const size_t dash = text.size() >= 6 ? text.size() - 6 : 0;
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text.size() > 14 || text[dash] != '-' ||
      text[dash + 3] != '-' || !absl::SimpleAtoi(text.substr(0, dash), &y) ||
      !absl::SimpleAtoi(text.substr(dash + 1, 2), &m) ||
      !absl::SimpleAtoi(text.substr(dash + 4, 2), &d)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": stored value is not a date"));
  }
  // date::year holds -32767..32767; beyond it a year would wrap.
  const date::year_month_day ymd{date::year{y}, date::month(unsigned(m)),
                                 date::day(unsigned(d))};
  if (y < -32767 || y > 32767 || !ymd.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": stored value is not a date"));
  }
  return Day(ymd);
}

}  // namespace sendcase::storage
