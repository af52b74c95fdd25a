#include "services/casework/paging.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdlib>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/sha256.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

constexpr size_t kNonce = 12, kTag = 16;

// The sealing key: random, drawn once per process.
const unsigned char* Key() {
  static const std::array<unsigned char, 32> key = [] {
    std::array<unsigned char, 32> k{};
    if (RAND_bytes(k.data(), k.size()) != 1) std::abort();  // no entropy
    return k;
  }();
  return key.data();
}

// A short, stable digest of the parameters: catches a token reused with a
// different query.
std::string ParamsDigest(absl::string_view params) {
  return Sha256Hex(params).substr(0, 12);
}

absl::Status Invalid() {
  return absl::InvalidArgumentError(
      "page_token: not a token from a previous response to this request "
      "(tokens do not outlive a server restart); start from the first page");
}

}  // namespace

std::string SealPageToken(absl::string_view cursor) {
  std::string out(kNonce + cursor.size() + kTag, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(bytes, kNonce) != 1) std::abort();
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  const bool ok =
      ctx != nullptr &&
      EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, Key(), bytes) == 1 &&
      EVP_EncryptUpdate(ctx, bytes + kNonce, &len,
                        reinterpret_cast<const unsigned char*>(cursor.data()),
                        static_cast<int>(cursor.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx, bytes + kNonce + len, &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTag,
                          bytes + kNonce + cursor.size()) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) std::abort();  // OpenSSL out of memory: nothing sensible to do
  return absl::WebSafeBase64Escape(out);
}

absl::StatusOr<std::string> OpenPageToken(absl::string_view token) {
  std::string sealed;
  if (token.size() > 400 || !absl::WebSafeBase64Unescape(token, &sealed) ||
      sealed.size() < kNonce + kTag) {
    return Invalid();
  }
  const size_t n = sealed.size() - kNonce - kTag;
  auto* bytes = reinterpret_cast<unsigned char*>(sealed.data());
  std::string cursor(n, '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  const bool ok =
      ctx != nullptr &&
      EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, Key(), bytes) == 1 &&
      EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(cursor.data()),
                        &len, bytes + kNonce, static_cast<int>(n)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTag,
                          bytes + kNonce + n) == 1 &&
      EVP_DecryptFinal_ex(
          ctx, reinterpret_cast<unsigned char*>(cursor.data()) + len, &len) ==
          1;  // the tag checks out: sealed here, unaltered
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) return Invalid();
  return cursor;
}

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
  ASSIGN_OR_RETURN(std::string cursor, OpenPageToken(page_token));
  std::vector<absl::string_view> parts = absl::StrSplit(cursor, '|');
  if (parts.size() != 3 || parts[0] != "p2" ||
      parts[2] != ParamsDigest(params) ||
      !absl::SimpleAtoi(parts[1], &page.after) || page.after < 0) {
    return Invalid();
  }
  return page;
}

std::string NextPageToken(const std::optional<int64_t>& next_after,
                          absl::string_view params) {
  if (!next_after.has_value()) return "";
  return SealPageToken(
      absl::StrCat("p2|", *next_after, "|", ParamsDigest(params)));
}

}  // namespace sendcase::casework
