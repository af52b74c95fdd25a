#ifndef SENDCASE_SERVICES_HTTP_SIGN_IN_LINKS_H_
#define SENDCASE_SERVICES_HTTP_SIGN_IN_LINKS_H_

// One-time sign-in links by e-mail, for people registered as reminder
// contacts (README, "The web app"): a person asks with their address, each
// contact registered for it gets a link, and opening one signs the browser
// in as that contact's role and scope. A link is 256 random bits, works
// once, and expires `lifetime` after it was made (15 minutes); an address
// holds at most `max_per_address` live links, so asking again and again
// sends nothing more. Links live in this process's memory only.
// Thread-safe.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/http/sessions.h"

namespace sendcase::http {

// What e-mailed sign-in needs from the server (server/web_auth.h).
class EmailSignIn {
 public:
  virtual ~EmailSignIn() = default;
  // The roles and scopes registered as reminder contacts for `address`
  // (compared without regard to case), each with `address` as its subject.
  virtual absl::StatusOr<std::vector<Identity>> ContactsFor(
      const std::string& address) = 0;
  // Sends a text e-mail; Unavailable when the mail server cannot take it.
  virtual absl::Status Send(const std::string& address,
                            const std::string& subject,
                            const std::string& body) = 0;
  // A bearer token ("Bearer ...") for a session of `who`, valid for `ttl`,
  // the sign-in audited under `peer`.
  virtual absl::StatusOr<std::string> IssueSessionToken(
      const Identity& who, std::chrono::seconds ttl,
      absl::string_view peer) = 0;
};

struct LinkOptions {
  std::chrono::seconds lifetime{15 * 60};
  size_t max_per_address = 3;
  size_t max_links = 10000;  // past this, new links are refused
};

class LinkStore {
 public:
  LinkStore(const Clock& clock, LinkOptions options = {})
      : clock_(clock), options_(options) {}

  // A new link secret for `who` (its subject is the address), or
  // ResourceExhausted when the address already holds its live links or the
  // store is full; Internal without randomness.
  absl::StatusOr<std::string> Create(const Identity& who);
  // Who the link signs in, once: the link is forgotten whether or not it
  // had expired. nullopt for an unknown, used or expired link.
  std::optional<Identity> Redeem(const std::string& secret);

  std::chrono::seconds lifetime() const { return options_.lifetime; }

 private:
  struct Link {
    Identity who;
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
