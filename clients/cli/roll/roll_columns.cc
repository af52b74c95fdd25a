#include "clients/cli/roll/roll_columns.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sendcase::client {
namespace {

using C = RollColumn;

// Lower-case letters and digits only, without an NPD term suffix such as
// "_SPR22" or "_AUT21" (the DfE's extracts name a column per census term).
std::string Key(const std::string& header) {
  std::string key;
  for (char c : header) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      key += absl::ascii_tolower(static_cast<unsigned char>(c));
    }
  }
  const std::string lower = absl::AsciiStrToLower(header);
  for (const char* term : {"_spr", "_aut", "_sum"}) {
    const size_t at = lower.rfind(term);
    if (at != std::string::npos && at + 6 == lower.size() &&
        absl::ascii_isdigit(lower[at + 4]) &&
        absl::ascii_isdigit(lower[at + 5])) {
      key.resize(key.size() - 5);
    }
  }
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
    // Unknown, or a second column for the same thing: not read.
    if (it == Aliases().end() || out.has(it->second)) {
      out.ignored.push_back(header.fields[i]);
    } else {
      out.index[static_cast<int>(it->second)] = static_cast<int>(i);
    }
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
