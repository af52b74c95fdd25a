#include "rules/rule_file_parts.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace sendcase::rules {

namespace rv1 = sendcase::rules::v1;

absl::StatusOr<BusinessCalendar> CompileCalendar(const rv1::RuleFile& in,
                                                 bool legacy) {
  if (in.holidays_first_year() < 1900 ||
      in.holidays_last_year() < in.holidays_first_year() ||
      in.holidays_last_year() > BusinessCalendar::kLastComputedYear) {
    return absl::InvalidArgumentError(absl::StrCat(
        "calendar: holidays_first_year and holidays_last_year are required, "
        "from 1900 to ",
        BusinessCalendar::kLastComputedYear));
  }
  std::map<Day, std::string> one_offs;
  std::set<Day> moved_from;
  for (const auto& h : in.holidays()) {
    ASSIGN_OR_RETURN(Day day, ParseDay(h.date(), "calendar: holiday date"));
    const int year = int(date::year_month_day(day).year());
    if (year < in.holidays_first_year() ||
        year > BusinessCalendar::kLastComputedYear) {
      return absl::InvalidArgumentError(absl::StrCat(
          "calendar: holiday ", h.date(), " is outside the computed years"));
    }
    if (!one_offs.emplace(day, h.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("calendar: holiday ", h.date(), " is listed twice"));
    }
    if (!h.replaces().empty()) {
      ASSIGN_OR_RETURN(Day from,
                       ParseDay(h.replaces(), "calendar: holiday replaces"));
      if (StandardBankHolidays(int(date::year_month_day(from).year()))
              .count(from) == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("calendar: holiday ", h.date(), " replaces ",
                         h.replaces(), ", which is not a standard holiday"));
      }
      moved_from.insert(from);
    }
  }
  if (legacy) {
    // The list was complete for its years: a standard day it lacks was not
    // a holiday (moved by proclamation).
    for (int y = in.holidays_first_year(); y <= in.holidays_last_year(); ++y) {
      for (const auto& [day, name] : StandardBankHolidays(y)) {
        if (one_offs.count(day) == 0) moved_from.insert(day);
      }
    }
  }
  return BusinessCalendar(one_offs, moved_from, in.holidays_first_year(),
                          in.holidays_last_year());
}

absl::StatusOr<std::map<api::ExceptionRecorded::Reason, TemporaryException>>
CompileTemporaryExceptions(const rv1::RuleFile& in) {
  std::map<api::ExceptionRecorded::Reason, TemporaryException> temporary;
  for (const auto& t : in.temporary_exceptions()) {
    const std::string where =
        absl::StrCat("temporary_exceptions ",
                     api::ExceptionRecorded::Reason_Name(t.reason()), ": ");
    ASSIGN_OR_RETURN(Day first, ParseDay(t.first_day(), where + "first_day"));
    ASSIGN_OR_RETURN(Day last, ParseDay(t.last_day(), where + "last_day"));
    if (t.reason() == api::ExceptionRecorded::REASON_UNSPECIFIED ||
        last < first ||
        !temporary
             .emplace(t.reason(), TemporaryException{first, last, t.citation()})
             .second) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "needs a reason, listed once, and last_day >= first_day"));
    }
  }
  return temporary;
}

absl::StatusOr<std::vector<CompiledNotice>> CompileNotices(
    const rv1::RuleFile& in, const std::vector<std::string>& locations,
    const std::set<std::string>& rule_ids) {
  std::vector<CompiledNotice> out;
  std::set<std::string> ids;
  for (int i = 0; i < in.notices_size(); ++i) {
    const rv1::Notice& n = in.notices(i);
    const std::string where = absl::StrCat(
        i < static_cast<int>(locations.size()) ? locations[i] + ": " : "",
        "notice ", n.id().empty() ? absl::StrCat("#", i + 1) : n.id(), ": ");
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(where, what));
    };
    if (n.id().empty()) return error("id is required");
    if (rule_ids.count(n.id()) != 0 || !ids.insert(n.id()).second) {
      return error("duplicate id (notices and rules share ids)");
    }
    if (n.title().empty()) return error("title is required");
    if (n.on().empty()) return error("on: at least one event is required");
    if (n.to().empty()) return error("to: at least one role is required");
    CompiledNotice notice{n.id(), n.title(), n.citation(), {}, {}};
    for (const rv1::EventMatch& m : n.on()) {
      ASSIGN_OR_RETURN(CompiledMatch match, CompileMatch(m, where));
      notice.on.push_back(std::move(match));
    }
    for (int role : n.to()) {
      if (role == api::ROLE_UNSPECIFIED || !api::Role_IsValid(role)) {
        return error("to: ROLE_UNSPECIFIED is not a role");
      }
      const auto r = static_cast<api::Role>(role);
      if (std::find(notice.to.begin(), notice.to.end(), r) != notice.to.end()) {
        return error(absl::StrCat("to: ", api::Role_Name(r), " given twice"));
      }
      notice.to.push_back(r);
    }
    out.push_back(std::move(notice));
  }
  return out;
}

}  // namespace sendcase::rules
