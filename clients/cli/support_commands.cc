// sendcasectl: the graduated approach. `interventions add|list` (a
// setting's catalogue), `plans create|update|agree|review|list` (a pupil's
// support plans; `list` and `import`, the history, are in
// support_history_commands.cc), `places add|update` (a pupil's places on
// interventions), and `reports provision-map|effectiveness`.
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/cli/command_util.h"
#include "clients/cli/event_builder.h"

namespace sendcase::client {
namespace {

template <typename Enum>
absl::Status ParseEnumArg(const std::string& text, const std::string& flag,
                          bool (*parse)(const std::string&, Enum*), Enum* out) {
  if (parse(absl::AsciiStrToUpper(text), out)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(flag, ": \"", text, "\" is not one of its values"));
}
bool ParseArea(const std::string& s, v1::AreaOfNeed* a) {
  return v1::AreaOfNeed_Parse(s, a);
}
bool ParseLayer(const std::string& s, v1::SupportLayer* l) {
  return v1::SupportLayer_Parse(s, l);
}
bool ParseStaff(const std::string& s, v1::Intervention::Staff* st) {
  return v1::Intervention::Staff_Parse(s, st);
}
bool ParseRole(const std::string& s, v1::Role* r) {
  return v1::Role_Parse(s, r);
}

// "ID:AREA:YYYY-MM-DD:what success looks like" → an outcome.
absl::StatusOr<v1::SupportOutcome> ParseOutcome(const std::string& text) {
  std::vector<std::string> parts =
      absl::StrSplit(text, absl::MaxSplits(':', 3));
  if (parts.size() != 4) {
    return absl::InvalidArgumentError(
        "--outcome: ID:AREA:YYYY-MM-DD:what success looks like");
  }
  v1::SupportOutcome o;
  o.set_id(parts[0]);
  v1::AreaOfNeed area = v1::AREA_OF_NEED_UNSPECIFIED;
  if (absl::Status s =
          ParseEnumArg(parts[1], "--outcome area", ParseArea, &area);
      !s.ok()) {
    return s;
  }
  o.set_area_of_need(area);
  auto date = ParseDateArg(parts[2], "--outcome date");
  if (!date.ok()) return date.status();
  *o.mutable_target_date() = *date;
  o.set_success_criteria(parts[3]);
  return o;
}

// "--participants=SENCO,PARENT" and --pupil-took-part → a meeting.
absl::StatusOr<v1::SupportMeeting> Meeting(const std::string& date,
                                           const std::string& participants,
                                           bool pupil) {
  v1::SupportMeeting m;
  auto d = ParseDateArg(date, "--date");
  if (!d.ok()) return d.status();
  *m.mutable_date() = *d;
  for (absl::string_view role :
       absl::StrSplit(participants, ',', absl::SkipWhitespace())) {
    v1::Role r = v1::ROLE_UNSPECIFIED;
    if (absl::Status s =
            ParseEnumArg(std::string(absl::StripAsciiWhitespace(role)),
                         "--participants", ParseRole, &r);
        !s.ok()) {
      return s;
    }
    m.add_participants(r);
  }
  m.set_pupil_participated(pupil);
  return m;
}

// Plan fields from flags, shared by create and update; `mask` gets the
// paths of the flags given.
struct PlanFlags {
  std::vector<std::string> outcomes;
  std::string strategies, pupil_views, parent_views, review_date;
};
void AddPlanFlags(CLI::App* cmd, PlanFlags& f) {
  cmd->add_option("--outcome", f.outcomes,
                  "ID:AREA:YYYY-MM-DD:what success looks like (repeat)");
  cmd->add_option("--strategies", f.strategies, "strategies and adjustments");
  cmd->add_option("--pupil-views", f.pupil_views, "the pupil's views");
  cmd->add_option("--parent-views", f.parent_views, "the parents' views");
  cmd->add_option("--review-date", f.review_date, "YYYY-MM-DD");
}
absl::Status FillPlan(CLI::App* cmd, const PlanFlags& f, v1::SupportPlan& p,
                      google::protobuf::FieldMask* mask) {
  for (const auto& text : f.outcomes) {
    auto o = ParseOutcome(text);
    if (!o.ok()) return o.status();
    *p.add_outcomes() = *o;
  }
  p.set_strategies(f.strategies);
  p.set_pupil_views(f.pupil_views);
  p.set_parent_views(f.parent_views);
  if (!f.review_date.empty()) {
    auto d = ParseDateArg(f.review_date, "--review-date");
    if (!d.ok()) return d.status();
    *p.mutable_review_date() = *d;
  }
  if (mask == nullptr) return absl::OkStatus();
  const std::pair<const char*, const char*> flags[] = {
      {"--outcome", "outcomes"},
      {"--strategies", "strategies"},
      {"--pupil-views", "pupil_views"},
      {"--parent-views", "parent_views"},
      {"--review-date", "review_date"}};
  for (const auto& [flag, path] : flags) {
    if (cmd->count(flag) > 0) mask->add_paths(path);
  }
  if (mask->paths().empty()) {
    return absl::InvalidArgumentError(
        "plans update: nothing to change (--outcome, --strategies, "
        "--pupil-views, --parent-views, --review-date)");
  }
  return absl::OkStatus();
}

void AddInterventions(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  auto* group =
      app.add_subcommand("interventions", "A setting's intervention catalogue");
  group->require_subcommand(1);
  auto* add = group->add_subcommand("add", "Add an intervention");
  auto req = std::make_shared<v1::CreateInterventionRequest>();
  auto* i = req->mutable_intervention();
  auto area = std::make_shared<std::string>();
  auto layer = std::make_shared<std::string>();
  auto staff = std::make_shared<std::string>();
  add->add_option("setting", *req->mutable_parent(), "settings/{urn}")
      ->required();
  add->add_option("--title", *i->mutable_title())->required();
  add->add_option("--area", *area,
                  "COMMUNICATION_AND_INTERACTION, COGNITION_AND_LEARNING, "
                  "SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH, SENSORY_AND_PHYSICAL")
      ->required();
  add->add_option("--layer", *layer,
                  "UNIVERSAL, TARGETED, TARGETED_PLUS, SPECIALIST")
      ->required();
  add->add_option("--delivered-by", *staff,
                  "TEACHING_ASSISTANT, TEACHER, SENCO, EXTERNAL_SPECIALIST")
      ->required();
  add->add_option_function<int>(
         "--group-size", [i](const int& v) { i->set_group_size(v); },
         "pupils per group")
      ->required();
  add->add_option_function<int>(
         "--sessions-per-week",
         [i](const int& v) { i->set_sessions_per_week(v); })
      ->required();
  add->add_option_function<int>(
         "--minutes", [i](const int& v) { i->set_minutes_per_session(v); },
         "minutes per session")
      ->required();
  add->add_option_function<int64_t>(
         "--cost-per-hour",
         [i](const int64_t& v) { i->set_staff_cost_per_hour_pence(v); },
         "staff cost per hour, in pence")
      ->required();
  add->add_option_function<int64_t>(
      "--fixed-cost-per-term",
      [i](const int64_t& v) { i->set_fixed_cost_per_term_pence(v); },
      "in pence (default 0)");
  add->add_option("--measure", *i->mutable_measure()->mutable_name(),
                  "what is measured at entry and exit, e.g. \"reading age\"")
      ->required();
  add->add_option("--unit", *i->mutable_measure()->mutable_unit(),
                  "its unit, e.g. months")
      ->required();
  add->add_option("--request-id", *req->mutable_request_id());
  add->callback([=, &o] {
    v1::AreaOfNeed a = v1::AREA_OF_NEED_UNSPECIFIED;
    v1::SupportLayer l = v1::SUPPORT_LAYER_UNSPECIFIED;
    v1::Intervention::Staff st = v1::Intervention::STAFF_UNSPECIFIED;
    absl::Status s = ParseEnumArg(*area, "--area", ParseArea, &a);
    if (s.ok()) s = ParseEnumArg(*layer, "--layer", ParseLayer, &l);
    if (s.ok()) s = ParseEnumArg(*staff, "--delivered-by", ParseStaff, &st);
    if (!s.ok()) {
      *rc = Report(s);
      return;
    }
    i->set_area_of_need(a);
    i->set_layer(l);
    i->set_delivered_by(st);
    *rc = Print<v1::Intervention>(
        o, client().CreateIntervention(*req),
        [](const v1::Intervention& x) { return InterventionsTable({x}); });
  });

  auto* list = group->add_subcommand("list", "A setting's catalogue");
  auto list_req = std::make_shared<v1::ListInterventionsRequest>();
  list->add_option("setting", *list_req->mutable_parent(), "settings/{urn}")
      ->required();
  auto all = AddPaging(list, list_req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListInterventionsRequest, v1::ListInterventionsResponse,
               v1::Intervention>(
        o, *list_req, *all,
        [c](const auto& r) { return c->ListInterventions(r); },
        [](const auto& r) { return ToVector(r.interventions()); },
        InterventionsTable);
  });
}

void AddPlans(CLI::App& app, const GlobalOptions& o, int* rc,
              std::function<CaseClient()> client) {
  auto* group = app.add_subcommand(
      "plans", "Support plans: assess, plan, do, review with the family");
  group->require_subcommand(1);

  auto* create = group->add_subcommand("create", "Write the next plan's draft");
  auto create_req = std::make_shared<v1::CreateSupportPlanRequest>();
  auto create_flags = std::make_shared<PlanFlags>();
  create->add_option("pupil", *create_req->mutable_parent(), "pupils/{pupil}")
      ->required();
  AddPlanFlags(create, *create_flags);
  create->add_option("--request-id", *create_req->mutable_request_id());
  create->callback([=, &o] {
    absl::Status s = FillPlan(create, *create_flags,
                              *create_req->mutable_support_plan(), nullptr);
    *rc = s.ok()
              ? Print<v1::SupportPlan>(
                    o, client().CreateSupportPlan(*create_req), SupportPlanText)
              : Report(s);
  });

  auto* update = group->add_subcommand(
      "update",
      "Change a draft (only the options given; --outcome replaces "
      "every outcome)");
  auto update_req = std::make_shared<v1::UpdateSupportPlanRequest>();
  auto update_flags = std::make_shared<PlanFlags>();
  update
      ->add_option("plan", *update_req->mutable_support_plan()->mutable_name(),
                   "pupils/{pupil}/supportPlans/{cycle}")
      ->required();
  AddPlanFlags(update, *update_flags);
  update->add_option("--etag",
                     *update_req->mutable_support_plan()->mutable_etag());
  update->add_option("--request-id", *update_req->mutable_request_id());
  update->callback([=, &o] {
    absl::Status s =
        FillPlan(update, *update_flags, *update_req->mutable_support_plan(),
                 update_req->mutable_update_mask());
    *rc = s.ok()
              ? Print<v1::SupportPlan>(
                    o, client().UpdateSupportPlan(*update_req), SupportPlanText)
              : Report(s);
  });

  for (const bool review : {false, true}) {
    auto* cmd = group->add_subcommand(
        review ? "review" : "agree",
        review ? "Rate each outcome at the review meeting; opens the next "
                 "cycle's draft"
               : "Agree a draft with the family: records SEN support on the "
                 "journey with the plan's review date");
    auto name = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto people = std::make_shared<std::string>();
    auto pupil = std::make_shared<bool>(false);
    auto ratings = std::make_shared<std::vector<std::string>>();
    auto etag = std::make_shared<std::string>();
    auto request_id = std::make_shared<std::string>();
    auto next_review = std::make_shared<std::string>();
    cmd->add_option("plan", *name, "pupils/{pupil}/supportPlans/{cycle}")
        ->required();
    cmd->add_option("--date", *date, "the meeting, YYYY-MM-DD")->required();
    cmd->add_option("--participants", *people,
                    "roles who took part, e.g. SENCO,CLASS_TEACHER,PARENT")
        ->required();
    cmd->add_flag("--pupil-took-part", *pupil);
    cmd->add_option("--etag", *etag);
    cmd->add_option("--request-id", *request_id);
    if (review) {
      cmd->add_option("--next-review-date", *next_review,
                      "YYYY-MM-DD: the next cycle's review (moves the "
                      "journey's support.review clock to it)")
          ->required();
      cmd->add_option("--rating", *ratings,
                      "OUTCOME:RATING[:comment], RATING -2..+2 (repeat for "
                      "every outcome)")
          ->required();
    }
    cmd->callback([=, &o] {
      auto meeting = Meeting(*date, *people, *pupil);
      if (!meeting.ok()) {
        *rc = Report(meeting.status());
        return;
      }
      if (!review) {
        v1::AgreeSupportPlanRequest r;
        r.set_name(*name);
        *r.mutable_meeting() = *meeting;
        r.set_etag(*etag);
        r.set_request_id(*request_id);
        *rc = Print<v1::SupportPlan>(o, client().AgreeSupportPlan(r),
                                     SupportPlanText);
        return;
      }
      v1::ReviewSupportPlanRequest r;
      r.set_name(*name);
      *r.mutable_meeting() = *meeting;
      r.set_etag(*etag);
      r.set_request_id(*request_id);
      auto next = ParseDateArg(*next_review, "--next-review-date");
      if (!next.ok()) {
        *rc = Report(next.status());
        return;
      }
      *r.mutable_next_review_date() = *next;
      for (const std::string& text : *ratings) {
        std::vector<std::string> parts =
            absl::StrSplit(text, absl::MaxSplits(':', 2));
        int value = 0;
        if (parts.size() < 2 || !absl::SimpleAtoi(parts[1], &value)) {
          *rc = Report(absl::InvalidArgumentError(
              "--rating: OUTCOME:RATING[:comment], RATING -2..+2"));
          return;
        }
        auto* rating = r.add_ratings();
        rating->set_outcome_id(parts[0]);
        rating->set_rating(value);
        if (parts.size() == 3) rating->set_comment(parts[2]);
      }
      *rc = Print<v1::ReviewSupportPlanResponse>(
          o, client().ReviewSupportPlan(r),
          [](const v1::ReviewSupportPlanResponse& x) {
            return absl::StrCat(SupportPlanText(x.reviewed()), "next:\n",
                                SupportPlanText(x.next_draft()));
          });
    });
  }
}

}  // namespace

void AddSupportCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                        std::function<CaseClient()> client) {
  AddInterventions(app, o, rc, client);
  AddPlans(app, o, rc, client);
  AddPlanHistoryCommands(app, o, rc, client);
  AddPlaceCommands(app, o, rc, client);
  AddReferralCommands(app, o, rc, client);
}

}  // namespace sendcase::client
