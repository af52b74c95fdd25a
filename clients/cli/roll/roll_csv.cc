#include "clients/cli/roll/roll_csv.h"

#include <csv.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sendcase::client {
namespace {

struct Collector {
  std::vector<CsvRecord> records;
  CsvRecord current;
  int line = 0;
};

void OnField(void* data, size_t size, void* out) {
  auto* c = static_cast<Collector*>(out);
  c->current.fields.emplace_back(static_cast<const char*>(data), size);
}

void OnRecord(int /*terminator*/, void* out) {
  auto* c = static_cast<Collector*>(out);
  c->current.line = c->line;
  const bool blank =
      c->current.fields.size() == 1 && c->current.fields[0].empty();
  if (!c->current.fields.empty() && !blank) {
    c->records.push_back(std::move(c->current));
  }
  c->current = CsvRecord();
}

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ReadCsv(absl::string_view content) {
  if (absl::StartsWith(content, "\xEF\xBB\xBF")) content.remove_prefix(3);
  csv_parser parser;
  // Strict: a stray quote inside an unquoted field is an error, not data.
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return absl::InternalError("csv: cannot initialise the parser");
  }
  Collector c;
  // Feed one physical line at a time so each record knows where it ended.
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    end = end == absl::string_view::npos ? content.size() : end + 1;
    ++c.line;
    const absl::string_view chunk = content.substr(start, end - start);
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRecord, &c) !=
        chunk.size()) {
      const std::string why = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return absl::InvalidArgumentError(
          absl::StrCat("line ", c.line, ": ", why));
    }
    start = end;
  }
  const int finished = csv_fini(&parser, OnField, OnRecord, &c);
  csv_free(&parser);
  if (finished != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", c.line, ": ", csv_strerror(CSV_EPARSE),
                     " (a quoted field is not closed)"));
  }
  return c.records;
}

}  // namespace sendcase::client
