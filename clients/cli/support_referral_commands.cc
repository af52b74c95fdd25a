// sendcasectl: referrals to outside agencies (`referrals add|answer`).
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/command_util.h"
#include "clients/cli/event_builder.h"

namespace sendcase::client {
namespace {

// `text` as a date into the field `out()` gives, only when given (asking
// for a mutable field sets it); the error names `flag`.
absl::Status DateFlag(const std::string& text, const char* flag,
                      const std::function<google::type::Date*()>& out) {
  if (text.empty()) return absl::OkStatus();
  auto date = ParseDateArg(text, flag);
  if (!date.ok()) return date.status();
  *out() = *date;
  return absl::OkStatus();
}

void Links(const std::string& outcomes,
           google::protobuf::RepeatedPtrField<std::string>* ids) {
  for (absl::string_view id :
       absl::StrSplit(outcomes, ',', absl::SkipEmpty())) {
    ids->Add(std::string(id));
  }
}

}  // namespace

void AddReferralCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                         std::function<CaseClient()> client) {
  auto* group = app.add_subcommand(
      "referrals", "Referrals to outside agencies, with the parents' consent");
  group->require_subcommand(1);

  auto* add = group->add_subcommand(
      "add",
      "Refer a pupil: records agency_involved and a clock to chase "
      "the answer");
  auto req = std::make_shared<v1::CreateAgencyReferralRequest>();
  auto* r = req->mutable_referral();
  auto flags = std::make_shared<std::vector<std::string>>(5);
  add->add_option("pupil", *req->mutable_parent(), "pupils/{pupil}")
      ->required();
  add->add_option("--agency", (*flags)[0],
                  "EDUCATIONAL_PSYCHOLOGY, SPEECH_AND_LANGUAGE_THERAPY, CAMHS, "
                  "OCCUPATIONAL_THERAPY, SPECIALIST_TEACHER, PHYSIOTHERAPY, "
                  "OTHER_AGENCY")
      ->required();
  add->add_option("--service", *r->mutable_service(),
                  "the service referred to, e.g. \"Oakshire EP Service\"")
      ->required();
  add->add_option("--reason", *r->mutable_reason())->required();
  add->add_option("--consent-by", *r->mutable_consent()->mutable_given_by(),
                  "who gave the parents' consent, e.g. Mother");
  add->add_option("--consent-date", (*flags)[1], "YYYY-MM-DD");
  add->add_option("--date", (*flags)[2], "the referral, YYYY-MM-DD")
      ->required();
  add->add_option("--plan", *r->mutable_support_plan(),
                  "pupils/{pupil}/supportPlans/{cycle} the advice informs");
  add->add_option("--outcomes", (*flags)[3], "that plan's outcome ids, a,b");
  add->add_option("--request-id", *req->mutable_request_id());
  add->callback([=, &o] {
    v1::AgencyReferral::Agency agency = v1::AgencyReferral::AGENCY_UNSPECIFIED;
    if (!v1::AgencyReferral::Agency_Parse(absl::AsciiStrToUpper((*flags)[0]),
                                          &agency)) {
      *rc = Report(absl::InvalidArgumentError(
          absl::StrCat("--agency: \"", (*flags)[0], "\" is not an agency")));
      return;
    }
    r->set_agency(agency);
    absl::Status s = DateFlag((*flags)[1], "--consent-date", [r] {
      return r->mutable_consent()->mutable_given_date();
    });
    if (s.ok()) {
      s = DateFlag((*flags)[2], "--date",
                   [r] { return r->mutable_referral_date(); });
    }
    Links((*flags)[3], r->mutable_outcome_ids());
    *rc = s.ok() ? Print<v1::AgencyReferral>(
                       o, client().CreateAgencyReferral(*req), ReferralText)
                 : Report(s);
  });

  auto* answer = group->add_subcommand(
      "answer",
      "The agency's answer: --advice-date with --summary, or "
      "--consent-withdrawn, or --declined (records agency_responded)");
  auto up = std::make_shared<v1::UpdateAgencyReferralRequest>();
  auto dates = std::make_shared<std::vector<std::string>>(4);
  answer
      ->add_option("referral", *up->mutable_name(),
                   "pupils/{pupil}/agencyReferrals/{referral}")
      ->required();
  answer->add_option("--advice-date", (*dates)[0], "YYYY-MM-DD");
  answer->add_option("--summary", *up->mutable_advice_summary(),
                     "what the advice said");
  answer->add_option("--consent-withdrawn", (*dates)[1], "YYYY-MM-DD");
  answer->add_option("--declined", (*dates)[2], "YYYY-MM-DD");
  answer->add_option("--plan", *up->mutable_support_plan());
  answer->add_option("--outcomes", (*dates)[3], "that plan's outcome ids, a,b");
  answer->add_option("--etag", *up->mutable_etag());
  answer->add_option("--request-id", *up->mutable_request_id());
  answer->callback([=, &o] {
    absl::Status s = DateFlag((*dates)[0], "--advice-date", [up] {
      return up->mutable_advice_received_date();
    });
    if (s.ok()) {
      s = DateFlag((*dates)[1], "--consent-withdrawn",
                   [up] { return up->mutable_consent_withdrawn_date(); });
    }
    if (s.ok()) {
      s = DateFlag((*dates)[2], "--declined",
                   [up] { return up->mutable_declined_date(); });
    }
    Links((*dates)[3], up->mutable_outcome_ids());
    *rc = s.ok() ? Print<v1::AgencyReferral>(
                       o, client().UpdateAgencyReferral(*up), ReferralText)
                 : Report(s);
  });
}

}  // namespace sendcase::client
