#ifndef SENDCASE_CLIENTS_CLI_ROLL_ROLL_ROWS_H_
#define SENDCASE_CLIENTS_CLI_ROLL_ROLL_ROWS_H_

// Turns the records of a roll export into pupils, checking every row and
// naming the line and field of each problem. Columns are found by header
// name, in any order and case (aliases such as "Legal Surname" and "Date of
// Birth" are accepted): UPN, Surname, Forename and DOB are required; Year
// group, SEN provision, Primary need and Secondary need are optional. The
// 2001 provision codes map as rules/REFERENCE.md §6 says: A and P to K, S to E.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli/roll/roll_csv.h"
#include "sendcase/v1/pupil.pb.h"

namespace sendcase::client {

struct RollRow {
  int line = 0;
  v1::Pupil pupil;     // upn, names, birth date, needs
  char provision = 0;  // 'N', 'K' or 'E' after mapping; 0 when not given
  std::string year_group;
};

struct RollParse {
  std::vector<RollRow> rows;
  std::vector<std::string> errors;  // "line 7: dob: ..." per bad row
};

// InvalidArgument naming the missing column (line 1) when the header lacks a
// required one; otherwise every good row and every row's problems.
absl::StatusOr<RollParse> ParseRoll(const std::vector<CsvRecord>& records);

// True if `upn` is 13 characters with a valid check letter (rules/REFERENCE.md
// §5.3); temporary UPNs (a letter last) are checked for shape only.
bool UpnLooksValid(const std::string& upn);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_ROLL_ROLL_ROWS_H_
