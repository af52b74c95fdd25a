#ifndef SENDCASE_SERVICES_CASEWORK_PAGING_H_
#define SENDCASE_SERVICES_CASEWORK_PAGING_H_

// AIP-158 pagination: page_size 0 means kDefaultPageSize, sizes above
// kMaxPageSize are coerced down, negative sizes are rejected. Page tokens are
// sealed (AES-256-GCM under a key this process draws at random when it
// starts): a caller can neither read the cursor inside (a row number, whose
// gaps would count other tenants' rows) nor forge or alter one. They are
// bound to the request's other parameters, and last as long as the server
// process: a token from before a restart, or altered, or reused with
// different parameters, is InvalidArgument (start again from the first
// page).

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

// Seals `cursor` (any bytes) into a page token; OpenPageToken gives it back,
// or InvalidArgument naming page_token for anything not sealed here.
std::string SealPageToken(absl::string_view cursor);
absl::StatusOr<std::string> OpenPageToken(absl::string_view token);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_PAGING_H_
