#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_FILTER_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_FILTER_H_

// A WHERE clause built from parts with "?" placeholders and their values
// (numbered $1.. by NumberPlaceholders when the statement runs), and one
// page of rows read from a result whose first column is the cursor: the
// PostgreSQL counterparts of the SQLite backend's SqlFilter and ReadPage.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/storage/postgres/pg_connection.h"
#include "services/storage/records.h"

namespace sendcase::storage::postgres {

class PgFilter {
 public:
  // ANDs `clause` (with "?" for each of `params`), in brackets of its own.
  void And(absl::string_view clause, std::vector<PgParam> params = {});
  // Rows visible under `visibility`: by setting URN or LA; none at all
  // when the caller has no scope (fail closed).
  void Visible(const Visibility& visibility, absl::string_view urn_column,
               absl::string_view la_column);
  // " WHERE ..." or "".
  std::string Where() const;
  const std::vector<PgParam>& params() const { return params_; }

 private:
  std::vector<std::string> clauses_;
  std::vector<PgParam> params_;
};

// Runs `sql` ("?" placeholders, with `params`; it must end "LIMIT ?" and
// select the cursor first) for `page`, reading each row with
// `read(result, row)`.
template <typename T, typename Reader>
absl::StatusOr<Page<T>> ReadPage(PgConnection& conn, absl::string_view sql,
                                 std::vector<PgParam> params,
                                 const PageRequest& page, Reader read) {
  params.push_back(PgParam::Int(int64_t{page.limit} + 1));
  absl::StatusOr<PgResult> rows = conn.Exec(NumberPlaceholders(sql), params);
  if (!rows.ok()) return rows.status();
  Page<T> out;
  for (int i = 0; i < rows->rows(); ++i) {
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_after = rows->Int64(i - 1, 0);
      break;
    }
    absl::StatusOr<T> item = read(*rows, i);
    if (!item.ok()) return item.status();
    out.items.push_back(*std::move(item));
  }
  return out;
}

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_FILTER_H_
