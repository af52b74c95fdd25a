// sendcasectl: the SENCO's register and reviews, the LA's caseloads, the
// trust's per-setting summary, and changes to a pupil and a journey's
// officer.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/command_util.h"
#include "clients/cli/event_builder.h"

namespace sendcase::client {
namespace {

// "ASD,SLCN" (primary first) → needs; the server checks the rest.
absl::Status SetNeeds(const std::string& arg, v1::Pupil& pupil) {
  pupil.clear_needs();
  for (absl::string_view code : absl::StrSplit(arg, ',', absl::SkipEmpty())) {
    v1::NeedType need;
    if (!v1::NeedType_Parse(std::string(code), &need)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--needs: ", code,
                       " is not a census code (SPLD, MLD, SLD, PMLD, SEMH, "
                       "SLCN, ASD, HI, VI, MSI, PD, OTH, NSA, DS)"));
    }
    pupil.add_needs(need);
  }
  return absl::OkStatus();
}

void AddPupilUpdate(CLI::App& app, const GlobalOptions& o, int* rc,
                    std::function<CaseClient()> client) {
  auto* update = app.get_subcommand("pupils")->add_subcommand(
      "update", "Change a pupil's details (only the options given)");
  auto req = std::make_shared<v1::UpdatePupilRequest>();
  auto* p = req->mutable_pupil();
  auto needs = std::make_shared<std::string>();
  auto birth = std::make_shared<std::string>();
  update->add_option("name", *p->mutable_name(), "pupils/{pupil}")->required();
  auto upn_unknown = std::make_shared<std::string>();
  update->add_option("--upn", *p->mutable_upn(),
                     "the child's UPN (replaces a temporary one or the "
                     "reason there was none)");
  update->add_option("--upn-unknown", *upn_unknown,
                     "the census reason the child has no UPN (UN1...)");
  update->add_option("--given-name", *p->mutable_given_name());
  update->add_option("--family-name", *p->mutable_family_name());
  update->add_option("--birth-date", *birth, "YYYY-MM-DD");
  update->add_option("--setting-urn", *p->mutable_setting_urn(), "6 digits");
  update->add_option("--la-code", *p->mutable_local_authority_code());
  update->add_option("--needs", *needs,
                     "types of need, primary first, e.g. ASD,SLCN; '' clears");
  auto sex = std::make_shared<std::string>();
  update->add_option("--sex", *sex, "M or F (the SEN2 return)");
  update->add_option("--ethnicity", *p->mutable_ethnicity(),
                     "the DfE code, e.g. WBRI (REFU refused, NOBT not "
                     "obtained)");
  update->add_option("--postcode", *p->mutable_postcode(), "e.g. SW1A 1AA");
  update->add_option("--uln", *p->mutable_unique_learner_number(),
                     "Unique Learner Number (10 digits)");
  update->add_option("--etag", *p->mutable_etag(), "refuse if changed since");
  update->add_option("--request-id", *req->mutable_request_id());
  update->callback([=, &o] {
    const std::pair<const char*, const char*> flags[] = {
        {"--given-name", "given_name"},
        {"--family-name", "family_name"},
        {"--birth-date", "birth_date"},
        {"--setting-urn", "setting_urn"},
        {"--la-code", "local_authority_code"},
        {"--needs", "needs"},
        {"--upn", "upn"},
        {"--upn-unknown", "upn_unknown"},
        {"--sex", "sex"},
        {"--ethnicity", "ethnicity"},
        {"--postcode", "postcode"},
        {"--uln", "unique_learner_number"}};
    req->mutable_update_mask()->clear_paths();
    for (const auto& [flag, path] : flags) {
      if (update->count(flag) > 0) req->mutable_update_mask()->add_paths(path);
    }
    absl::Status status = SetNeeds(*needs, *req->mutable_pupil());
    if (*sex == "M" || *sex == "F") {
      req->mutable_pupil()->set_sex(*sex == "M" ? v1::MALE : v1::FEMALE);
    } else if (!sex->empty() && status.ok()) {
      status = absl::InvalidArgumentError("--sex: M or F");
    }
    if (status.ok())
      status = SetUpnUnknown(*upn_unknown, *req->mutable_pupil());
    if (status.ok() && update->count("--birth-date") > 0) {
      auto date = ParseDateArg(*birth, "--birth-date");
      status = date.status();
      if (date.ok()) *req->mutable_pupil()->mutable_birth_date() = *date;
    }
    if (!status.ok()) {
      *rc = Report(status);
      return;
    }
    *rc = Print<v1::Pupil>(o, client().UpdatePupil(*req), PupilText);
  });
}

void AddAssign(CLI::App& app, const GlobalOptions& o, int* rc,
               std::function<CaseClient()> client) {
  auto* assign =
      app.get_subcommand("journeys")
          ->add_subcommand("assign",
                           "Make an LA case officer responsible for a journey");
  auto req = std::make_shared<v1::AssignCaseOfficerRequest>();
  assign->add_option("journey", *req->mutable_journey())->required();
  assign
      ->add_option("--officer", *req->mutable_case_officer(),
                   "the officer; '' unassigns")
      ->required();
  assign->add_option("--etag", *req->mutable_etag());
  assign->callback([=, &o] {
    *rc = Print<v1::Journey>(o, client().AssignCaseOfficer(*req), JourneyText);
  });
}

void AddViews(CLI::App& app, const GlobalOptions& o, int* rc,
              std::function<CaseClient()> client) {
  auto* reg = app.add_subcommand(
      "register", "A setting's SEN register (K and E; --with-n for all)");
  auto reg_req = std::make_shared<v1::ListSenRegisterRequest>();
  reg->add_option("setting", *reg_req->mutable_parent(), "settings/{urn}")
      ->required();
  reg->add_flag(
      "--with-n", [reg_req](int64_t n) { reg_req->set_include_no_sen(n > 0); },
      "also pupils with provision N");
  auto reg_all = AddPaging(reg, reg_req);
  reg->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListSenRegisterRequest, v1::ListSenRegisterResponse,
               v1::SenRegisterEntry>(
        o, *reg_req, *reg_all,
        [c](const auto& r) { return c->ListSenRegister(r); },
        [](const auto& r) { return ToVector(r.entries()); }, RegisterTable);
  });

  auto* reviews = app.add_subcommand("reviews", "Reviews due and overdue");
  reviews->require_subcommand(1);
  auto* due = reviews->add_subcommand(
      "due", "Reviews due within --within days, and every overdue one");
  auto due_req = std::make_shared<v1::ListReviewsDueRequest>();
  due_req->set_within_days(30);
  due->add_option_function<int>(
      "--within", [due_req](const int& d) { due_req->set_within_days(d); },
      "days ahead (default 30)");
  due->add_option("--setting", *due_req->mutable_parent(), "settings/{urn}");
  auto due_all = AddPaging(due, due_req);
  due->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListReviewsDueRequest, v1::ListReviewsDueResponse,
               v1::ReviewDue>(
        o, *due_req, *due_all,
        [c](const auto& r) { return c->ListReviewsDue(r); },
        [](const auto& r) { return ToVector(r.reviews()); }, ReviewsTable);
  });

  auto* caseloads =
      app.add_subcommand("caseloads", "The LA's caseload per case officer");
  auto cl_req = std::make_shared<v1::ListCaseloadsRequest>();
  caseloads->add_flag(
      "--cases", [cl_req](int64_t) { cl_req->set_include_cases(true); },
      "also list the cases behind each count");
  auto cl_all = AddPaging(caseloads, cl_req);
  caseloads->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc =
        List<v1::ListCaseloadsRequest, v1::ListCaseloadsResponse, v1::Caseload>(
            o, *cl_req, *cl_all,
            [c](const auto& r) { return c->ListCaseloads(r); },
            [](const auto& r) { return ToVector(r.caseloads()); },
            CaseloadsTable);
  });

  auto* summary =
      app.get_subcommand("settings")
          ->add_subcommand(
              "summary",
              "Counts per setting within your scope (a trust's roll-up)");
  auto sum_req = std::make_shared<v1::ListSettingSummariesRequest>();
  auto sum_all = AddPaging(summary, sum_req);
  summary->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListSettingSummariesRequest,
               v1::ListSettingSummariesResponse, v1::SettingSummary>(
        o, *sum_req, *sum_all,
        [c](const auto& r) { return c->ListSettingSummaries(r); },
        [](const auto& r) { return ToVector(r.summaries()); },
        SettingSummariesTable);
  });
}

void AddAudit(CLI::App& app, const GlobalOptions& o, int* rc,
              std::function<CaseClient()> client) {
  auto* audit = app.add_subcommand("audit", "The audit trail (ADMIN)");
  audit->require_subcommand(1);
  auto* list = audit->add_subcommand("list", "Calls, newest first");
  auto req = std::make_shared<v1::ListAuditRecordsRequest>();
  list->add_option("--subject", *req->mutable_subject(), "a token subject");
  list->add_option("--resource", *req->mutable_resource(),
                   "a resource name; also matches what is below it");
  auto all = AddPaging(list, req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListAuditRecordsRequest, v1::ListAuditRecordsResponse,
               v1::AuditRecord>(
        o, *req, *all, [c](const auto& r) { return c->ListAuditRecords(r); },
        [](const auto& r) { return ToVector(r.records()); }, AuditTable);
  });
}

}  // namespace

void AddWorkViewCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                         std::function<CaseClient()> client) {
  AddPupilUpdate(app, o, rc, client);
  AddAssign(app, o, rc, client);
  AddViews(app, o, rc, client);
  AddAudit(app, o, rc, client);
}

}  // namespace sendcase::client
