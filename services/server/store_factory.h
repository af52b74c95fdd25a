#ifndef SENDCASE_SERVICES_SERVER_STORE_FACTORY_H_
#define SENDCASE_SERVICES_SERVER_STORE_FACTORY_H_

// The one place that turns a --db value into open stores, so that another
// backend is an addition here and nowhere else. Today: a SQLite file path
// (created if missing, every migration applied), or ":memory:" for tests.
// Errors: InvalidArgument for an empty value; otherwise the backend's own
// (Unavailable when the file cannot be opened, FailedPrecondition for a
// database newer than this build).

#include <string>

#include "absl/status/statusor.h"
#include "services/storage/stores.h"

namespace sendcase::server {

absl::StatusOr<storage::Stores> OpenStores(const std::string& db);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_STORE_FACTORY_H_
