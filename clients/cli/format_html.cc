// The plan history as HTML (format_html.h). Built by hand: a page of
// headings, paragraphs and tables needs no template engine, and escaping
// every value in one place (Esc) keeps it safe.
#include "clients/cli/format_html.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/cli/format.h"

namespace sendcase::client {
namespace {

std::string Esc(absl::string_view text) { return HtmlEscape(text); }

std::string Date(const google::type::Date& d) {
  return d.year() == 0 ? "-" : Esc(FormatDate(d));
}

// "COGNITION_AND_LEARNING" -> "cognition and learning".
std::string Words(const std::string& enum_name) {
  std::string out = absl::AsciiStrToLower(enum_name);
  for (char& c : out) c = c == '_' ? ' ' : c;
  return out;
}

std::string Meeting(const v1::SupportMeeting& m) {
  std::vector<std::string> who;
  for (int r : m.participants()) {
    who.push_back(Words(v1::Role_Name(static_cast<v1::Role>(r))));
  }
  if (m.pupil_participated()) who.push_back("the pupil");
  return absl::StrCat(Date(m.date()), " with ", Esc(absl::StrJoin(who, ", ")));
}

std::string Row(const std::vector<std::string>& escaped_cells, bool header) {
  const char* tag = header ? "th" : "td";
  std::string out = "<tr>";
  for (const auto& c : escaped_cells) {
    absl::StrAppend(&out, "<", tag, ">", c, "</", tag, ">");
  }
  return out + "</tr>\n";
}

std::string Plan(const v1::SupportPlan& p, int level) {
  std::string out = absl::StrFormat(
      "<section>\n<h%d>Support plan, cycle %d (%s)</h%d>\n", level, p.cycle(),
      Esc(Words(v1::SupportPlan::State_Name(p.state()))), level);
  if (p.has_agreed_at()) {
    absl::StrAppend(&out, "<p>Agreed ", Meeting(p.agreed_at()), ".</p>\n");
  }
  absl::StrAppend(&out, "<p>Review date: ", Date(p.review_date()), ".</p>\n");
  if (p.has_reviewed_at()) {
    absl::StrAppend(&out, "<p>Reviewed ", Meeting(p.reviewed_at()), ".</p>\n");
  }
  absl::StrAppend(&out, "<table>\n",
                  Row({"Outcome", "Area of need", "By",
                       "What success looks "
                       "like",
                       "Rating (-2 to +2)", "Comment"},
                      true));
  for (const auto& o : p.outcomes()) {
    absl::StrAppend(
        &out,
        Row({Esc(o.id()), Esc(Words(v1::AreaOfNeed_Name(o.area_of_need()))),
             Date(o.target_date()), Esc(o.success_criteria()),
             o.has_rating() ? absl::StrCat(o.rating()) : "not rated",
             Esc(o.review_comment())},
            false));
  }
  absl::StrAppend(&out, "</table>\n");
  const std::pair<const char*, const std::string*> texts[] = {
      {"Strategies and adjustments", &p.strategies()},
      {"The pupil's views", &p.pupil_views()},
      {"The parents' views", &p.parent_views()}};
  for (const auto& [label, text] : texts) {
    if (text->empty()) continue;
    absl::StrAppend(&out, "<p><strong>", label, ":</strong> ", Esc(*text),
                    "</p>\n");
  }
  return out + "</section>\n";
}

std::string History(const v1::ListSupportPlansResponse& h, int level) {
  std::string out;
  for (const auto& p : h.support_plans()) out += Plan(p, level);
  if (h.support_plans().empty()) out += "<p>No support plans.</p>\n";
  if (!h.places().empty()) {
    absl::StrAppendFormat(&out, "<h%d>Interventions</h%d>\n<table>\n", level,
                          level);
    out += Row(
        {"Intervention", "From", "To", "Sessions attended", "Entry", "Exit"},
        true);
    for (const auto& p : h.places()) {
      out += Row(
          {Esc(p.intervention()), Date(p.start_date()),
           p.has_end_date() ? Date(p.end_date()) : "running",
           absl::StrCat(p.attended_sessions(), " of ", p.planned_sessions()),
           p.has_entry_measure() ? absl::StrFormat("%.1f", p.entry_measure())
                                 : "-",
           p.has_exit_measure() ? absl::StrFormat("%.1f", p.exit_measure())
                                : "-"},
          false);
    }
    out += "</table>\n";
  }
  if (!h.referrals().empty()) {
    absl::StrAppendFormat(&out, "<h%d>Referrals to outside agencies</h%d>\n",
                          level, level);
    out += "<table>\n" + Row({"Service", "Referred", "Reason", "State",
                              "Advice received", "Advice"},
                             true);
    for (const auto& r : h.referrals()) {
      out += Row({Esc(r.service()), Date(r.referral_date()), Esc(r.reason()),
                  Esc(Words(v1::AgencyReferral::State_Name(r.state()))),
                  Date(r.advice_received_date()), Esc(r.advice_summary())},
                 false);
    }
    out += "</table>\n";
  }
  for (const auto& i : h.imported_histories()) {
    absl::StrAppendFormat(
        &out, "<section>\n<h%d>From an earlier setting%s</h%d>\n", level,
        i.source_setting_urn().empty()
            ? ""
            : absl::StrCat(" (URN ", Esc(i.source_setting_urn()), ")"),
        level);
    out += History(i.history(), std::min(level + 1, 6));
    out += "</section>\n";
  }
  return out;
}

}  // namespace

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string SupportHistoryHtml(const v1::ListSupportPlansResponse& history,
                               absl::string_view title) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta "
      "charset=\"utf-8\">\n<meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\">\n<title>Plan history "
      "of ",
      Esc(title),
      "</title>\n<style>body{font-family:Arial,sans-serif;max-width:60em;"
      "margin:1em auto;padding:0 1em;line-height:1.4}table{border-collapse:"
      "collapse;width:100%;margin:0.5em 0}th,td{border:1px solid #b1b4b6;"
      "padding:0.3em;text-align:left;vertical-align:top}section{margin-"
      "bottom:1.5em}</style>\n</head>\n<body>\n<main>\n<h1>Plan history of ",
      Esc(title), "</h1>\n", History(history, 2),
      "</main>\n</body>\n</html>\n");
}

}  // namespace sendcase::client
