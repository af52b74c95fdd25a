#ifndef SENDCASE_SERVICES_COMMON_UPN_H_
#define SENDCASE_SERVICES_COMMON_UPN_H_

// Unique Pupil Number validation (rules/REFERENCE.md §5.3; GovTalk UPN standard
// v2.0).

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sendcase {

// Returns the check letter for the 12 characters after it (positions 2-13),
// or '\0' if they are not 11 digits followed by a digit or an allowed letter.
char UpnCheckLetter(absl::string_view last12);

// OK if `upn` is a permanent (A + 12 digits) or temporary (A + 11 digits +
// letter) UPN whose check letter is right. InvalidArgument naming `field`
// otherwise; the message never echoes the UPN (it identifies a child).
absl::Status ValidateUpn(absl::string_view upn, absl::string_view field);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_UPN_H_
