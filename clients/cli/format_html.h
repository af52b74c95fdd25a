#ifndef SENDCASE_CLIENTS_CLI_FORMAT_HTML_H_
#define SENDCASE_CLIENTS_CLI_FORMAT_HTML_H_

// A pupil's plan history as one self-contained HTML page (`sendcasectl
// plans list --html`): readable in any browser, printable, to hand to a
// family or a new school. No script, no external resource; every text from
// the record is escaped.

#include <string>

#include "absl/strings/string_view.h"
#include "sendcase/v1/support_requests.pb.h"

namespace sendcase::client {

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(absl::string_view text);

// The history: every cycle (meetings, outcomes with ratings, strategies,
// views), the places, the referrals, and any imported histories, nested.
// `title` heads the page (e.g. the pupil's resource name).
std::string SupportHistoryHtml(const v1::ListSupportPlansResponse& history,
                               absl::string_view title);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_FORMAT_HTML_H_
