#ifndef SENDCASE_SERVICES_CASEWORK_ACCESS_H_
#define SENDCASE_SERVICES_CASEWORK_ACCESS_H_

// A missing resource is reported as NotFound only to callers who could see
// it if it existed; others get PermissionDenied, so scope-limited callers
// cannot probe for records. Other statuses pass through.

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/auth/principal.h"

namespace sendcase::casework {

inline absl::Status HideMissing(const auth::Principal& caller,
                                const absl::Status& status,
                                absl::string_view resource) {
  if (absl::IsNotFound(status) &&
      caller.scope.kind != auth::Scope::Kind::kAll) {
    return absl::PermissionDeniedError(absl::StrCat(
        "scope ", caller.scope.ToString(), " does not cover ", resource));
  }
  return status;
}

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_ACCESS_H_
