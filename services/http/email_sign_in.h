#ifndef SENDCASE_SERVICES_HTTP_EMAIL_SIGN_IN_H_
#define SENDCASE_SERVICES_HTTP_EMAIL_SIGN_IN_H_

// Sign-in by e-mail for the HTTP listener, for contacts an ADMIN has
// vouched for (v1.Contact.sign_in):
//   POST /api/v1/session:emailLink {"email": "..."} -> 202 at once, the same
//        answer whether or not the address is known. The listener gives the
//        browser a nonce cookie; later, off the request path, each vouched-
//        for contact of the address is sent a link PUBLIC_URL/signin#link=S
//        bound to that nonce (the fragment never reaches a server or a
//        Referer). A full queue answers 503, and a client (by its IP
//        address) asking for one address more than 5 times a minute 429,
//        again whatever the address.
//   The page at the link asks the person to confirm, then
//   POST /api/v1/session {"link": "S"} with the nonce cookie -> a session,
//        the link spent, if the contact is still vouched for. So a link
//        signs nobody in by being opened (mail scanners), and works only in
//        the browser that asked for it (a link sent by someone else cannot
//        sign a victim in as them).
// The session runs on a token issued for it alone (subject the address,
// the contact's role and scope, expiring with the session), so each call
// is authorised and audited like any other; signing out revokes it. Each
// link made is audited as RequestSignInLink under the contact's identity.
// No httplib here: the listener passes bodies in and replies out.

#include <deque>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/http/json_gateway.h"
#include "services/http/sign_in_links.h"

namespace sendcase::http {

// What e-mailed sign-in needs from the server (server/web_auth.h).
class EmailSignIn {
 public:
  struct SessionToken {
    std::string bearer;  // "Bearer ..."
    std::string token_id;
  };
  virtual ~EmailSignIn() = default;
  // The vouched-for contacts of `address` (any ASCII case) as identities,
  // each with the address as its subject.
  virtual absl::StatusOr<std::vector<Identity>> ContactsFor(
      const std::string& address) = 0;
  // Sends a text e-mail; Unavailable when the mail server cannot take it.
  virtual absl::Status Send(const std::string& address,
                            const std::string& subject,
                            const std::string& body) = 0;
  // Audits that a link was made for `who`.
  virtual absl::Status AuditLink(const Identity& who) = 0;
  // A token for one session of `who`, valid for `ttl`, its sign-in
  // audited under `peer`.
  virtual absl::StatusOr<SessionToken> IssueSessionToken(
      const Identity& who, std::chrono::seconds ttl,
      absl::string_view peer) = 0;
  // Revokes a token from IssueSessionToken (sign-out).
  virtual void RevokeSessionToken(const std::string& token_id) = 0;
};

// "https://host[:port][/path]", or "http://" on a loopback host (a test or
// a person's own machine): InvalidArgument naming --public-url otherwise,
// since a link over plain HTTP could be read on the way. No user info,
// query or fragment ('@', '?', '#'), which could send links elsewhere.
absl::Status CheckPublicUrl(absl::string_view url);

class EmailSignInHandler {
 public:
  // `server` must outlive the handler. `public_url` is what links start
  // with (CheckPublicUrl), never taken from a request's Host header.
  EmailSignInHandler(EmailSignIn& server, std::string public_url,
                     const Clock& clock, LinkOptions options = {},
                     size_t max_queued = 100);
  ~EmailSignInHandler();  // requests still queued are dropped

  // 400 naming "email" for a missing or malformed address, 429 when `peer`
  // (the client's IP address) has asked for this address 5 times in this
  // minute, 503 when the queue is full, else 202. `browser_nonce` is the
  // asking browser's.
  HttpReply RequestLink(const std::string& body,
                        const std::string& browser_nonce,
                        const std::string& peer);

  struct SignedIn {
    EmailSignIn::SessionToken token;
    Identity who;
  };
  // Spends a link (LinkStore::Redeem's errors); PermissionDenied if the
  // contact is no longer vouched for.
  absl::StatusOr<SignedIn> Redeem(const std::string& link,
                                  const std::string& browser_nonce,
                                  std::chrono::seconds session_lifetime,
                                  absl::string_view peer);

  void EndSession(const std::string& token_id) {
    server_.RevokeSessionToken(token_id);
  }
  // Returns once every request taken so far has been handled (tests).
  void Drain();
  std::chrono::seconds lifetime() const { return links_.lifetime(); }

 private:
  struct Ask {
    std::string address, browser_nonce;
  };
  void Work();
  void Handle(const Ask& ask);

  EmailSignIn& server_;
  const std::string public_url_;
  const Clock& clock_;
  LinkStore links_;
  const size_t max_queued_;
  absl::Mutex mu_;
  std::deque<Ask> queue_ ABSL_GUARDED_BY(mu_);
  // Asks per client and address asked for (which minute, count).
  std::map<std::string, std::pair<int64_t, int>> asks_ ABSL_GUARDED_BY(mu_);
  bool busy_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread worker_;
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_EMAIL_SIGN_IN_H_
