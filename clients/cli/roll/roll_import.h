#ifndef SENDCASE_CLIENTS_CLI_ROLL_ROLL_IMPORT_H_
#define SENDCASE_CLIENTS_CLI_ROLL_ROLL_IMPORT_H_

// Applies a parsed roll to the server: a UPN not yet known is created at the
// setting, a known one whose names, birth date, setting or needs differ is
// updated (only those fields, guarded by its etag), and an identical one is
// left alone, so importing the same file twice changes nothing. A pupil's
// SEN provision is derived from its journey, so a roll's N/K/E is compared,
// not written: a difference becomes a note for the SENCO. A new UPN whose
// row gives a known "Former UPN" is that pupil's (it takes the new UPN and
// keeps its journeys); a new UPN whose names and birth date match a pupil
// of the setting is a probable duplicate, reported and not created.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/case_client.h"
#include "clients/cli/roll/roll_rows.h"

namespace sendcase::client {

struct ImportOptions {
  std::string setting_urn;
  std::string la_code;   // empty: the setting's, from the settings register
  bool dry_run = false;  // plan only: count, write nothing
  std::function<void(int done, int total)> progress;
};

struct ImportSummary {
  int created = 0, updated = 0, linked = 0, unchanged = 0, duplicates = 0,
      failed = 0;
  std::vector<std::string> errors;  // "line N: ..." per refused row
  std::vector<std::string> notes;   // UPNs replaced, provision differences
};

// FailedPrecondition when the LA cannot be known; errors reading the
// existing pupils pass through. Row-level refusals are counted, not fatal.
absl::StatusOr<ImportSummary> ImportRoll(CaseClient& client,
                                         const std::vector<RollRow>& rows,
                                         const ImportOptions& options);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_ROLL_ROLL_IMPORT_H_
