// The HTTP listener's sign-in routes (http_server.h): a token or an
// e-mailed link for a session cookie, who is signed in, sign-out, and the
// cookies themselves.
#include <httplib.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/http/http_replies.h"
#include "services/http/http_server.h"

namespace sendcase::http {
namespace {

using internal::CookieValue;
using internal::Json;
using internal::StatusReply;

// Sign-in takes JSON only: a cross-site form can post text/plain without a
// preflight (login CSRF), a page's fetch with this type cannot.
bool JsonBody(const httplib::Request& req) {
  return absl::StartsWith(req.get_header_value("Content-Type"),
                          "application/json");
}
HttpReply NotJson() {
  return ErrorReply(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type: application/json required");
}

// {"subject", "role", "scope", "csrfToken"}: who a session is.
std::string IdentityJson(const Identity& who, const std::string& csrf,
                         std::chrono::seconds lifetime) {
  google::protobuf::Struct out;
  auto& f = *out.mutable_fields();
  f["subject"].set_string_value(who.subject);
  f["role"].set_string_value(who.role);
  f["scope"].set_string_value(who.scope);
  f["csrfToken"].set_string_value(csrf);
  if (lifetime.count() > 0) {
    f["expiresInSeconds"].set_number_value(
        static_cast<double>(lifetime.count()));
  }
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(out, &json);
  return json;
}

constexpr char kCookie[] = "sendcase_session";
constexpr char kLinkCookie[] = "sendcase_link";  // the asking browser's nonce

// 43 characters of web-safe base64: the shape of RandomSecret().
bool LooksLikeNonce(absl::string_view v) {
  if (v.size() != 43) return false;
  for (char c : v) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

}  // namespace

// Over HTTPS (here, or at a proxy in front: an https --public-url) the
// cookies are Secure and take the __Host- prefix, which a browser accepts
// only from this origin with Path=/: no sibling subdomain or plain-HTTP
// page can plant one (session or sign-in fixation).
std::string HttpServer::CookieName(const char* name) const {
  return secure_ ? absl::StrCat("__Host-", name) : name;
}

std::string HttpServer::SetCookie(const char* name, absl::string_view value,
                                  int64_t max_age_seconds) const {
  return absl::StrCat(CookieName(name), "=", value,
                      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=",
                      max_age_seconds, secure_ ? "; Secure" : "");
}

std::string HttpServer::SessionCookie(const httplib::Request& req) const {
  return CookieValue(req, CookieName(kCookie));
}

void HttpServer::EmailLink(const httplib::Request& req,
                           httplib::Response& res) {
  if (!JsonBody(req)) return Json(res, NotJson());
  if (email_ == nullptr) {
    return Json(res, ErrorReply(404, "NOT_FOUND",
                                "sign-in by e-mail is not set up on this "
                                "server (sendcased --smtp-url, --public-url)"));
  }
  // The browser keeps one nonce for all its links, so asking twice leaves
  // both usable there; a value that is not one of ours is replaced.
  std::string nonce = CookieValue(req, CookieName(kLinkCookie));
  if (!LooksLikeNonce(nonce)) {
    auto fresh = RandomSecret();
    if (!fresh.ok()) return Json(res, StatusReply(fresh.status()));
    nonce = *std::move(fresh);
  }
  const HttpReply reply = email_->RequestLink(req.body, nonce, req.remote_addr);
  if (reply.status == 202) {
    // Twice the link's life: the link's starts when it is made, a moment
    // after this answer.
    res.set_header("Set-Cookie", SetCookie(kLinkCookie, nonce,
                                           2 * email_->lifetime().count()));
  }
  Json(res, reply);
}

void HttpServer::SignIn(const httplib::Request& req, httplib::Response& res) {
  if (!JsonBody(req)) return Json(res, NotJson());
  google::protobuf::Struct body;
  std::string token, link;
  if (google::protobuf::util::JsonStringToMessage(req.body, &body).ok()) {
    auto it = body.fields().find("token");
    if (it != body.fields().end()) token = it->second.string_value();
    it = body.fields().find("link");
    if (it != body.fields().end()) link = it->second.string_value();
  }
  if (token.empty() && (link.empty() || email_ == nullptr)) {
    return Json(res, ErrorReply(400, "INVALID_ARGUMENT",
                                "token: required: {\"token\": \"...\"}"));
  }
  std::string bearer, own_token_id;
  absl::StatusOr<Identity> signed_in;
  if (!token.empty()) {
    bearer = absl::StrCat("Bearer ", token);
    signed_in = authenticate_and_audit_(bearer, "SignIn", req.remote_addr);
  } else {
    auto redeemed =
        email_->Redeem(link, CookieValue(req, CookieName(kLinkCookie)),
                       sessions_->absolute(), req.remote_addr);
    if (redeemed.ok()) {
      bearer = redeemed->token.bearer;
      own_token_id = redeemed->token.token_id;
      signed_in = redeemed->who;
    } else {
      signed_in = redeemed.status();
    }
  }
  if (!signed_in.ok()) return Json(res, StatusReply(signed_in.status()));
  auto session = sessions_->Create(bearer, *signed_in, own_token_id);
  if (!session.ok()) {
    return Json(res, ErrorReply(500, "INTERNAL", session.status().message()));
  }
  res.set_header("Set-Cookie", SetCookie(kCookie, session->id,
                                         sessions_->absolute().count()));
  Json(res, HttpReply{200, IdentityJson(session->identity, session->csrf,
                                        sessions_->absolute())});
}

void HttpServer::WhoAmI(const httplib::Request& req, httplib::Response& res) {
  const std::string id = SessionCookie(req);
  const std::optional<Session> session =
      id.empty() ? std::nullopt : sessions_->Use(id);
  // "Nobody" is an answer, not an error: a page asks before it signs in,
  // and learns whether it may offer a link by e-mail.
  if (!session.has_value()) {
    return Json(res, HttpReply{200, email_ != nullptr ? "{\"emailSignIn\":true}"
                                                      : "{}"});
  }
  Json(res, HttpReply{200, IdentityJson(session->identity, session->csrf,
                                        std::chrono::seconds(0))});
}

void HttpServer::SignOut(const httplib::Request& req, httplib::Response& res) {
  const std::string id = SessionCookie(req);
  const std::optional<Session> session =
      id.empty() ? std::nullopt : sessions_->Use(id);
  if (!session.has_value()) {
    return Json(res, ErrorReply(401, "UNAUTHENTICATED", "no session"));
  }
  if (!SameSecret(req.get_header_value("X-CSRF-Token"), session->csrf)) {
    return Json(res, ErrorReply(403, "PERMISSION_DENIED",
                                "X-CSRF-Token: missing or not this session's"));
  }
  sessions_->Delete(id);
  (void)authenticate_and_audit_(session->bearer, "SignOut", req.remote_addr);
  // A token made for this session alone ends with it.
  if (!session->own_token_id.empty() && email_ != nullptr) {
    email_->EndSession(session->own_token_id);
  }
  res.set_header("Set-Cookie", SetCookie(kCookie, "", 0));
  Json(res, HttpReply{200, "{}"});
}

}  // namespace sendcase::http
