// Sign-in by e-mail (email_sign_in.h).
#include "services/http/email_sign_in.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace sendcase::http {
namespace {

// One line of printable ASCII with an @ between something and something:
// enough to refuse junk; whether it is registered decides the rest.
bool PlausibleAddress(const std::string& a) {
  if (a.empty() || a.size() > 254) return false;
  for (char c : a) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) return false;
  }
  const size_t at = a.find('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() &&
         a.find('@', at + 1) == std::string::npos;
}

// The same answer for every address, registered or not.
HttpReply Accepted(std::chrono::seconds lifetime) {
  google::protobuf::Struct out;
  (*out.mutable_fields())["message"].set_string_value(absl::StrCat(
      "If that address is registered, a sign-in link is on its way. It works "
      "once, within ",
      lifetime.count() / 60, " minutes."));
  HttpReply reply{202, ""};
  (void)google::protobuf::util::MessageToJsonString(out, &reply.body);
  return reply;
}

}  // namespace

HttpReply EmailSignInHandler::RequestLink(const std::string& body) {
  google::protobuf::Struct parsed;
  std::string address;
  if (google::protobuf::util::JsonStringToMessage(body, &parsed).ok()) {
    auto it = parsed.fields().find("email");
    if (it != parsed.fields().end()) address = it->second.string_value();
  }
  if (!PlausibleAddress(address)) {
    return ErrorReply(400, "INVALID_ARGUMENT",
                      "email: required, an address such as name@example.org");
  }
  auto contacts = server_.ContactsFor(address);
  if (!contacts.ok()) {
    return ErrorReply(503, "UNAVAILABLE", "try again in a moment");
  }
  std::string links;
  for (const Identity& who : *contacts) {
    auto secret = links_.Create(who);
    if (!secret.ok()) continue;  // this address has its links already
    absl::StrAppend(&links, "Sign in as ", who.role, " for ", who.scope, ":\n",
                    public_url_, "/signin#link=", *secret, "\n\n");
  }
  if (!links.empty()) {
    const absl::Status sent = server_.Send(
        address, "Your sendcase sign-in link",
        absl::StrCat(
            "Someone, we hope you, asked to sign in to sendcase with this "
            "address.\n\n",
            links, "Each link works once, within ",
            links_.lifetime().count() / 60,
            " minutes. If you did not ask, ignore this message: nobody can "
            "sign in without the link.\n"));
    if (!sent.ok()) {
      return ErrorReply(503, "UNAVAILABLE",
                        "the mail server did not take the message: try again");
    }
  }
  return Accepted(links_.lifetime());
}

absl::StatusOr<std::pair<std::string, Identity>> EmailSignInHandler::Redeem(
    const std::string& link, std::chrono::seconds session_lifetime,
    absl::string_view peer) {
  std::optional<Identity> who = links_.Redeem(link);
  if (!who.has_value()) {
    return absl::UnauthenticatedError(
        "link: used, expired or unknown: ask for a new one");
  }
  auto bearer = server_.IssueSessionToken(*who, session_lifetime, peer);
  if (!bearer.ok()) return bearer.status();
  return std::make_pair(*std::move(bearer), *std::move(who));
}

}  // namespace sendcase::http
