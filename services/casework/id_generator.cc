#include "services/casework/id_generator.h"

namespace sendcase::casework {

IdGenerator::IdGenerator() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device()};
  rng_.seed(seed);
}

std::string IdGenerator::NewId() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  absl::MutexLock lock(&mu_);
  std::uniform_int_distribution<int> pick(0, 35);
  std::string id(16, 'a');
  // A leading letter keeps ids from looking like numbers in spreadsheets.
  id[0] = kAlphabet[pick(rng_) % 26];
  for (size_t i = 1; i < id.size(); ++i) id[i] = kAlphabet[pick(rng_)];
  return id;
}

}  // namespace sendcase::casework
