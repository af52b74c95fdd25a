// One-time sign-in links (sign_in_links.h).
#include "services/http/sign_in_links.h"

#include "absl/strings/ascii.h"

namespace sendcase::http {

void LinkStore::DropExpired(Instant now) {
  for (auto it = links_.begin(); it != links_.end();) {
    it = now - it->second.created >= options_.lifetime ? links_.erase(it)
                                                       : std::next(it);
  }
}

absl::StatusOr<std::string> LinkStore::Create(const Identity& who) {
  auto secret = RandomSecret();
  if (!secret.ok()) return secret.status();
  const Instant now = clock_.Now();
  const std::string address = absl::AsciiStrToLower(who.subject);
  absl::MutexLock lock(&mu_);
  DropExpired(now);
  size_t own = 0;
  for (const auto& [id, link] : links_) {
    own += absl::AsciiStrToLower(link.who.subject) == address ? 1 : 0;
  }
  if (own >= options_.max_per_address || links_.size() >= options_.max_links) {
    return absl::ResourceExhaustedError(
        "this address already has its sign-in links: use one, or wait until "
        "they expire");
  }
  links_[*secret] = Link{who, now};
  return *secret;
}

std::optional<Identity> LinkStore::Redeem(const std::string& secret) {
  const Instant now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto it = links_.find(secret);
  if (it == links_.end()) return std::nullopt;
  const Link link = it->second;
  links_.erase(it);  // once, whatever happens next
  if (now - link.created >= options_.lifetime) return std::nullopt;
  return link.who;
}

}  // namespace sendcase::http
