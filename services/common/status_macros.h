#ifndef SENDCASE_SERVICES_COMMON_STATUS_MACROS_H_
#define SENDCASE_SERVICES_COMMON_STATUS_MACROS_H_

// Early-return helpers for absl::Status / absl::StatusOr (abseil 20220623 has
// none of its own).
//
//   RETURN_IF_ERROR(DoThing());
//   ASSIGN_OR_RETURN(Row row, store.Get(id));

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define SENDCASE_CONCAT_INNER_(a, b) a##b
#define SENDCASE_CONCAT_(a, b) SENDCASE_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                                               \
  do {                                                                      \
    if (::absl::Status sendcase_status_ = (expr); !sendcase_status_.ok()) { \
      return sendcase_status_;                                              \
    }                                                                       \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, expr) \
  SENDCASE_ASSIGN_OR_RETURN_IMPL_(  \
      SENDCASE_CONCAT_(sendcase_statusor_, __LINE__), lhs, expr)

#define SENDCASE_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = *std::move(statusor)

#endif  // SENDCASE_SERVICES_COMMON_STATUS_MACROS_H_
