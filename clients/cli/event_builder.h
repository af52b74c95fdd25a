#ifndef SENDCASE_CLIENTS_CLI_EVENT_BUILDER_H_
#define SENDCASE_CLIENTS_CLI_EVENT_BUILDER_H_

// Builds a JourneyEvent from command-line words, by proto reflection, so
// every event kind and field of the API is reachable without a flag per
// field:  KIND --date=YYYY-MM-DD --field=name=value ...
// Strings are taken as is, bools as true/false, enums by value name, and
// google.type.Date fields as YYYY-MM-DD.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sendcase/v1/journey_event.pb.h"

namespace sendcase::client {

// InvalidArgument naming the kind or field on a mistake, listing the valid
// choices.
absl::StatusOr<v1::JourneyEvent> BuildEvent(
    const std::string& kind, const std::string& event_date,
    const std::vector<std::string>& fields);

// Parses "YYYY-MM-DD" into a google.type.Date (range checks only; the
// server validates the calendar).
absl::StatusOr<google::type::Date> ParseDateArg(const std::string& text,
                                                const std::string& what);

// Names of every event kind, for help text.
std::vector<std::string> EventKindNames();

// One line per event kind with the fields --field can set and their values
// (enum choices by name, dates, booleans), for `events record --help`.
std::string EventKindsHelp();

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_EVENT_BUILDER_H_
