#ifndef SENDCASE_SERVICES_CASEWORK_STREAM_SESSION_H_
#define SENDCASE_SERVICES_CASEWORK_STREAM_SESSION_H_

// Server-streaming calls (WatchEvents, WatchAlerts) stay open for hours, so
// a credential checked once at the start is not enough, and each open
// stream holds a server thread. StreamRegistry admits a stream only within
// the limits (per principal and in total), and the StreamSession it returns
// re-checks the caller's credential while the stream runs: a token revoked
// or expired after the stream opened ends it with Unauthenticated within
// `recheck` (clock time), and a trust's scope follows the settings
// register. Thread-safe; a session is used by its one call thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/auth/authorizer.h"
#include "services/auth/principal.h"
#include "services/common/clock.h"

namespace sendcase::casework {

struct StreamOptions {
  // How often (clock time) an open stream re-checks its credential.
  absl::Duration recheck = absl::Seconds(5);
  // Open streams one principal (Principal::Key()) may hold at once.
  int max_per_principal = 16;
  // Open streams in all.
  int max_total = 512;
};

class StreamRegistry;

// How a stream ends when the server shuts down gracefully: Unavailable (so
// clients resume, as after any dropped connection) with an ErrorInfo of
// reason SERVER_SHUTTING_DOWN whose metadata names where to resume:
// `resume_field` (e.g. "start_revision") = `resume_at`.
absl::Status ServerShuttingDown(absl::string_view resume_field,
                                int64_t resume_at);

class StreamSession {
 public:
  // Authenticates the stream's caller again from the credential it opened
  // with (the same bearer token).
  using Authenticate = std::function<absl::StatusOr<auth::Principal>()>;

  StreamSession(const StreamSession&) = delete;
  StreamSession& operator=(const StreamSession&) = delete;
  ~StreamSession();  // frees the stream's place in its registry

  // The caller, as of the last check.
  const auth::Principal& principal() const { return principal_; }

  // OK while the credential holds. Once `recheck` has passed since the last
  // check, authenticates again: Unauthenticated if the token was revoked,
  // expired or is unknown; PermissionDenied if the principal may no longer
  // call `method`; Unavailable if the store could not be read (retry).
  absl::Status Recheck(auth::Method method);

 private:
  friend class StreamRegistry;
  StreamSession(StreamRegistry& registry, auth::Principal principal,
                Authenticate again);

  StreamRegistry& registry_;
  const std::string key_;  // the principal's key when admitted
  auth::Principal principal_;
  Authenticate again_;
  Instant checked_;
};

class StreamRegistry {
 public:
  StreamRegistry(const Clock& clock, StreamOptions options = {})
      : clock_(clock), options_(options) {}

  // Admits a stream for `principal`. ResourceExhausted naming the limit if
  // the principal already holds max_per_principal streams or the server
  // max_total.
  absl::StatusOr<std::unique_ptr<StreamSession>> Open(
      auth::Principal principal, StreamSession::Authenticate again);

  // Streams open now.
  int open() const;

  // Waits up to `timeout` (real time: part of a graceful shutdown) until no
  // stream is open; true if none is.
  bool AwaitAllClosed(absl::Duration timeout) const;

 private:
  friend class StreamSession;
  void Release(const std::string& key);

  const Clock& clock_;
  const StreamOptions options_;
  mutable absl::Mutex mu_;
  int total_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, int> per_principal_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_STREAM_SESSION_H_
