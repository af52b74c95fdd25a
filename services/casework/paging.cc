#include "services/casework/paging.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/sha256.h"

namespace sendcase::casework {
namespace {

// A short, stable digest of the parameters (not a secret: it only catches a
// token reused with a different query).
std::string ParamsDigest(absl::string_view params) {
  return Sha256Hex(params).substr(0, 12);
}

}  // namespace

absl::StatusOr<storage::PageRequest> ParsePage(int32_t page_size,
                                               absl::string_view page_token,
                                               absl::string_view params) {
  if (page_size < 0) {
    return absl::InvalidArgumentError("page_size: must not be negative");
  }
  storage::PageRequest page;
  page.limit = page_size == 0 ? kDefaultPageSize
                              : std::min<int32_t>(page_size, kMaxPageSize);
  if (page_token.empty()) return page;
  const auto invalid = absl::InvalidArgumentError(
      "page_token: not a token from a previous response to this request");
  std::string decoded;
  if (page_token.size() > 200 ||
      !absl::WebSafeBase64Unescape(page_token, &decoded)) {
    return invalid;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(decoded, '|');
  if (parts.size() != 3 || parts[0] != "p1" ||
      parts[2] != ParamsDigest(params) ||
      !absl::SimpleAtoi(parts[1], &page.after) || page.after < 0) {
    return invalid;
  }
  return page;
}

std::string NextPageToken(const std::optional<int64_t>& next_after,
                          absl::string_view params) {
  if (!next_after.has_value()) return "";
  return absl::WebSafeBase64Escape(
      absl::StrCat("p1|", *next_after, "|", ParamsDigest(params)));
}

}  // namespace sendcase::casework
