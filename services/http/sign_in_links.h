#ifndef SENDCASE_SERVICES_HTTP_SIGN_IN_LINKS_H_
#define SENDCASE_SERVICES_HTTP_SIGN_IN_LINKS_H_

// One-time sign-in links (email_sign_in.h sends them). A link is 256 random
// bits, is bound to the browser that asked for it (a random nonce that
// browser holds in a cookie), works once, and expires `lifetime` after it
// was made (15 minutes). One browser holds at most `max_per_browser` live
// links for one role and scope of an address, so asking again and again
// from it sends nothing more. An address holds at most `max_per_address`
// in all: past that, the oldest link of another browser makes way, so
// someone else asking never stops the person getting one. The store holds
// at most `max_links`. Links live in this process's memory only: a
// restart, or another replica, does not know them. Thread-safe.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/http/sessions.h"

namespace sendcase::http {

struct LinkOptions {
  std::chrono::seconds lifetime{15 * 60};
  size_t max_per_browser = 3;
  size_t max_per_address = 20;
  size_t max_links = 10000;
};

class LinkStore {
 public:
  explicit LinkStore(const Clock& clock, LinkOptions options = {})
      : clock_(clock), options_(options) {}

  // A new link secret for `who` (its subject is the address), spendable
  // only with `browser_nonce`. ResourceExhausted when that browser already
  // holds its live links for the role and scope, or the store is full;
  // Internal without randomness.
  absl::StatusOr<std::string> Create(const Identity& who,
                                     const std::string& browser_nonce);

  // Who the link signs in. The link is spent (whether or not it had
  // expired), except when `browser_nonce` is not the one it was made for:
  // then PermissionDenied and the link stays for its own browser.
  // Unauthenticated for an unknown, spent or expired link.
  absl::StatusOr<Identity> Redeem(const std::string& secret,
                                  const std::string& browser_nonce);

  std::chrono::seconds lifetime() const { return options_.lifetime; }

 private:
  struct Link {
    Identity who;
    std::string browser_nonce;
    Instant created;
  };
  void DropExpired(Instant now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Clock& clock_;
  const LinkOptions options_;
  absl::Mutex mu_;
  std::map<std::string, Link> links_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_SIGN_IN_LINKS_H_
