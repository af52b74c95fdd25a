#include "clients/cli/roll/roll_rows.h"

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/demo_seed.h"
#include "date/date.h"

namespace sendcase::client {
namespace {

enum Column {
  kUpn,
  kSurname,
  kForename,
  kDob,
  kYear,
  kProvision,
  kPrimary,
  kSecondary,
  kColumns
};
constexpr const char* kColumnNames[kColumns] = {
    "UPN",        "Surname",       "Forename",     "DOB",
    "Year group", "SEN provision", "Primary need", "Secondary need"};
const std::map<std::string, Column>& Aliases() {
  static const auto* aliases =
      new std::map<std::string, Column>{{"upn", kUpn},
                                        {"surname", kSurname},
                                        {"legalsurname", kSurname},
                                        {"familyname", kSurname},
                                        {"lastname", kSurname},
                                        {"forename", kForename},
                                        {"legalforename", kForename},
                                        {"givenname", kForename},
                                        {"firstname", kForename},
                                        {"dob", kDob},
                                        {"dateofbirth", kDob},
                                        {"birthdate", kDob},
                                        {"yeargroup", kYear},
                                        {"ncyear", kYear},
                                        {"year", kYear},
                                        {"senprovision", kProvision},
                                        {"provision", kProvision},
                                        {"sen", kProvision},
                                        {"primaryneed", kPrimary},
                                        {"senprimaryneed", kPrimary},
                                        {"secondaryneed", kSecondary},
                                        {"sensecondaryneed", kSecondary}};
  return *aliases;
}

std::string Key(const std::string& header) {
  std::string key;
  for (char c : header) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      key += absl::ascii_tolower(static_cast<unsigned char>(c));
    }
  }
  return key;
}

// "YYYY-MM-DD" or "DD/MM/YYYY" (as UK MIS exports write it).
bool ParseDate(const std::string& text, google::type::Date* out) {
  std::vector<std::string> p;
  int y = 0, m = 0, d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    p = absl::StrSplit(text, '-');
    if (!absl::SimpleAtoi(p[0], &y) || !absl::SimpleAtoi(p[1], &m) ||
        !absl::SimpleAtoi(p[2], &d)) {
      return false;
    }
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    p = absl::StrSplit(text, '/');
    if (!absl::SimpleAtoi(p[0], &d) || !absl::SimpleAtoi(p[1], &m) ||
        !absl::SimpleAtoi(p[2], &y)) {
      return false;
    }
  } else {
    return false;
  }
  const date::year_month_day ymd{date::year{y}, date::month(m), date::day(d)};
  if (!ymd.ok() || y < 1900) return false;
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

bool ValidYearGroup(const std::string& y) {
  if (y.empty() || y == "R" || y == "N1" || y == "N2") return true;
  int n = 0;
  return absl::SimpleAtoi(y, &n) && n >= 1 && n <= 14;
}

}  // namespace

bool UpnLooksValid(const std::string& upn) {
  if (upn.size() != 13 || !absl::ascii_isupper(upn[0])) return false;
  for (int i = 1; i < 12; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(upn[i]))) return false;
  }
  if (absl::ascii_isupper(static_cast<unsigned char>(upn[12]))) return true;
  return absl::ascii_isdigit(static_cast<unsigned char>(upn[12])) &&
         MakeUpn(upn.substr(1)) == upn;
}

absl::StatusOr<RollParse> ParseRoll(const std::vector<CsvRecord>& records) {
  if (records.empty()) {
    return absl::InvalidArgumentError("line 1: the file is empty");
  }
  int index[kColumns];
  std::fill(index, index + kColumns, -1);
  const CsvRecord& header = records.front();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    auto it = Aliases().find(Key(header.fields[i]));
    if (it != Aliases().end() && index[it->second] < 0) {
      index[it->second] = static_cast<int>(i);
    }
  }
  for (Column c : {kUpn, kSurname, kForename, kDob}) {
    if (index[c] < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", header.line, ": missing column \"", kColumnNames[c],
          "\" (the header has: ", absl::StrJoin(header.fields, ", "), ")"));
    }
  }
  RollParse out;
  std::set<std::string> seen;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    auto field = [&](Column c) {
      if (index[c] < 0 || index[c] >= static_cast<int>(rec.fields.size())) {
        return std::string();
      }
      return std::string(absl::StripAsciiWhitespace(rec.fields[index[c]]));
    };
    std::vector<std::string> problems;
    RollRow row;
    row.line = rec.line;
    const std::string upn = absl::AsciiStrToUpper(field(kUpn));
    if (!UpnLooksValid(upn)) {
      problems.push_back("upn: not 13 characters with a valid check letter");
    } else if (!seen.insert(upn).second) {
      problems.push_back("upn: repeats an earlier row");
    }
    row.pupil.set_upn(upn);
    for (auto [c, name] :
         {std::pair{kSurname, "surname"}, std::pair{kForename, "forename"}}) {
      const std::string value = field(c);
      if (value.empty() || value.size() > 100) {
        problems.push_back(absl::StrCat(name, ": required, up to 100 bytes"));
      }
    }
    row.pupil.set_family_name(field(kSurname));
    row.pupil.set_given_name(field(kForename));
    if (!ParseDate(field(kDob), row.pupil.mutable_birth_date())) {
      problems.push_back("dob: not a date (YYYY-MM-DD or DD/MM/YYYY)");
    }
    row.year_group = absl::AsciiStrToUpper(field(kYear));
    if (!ValidYearGroup(row.year_group)) {
      problems.push_back("year group: R, N1, N2 or 1 to 14");
    }
    const std::string provision = absl::AsciiStrToUpper(field(kProvision));
    static const std::map<std::string, char> kProvisionCodes = {
        {"N", 'N'}, {"K", 'K'}, {"E", 'E'}, {"A", 'K'}, {"P", 'K'}, {"S", 'E'}};
    if (!provision.empty()) {
      auto it = kProvisionCodes.find(provision);
      if (it == kProvisionCodes.end()) {
        problems.push_back("sen provision: N, K or E (or A, P, S of 2001)");
      } else {
        row.provision = it->second;
      }
    }
    for (auto [c, name] : {std::pair{kPrimary, "primary need"},
                           std::pair{kSecondary, "secondary need"}}) {
      const std::string code = absl::AsciiStrToUpper(field(c));
      if (code.empty()) continue;
      v1::NeedType need;
      if (!v1::NeedType_Parse(code, &need) ||
          need == v1::NEED_TYPE_UNSPECIFIED) {
        problems.push_back(absl::StrCat(name, ": not a census code"));
      } else if (c == kSecondary && row.pupil.needs_size() == 0) {
        problems.push_back("secondary need: given without a primary need");
      } else {
        row.pupil.add_needs(need);
      }
    }
    if (problems.empty()) {
      out.rows.push_back(std::move(row));
    } else {
      for (const auto& p : problems) {
        out.errors.push_back(absl::StrCat("line ", rec.line, ": ", p));
      }
    }
  }
  return out;
}

}  // namespace sendcase::client
