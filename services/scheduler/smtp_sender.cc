#include "services/scheduler/smtp_sender.h"

#include <curl/curl.h>

#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "date/date.h"

namespace sendcase::scheduler {
namespace {

struct Upload {
  std::string data;
  size_t offset = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size() - upload->offset);
  memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// RFC 5322 date, in UTC.
std::string MailDate(Instant now) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000", now);
}

// Header values never carry CR/LF (no header injection from data).
std::string HeaderSafe(std::string value) {
  for (char& c : value) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return value;
}

// curl's progress callback: non-zero aborts the transfer. Called about
// once a second even while the server says nothing.
int AbortWhenCancelled(void* cancelled, curl_off_t, curl_off_t, curl_off_t,
                       curl_off_t) {
  return static_cast<std::atomic<bool>*>(cancelled)->load() ? 1 : 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SmtpReminderSender>> SmtpReminderSender::Create(
    SmtpOptions options, const Clock& clock) {
  if (!absl::StartsWith(options.url, "smtp://") &&
      !absl::StartsWith(options.url, "smtps://")) {
    return absl::InvalidArgumentError(
        "smtp_url: must start with smtp:// or smtps://");
  }
  if (options.from.empty()) {
    return absl::InvalidArgumentError("smtp_from: required with smtp_url");
  }
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == 0;
  if (!initialised) return absl::InternalError("curl_global_init failed");
  return std::unique_ptr<SmtpReminderSender>(
      new SmtpReminderSender(std::move(options), clock));
}

absl::Status SmtpReminderSender::Send(const EmailMessage& m) {
  if (cancelled_) return absl::CancelledError("smtp: shutting down");
  Upload upload;
  upload.data = absl::StrCat(
      "Date: ", MailDate(clock_.Now()), "\r\n", "To: <", HeaderSafe(m.to),
      ">\r\n", "From: <", HeaderSafe(options_.from), ">\r\n",
      "Message-ID: ", HeaderSafe(m.message_id), "\r\n",
      "Subject: ", HeaderSafe(m.subject), "\r\n", "MIME-Version: 1.0\r\n",
      "Content-Type: text/plain; charset=utf-8\r\n",
      "Content-Transfer-Encoding: 8bit\r\n\r\n", m.body);
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::UnavailableError("smtp: no curl handle");
  const std::string from = absl::StrCat("<", options_.from, ">");
  curl_slist* recipients =
      curl_slist_append(nullptr, absl::StrCat("<", m.to, ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                   options_.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, AbortWhenCancelled);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &cancelled_);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   options_.starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE);
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    return absl::CancelledError("smtp: shutting down");
  }
  if (rc != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrCat("smtp: ", curl_easy_strerror(rc)));
  }
  return absl::OkStatus();
}

}  // namespace sendcase::scheduler
