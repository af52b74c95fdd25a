// Validation of what sendcase keeps for the SEN2 return (the pupil's sex,
// ethnicity, postcode and ULN; the placements a plan names; the request's
// source) and of case officers' names. Declared in validation.h.
#include <algorithm>
#include <array>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/casework/validation.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

// The DfE's ethnicity codes (the census's extended list and its main
// codes; rules/REFERENCE.md §5.5). Sorted, for a binary search.
constexpr std::array<absl::string_view, 112> kEthnicity = {
    "AAFR", "ABAN", "ABRI", "AIND", "AKAO", "AKPA", "AMPK", "ANEP", "AOPK",
    "AOTA", "AOTH", "APKN", "ASIA", "ASLT", "ASNL", "ASRO", "AWEL", "BAFR",
    "BANN", "BAOF", "BBRI", "BCON", "BCRB", "BEUR", "BGHA", "BLAC", "BNAM",
    "BNGN", "BOTB", "BOTH", "BSLN", "BSOM", "BSUD", "BWEL", "CHKC", "CHNE",
    "CMAL", "COCH", "CSNG", "CTWN", "MABL", "MACH", "MAOE", "MBCH", "MBOE",
    "MCOE", "MIXD", "MOTH", "MOTM", "MWAI", "MWAO", "MWAP", "MWAS", "MWBA",
    "MWBC", "MWCH", "MWOE", "NOBT", "OAFG", "OARA", "OEGY", "OFIL", "OIRN",
    "OIRQ", "OJPN", "OKOR", "OKRD", "OLAM", "OLEB", "OLIB", "OMAL", "OMRC",
    "OOEG", "OOTH", "OPOL", "ORAB", "OTHA", "OVIE", "OYEM", "REFU", "WALB",
    "WBOS", "WBRI", "WCOR", "WCRO", "WEEU", "WENG", "WEUR", "WGRC", "WGRE",
    "WGRK", "WHIT", "WIRI", "WIRT", "WITA", "WKOS", "WNIR", "WOTH", "WOTW",
    "WOWB", "WPOR", "WROG", "WROM", "WROO", "WROR", "WSCO", "WSER", "WTUC",
    "WTUK", "WTUR", "WWEL", "WWEU"};

bool KnownEthnicity(absl::string_view code) {
  return std::binary_search(kEthnicity.begin(), kEthnicity.end(), code);
}

// A UK postcode's shape: outward code (2-4 characters, a letter first),
// one space, inward code (a digit and two letters). Not a check that it
// exists.
bool LooksLikePostcode(absl::string_view p) {
  const size_t space = p.find(' ');
  if (space == absl::string_view::npos || space < 2 || space > 4) return false;
  const absl::string_view in = p.substr(space + 1);
  if (in.size() != 3 || !absl::ascii_isdigit(in[0]) ||
      !absl::ascii_isupper(in[1]) || !absl::ascii_isupper(in[2])) {
    return false;
  }
  if (!absl::ascii_isupper(p[0])) return false;
  for (size_t i = 1; i < space; ++i) {
    if (!absl::ascii_isupper(p[i]) && !absl::ascii_isdigit(p[i])) return false;
  }
  return true;
}

}  // namespace

absl::Status ValidateOfficer(absl::string_view officer,
                             absl::string_view field) {
  if (officer.empty()) return absl::OkStatus();
  bool ok = officer.size() <= 64;
  for (char c : officer) {
    ok = ok && (absl::ascii_isalnum(c) || c == '.' || c == '_' || c == '@' ||
                c == '-');
  }
  if (ok) return absl::OkStatus();
  return Invalid(field, "1-64 of letters, digits, '.', '_', '@' or '-'");
}

absl::Status ValidatePupilSen2Items(const v1::Pupil& p) {
  if (!v1::Sex_IsValid(p.sex())) {
    return Invalid("pupil.sex", "MALE or FEMALE (or unset)");
  }
  if (!p.ethnicity().empty() && !KnownEthnicity(p.ethnicity())) {
    return Invalid("pupil.ethnicity",
                   "not a DfE ethnicity code (4 capitals, e.g. WBRI; REFU "
                   "refused, NOBT not obtained)");
  }
  if (!p.postcode().empty() && !LooksLikePostcode(p.postcode())) {
    return Invalid("pupil.postcode",
                   "not a UK postcode in capitals with one space (e.g. SW1A "
                   "1AA)");
  }
  if (!p.unique_learner_number().empty() &&
      !IsDigits(p.unique_learner_number(), 10)) {
    return Invalid("pupil.unique_learner_number", "10 digits");
  }
  return absl::OkStatus();
}

absl::Status ValidatePlacements(
    const google::protobuf::RepeatedPtrField<v1::Placement>& placements,
    absl::string_view field) {
  if (placements.size() > 5) return Invalid(field, "at most 5");
  for (int i = 0; i < placements.size(); ++i) {
    const v1::Placement& p = placements[i];
    const std::string at = absl::StrCat(field, "[", i, "]");
    const int named =
        (p.urn().empty() ? 0 : 1) + (p.ukprn().empty() ? 0 : 1) +
        (p.setting_type() == v1::Placement::SETTING_TYPE_UNSPECIFIED ? 0 : 1);
    if (named != 1) {
      return Invalid(at, "exactly one of urn, ukprn and setting_type");
    }
    if (!p.urn().empty() && !IsDigits(p.urn(), 6)) {
      return Invalid(absl::StrCat(at, ".urn"), "6 digits");
    }
    if (!p.ukprn().empty() && !IsDigits(p.ukprn(), 8)) {
      return Invalid(absl::StrCat(at, ".ukprn"), "8 digits");
    }
    if (!v1::Placement::SettingType_IsValid(p.setting_type())) {
      return Invalid(absl::StrCat(at, ".setting_type"), "not a SEN2 code");
    }
    if (!v1::Placement::Residential_IsValid(p.residential())) {
      return Invalid(absl::StrCat(at, ".residential"), "not a SEN2 code");
    }
  }
  return absl::OkStatus();
}

}  // namespace sendcase::casework
