#ifndef SENDCASE_CLIENTS_CLI_ROLL_ROLL_ROWS_H_
#define SENDCASE_CLIENTS_CLI_ROLL_ROLL_ROWS_H_

// Turns the records of a roll export into pupils, checking every row and
// naming the line, column (as headed in the file) and value of each
// problem. Columns are found as roll_columns.h says and values read as
// roll_values.h says. A row whose field count differs from the header's is
// refused (an unquoted comma shifts every later value). Rows of one UPN are
// one pupil when the file ranks needs one per row (census "SENtype" with
// "SENtypeRank"); their other values must agree. Two UPNs with the same
// names and date of birth are a probable duplicate, refused.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli/roll/roll_csv.h"
#include "sendcase/v1/pupil.pb.h"

namespace sendcase::client {

struct RollRow {
  int line = 0;
  v1::Pupil pupil;         // upn, names, birth date, needs
  std::string former_upn;  // a temporary UPN this one replaced, or ""
  char provision = 0;      // 'N', 'K' or 'E' after mapping; 0 when not given
  std::string year_group;  // census code: N1, N2, R, 1-14, X; "" if none
};

struct RollParse {
  std::vector<RollRow> rows;
  std::vector<std::string> errors;   // "line 7: column \"DOB\": ..." per row
  std::vector<std::string> ignored;  // headers of the columns not read
};

// InvalidArgument naming the missing column (line 1) when the header lacks a
// required one; otherwise every good row and every row's problems.
absl::StatusOr<RollParse> ParseRoll(const std::vector<CsvRecord>& records);

// Names (ignoring case) and birth date: two pupils with the same key under
// different UPNs are probably one pupil entered twice.
std::string PersonKey(const v1::Pupil& p);

// True if `upn` is 13 characters with a valid check letter (rules/REFERENCE.md
// §5.3); temporary UPNs (a letter last) are checked for shape only.
bool UpnLooksValid(const std::string& upn);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_ROLL_ROLL_ROWS_H_
