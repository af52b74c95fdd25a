// WHERE clauses for the PostgreSQL backend (pg_filter.h).
#include "services/storage/postgres/pg_filter.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sendcase::storage::postgres {

void PgFilter::And(absl::string_view clause, std::vector<PgParam> params) {
  // Bracketed, so that a clause with an OR in it never escapes the others
  // (the scope, the page cursor) that it is ANDed with.
  clauses_.push_back(absl::StrCat("(", clause, ")"));
  for (PgParam& p : params) params_.push_back(std::move(p));
}

void PgFilter::Visible(const Visibility& visibility,
                       absl::string_view urn_column,
                       absl::string_view la_column) {
  if (visibility.all) return;
  std::vector<std::string> parts;
  std::vector<PgParam> params;
  auto add = [&](absl::string_view column,
                 const std::vector<std::string>& values) {
    if (values.empty()) return;
    std::vector<std::string> marks(values.size(), "?");
    parts.push_back(
        absl::StrCat(column, " IN (", absl::StrJoin(marks, ", "), ")"));
    for (const std::string& v : values) params.push_back(PgParam::Text(v));
  };
  add(urn_column, visibility.setting_urns);
  add(la_column, visibility.local_authority_codes);
  And(parts.empty() ? "FALSE"
                    : absl::StrCat("(", absl::StrJoin(parts, " OR "), ")"),
      std::move(params));
}

std::string PgFilter::Where() const {
  if (clauses_.empty()) return "";
  return absl::StrCat(" WHERE ", absl::StrJoin(clauses_, " AND "));
}

}  // namespace sendcase::storage::postgres
