#ifndef SENDCASE_SERVICES_CASEWORK_ID_GENERATOR_H_
#define SENDCASE_SERVICES_CASEWORK_ID_GENERATOR_H_

// Resource ids: 16 characters of [a-z0-9] (~82 bits), random so that ids
// reveal neither counts nor order. Thread-safe.

#include <random>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace sendcase::casework {

class IdGenerator {
 public:
  // Seeded from std::random_device.
  IdGenerator();
  // Deterministic ids, for tests.
  explicit IdGenerator(uint64_t seed) : rng_(seed) {}

  std::string NewId();

 private:
  absl::Mutex mu_;
  std::mt19937_64 rng_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_ID_GENERATOR_H_
