#ifndef SENDCASE_SERVICES_HTTP_EMAIL_SIGN_IN_H_
#define SENDCASE_SERVICES_HTTP_EMAIL_SIGN_IN_H_

// Sign-in by e-mail for the HTTP listener (sign_in_links.h has the links):
//   POST /api/v1/session:emailLink {"email": "..."} -> 202, always the same
//        answer whether or not the address is registered, after e-mailing
//        each registered contact of that address a one-time link
//        PUBLIC_URL/signin#link=SECRET (a fragment: never sent to a server
//        or in a Referer);
//   POST /api/v1/session {"link": "SECRET"} -> a session as for a token,
//        the link spent.
// The session's calls run on a token issued for it (subject the address,
// the contact's role and scope, expiring with the session), so they are
// authorised and audited like any other. No httplib here: the listener
// passes bodies in and replies out.

#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "services/http/json_gateway.h"
#include "services/http/sign_in_links.h"

namespace sendcase::http {

class EmailSignInHandler {
 public:
  // `server` must outlive the handler. `public_url` is what the links
  // start with, e.g. "https://send.example.org" (never taken from a
  // request's Host header, which a caller controls).
  EmailSignInHandler(EmailSignIn& server, std::string public_url,
                     const Clock& clock, LinkOptions options = {})
      : server_(server),
        public_url_(std::move(public_url)),
        links_(clock, options) {}

  // POST /api/v1/session:emailLink with a JSON body. 400 naming "email"
  // for a missing or malformed address; 503 when the mail server cannot
  // take the message; else 202.
  HttpReply RequestLink(const std::string& body);

  // Spends a link: a bearer token for the session and who it is.
  // Unauthenticated for an unknown, used or expired link.
  absl::StatusOr<std::pair<std::string, Identity>> Redeem(
      const std::string& link, std::chrono::seconds session_lifetime,
      absl::string_view peer);

 private:
  EmailSignIn& server_;
  const std::string public_url_;
  LinkStore links_;
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_EMAIL_SIGN_IN_H_
