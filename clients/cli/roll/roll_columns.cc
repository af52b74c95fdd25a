#include "clients/cli/roll/roll_columns.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sendcase::client {
namespace {

using C = RollColumn;

// The census term of an NPD column ("PrimarySENtype_SPR22": spring 2022)
// as a number that grows with time (autumn opens the school year), or -1.
int Term(const std::string& header) {
  const std::string lower = absl::AsciiStrToLower(header);
  if (lower.size() < 7) return -1;
  const std::string tail = lower.substr(lower.size() - 6);  // "_spr22"
  if (tail[0] != '_' || !absl::ascii_isdigit(tail[4]) ||
      !absl::ascii_isdigit(tail[5])) {
    return -1;
  }
  const int year = (tail[4] - '0') * 10 + (tail[5] - '0');
  const std::string season = tail.substr(1, 3);
  // AUT21 is the autumn of the 2021/22 school year; SPR22 and SUM22 follow.
  if (season == "aut") return (year + 1) * 3;
  if (season == "spr") return year * 3 + 1;
  if (season == "sum") return year * 3 + 2;
  return -1;
}

// Lower-case letters and digits only, without an NPD term suffix such as
// "_SPR22" or "_AUT21" (the DfE's extracts name a column per census term).
std::string Key(const std::string& header) {
  std::string key;
  for (char c : header) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      key += absl::ascii_tolower(static_cast<unsigned char>(c));
    }
  }
  if (Term(header) >= 0) key.resize(key.size() - 5);
  return key;
}

const std::map<std::string, C>& Aliases() {
  static const auto* aliases = new std::map<std::string, C>{
      {"upn", C::kUpn},
      {"pupilupn", C::kUpn},
      {"uniquepupilnumber", C::kUpn},
      {"formerupn", C::kFormerUpn},
      {"previousupn", C::kFormerUpn},
      {"oldupn", C::kFormerUpn},
      {"surname", C::kSurname},
      {"legalsurname", C::kSurname},
      {"familyname", C::kSurname},
      {"lastname", C::kSurname},
      {"legallastname", C::kSurname},
      {"forename", C::kForename},
      {"legalforename", C::kForename},
      {"givenname", C::kForename},
      {"firstname", C::kForename},
      {"legalfirstname", C::kForename},
      {"name", C::kName},
      {"pupilname", C::kName},
      {"studentname", C::kName},
      {"fullname", C::kName},
      {"dob", C::kDob},
      {"dateofbirth", C::kDob},
      {"birthdate", C::kDob},
      {"yeargroup", C::kYear},
      {"year", C::kYear},
      {"ncyear", C::kYear},
      {"ncyearactual", C::kYear},
      {"actualncyear", C::kYear},
      {"nationalcurriculumyear", C::kYear},
      {"curriculumyear", C::kYear},
      {"yeartaughtin", C::kYear},
      {"senprovision", C::kProvision},
      {"provision", C::kProvision},
      {"sen", C::kProvision},
      {"senstatus", C::kProvision},
      {"primaryneed", C::kPrimaryNeed},
      {"senprimaryneed", C::kPrimaryNeed},
      {"primarysenneed", C::kPrimaryNeed},
      {"primarysentype", C::kPrimaryNeed},
      {"primarysenneedstype", C::kPrimaryNeed},
      {"primaryseneedstype", C::kPrimaryNeed},  // GIAP: "PrimarySENeedsType"
      {"primarysenneedtype", C::kPrimaryNeed},
      {"primaryneedtype", C::kPrimaryNeed},
      {"secondaryneed", C::kSecondaryNeed},
      {"sensecondaryneed", C::kSecondaryNeed},
      {"secondarysenneed", C::kSecondaryNeed},
      {"secondarysentype", C::kSecondaryNeed},
      {"secondarysenneedstype", C::kSecondaryNeed},
      {"secondaryseneedstype", C::kSecondaryNeed},
      {"secondarysenneedtype", C::kSecondaryNeed},
      {"secondaryneedtype", C::kSecondaryNeed},
      {"sentype", C::kRankedNeed},
      {"senneedtype", C::kRankedNeed},
      {"needtype", C::kRankedNeed},
      {"sentyperank", C::kNeedRank},
      {"senrank", C::kNeedRank},
      {"needrank", C::kNeedRank},
      {"rank", C::kNeedRank},
      {"ranking", C::kNeedRank}};
  return *aliases;
}

absl::Status Missing(const CsvRecord& header, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "line ", header.line, ": missing column ", what,
      " (the header has: ", absl::StrJoin(header.fields, ", "), ")"));
}

}  // namespace

absl::StatusOr<RollColumns> FindRollColumns(const CsvRecord& header) {
  RollColumns out;
  std::fill(std::begin(out.index), std::end(out.index), -1);
  out.headers = header.fields;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    auto it = Aliases().find(Key(header.fields[i]));
    if (it == Aliases().end()) {
      out.ignored.push_back(header.fields[i]);
      continue;
    }
    int& slot = out.index[static_cast<int>(it->second)];
    // A second column for the same thing is not read, unless both are NPD
    // terms and it is the later one (the pupil as of the latest census).
    if (slot >= 0 && (Term(header.fields[slot]) < 0 ||
                      Term(header.fields[i]) <= Term(header.fields[slot]))) {
      out.ignored.push_back(header.fields[i]);
      continue;
    }
    if (slot >= 0) out.ignored.push_back(header.fields[slot]);
    slot = static_cast<int>(i);
  }
  if (!out.has(C::kUpn)) return Missing(header, "\"UPN\"");
  const bool split = out.has(C::kSurname) && out.has(C::kForename);
  if (!split && !out.has(C::kName)) {
    return Missing(header, out.has(C::kSurname) ? "\"Forename\""
                           : out.has(C::kForename)
                               ? "\"Surname\""
                               : "\"Surname\" and \"Forename\" (or \"Name\")");
  }
  if (split && out.has(C::kName)) {
    out.ignored.push_back(out.header(C::kName));  // the split names win
    out.index[static_cast<int>(C::kName)] = -1;
  }
  if (out.has(C::kRankedNeed) &&
      (out.has(C::kPrimaryNeed) || out.has(C::kSecondaryNeed))) {
    // Needs named primary and secondary win over ranked rows.
    for (C c : {C::kRankedNeed, C::kNeedRank}) {
      if (!out.has(c)) continue;
      out.ignored.push_back(out.header(c));
      out.index[static_cast<int>(c)] = -1;
    }
  }
  if (!out.has(C::kDob)) return Missing(header, "\"DOB\"");
  return out;
}

}  // namespace sendcase::client
