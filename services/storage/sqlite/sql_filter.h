#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_SQL_FILTER_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_SQL_FILTER_H_

// Builds WHERE fragments with positional parameters, so a dynamic filter
// (visibility, optional task filters) is still fully parameterised.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/storage/records.h"
#include "services/storage/sqlite/statement.h"

namespace sendcase::storage {

class SqlFilter {
 public:
  // Adds "AND (clause)" with its arguments, in order of their '?'.
  void And(absl::string_view clause,
           std::vector<std::variant<int64_t, std::string>> args = {});
  // Adds "AND column IN (values...)"; no values matches nothing.
  void In(absl::string_view column, const std::vector<std::string>& values);
  // Restricts rows to pupils the caller may see; `pupil` is the table alias
  // of a table with setting_urn and local_authority_code columns.
  void Visible(const Visibility& visibility, absl::string_view pupil);
  // The same with the two columns named explicitly.
  void Visible(const Visibility& visibility, absl::string_view urn_column,
               absl::string_view la_column);

  // " WHERE ..." or "" when no condition was added.
  std::string Where() const;
  // Binds the arguments starting at `first`; returns the next free index.
  int BindTo(Statement& stmt, int first) const;

 private:
  std::vector<std::string> clauses_;
  std::vector<std::variant<int64_t, std::string>> args_;
};

// Reads up to `limit` rows of a query that selected `limit + 1` rows with its
// cursor (seq) in column 0; sets next_after when a further row exists.
// `read(const Statement&)` returns absl::StatusOr<T>.
template <typename T, typename Reader>
absl::StatusOr<Page<T>> ReadPage(Statement& stmt, int limit, Reader read) {
  Page<T> out;
  int64_t last = 0;
  while (true) {
    absl::StatusOr<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (static_cast<int>(out.items.size()) == limit) {
      out.next_after = last;
      break;
    }
    last = stmt.ColumnInt64(0);
    absl::StatusOr<T> item = read(stmt);
    if (!item.ok()) return item.status();
    out.items.push_back(*std::move(item));
  }
  return out;
}

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_SQL_FILTER_H_
