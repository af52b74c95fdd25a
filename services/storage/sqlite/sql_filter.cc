#include "services/storage/sqlite/sql_filter.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sendcase::storage {
namespace {

std::string Placeholders(size_t n) {
  std::vector<std::string> marks(n, "?");
  return absl::StrJoin(marks, ",");
}

}  // namespace

void SqlFilter::And(absl::string_view clause,
                    std::vector<std::variant<int64_t, std::string>> args) {
  clauses_.push_back(absl::StrCat("(", clause, ")"));
  for (auto& arg : args) args_.push_back(std::move(arg));
}

void SqlFilter::In(absl::string_view column,
                   const std::vector<std::string>& values) {
  And(values.empty()
          ? "0"
          : absl::StrCat(column, " IN (", Placeholders(values.size()), ")"),
      {values.begin(), values.end()});
}

void SqlFilter::Visible(const Visibility& visibility, absl::string_view pupil) {
  Visible(visibility, absl::StrCat(pupil, ".setting_urn"),
          absl::StrCat(pupil, ".local_authority_code"));
}

void SqlFilter::Visible(const Visibility& visibility,
                        absl::string_view urn_column,
                        absl::string_view la_column) {
  if (visibility.all) return;
  std::vector<std::string> parts;
  std::vector<std::variant<int64_t, std::string>> args;
  auto add = [&](absl::string_view column,
                 const std::vector<std::string>& values) {
    if (values.empty()) return;
    parts.push_back(
        absl::StrCat(column, " IN (", Placeholders(values.size()), ")"));
    args.insert(args.end(), values.begin(), values.end());
  };
  add(urn_column, visibility.setting_urns);
  add(la_column, visibility.local_authority_codes);
  // No scope at all sees nothing (fail closed).
  And(parts.empty() ? "0" : absl::StrJoin(parts, " OR "), std::move(args));
}

std::string SqlFilter::Where() const {
  if (clauses_.empty()) return "";
  return absl::StrCat(" WHERE ", absl::StrJoin(clauses_, " AND "));
}

int SqlFilter::BindTo(Statement& stmt, int first) const {
  int index = first;
  for (const auto& arg : args_) {
    if (const auto* i = std::get_if<int64_t>(&arg)) {
      stmt.Bind(index++, *i);
    } else {
      stmt.Bind(index++, absl::string_view(std::get<std::string>(arg)));
    }
  }
  return index;
}

}  // namespace sendcase::storage
