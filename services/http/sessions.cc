// Browser sessions (sessions.h).
#include "services/http/sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace sendcase::http {

absl::StatusOr<std::string> RandomSecret() {
  std::string bytes(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(bytes.size())) != 1) {
    return absl::InternalError("no randomness available for a secret");
  }
  return absl::WebSafeBase64Escape(bytes);
}

absl::StatusOr<Session> SessionStore::Create(const std::string& bearer,
                                             Identity identity,
                                             std::string own_token_id) {
  Session s;
  auto id = RandomSecret();
  if (!id.ok()) return id.status();
  auto csrf = RandomSecret();
  if (!csrf.ok()) return csrf.status();
  s.id = *std::move(id);
  s.csrf = *std::move(csrf);
  s.bearer = bearer;
  s.identity = std::move(identity);
  s.own_token_id = std::move(own_token_id);
  s.created = s.last_used = clock_.Now();
  std::vector<std::string> ended;
  {
    absl::MutexLock lock(&mu_);
    // Whose session it is: the person, else the token.
    auto owner = [](const Session& x) {
      return x.identity.subject.empty()
                 ? x.bearer
                 : absl::StrCat("\n", x.identity.subject);
    };
    const std::string mine = owner(s);
    // Sessions past their time go now, not only when next used, so that
    // their own tokens end with them.
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (s.created - it->second.last_used < options_.idle &&
          s.created - it->second.created < options_.absolute) {
        ++it;
        continue;
      }
      ended.push_back(it->second.own_token_id);
      it = sessions_.erase(it);
    }
    // The least recently used session (of this owner only, if `same_owner`).
    auto evict_one = [&](bool same_owner) {
      auto oldest = sessions_.end();
      for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
        if (same_owner && owner(it->second) != mine) continue;
        if (oldest == sessions_.end() ||
            it->second.last_used < oldest->second.last_used) {
          oldest = it;
        }
      }
      if (oldest != sessions_.end()) {
        ended.push_back(oldest->second.own_token_id);
        sessions_.erase(oldest);
      }
    };
    size_t own = 0;
    for (const auto& [id, session] : sessions_) {
      own += owner(session) == mine ? 1 : 0;
    }
    for (; own >= options_.max_per_token && own > 0; --own) evict_one(true);
    while (sessions_.size() >= options_.max_sessions && !sessions_.empty()) {
      evict_one(false);
    }
    sessions_[s.id] = s;
  }
  Ended(ended);  // outside the lock: it writes to the database
  return s;
}

void SessionStore::Ended(const std::vector<std::string>& ended) const {
  if (!on_end_) return;
  for (const std::string& id : ended) {
    if (!id.empty()) on_end_(id);
  }
}

std::optional<Session> SessionStore::Use(const std::string& id) {
  const Instant now = clock_.Now();
  std::string ended;
  {
    absl::MutexLock lock(&mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    Session& s = it->second;
    if (now - s.last_used < options_.idle &&
        now - s.created < options_.absolute) {
      s.last_used = now;
      return s;
    }
    ended = s.own_token_id;
    sessions_.erase(it);
  }
  Ended({ended});
  return std::nullopt;
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
