// The SEN2 return: which requests and persons are in it, their items as the
// DfE's XML (element names and order as rules/REFERENCE.md §5.6 gives them),
// and the validation report. Codes marked "not confirmed" there are also
// reported as a warning in every return, so nobody loads them unchecked.
#include "services/casework/sen2_return.h"

#include "absl/strings/str_cat.h"
#include "services/casework/sen2_requests.h"
#include "services/casework/xml_writer.h"
#include "services/common/proto_time.h"

namespace sendcase::casework {
namespace {

std::string D(const std::optional<Day>& day) {
  return day.has_value() ? FormatDay(*day) : "";
}
std::string Flag(bool b) { return b ? "1" : "0"; }

bool In(const std::optional<Day>& day, Day first, Day last) {
  return day.has_value() && *day >= first && *day <= last;
}

// The plan is maintained on `day`.
bool Active(const Sen2Request& r, Day day) {
  return r.plan_issued && *r.outcome_date <= day &&
         (!r.cease_date.has_value() || *r.cease_date > day);
}

// RequestOutcome and AssessmentOutcome (not confirmed, §5.6): A yes, B no,
// H a decision before the activity year (historic).
std::string Outcome(const std::optional<Day>& day, bool yes, Day first) {
  if (!day.has_value()) return "";
  if (*day < first) return "H";
  return yes ? "A" : "B";
}

std::string ReviewOutcome(v1::ReviewDecision::Outcome o) {
  switch (o) {
    case v1::ReviewDecision::KEEP:
      return "M";
    case v1::ReviewDecision::AMEND:
      return "A";
    case v1::ReviewDecision::CEASE:
      return "C";
    default:
      return "";
  }
}

class Builder {
 public:
  Builder(const Sen2Params& p, v1::Sen2Return& out)
      : p_(p),
        out_(out),
        first_(Day(date::year{p.year - 1} / date::January / 1)),
        last_(Day(date::year{p.year - 1} / date::December / 31)) {}

  void Header() {
    xml_.Open("Message");
    xml_.Open("Header");
    xml_.Open("CollectionDetails");
    xml_.Leaf("Collection", "SEN2");
    xml_.Leaf("Year", absl::StrCat(p_.year));
    xml_.Leaf("ReferenceDate", FormatDay(p_.reference_date));
    xml_.Close();
    xml_.Open("Source");
    xml_.Leaf("SourceLevel", "L");
    xml_.Leaf("LEA", p_.la_code);
    xml_.Leaf("SoftwareCode", "sendcase");
    xml_.Leaf("Release", p_.release);
    xml_.Leaf("SerialNo", "1");
    xml_.Leaf("DateTime", p_.generated_at);
    xml_.Close();
    xml_.Close();
    xml_.Open("Persons");
  }

  void Child(const Sen2Child& child) {
    std::vector<Sen2Request> reported;
    for (const Sen2Journey& j : child.journeys) {
      for (Sen2Request& r : ReadSen2Requests(j, p_.reference_date, last_)) {
        if (OpenInYear(r) || In(r.cease_date, first_, last_) ||
            Active(r, p_.reference_date)) {
          reported.push_back(std::move(r));
        }
      }
    }
    if (reported.empty()) return;
    const v1::Pupil& p = child.pupil;
    out_.set_persons(out_.persons() + 1);
    xml_.Open("Person");
    xml_.Leaf("Surname", p.family_name());
    xml_.Leaf("Forename", p.given_name());
    xml_.Leaf("PersonBirthDate",
              FormatDay(Day(date::year{p.birth_date().year()} /
                            p.birth_date().month() / p.birth_date().day())));
    xml_.Leaf("Sex", p.sex() == v1::MALE     ? "M"
                     : p.sex() == v1::FEMALE ? "F"
                                             : "");
    xml_.Leaf("Ethnicity", p.ethnicity());
    xml_.Leaf("PostCode", p.postcode());
    xml_.Leaf("UPN", p.upn());
    xml_.Leaf("UniqueLearnerNumber", p.unique_learner_number());
    xml_.Leaf("UPNunknown",
              p.upn_unknown() == v1::UPN_UNKNOWN_REASON_UNSPECIFIED
                  ? ""
                  : v1::UpnUnknownReason_Name(p.upn_unknown()));
    if (p.sex() == v1::SEX_UNSPECIFIED) {
      Issue(v1::Sen2Issue::ERROR, p.name(), "Sex",
            "not recorded: set the pupil's sex (UpdatePupil, field sex)");
    }
    if (p.ethnicity().empty()) {
      Issue(v1::Sen2Issue::ERROR, p.name(), "Ethnicity",
            "not recorded: set the DfE code (UpdatePupil, field ethnicity; "
            "REFU if refused, NOBT if not obtained)");
    }
    if (p.postcode().empty()) {
      Issue(v1::Sen2Issue::WARNING, p.name(), "PostCode",
            "not recorded: set it (UpdatePupil, field postcode)");
    }
    for (const Sen2Request& r : reported) Request(child, r);
    xml_.Close();
  }

  std::string Finish() { return xml_.Finish(); }

 private:
  // Received by the end of the activity year and not settled before it: a
  // refusal to assess, or the assessment's outcome, on or after its first
  // day or still to come.
  bool OpenInYear(const Sen2Request& r) const {
    if (r.received > last_) return false;
    std::optional<Day> settled = r.outcome_date;
    if (r.decision_date.has_value() && !r.agreed) settled = r.decision_date;
    return !settled.has_value() || *settled >= first_;
  }

  void Issue(v1::Sen2Issue::Severity severity, const std::string& resource,
             const std::string& item, const std::string& message) {
    v1::Sen2Issue* i = out_.add_issues();
    i->set_severity(severity);
    i->set_resource(resource);
    i->set_item(item);
    i->set_message(message);
  }

  void Placements(const char* element, const std::vector<v1::Placement>& list,
                  const v1::Pupil& pupil) {
    std::vector<v1::Placement> shown = list;
    if (shown.empty()) {
      v1::Placement here;  // the setting the pupil attends now
      here.set_urn(pupil.setting_urn());
      shown.push_back(here);
    }
    for (size_t i = 0; i < shown.size(); ++i) {
      const v1::Placement& pl = shown[i];
      xml_.Open(element);
      xml_.Leaf("URN", pl.urn());
      xml_.Leaf("UKPRN", pl.ukprn());
      xml_.Leaf("SENSetting",
                pl.setting_type() == v1::Placement::SETTING_TYPE_UNSPECIFIED
                    ? ""
                    : v1::Placement::SettingType_Name(pl.setting_type()));
      xml_.Leaf("PlacementRank", absl::StrCat(i + 1));
      xml_.Leaf("SENunitIndicator", Flag(pl.sen_unit()));
      xml_.Leaf("ResourcedProvisionIndicator", Flag(pl.resourced_provision()));
      xml_.Close();
    }
  }

  void Request(const Sen2Child& child, const Sen2Request& r) {
    const v1::Pupil& p = child.pupil;
    out_.set_requests(out_.requests() + 1);
    xml_.Open("Requests");
    xml_.Leaf("ReceivedDate", FormatDay(r.received));
    if (r.source != v1::AssessmentRequested::SOURCE_UNSPECIFIED) {
      xml_.Leaf("RequestSource", absl::StrCat(static_cast<int>(r.source)));
    } else {
      Issue(v1::Sen2Issue::ERROR, r.journey, "RequestSource",
            absl::StrCat("the request of ", FormatDay(r.received),
                         " has no source (compulsory from 2026; recorded "
                         "before sendcase kept one): add RequestSource (1 to "
                         "5) in COLLECT, and give assessment_requested its "
                         "source from now on"));
    }
    xml_.Leaf("RYA", Flag(r.rya));
    xml_.Leaf("RequestOutcomeDate", D(r.decision_date));
    xml_.Leaf("RequestOutcome", Outcome(r.decision_date, r.agreed, first_));
    xml_.Leaf("RequestMediation", Flag(r.request_mediation));
    xml_.Leaf("RequestTribunal", "0");
    if (!r.decision_date.has_value() &&
        p_.reference_date - r.received > date::days{42}) {
      Issue(v1::Sen2Issue::WARNING, r.journey, "RequestOutcome",
            absl::StrCat("no decision whether to assess is recorded for the "
                         "request of ",
                         FormatDay(r.received),
                         ", more than 6 weeks before the reference date "
                         "(reg 5): record it, or check the request"));
    }
    if (r.agreed) Assessment(child, r);
    if (Active(r, p_.reference_date)) ActivePlan(p, r);
    xml_.Close();
  }

  void Assessment(const Sen2Child& child, const Sen2Request& r) {
    xml_.Open("Assessment");
    xml_.Leaf("AssessmentOutcome",
              Outcome(r.outcome_date, r.plan_issued, first_));
    xml_.Leaf("AssessmentOutcomeDate", D(r.outcome_date));
    xml_.Leaf("AssessmentMediation", Flag(r.assessment_mediation));
    xml_.Leaf("AssessmentTribunal", "0");
    xml_.Leaf("OtherMediation", Flag(r.other_mediation));
    xml_.Leaf("OtherTribunal", "0");
    xml_.Leaf("Week20", Flag(r.week20));
    if (r.plan_issued) {
      xml_.Open("NamedPlan");
      xml_.Leaf("StartDate", D(r.outcome_date));
      const v1::Placement::Residential res =
          r.named.empty() ? v1::Placement::RESIDENTIAL_UNSPECIFIED
                          : r.named[0].residential();
      xml_.Leaf("PlanRes", res == v1::Placement::WEEKS_38_TO_51 ? "A"
                           : res == v1::Placement::WEEKS_52     ? "B"
                                                                : "");
      xml_.Leaf("CeaseDate", D(r.cease_date));
      if (r.cease_date.has_value()) {
        if (r.cease_reason == v1::PlanCeased::REASON_UNSPECIFIED) {
          Issue(v1::Sen2Issue::ERROR, r.journey, "CeaseReason",
                absl::StrCat("the plan ceased on ", FormatDay(*r.cease_date),
                             " without a reason (recorded before sendcase "
                             "kept one): add CeaseReason (1 to 9) in COLLECT, "
                             "and give plan_ceased its reason from now on"));
        } else {
          xml_.Leaf("CeaseReason",
                    absl::StrCat(static_cast<int>(r.cease_reason)));
        }
      }
      if (r.named.empty()) {
        Issue(v1::Sen2Issue::WARNING, r.journey, "PlanDetail",
              "the final plan's event names no placement: the return gives "
              "the setting the pupil attends now; check it, and record "
              "placements with the next amended plan");
      }
      Placements("PlanDetail", r.named, child.pupil);
      xml_.Close();
    }
    xml_.Close();
  }

  void ActivePlan(const v1::Pupil& p, const Sen2Request& r) {
    xml_.Open("ActivePlans");
    Placements("PlacementDetail", r.current, p);
    for (int i = 0; i < p.needs_size(); ++i) {
      xml_.Open("SENneed");
      xml_.Leaf("SENtype", v1::NeedType_Name(p.needs(i)));
      xml_.Leaf("SENtypeRank", absl::StrCat(i + 1));
      xml_.Close();
    }
    if (p.needs_size() == 0) {
      Issue(v1::Sen2Issue::ERROR, p.name(), "SENtype",
            "the plan's types of need are not recorded: set the pupil's "
            "needs (UpdatePupil, field needs; primary first)");
    }
    const bool meeting_in_year = In(r.review_meeting, first_, last_);
    if (meeting_in_year) {
      xml_.Leaf("ReviewMeeting", D(r.review_meeting));
      xml_.Leaf("ReviewOutcome", ReviewOutcome(r.review_outcome));
      xml_.Leaf("ReviewDraft", D(r.review_draft));
    }
    xml_.Leaf("PhaseTransferDueDate", D(r.phase_transfer_due));
    xml_.Leaf("PhaseTransferFinalDate", D(r.phase_transfer_final));
    if (meeting_in_year) xml_.Leaf("LastReview", D(r.review_decision_date));
    if (meeting_in_year && !r.review_decision_date.has_value() &&
        p_.reference_date - *r.review_meeting > date::days{28}) {
      Issue(v1::Sen2Issue::WARNING, r.journey, "ReviewOutcome",
            absl::StrCat("no LA decision is recorded after the review "
                         "meeting of ",
                         FormatDay(*r.review_meeting),
                         " (due within 4 weeks, reg 20(10)): record it"));
    }
    if (!meeting_in_year && *r.outcome_date < first_) {
      Issue(
          v1::Sen2Issue::WARNING, r.journey, "ReviewMeeting",
          absl::StrCat("no annual review meeting is recorded in ", p_.year - 1,
                       " for a plan made before it (CFA s44): record the "
                       "meeting if it was held"));
    }
    xml_.Close();
  }

  const Sen2Params& p_;
  v1::Sen2Return& out_;
  const Day first_;
  const Day last_;
  XmlWriter xml_;
};

}  // namespace

Day DefaultSen2ReferenceDate(int year) {
  return Day(date::year{year} / date::January / date::Thursday[3]);
}

v1::Sen2Return BuildSen2Return(const Sen2Params& params,
                               const std::vector<Sen2Child>& children) {
  v1::Sen2Return out;
  out.set_year(params.year);
  out.set_local_authority_code(params.la_code);
  *out.mutable_reference_date() = ToProtoDate(params.reference_date);
  Builder b(params, out);
  b.Header();
  for (const Sen2Child& child : children) {
    if (child.pupil.local_authority_code() == params.la_code) b.Child(child);
  }
  out.set_xml(b.Finish());
  v1::Sen2Issue* unconfirmed = out.add_issues();
  unconfirmed->set_severity(v1::Sen2Issue::WARNING);
  unconfirmed->set_resource(absl::StrCat("la:", params.la_code));
  unconfirmed->set_item("Message");
  unconfirmed->set_message(
      "not yet confirmed against the DfE's SEN2 guide for this year: the "
      "root element's name, the RequestOutcome and AssessmentOutcome codes "
      "(A, B, H), and the names of ReviewDraft, PhaseTransferDueDate and "
      "PhaseTransferFinalDate (rules/REFERENCE.md §5.6); check them before "
      "loading the file into COLLECT");
  return out;
}

}  // namespace sendcase::casework
