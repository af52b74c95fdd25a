#ifndef SENDCASE_SERVICES_COMMON_CANCELLATION_H_
#define SENDCASE_SERVICES_COMMON_CANCELLATION_H_

// Whether the current call's caller has given up (cancelled, or its
// deadline passed), for long work deep inside a call, such as a view's SQL,
// to stop early rather than hold a connection for nobody. The edge (a gRPC
// handler) installs a CancellationScope on the call's thread; code below it
// asks CallCancelled(). Thread-local: a scope covers only its own thread.
// Without a scope nothing is ever cancelled.

#include <functional>

namespace sendcase {

class CancellationScope {
 public:
  // `cancelled` must be cheap and thread-safe; it is asked often.
  explicit CancellationScope(std::function<bool()> cancelled);
  ~CancellationScope();
  CancellationScope(const CancellationScope&) = delete;
  CancellationScope& operator=(const CancellationScope&) = delete;

 private:
  std::function<bool()> cancelled_;
  const CancellationScope* outer_;
  friend bool CallCancelled();
};

// True once the innermost scope on this thread says its call was cancelled.
bool CallCancelled();

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_CANCELLATION_H_
