#ifndef SENDCASE_CLIENTS_CLI_DEMO_SEED_H_
#define SENDCASE_CLIENTS_CLI_DEMO_SEED_H_

// `sendcasectl demo seed`: fills a server with a realistic, reproducible demo
// data set through the public API: pupils over three settings in two local
// authorities and two trusts (registered first), spread over every stage of the
// journey with dates relative to the server's own today (some reviews and
// assessments overdue). Names are obviously fictional.

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "clients/case_client.h"

namespace sendcase::client {

struct SeedOptions {
  int pupils = 1000;
  uint64_t seed = 2026;
  // Called after each pupil with (done, total), for a progress line.
  std::function<void(int, int)> progress;
};

// Creates the pupils and their events. Stops at the first error (naming the
// pupil number and step); pupils already created stay.
absl::Status SeedDemo(CaseClient& client, const SeedOptions& options);

// A valid permanent UPN (check letter computed) from its 12 digits.
std::string MakeUpn(const std::string& twelve_digits);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_DEMO_SEED_H_
