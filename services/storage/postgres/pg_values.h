#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_VALUES_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_VALUES_H_

// Instants and days to and from PostgreSQL parameters and result columns,
// stored as the SQLite backend stores them (stored_time.h): instants as
// Unix seconds (BIGINT), days as "YYYY-MM-DD" text, NULL for none.

#include <optional>

#include "absl/status/statusor.h"
#include "services/storage/postgres/pg_connection.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage::postgres {

inline PgParam SecondsParam(Instant t) { return PgParam::Int(ToSeconds(t)); }
inline PgParam OptionalSecondsParam(const std::optional<Instant>& t) {
  return t.has_value() ? SecondsParam(*t) : PgParam::Null();
}
inline PgParam DayParam(Day day) { return PgParam::Text(FormatDay(day)); }
inline PgParam OptionalDayParam(const std::optional<Day>& day) {
  return day.has_value() ? DayParam(*day) : PgParam::Null();
}

inline Instant InstantAt(const PgResult& r, int row, int col) {
  return FromSeconds(r.Int64(row, col));
}
inline std::optional<Instant> OptionalInstantAt(const PgResult& r, int row,
                                                int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return InstantAt(r, row, col);
}
// InvalidArgument naming `field` for text that is not a stored day.
inline absl::StatusOr<Day> DayAt(const PgResult& r, int row, int col,
                                 absl::string_view field) {
  return ParseStoredDay(r.Text(row, col), field);
}
inline absl::StatusOr<std::optional<Day>> OptionalDayAt(
    const PgResult& r, int row, int col, absl::string_view field) {
  if (r.IsNull(row, col)) return std::optional<Day>();
  absl::StatusOr<Day> day = DayAt(r, row, col, field);
  if (!day.ok()) return day.status();
  return std::optional<Day>(*day);
}

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_VALUES_H_
