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

absl::StatusOr<std::string> LinkStore::Create(
    const Identity& who, const std::string& browser_nonce) {
  if (browser_nonce.empty()) {
    return absl::InvalidArgumentError("a link needs its browser's nonce");
  }
  auto secret = RandomSecret();
  if (!secret.ok()) return secret.status();
  const Instant now = clock_.Now();
  const std::string address = absl::AsciiStrToLower(who.subject);
  absl::MutexLock lock(&mu_);
  DropExpired(now);
  size_t address_links = 0, browser_links = 0;
  auto oldest_other = links_.end();  // of this address, another browser's
  for (auto it = links_.begin(); it != links_.end(); ++it) {
    const Link& link = it->second;
    if (absl::AsciiStrToLower(link.who.subject) != address) continue;
    ++address_links;
    if (link.browser_nonce == browser_nonce) {
      browser_links += link.who.role == who.role && link.who.scope == who.scope;
    } else if (oldest_other == links_.end() ||
               link.created < oldest_other->second.created) {
      oldest_other = it;
    }
  }
  // At the address's cap, the oldest link of another browser makes way:
  // whoever else asks, the person asking now still gets one.
  if (address_links >= options_.max_per_address &&
      browser_links < options_.max_per_browser &&
      oldest_other != links_.end()) {
    links_.erase(oldest_other);
    --address_links;
  }
  if (browser_links >= options_.max_per_browser ||
      address_links >= options_.max_per_address ||
      links_.size() >= options_.max_links) {
    return absl::ResourceExhaustedError(
        "this address already has its sign-in links: use one, or wait until "
        "they expire");
  }
  links_[*secret] = Link{who, browser_nonce, now};
  return *secret;
}

absl::StatusOr<Identity> LinkStore::Redeem(const std::string& secret,
                                           const std::string& browser_nonce) {
  const Instant now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto it = links_.find(secret);
  if (it == links_.end()) {
    return absl::UnauthenticatedError(
        "link: used, expired or unknown: ask for a new one");
  }
  // Another browser (a colleague the mail was forwarded to, a page that
  // opened it for someone else) may not spend it, nor spoil it.
  if (!SameSecret(browser_nonce, it->second.browser_nonce)) {
    return absl::PermissionDeniedError(
        "link: it works only in the browser it was asked for from: open it "
        "there, or ask for a new one in this browser");
  }
  const Link link = it->second;
  links_.erase(it);  // once, whatever happens next
  if (now - link.created >= options_.lifetime) {
    return absl::UnauthenticatedError(
        "link: used, expired or unknown: ask for a new one");
  }
  return link.who;
}

}  // namespace sendcase::http
