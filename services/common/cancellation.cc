#include "services/common/cancellation.h"

namespace sendcase {
namespace {

thread_local const CancellationScope* current = nullptr;

}  // namespace

CancellationScope::CancellationScope(std::function<bool()> cancelled)
    : cancelled_(std::move(cancelled)), outer_(current) {
  current = this;
}

CancellationScope::~CancellationScope() { current = outer_; }

bool CallCancelled() { return current != nullptr && current->cancelled_(); }

}  // namespace sendcase
