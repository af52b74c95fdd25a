#ifndef SENDCASE_CLIENTS_CLI_ROLL_ROLL_COLUMNS_H_
#define SENDCASE_CLIENTS_CLI_ROLL_ROLL_COLUMNS_H_

// Finds the columns of a roll export by their header names as SIMS, Arbor
// and the DfE's pupil-data downloads (census, NPD, Get Information about
// Pupils) head them: "Legal Surname", "Date of Birth", "SEN Status",
// "NCyearActual", "PrimarySENeedsType", "SENtype" + "SENtypeRank" (one row
// per ranked need), "FormerUPN", a "Name" holding "Surname, Forename".
// Matching ignores case, spaces and punctuation, and an NPD term suffix
// ("PrimarySENtype_SPR22"). Every other column is listed as ignored.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli/roll/roll_csv.h"

namespace sendcase::client {

enum class RollColumn {
  kUpn,
  kFormerUpn,
  kSurname,
  kForename,
  kName,  // "Surname, Forename", used when Surname/Forename are absent
  kDob,
  kYear,
  kProvision,
  kPrimaryNeed,
  kSecondaryNeed,
  kRankedNeed,  // one need per row, ranked by kNeedRank (census SENtype)
  kNeedRank,
  kCount
};

struct RollColumns {
  // Index of each column in a record, -1 when absent.
  int index[static_cast<int>(RollColumn::kCount)];
  std::vector<std::string> headers;  // as written in the file
  std::vector<std::string> ignored;  // headers of columns not used

  int at(RollColumn c) const { return index[static_cast<int>(c)]; }
  bool has(RollColumn c) const { return at(c) >= 0; }
  // The header of `c` as the file writes it ("Legal Surname").
  const std::string& header(RollColumn c) const { return headers[at(c)]; }
};

// InvalidArgument "line N: missing column ..." (naming what would do, and
// the header found) when UPN, date of birth, or the names (Surname and
// Forename, or Name) are missing.
absl::StatusOr<RollColumns> FindRollColumns(const CsvRecord& header);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_ROLL_ROLL_COLUMNS_H_
