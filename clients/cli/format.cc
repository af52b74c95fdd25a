#include "clients/cli/format.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"

namespace sendcase::client {
namespace {

std::string KindOf(const v1::JourneyEvent& e) {
  const auto* field =
      v1::JourneyEvent::descriptor()->FindFieldByNumber(e.kind_case());
  return field ? field->name() : "?";
}

std::string StateName(v1::Journey::State s) {
  return v1::Journey::State_Name(s);
}

}  // namespace

std::string ToJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options)
           .ok()) {
    return "{}";
  }
  return out;
}

std::string FormatDate(const google::type::Date& d) {
  if (d.year() == 0) return "-";
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string Printable(absl::string_view text) {
  constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    const unsigned char next = i + 1 < text.size() ? text[i + 1] : 0;
    const unsigned char third = i + 2 < text.size() ? text[i + 2] : 0;
    if (c < 0x20 || c == 0x7F) {
      out.append(kReplacement);
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // C1
      out.append(kReplacement);
      i += 1;
    } else if (c == 0xE2 &&
               ((next == 0x80 && third >= 0xAA && third <= 0xAE) ||
                (next == 0x81 && third >= 0xA6 && third <= 0xA9))) {
      out.append(kReplacement);  // U+202A..202E, U+2066..2069
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Columns on a terminal: one per code point (UTF-8 continuation bytes take
// none), so "£" or "é" pads like any letter.
static size_t Columns(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& raw_rows) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(raw_rows.size());
  for (const auto& raw : raw_rows) {
    std::vector<std::string>& row = rows.emplace_back();
    for (const std::string& cell : raw) row.push_back(Printable(cell));
  }
  std::vector<size_t> width(header.size());
  for (size_t i = 0; i < header.size(); ++i) width[i] = Columns(header[i]);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], Columns(row[i]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
      absl::StrAppend(&out, cells[i]);
      if (i + 1 < cells.size()) {
        out.append(width[i] - Columns(cells[i]) + 2, ' ');
      }
    }
    return absl::StrCat(out, "\n");
  };
  std::string out = line(header);
  for (const auto& row : rows) absl::StrAppend(&out, line(row));
  return out;
}

std::string DisplayName(const std::string& family_name,
                        const std::string& given_name) {
  if (family_name.empty() && given_name.empty()) return "-";
  return absl::StrCat(family_name, ", ", given_name);
}

std::string UpnText(const std::string& upn, int upn_unknown) {
  if (!upn.empty()) return upn;
  return absl::StrCat(
      "none (",
      v1::UpnUnknownReason_Name(static_cast<v1::UpnUnknownReason>(upn_unknown)),
      ")");
}

std::string PupilsTable(const std::vector<v1::Pupil>& pupils) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : pupils) {
    rows.push_back({p.name(), UpnText(p.upn(), p.upn_unknown()),
                    DisplayName(p.family_name(), p.given_name()),
                    p.setting_urn(), p.local_authority_code(),
                    p.current_journey()});
  }
  return Table({"NAME", "UPN", "PUPIL", "SETTING", "LA", "CURRENT JOURNEY"},
               rows);
}

std::string PupilText(const v1::Pupil& p) {
  return absl::StrCat(
      "name:             ", p.name(),
      "\nupn:              ", UpnText(p.upn(), p.upn_unknown()),
      "\ngiven name:       ", p.given_name(),
      "\nfamily name:      ", p.family_name(),
      "\nbirth date:       ", FormatDate(p.birth_date()),
      "\nsetting URN:      ", p.setting_urn(),
      "\nlocal authority:  ", p.local_authority_code(),
      "\ncurrent journey:  ", p.current_journey(),
      "\nSEN provision:    ", ProvisionCode(p.sen_provision()),
      "\nneeds:            ", NeedCodes(p.needs()),
      // The SEN2 items (pupils update --sex ...).
      "\nsex:              ",
      p.sex() == v1::SEX_UNSPECIFIED ? "-" : v1::Sex_Name(p.sex()),
      "\nethnicity:        ", p.ethnicity().empty() ? "-" : p.ethnicity(),
      "\npostcode:         ", p.postcode().empty() ? "-" : p.postcode(),
      "\nULN:              ",
      p.unique_learner_number().empty() ? "-" : p.unique_learner_number(),
      "\netag:             ", p.etag(), "\n");
}

std::string JourneysTable(const std::vector<v1::Journey>& journeys) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& j : journeys) {
    rows.push_back({j.name(), StateName(j.state()),
                    FormatDate(j.latest_event_date()), j.etag()});
  }
  return Table({"NAME", "STATE", "LATEST EVENT", "ETAG"}, rows);
}

std::string JourneyText(const v1::Journey& j) {
  std::string out = absl::StrCat(
      "name:          ", j.name(), "\nstate:         ", StateName(j.state()),
      "\nlatest event:  ", FormatDate(j.latest_event_date()),
      "\netag:          ", j.etag(), "\nrule set:      ",
      j.rule_set_version().empty() ? "-" : j.rule_set_version(), "\n");
  if (j.clocks_size() == 0) return absl::StrCat(out, "clocks:        none\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : j.clocks()) {
    rows.push_back({c.rule_id(), FormatDate(c.due_date()),
                    c.status() == v1::Clock::MET && c.days_late() > 0
                        ? absl::StrCat("MET (", c.days_late(), " days late)")
                        : v1::Clock::Status_Name(c.status()),
                    c.statutory() ? "yes" : "no", v1::Role_Name(c.owner_role()),
                    c.subject()});
  }
  absl::StrAppend(
      &out, "\n",
      Table({"CLOCK", "DUE", "STATUS", "STATUTORY", "OWNER", "FOR"}, rows));
  for (const auto& c : j.clocks()) {
    absl::StrAppend(&out, "  ", c.explanation(), "\n");
  }
  return out;
}

std::string EventsTable(const std::vector<v1::JourneyEvent>& events) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : events) {
    rows.push_back({absl::StrCat(e.sequence()), FormatDate(e.event_date()),
                    KindOf(e),
                    absl::StrCat(StateName(e.from_state()), " -> ",
                                 StateName(e.to_state())),
                    e.recorded_by()});
  }
  return Table({"SEQ", "DATE", "EVENT", "STATE", "RECORDED BY"}, rows);
}

std::string TasksTable(const std::vector<v1::Task>& tasks) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : tasks) {
    rows.push_back({t.name(), t.rule_id(), v1::Role_Name(t.owner_role()),
                    FormatDate(t.due_date()), v1::Task::State_Name(t.state()),
                    t.overdue() ? "OVERDUE" : "", t.title()});
  }
  return Table({"NAME", "RULE", "OWNER", "DUE", "STATE", "", "TITLE"}, rows);
}

std::string SettingsTable(const std::vector<v1::Setting>& settings) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : settings) {
    rows.push_back(
        {s.urn(), s.display_name(), v1::Setting::Phase_Name(s.phase()),
         s.local_authority_code(), s.trust_id().empty() ? "-" : s.trust_id()});
  }
  return Table({"URN", "NAME", "PHASE", "LA", "TRUST"}, rows);
}

std::string ContactsTable(const std::vector<v1::Contact>& contacts) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : contacts) {
    rows.push_back({v1::Role_Name(c.role()), c.scope(), c.email(),
                    c.sign_in() ? "yes" : "no",
                    c.case_officer().empty() ? "-" : c.case_officer()});
  }
  return Table({"ROLE", "SCOPE", "EMAIL", "SIGN-IN", "CASE OFFICER"}, rows);
}

std::string AssessmentsTable(const std::vector<v1::AssessmentSummary>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& a : rows) {
    std::string exceptions;
    for (const auto& e : a.exception_rule_ids()) {
      absl::StrAppend(&exceptions, exceptions.empty() ? "" : ",", e);
    }
    out.push_back({a.journey(), DisplayName(a.family_name(), a.given_name()),
                   FormatDate(a.received_date()), absl::StrCat(a.week()),
                   FormatDate(a.next_due_date()), a.next_rule_id(),
                   a.days_left() < 0 ? absl::StrCat(-a.days_left(), " overdue")
                                     : absl::StrCat(a.days_left()),
                   FormatDate(a.final_plan_date()),
                   a.case_officer().empty() ? "-" : a.case_officer(),
                   exceptions});
  }
  return Table({"JOURNEY", "PUPIL", "RECEIVED", "WEEK", "NEXT DUE", "CLOCK",
                "DAYS LEFT", "20-WEEK DATE", "OFFICER", "EXCEPTIONS"},
               out);
}

std::string TimelinessText(const v1::TimelinessReport& r) {
  std::string out = absl::StrFormat(
      "EHC plans issued in %d: %d\n"
      "  within 20 weeks, including exceptions: %d (%.1f%%)\n"
      "  within 20 weeks, excluding exceptions: %d of %d (%.1f%%), the DfE "
      "headline\n"
      "  over 20 weeks, under a year:           %d\n"
      "  a year or more:                        %d\n"
      "  average time to plan:                  %.1f weeks\n"
      "  late plans, on average:                %.1f days past the 20 weeks\n",
      r.year(), r.plans_issued(), r.within_20_weeks(),
      r.within_20_weeks_percent(), r.within_20_weeks_excluding_exceptions(),
      r.plans_issued_excluding_exceptions(),
      r.within_20_weeks_excluding_exceptions_percent(),
      r.over_20_weeks_under_a_year(), r.over_a_year(), r.average_weeks(),
      r.average_days_late());
  if (r.late_plans().empty()) return out;
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : r.late_plans()) {
    rows.push_back({l.journey(), FormatDate(l.received_date()),
                    FormatDate(l.due_date()), FormatDate(l.issued_date()),
                    absl::StrCat(l.days_late()), l.exception() ? "yes" : "",
                    l.case_officer()});
  }
  absl::StrAppend(&out, "\nLate plans, latest first:\n",
                  Table({"JOURNEY", "RECEIVED", "20-WEEK DATE", "ISSUED",
                         "DAYS LATE", "EXCEPTION", "OFFICER"},
                        rows));
  return out;
}

std::string TimelinessCsv(const v1::TimelinessReport& r) {
  return absl::StrFormat(
      "year,plans_issued,within_20_weeks,pc_within_20_weeks,"
      "plans_issued_ex,within_20_weeks_ex,pc_within_20_weeks_ex,"
      "over_20_weeks_under_a_year,over_a_year,avg_weeks,avg_days_late\n"
      "%d,%d,%d,%.1f,%d,%d,%.1f,%d,%d,%.1f,%.1f\n",
      r.year(), r.plans_issued(), r.within_20_weeks(),
      r.within_20_weeks_percent(), r.plans_issued_excluding_exceptions(),
      r.within_20_weeks_excluding_exceptions(),
      r.within_20_weeks_excluding_exceptions_percent(),
      r.over_20_weeks_under_a_year(), r.over_a_year(), r.average_weeks(),
      r.average_days_late());
}

std::string ChronologyText(const v1::Chronology& c) {
  std::string out = absl::StrCat("Chronology of ", c.pupil(), "\n");
  for (const auto& e : c.entries()) {
    absl::StrAppend(
        &out, FormatDate(e.date()), "  ",
        absl::StrFormat("%-10s", v1::ChronologyEntry::Kind_Name(e.kind())),
        "  ", e.summary(),
        e.recorded_by().empty() ? ""
                                : absl::StrCat("  [", e.recorded_by(), "]"),
        "\n");
    if (!e.detail().empty())
      absl::StrAppend(&out, "            ", e.detail(), "\n");
  }
  return out;
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char ch : value) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

std::string FamilyViewText(const v1::FamilyView& v) {
  std::string out = absl::StrCat(
      "Where things stand for ", v.given_name(), " (", v.pupil(), ")\n",
      v.stage().empty() ? "Nothing recorded yet." : v.stage(),
      "\n\nWhat happens next:\n");
  if (v.next_steps().empty()) absl::StrAppend(&out, "  nothing is due\n");
  for (const v1::FamilyStep& s : v.next_steps()) {
    absl::StrAppend(&out, "  ", FormatDate(s.date()), "  ",
                    s.overdue() ? "LATE  " : "", s.what(), " - ",
                    s.window() ? "your choice, until then" : s.who(),
                    s.legal_deadline() ? " (set by law)" : "", "\n");
  }
  absl::StrAppend(&out, "\nWhat has happened:\n");
  for (const v1::FamilyStep& s : v.history()) {
    absl::StrAppend(&out, "  ", FormatDate(s.date()), "  ", s.what(), "\n");
  }
  return out;
}

std::string ChronologyCsv(const v1::Chronology& c) {
  std::string out = "date,journey,kind,summary,detail,recorded_by\r\n";
  for (const auto& e : c.entries()) {
    absl::StrAppend(&out, FormatDate(e.date()), ",", CsvField(e.journey()), ",",
                    v1::ChronologyEntry::Kind_Name(e.kind()), ",",
                    CsvField(e.summary()), ",", CsvField(e.detail()), ",",
                    CsvField(e.recorded_by()), "\r\n");
  }
  return out;
}

std::string AlertLine(const v1::Alert& a) {
  const std::string what =
      a.subject().empty() ? a.title()
                          : absl::StrCat(a.title(), " (", a.subject(), ")");
  return Printable(absl::StrCat(
             a.revision(), "  ", v1::Alert::Kind_Name(a.kind()), "  ",
             FormatDate(a.due_date()), "  ", v1::Role_Name(a.owner_role()),
             "  ", what, "  ", DisplayName(a.family_name(), a.given_name()),
             "  ", a.task().empty() ? a.journey() : a.task())) +
         "\n";
}

}  // namespace sendcase::client
