#include "services/common/upn.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sendcase {
namespace {

// The 23-letter alphabet: A-Z without I, O and S.
constexpr absl::string_view kAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

}  // namespace

char UpnCheckLetter(absl::string_view last12) {
  if (last12.size() != 12) return '\0';
  int sum = 0;
  for (int i = 0; i < 12; ++i) {
    const char c = last12[i];
    int value = 0;
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      value = c - '0';
    } else if (i == 11) {
      // Only the serial's last character of a temporary UPN may be a letter.
      const size_t index = kAlphabet.find(c);
      if (index == absl::string_view::npos) return '\0';
      value = static_cast<int>(index);
    } else {
      return '\0';
    }
    sum += value * (i + 2);  // position 2 has weight 2, ... 13 has weight 13
  }
  return kAlphabet[sum % 23];
}

absl::Status ValidateUpn(absl::string_view upn, absl::string_view field) {
  if (upn.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  if (upn.size() != 13) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be 13 characters"));
  }
  const char expected = UpnCheckLetter(upn.substr(1));
  if (expected == '\0') {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be a letter, 11 digits and a digit or letter"));
  }
  if (upn[0] != expected) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": check letter does not match"));
  }
  return absl::OkStatus();
}

}  // namespace sendcase
