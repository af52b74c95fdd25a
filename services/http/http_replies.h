#ifndef SENDCASE_SERVICES_HTTP_HTTP_REPLIES_H_
#define SENDCASE_SERVICES_HTTP_HTTP_REPLIES_H_

// What the HTTP listener's handlers share (http_server.cc, session_
// routes.cc): the security headers, JSON replies, cookies read from a
// request, and a status as a reply. Internal to services/http.

#include <httplib.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/http/json_gateway.h"

namespace sendcase::http::internal {

// An API reply is never cached and its CSP allows nothing. A page of the
// web app may be cached if revalidated, and may load this origin's
// scripts, styles and images and call the API: nothing inline, nothing
// from elsewhere.
inline void Headers(httplib::Response& res, bool page = false) {
  res.set_header("Cache-Control", page ? "no-cache" : "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 page ? "default-src 'none'; script-src 'self'; style-src "
                        "'self'; img-src 'self'; connect-src 'self'; "
                        "form-action 'self'; base-uri 'none'; "
                        "frame-ancestors 'none'"
                      : "default-src 'none'; frame-ancestors 'none'");
}
inline void SecurityHeaders(httplib::Response& res) { Headers(res); }
inline void PageHeaders(httplib::Response& res) { Headers(res, true); }

inline void Json(httplib::Response& res, const HttpReply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, "application/json");
  SecurityHeaders(res);
}

// The cookie `name` from the Cookie header, or "".
inline std::string CookieValue(const httplib::Request& req,
                               absl::string_view name) {
  for (absl::string_view part :
       absl::StrSplit(req.get_header_value("Cookie"), ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

inline HttpReply StatusReply(const absl::Status& status) {
  const auto code = static_cast<grpc::StatusCode>(status.code());
  return ErrorReply(HttpStatusOf(code), absl::StatusCodeToString(status.code()),
                    status.message());
}

}  // namespace sendcase::http::internal

#endif  // SENDCASE_SERVICES_HTTP_HTTP_REPLIES_H_
