#ifndef SENDCASE_SERVICES_HTTP_SESSIONS_H_
#define SENDCASE_SERVICES_HTTP_SESSIONS_H_

// Browser sessions for the JSON API: a person signs in once with a token
// and gets a session cookie, so the token need not sit in the page. A
// session holds the bearer token (in this process's memory only), a CSRF
// token that every write must echo in the X-CSRF-Token header, and expires
// after `idle` without use or `absolute` after sign-in, whichever is first.
// Ids and CSRF tokens are 256 random bits (OpenSSL), web-safe base64.
// Sessions do not survive a restart: sign in again. Thread-safe.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"

namespace sendcase::http {

struct SessionOptions {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
  size_t max_sessions = 10000;  // the least recently used goes past this
  // Per person (the identity's subject, else the token): their own least
  // recently used goes past this, so one token or one person signing in by
  // e-mail again and again cannot push everyone else's sessions out.
  size_t max_per_token = 20;
};

// Who a session's token names, for the page to choose what to show; the
// server authorises every call from the token itself, never from this.
struct Identity {
  std::string subject;
  std::string role;   // "SENCO", "ADMIN", ...
  std::string scope;  // "setting:100001", "la:201", "*", ...
};

struct Session {
  std::string id;
  std::string csrf;
  std::string bearer;  // "Bearer TOKEN"
  Identity identity;
  // The id of a token issued for this session alone (signed in by e-mail),
  // revoked when the session is signed out; empty for a person's own token.
  std::string own_token_id;
  Instant created;
  Instant last_used;
};

class SessionStore {
 public:
  SessionStore(const Clock& clock, SessionOptions options = {})
      : clock_(clock), options_(options) {}

  // A new session for `bearer`; Internal if no randomness is available.
  absl::StatusOr<Session> Create(const std::string& bearer,
                                 Identity identity = {},
                                 std::string own_token_id = "");
  // The live session `id` (its last use moved to now), or nullopt if it is
  // unknown, idle too long or too old (then it is forgotten).
  std::optional<Session> Use(const std::string& id);
  void Delete(const std::string& id);

  std::chrono::seconds absolute() const { return options_.absolute; }

  // Called, outside the store's lock, with the own_token_id of each session
  // that ends by expiry (noticed at its next use or the next sign-in) or
  // eviction (not Delete: its caller knows), so that a token made for one
  // session does not outlive it. Set before use.
  void OnEnd(std::function<void(const std::string& own_token_id)> on_end) {
    on_end_ = std::move(on_end);
  }

 private:
  // Calls on_end_ for each of `ended` (own token ids; empty ones skipped).
  void Ended(const std::vector<std::string>& ended) const;

  const Clock& clock_;
  const SessionOptions options_;
  std::function<void(const std::string&)> on_end_;
  absl::Mutex mu_;
  std::map<std::string, Session> sessions_ ABSL_GUARDED_BY(mu_);
};

// 256 random bits (OpenSSL), web-safe base64; Internal without randomness.
absl::StatusOr<std::string> RandomSecret();

// True if `a` and `b` are equal, in time that depends only on their length.
bool SameSecret(const std::string& a, const std::string& b);

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_SESSIONS_H_
