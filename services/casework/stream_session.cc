#include "services/casework/stream_session.h"

#include "absl/strings/str_cat.h"
#include "services/common/error_reason.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {

absl::Status ServerShuttingDown(absl::string_view resume_field,
                                int64_t resume_at) {
  return WithReason(absl::UnavailableError(absl::StrCat(
                        "the server is shutting down; resume with ",
                        resume_field, "=", resume_at)),
                    "SERVER_SHUTTING_DOWN",
                    {{std::string(resume_field), absl::StrCat(resume_at)}});
}

StreamSession::StreamSession(StreamRegistry& registry,
                             auth::Principal principal, Authenticate again)
    : registry_(registry),
      key_(principal.Key()),
      principal_(std::move(principal)),
      again_(std::move(again)),
      checked_(registry.clock_.Now()) {}

StreamSession::~StreamSession() { registry_.Release(key_); }

absl::Status StreamSession::Recheck(auth::Method method) {
  const Instant now = registry_.clock_.Now();
  if (now - checked_ < absl::ToChronoSeconds(registry_.options_.recheck)) {
    return absl::OkStatus();
  }
  absl::StatusOr<auth::Principal> fresh = again_();
  if (!fresh.ok()) {
    if (absl::IsUnavailable(fresh.status())) return fresh.status();
    return absl::UnauthenticatedError(
        "the stream's token is no longer valid (revoked or expired); "
        "authenticate again");
  }
  // The same token always names the same subject, role and scope; only a
  // trust's settings can change.
  principal_ = *std::move(fresh);
  checked_ = now;
  return auth::AuthorizeMethod(principal_, method);
}

absl::StatusOr<std::unique_ptr<StreamSession>> StreamRegistry::Open(
    auth::Principal principal, StreamSession::Authenticate again) {
  const std::string key = principal.Key();
  {
    absl::MutexLock lock(&mu_);
    if (total_ >= options_.max_total) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the server has ", total_, " streams open, its limit; retry later"));
    }
    int& mine = per_principal_[key];
    if (mine >= options_.max_per_principal) {
      return absl::ResourceExhaustedError(
          absl::StrCat("this caller already has ", mine,
                       " streams open, the limit per caller; close one"));
    }
    ++mine;
    ++total_;
  }
  return std::unique_ptr<StreamSession>(
      new StreamSession(*this, std::move(principal), std::move(again)));
}

int StreamRegistry::open() const {
  absl::MutexLock lock(&mu_);
  return total_;
}

bool StreamRegistry::AwaitAllClosed(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  const auto none_open = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return total_ == 0;
  };
  return mu_.AwaitWithTimeout(absl::Condition(&none_open), timeout);
}

void StreamRegistry::Release(const std::string& key) {
  absl::MutexLock lock(&mu_);
  --total_;
  auto it = per_principal_.find(key);
  if (it != per_principal_.end() && --it->second == 0) per_principal_.erase(it);
}

}  // namespace sendcase::casework
