#ifndef SENDCASE_SERVICES_CASEWORK_ACCESS_H_
#define SENDCASE_SERVICES_CASEWORK_ACCESS_H_

// A missing resource is reported as NotFound only to callers who could see
// it if it existed; others get PermissionDenied, so scope-limited callers
// cannot probe for records. Other statuses pass through.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/auth/principal.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/storage/case_store.h"

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

// The pupil `name` (the request's `field`) if `caller` may see it;
// InvalidArgument for a malformed name, else NotFound or PermissionDenied
// as above.
inline absl::StatusOr<storage::PupilRecord> LoadVisiblePupil(
    storage::CaseStore& cases, const auth::Principal& caller,
    const std::string& name, absl::string_view field) {
  ASSIGN_OR_RETURN(PupilName parsed, ParsePupilName(name, field));
  absl::StatusOr<storage::PupilRecord> pupil = cases.GetPupil(parsed);
  if (!pupil.ok()) return HideMissing(caller, pupil.status(), name);
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, pupil->pupil.setting_urn(),
                                         pupil->pupil.local_authority_code(),
                                         name));
  return pupil;
}

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_ACCESS_H_
