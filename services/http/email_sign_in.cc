// Sign-in by e-mail (email_sign_in.h).
#include "services/http/email_sign_in.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/log.h"

namespace sendcase::http {
namespace {

constexpr int kAsksPerMinute = 5;

// One line of printable ASCII with an @ between something and something:
// enough to refuse junk; whether it is vouched for decides the rest.
bool PlausibleAddress(const std::string& a) {
  if (a.empty() || a.size() > 254) return false;
  for (char c : a) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) return false;
  }
  const size_t at = a.find('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() &&
         a.find('@', at + 1) == std::string::npos;
}

// The same answer for every address, known or not.
HttpReply Accepted(std::chrono::seconds lifetime) {
  google::protobuf::Struct out;
  (*out.mutable_fields())["message"].set_string_value(absl::StrCat(
      "If that address may sign in, a link is on its way. Open it in this "
      "browser within ",
      lifetime.count() / 60, " minutes; it works once."));
  HttpReply reply{202, ""};
  (void)google::protobuf::util::MessageToJsonString(out, &reply.body);
  return reply;
}

}  // namespace

absl::Status CheckPublicUrl(absl::string_view url) {
  for (char c : url) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c)) || c == '@' ||
        c == '?' || c == '#') {
      return absl::InvalidArgumentError(
          "--public-url: scheme, host, port and path only: no spaces, "
          "control characters, '@', '?' or '#'");
    }
  }
  absl::string_view rest = url;
  if (absl::ConsumePrefix(&rest, "https://") && !rest.empty()) {
    return absl::OkStatus();
  }
  rest = url;
  if (absl::ConsumePrefix(&rest, "http://")) {
    const absl::string_view host = rest.substr(0, rest.find_first_of(":/"));
    const bool v6 = absl::ConsumePrefix(&rest, "[::1]") &&
                    (rest.empty() || rest[0] == ':' || rest[0] == '/');
    if (host == "127.0.0.1" || host == "localhost" || v6) {
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--public-url: an https:// address people open the web app at (http:// "
      "only on 127.0.0.1, localhost or [::1]), not \"",
      url, "\""));
}

EmailSignInHandler::EmailSignInHandler(EmailSignIn& server,
                                       std::string public_url,
                                       const Clock& clock, LinkOptions options,
                                       size_t max_queued)
    : server_(server),
      public_url_(absl::StripSuffix(public_url, "/")),
      clock_(clock),
      links_(clock, options),
      max_queued_(max_queued),
      worker_([this] { Work(); }) {}

EmailSignInHandler::~EmailSignInHandler() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  worker_.join();
}

HttpReply EmailSignInHandler::RequestLink(const std::string& body,
                                          const std::string& browser_nonce,
                                          const std::string& peer) {
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
  // Looking the address up and sending happen off the request, so neither
  // the answer nor its timing says whether the address is known.
  absl::MutexLock lock(&mu_);
  const int64_t minute = std::chrono::duration_cast<std::chrono::minutes>(
                             clock_.Now().time_since_epoch())
                             .count();
  // Past minutes' counts are dropped once there are many (never this
  // minute's: rotating addresses must not reset anyone's count).
  if (asks_.size() > 10000) {
    std::erase_if(
        asks_, [&](const auto& entry) { return entry.second.first != minute; });
  }
  // Per client and address asked for: behind a proxy every client has the
  // proxy's address, and one person asking too often must not stop
  // everyone else.
  auto& [window, count] =
      asks_[absl::StrCat(peer, "\n", absl::AsciiStrToLower(address))];
  if (window != minute) {
    window = minute;
    count = 0;
  }
  if (++count > kAsksPerMinute) {
    return ErrorReply(429, "RESOURCE_EXHAUSTED",
                      "too many sign-in links asked for from here: wait a "
                      "minute");
  }
  if (queue_.size() >= max_queued_) {
    return ErrorReply(503, "UNAVAILABLE",
                      "too many sign-in links asked for at once: try again "
                      "in a minute");
  }
  queue_.push_back(Ask{std::move(address), browser_nonce});
  return Accepted(links_.lifetime());
}

void EmailSignInHandler::Work() {
  while (true) {
    Ask ask;
    {
      absl::MutexLock lock(&mu_);
      busy_ = false;
      mu_.Await(absl::Condition(
          +[](EmailSignInHandler* h) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            return h->stop_ || !h->queue_.empty();
          },
          this));
      if (stop_) return;
      ask = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    Handle(ask);
  }
}

void EmailSignInHandler::Drain() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](EmailSignInHandler* h) ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return h->stop_ || (h->queue_.empty() && !h->busy_);
      },
      this));
}

void EmailSignInHandler::Handle(const Ask& ask) {
  // Failures are logged by status only: never the address.
  auto contacts = server_.ContactsFor(ask.address);
  if (!contacts.ok()) {
    Log(LogLevel::kWarning, "sign-in link not sent",
        {{"status", contacts.status().ToString()}});
    return;
  }
  // The links for each address as the ADMIN registered it (two spellings
  // of one address are two contacts: each gets only its own).
  std::map<std::string, std::string> links;
  for (const Identity& who : *contacts) {
    auto secret = links_.Create(who, ask.browser_nonce);
    if (!secret.ok()) continue;  // this browser has its links already
    if (absl::Status audited = server_.AuditLink(who); !audited.ok()) {
      Log(LogLevel::kError, "sign-in link not audited",
          {{"status", audited.ToString()}});
      continue;  // no link that the trail does not show
    }
    absl::StrAppend(&links[who.subject], "Sign in as ", who.role, " for ",
                    who.scope, ":\n", public_url_, "/signin#link=", *secret,
                    "\n\n");
  }
  for (const auto& [address, text] : links) {
    const absl::Status sent = server_.Send(
        address, "Your sendcase sign-in link",
        absl::StrCat(
            "Someone, we hope you, asked to sign in to sendcase with this "
            "address.\n\n",
            text, "Open a link in the browser you asked from, within ",
            links_.lifetime().count() / 60,
            " minutes, and confirm. Each works once. If you did not ask, "
            "ignore this message: nobody can sign in with it from another "
            "browser.\n"));
    if (!sent.ok()) {
      Log(LogLevel::kWarning, "sign-in link not sent",
          {{"status", sent.ToString()}});
    }
  }
}

absl::StatusOr<EmailSignInHandler::SignedIn> EmailSignInHandler::Redeem(
    const std::string& link, const std::string& browser_nonce,
    std::chrono::seconds session_lifetime, absl::string_view peer) {
  absl::StatusOr<Identity> who = links_.Redeem(link, browser_nonce);
  if (!who.ok()) return who.status();
  // An ADMIN may have removed the contact since the link was sent.
  auto contacts = server_.ContactsFor(who->subject);
  if (!contacts.ok()) return contacts.status();
  bool vouched = false;
  for (const Identity& c : *contacts) {
    vouched |= c.subject == who->subject && c.role == who->role &&
               c.scope == who->scope;
  }
  if (!vouched) {
    return absl::PermissionDeniedError(
        "link: this address may no longer sign in that way: ask your "
        "administrator");
  }
  auto token = server_.IssueSessionToken(*who, session_lifetime, peer);
  if (!token.ok()) return token.status();
  return SignedIn{*std::move(token), *std::move(who)};
}

}  // namespace sendcase::http
