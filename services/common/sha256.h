#ifndef SENDCASE_SERVICES_COMMON_SHA256_H_
#define SENDCASE_SERVICES_COMMON_SHA256_H_

// SHA-256 (OpenSSL) as lower-case hex: token hashes, request fingerprints,
// rule-set digests, message ids.

#include <string>

#include "absl/strings/string_view.h"

namespace sendcase {

std::string Sha256Hex(absl::string_view bytes);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_SHA256_H_
