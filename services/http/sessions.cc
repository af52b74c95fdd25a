// Browser sessions (sessions.h).
#include "services/http/sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "absl/strings/escaping.h"

namespace sendcase::http {
namespace {

absl::StatusOr<std::string> RandomId() {
  std::string bytes(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(bytes.size())) != 1) {
    return absl::InternalError("no randomness available for a session");
  }
  return absl::WebSafeBase64Escape(bytes);
}

}  // namespace

absl::StatusOr<Session> SessionStore::Create(const std::string& bearer,
                                             Identity identity) {
  Session s;
  auto id = RandomId();
  if (!id.ok()) return id.status();
  auto csrf = RandomId();
  if (!csrf.ok()) return csrf.status();
  s.id = *std::move(id);
  s.csrf = *std::move(csrf);
  s.bearer = bearer;
  s.identity = std::move(identity);
  s.created = s.last_used = clock_.Now();
  absl::MutexLock lock(&mu_);
  // The least recently used session (of this token only, if `same_token`).
  auto evict_one = [&](bool same_token) {
    auto oldest = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (same_token && it->second.bearer != bearer) continue;
      if (oldest == sessions_.end() ||
          it->second.last_used < oldest->second.last_used) {
        oldest = it;
      }
    }
    if (oldest != sessions_.end()) sessions_.erase(oldest);
  };
  size_t own = 0;
  for (const auto& [id, session] : sessions_) {
    own += session.bearer == bearer ? 1 : 0;
  }
  for (; own >= options_.max_per_token && own > 0; --own) evict_one(true);
  while (sessions_.size() >= options_.max_sessions && !sessions_.empty()) {
    evict_one(false);
  }
  sessions_[s.id] = s;
  return s;
}

std::optional<Session> SessionStore::Use(const std::string& id) {
  const Instant now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_used >= options_.idle ||
      now - s.created >= options_.absolute) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_used = now;
  return s;
}

void SessionStore::Delete(const std::string& id) {
  absl::MutexLock lock(&mu_);
  sessions_.erase(id);
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sendcase::http
