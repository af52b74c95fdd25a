#ifndef SENDCASE_CLIENTS_CLI_FORMAT_H_
#define SENDCASE_CLIENTS_CLI_FORMAT_H_

// Output of sendcasectl: aligned tables for people, or one JSON object per
// line (the proto3 JSON mapping) for scripts.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "sendcase/v1/alert.pb.h"
#include "sendcase/v1/audit.pb.h"
#include "sendcase/v1/case_service.pb.h"

namespace sendcase::client {

// Proto3 JSON of `message`, one line.
std::string ToJson(const google::protobuf::Message& message);

// `text` safe for a terminal: C0 and C1 control characters, DEL and the
// bidirectional embeddings, overrides and isolates (which could move the
// cursor, recolour the screen or reorder what is shown) become U+FFFD.
// Tables pass every cell through it.
std::string Printable(absl::string_view text);

// A left-aligned table with a header row; cells are Printable.
std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows);

std::string FormatDate(const google::type::Date& date);

// The pupil's UPN, or "none (UN1)" with the census reason it has none
// (`upn_unknown`, a sendcase.v1.UpnUnknownReason).
std::string UpnText(const std::string& upn, int upn_unknown);

// "Family, Given" as registers show a pupil; "-" when both are empty.
std::string DisplayName(const std::string& family_name,
                        const std::string& given_name);

std::string PupilsTable(const std::vector<v1::Pupil>& pupils);
std::string PupilText(const v1::Pupil& pupil);
std::string JourneysTable(const std::vector<v1::Journey>& journeys);
// A journey's fields followed by its clocks.
std::string JourneyText(const v1::Journey& journey);
std::string EventsTable(const std::vector<v1::JourneyEvent>& events);
std::string TasksTable(const std::vector<v1::Task>& tasks);
std::string SettingsTable(const std::vector<v1::Setting>& settings);
std::string ContactsTable(const std::vector<v1::Contact>& contacts);
std::string AssessmentsTable(const std::vector<v1::AssessmentSummary>& rows);
// The report as readable text, or as CSV (a header row and one data row).
std::string TimelinessText(const v1::TimelinessReport& report);
std::string TimelinessCsv(const v1::TimelinessReport& report);
// A chronology as readable text, or as CSV with a header row (RFC 4180
// quoting).
std::string ChronologyText(const v1::Chronology& chronology);
std::string ChronologyCsv(const v1::Chronology& chronology);
// The family view as text: the stage, then next steps (date, LATE when
// passed, what, who, whether the law sets the date), then what happened.
std::string FamilyViewText(const v1::FamilyView& view);
// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line
// break.
std::string CsvField(const std::string& value);
// The graduated approach (format_support.cc). Money is pence shown as
// pounds ("£12.50"); CSV keeps pence.
std::string InterventionsTable(const std::vector<v1::Intervention>& rows);
std::string SupportPlanText(const v1::SupportPlan& plan);
std::string PlaceText(const v1::InterventionPlace& place);
std::string ReferralText(const v1::AgencyReferral& referral);
std::string SupportHistoryText(const v1::ListSupportPlansResponse& history);
std::string ProvisionMapText(const v1::ProvisionMap& map);
std::string ProvisionMapCsv(const v1::ProvisionMap& map);
std::string EffectivenessText(const v1::InterventionEffectiveness& report);
std::string EffectivenessCsv(const v1::InterventionEffectiveness& report);
// The census code: "N", "K", "E" ("-" if unset); needs as "ASD/SLCN".
std::string ProvisionCode(v1::SenProvision provision);
std::string NeedCodes(const google::protobuf::RepeatedField<int>& needs);
// The work views (format_views.cc).
std::string RegisterTable(const std::vector<v1::SenRegisterEntry>& entries);
std::string ReviewsTable(const std::vector<v1::ReviewDue>& reviews);
std::string CaseloadsTable(const std::vector<v1::Caseload>& caseloads);
std::string SettingSummariesTable(
    const std::vector<v1::SettingSummary>& summaries);
std::string AuditTable(const std::vector<v1::AuditRecord>& records);
// One line per alert: revision, kind, due date, title, task.
std::string AlertLine(const v1::Alert& alert);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_FORMAT_H_
