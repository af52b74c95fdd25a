// sendcasectl output for the SENCO's, officer's and trust's work views.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cli/format.h"

namespace sendcase::client {

std::string ProvisionCode(v1::SenProvision provision) {
  switch (provision) {
    case v1::SEN_PROVISION_N:
      return "N";
    case v1::SEN_PROVISION_K:
      return "K";
    case v1::SEN_PROVISION_E:
      return "E";
    default:
      return "-";
  }
}

std::string NeedCodes(const google::protobuf::RepeatedField<int>& needs) {
  if (needs.empty()) return "-";
  return absl::StrJoin(needs, "/", [](std::string* out, int need) {
    out->append(v1::NeedType_Name(static_cast<v1::NeedType>(need)));
  });
}

std::string RegisterTable(const std::vector<v1::SenRegisterEntry>& entries) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : entries) {
    rows.push_back(
        {e.pupil(), UpnText(e.upn(), e.upn_unknown()),
         DisplayName(e.family_name(), e.given_name()),
         ProvisionCode(e.sen_provision()), NeedCodes(e.needs()),
         v1::Journey::State_Name(e.state()),
         e.has_next_review_date()
             ? absl::StrCat(FormatDate(e.next_review_date()), " ",
                            e.next_review_rule_id())
             : "-",
         absl::StrCat(e.open_tasks(), " (", e.overdue_tasks(), " overdue)")});
  }
  return Table(
      {"PUPIL", "UPN", "NAME", "SEN", "NEEDS", "STATE", "NEXT REVIEW", "TASKS"},
      rows);
}

std::string ReviewsTable(const std::vector<v1::ReviewDue>& reviews) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : reviews) {
    rows.push_back(
        {FormatDate(r.due_date()),
         r.days_left() < 0 ? absl::StrCat(-r.days_left(), " days overdue")
                           : absl::StrCat("in ", r.days_left(), " days"),
         DisplayName(r.family_name(), r.given_name()), r.rule_id(),
         v1::Role_Name(r.owner_role()),
         // The phase transfer review this annual review may serve (reg 18).
         r.has_phase_transfer_due_date()
             ? absl::StrCat("by ", FormatDate(r.phase_transfer_due_date()))
             : "-",
         r.setting_urn(), r.journey()});
  }
  return Table({"DUE", "WHEN", "PUPIL", "REVIEW", "OWNER", "PHASE TRANSFER",
                "SETTING", "JOURNEY"},
               rows);
}

std::string CaseloadsTable(const std::vector<v1::Caseload>& caseloads) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : caseloads) {
    rows.push_back(
        {c.case_officer().empty() ? "(unassigned)" : c.case_officer(),
         absl::StrCat(c.open_assessments()),
         absl::StrCat(c.overdue_assessments()),
         absl::StrCat(c.assessments_with_exceptions()),
         absl::StrCat(c.ehc_plans()), absl::StrCat(c.overdue_reviews())});
  }
  std::string out = Table({"OFFICER", "ASSESSMENTS", "OVERDUE", "EXCEPTIONS",
                           "PLANS", "REVIEWS OVERDUE"},
                          rows);
  // With --cases: the journeys behind the counts, most urgent first.
  for (const auto& c : caseloads) {
    if (c.cases().empty()) continue;
    absl::StrAppend(
        &out, "\n",
        c.case_officer().empty() ? "(unassigned)" : c.case_officer(), ":\n");
    for (const auto& k : c.cases()) {
      std::vector<std::string> what;
      if (k.overdue_assessment()) what.push_back("assessment overdue");
      if (k.assessment_with_exception()) what.push_back("exception");
      if (k.open_assessment() && !k.overdue_assessment()) {
        what.push_back("assessment");
      }
      if (k.ehc_plan()) what.push_back("plan");
      if (k.overdue_reviews() > 0) {
        what.push_back(absl::StrCat(k.overdue_reviews(), " review(s) overdue"));
      }
      absl::StrAppend(&out, "  ", k.journey(), "  ", absl::StrJoin(what, ", "),
                      "\n");
    }
  }
  return out;
}

std::string SettingSummariesTable(
    const std::vector<v1::SettingSummary>& summaries) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : summaries) {
    rows.push_back(
        {s.setting(), s.display_name().empty() ? "-" : s.display_name(),
         absl::StrCat(s.pupils()), absl::StrCat(s.sen_support()),
         absl::StrCat(s.ehc_plans()), absl::StrCat(s.open_assessments()),
         absl::StrCat(s.overdue_reviews()),
         absl::StrCat(s.open_tasks(), " (", s.overdue_tasks(), " overdue)")});
  }
  return Table({"SETTING", "NAME", "PUPILS", "K", "E", "ASSESSMENTS",
                "REVIEWS OVERDUE", "TASKS"},
               rows);
}

std::string AuditTable(const std::vector<v1::AuditRecord>& records) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : records) {
    rows.push_back({absl::StrCat(r.id()),
                    absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                                     absl::FromUnixSeconds(r.time().seconds()),
                                     absl::UTCTimeZone()),
                    r.subject().empty() ? "-" : r.subject(),
                    r.role().empty() ? "-" : r.role(), r.method(),
                    r.resource().empty() ? "-" : r.resource(), r.outcome(),
                    absl::StrCat(std::max<int64_t>(1, r.calls())),
                    r.peer().empty() ? "-" : r.peer()});
  }
  return Table({"ID", "TIME", "SUBJECT", "ROLE", "METHOD", "RESOURCE",
                "OUTCOME", "CALLS", "PEER"},
               rows);
}

}  // namespace sendcase::client
