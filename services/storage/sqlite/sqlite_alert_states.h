#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_SQLITE_ALERT_STATES_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_SQLITE_ALERT_STATES_H_

// The stored states of alerts and deliveries (schema 0003), shared by the
// alert and contact halves of SqliteStore. Private to services/storage.

#include <cstdint>

namespace sendcase::storage {

enum AlertState : int64_t { kPending = 0, kFired = 1, kCancelled = 2 };
enum DeliveryState : int64_t { kToSend = 0, kSent = 1, kDropped = 2 };

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_SQLITE_ALERT_STATES_H_
