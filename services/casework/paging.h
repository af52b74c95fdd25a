#ifndef SENDCASE_SERVICES_CASEWORK_PAGING_H_
#define SENDCASE_SERVICES_CASEWORK_PAGING_H_

// AIP-158 pagination: page_size 0 means kDefaultPageSize, sizes above
// kMaxPageSize are coerced down, negative sizes are rejected. Page tokens are
// opaque (base64url) and bound to the request's other parameters: reusing a
// token with different parameters is InvalidArgument.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/storage/records.h"

namespace sendcase::casework {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// Builds the storage page request. `params` is a canonical string of the
// other request parameters (e.g. the parent); it is hashed into the token.
absl::StatusOr<storage::PageRequest> ParsePage(int32_t page_size,
                                               absl::string_view page_token,
                                               absl::string_view params);

// The token for the next page, or "" when `next_after` is unset.
std::string NextPageToken(const std::optional<int64_t>& next_after,
                          absl::string_view params);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_PAGING_H_
