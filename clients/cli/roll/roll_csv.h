#ifndef SENDCASE_CLIENTS_CLI_ROLL_ROLL_CSV_H_
#define SENDCASE_CLIENTS_CLI_ROLL_ROLL_CSV_H_

// Reads a roll export (CSV, RFC 4180 quoting) with libcsv: a UTF-8 byte
// order mark is dropped, CRLF and LF line ends are both accepted, quoted
// fields may hold commas, quotes and line breaks. Each record keeps the line
// it ends on, so errors can name it.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sendcase::client {

struct CsvRecord {
  int line = 0;  // 1-based physical line the record ends on
  std::vector<std::string> fields;
};

// InvalidArgument "line N: ..." for malformed quoting; blank lines are
// skipped.
absl::StatusOr<std::vector<CsvRecord>> ReadCsv(absl::string_view content);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_ROLL_ROLL_CSV_H_
