#include "clients/cli/demo_support.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace sendcase::client {
namespace {

using date::days;
using date::sys_days;

google::type::Date ProtoDay(sys_days d) {
  const date::year_month_day ymd(d);
  google::type::Date out;
  out.set_year(int(ymd.year()));
  out.set_month(static_cast<int>(unsigned(ymd.month())));
  out.set_day(static_cast<int>(unsigned(ymd.day())));
  return out;
}

struct CatalogueEntry {
  const char* title;
  v1::AreaOfNeed area;
  v1::SupportLayer layer;
  v1::Intervention::Staff staff;
  int group, sessions, minutes;
  int64_t per_hour, fixed;
  const char* measure;
  const char* unit;
};

// Plausible, fictional; costs in pence (a teaching assistant about £15 an
// hour, a teacher £35, a speech therapist £55).
constexpr CatalogueEntry kCatalogue[] = {
    {"Reading catch-up (small group)", v1::COGNITION_AND_LEARNING, v1::TARGETED,
     v1::Intervention::TEACHING_ASSISTANT, 4, 3, 30, 1500, 0, "reading age",
     "months"},
    {"Precision teaching: number facts", v1::COGNITION_AND_LEARNING,
     v1::TARGETED_PLUS, v1::Intervention::TEACHING_ASSISTANT, 1, 5, 10, 1500, 0,
     "number facts known", "facts"},
    {"Talk boost", v1::COMMUNICATION_AND_INTERACTION, v1::TARGETED,
     v1::Intervention::TEACHING_ASSISTANT, 4, 3, 30, 1500, 3000,
     "language score", "points"},
    {"Speech and language therapy", v1::COMMUNICATION_AND_INTERACTION,
     v1::SPECIALIST, v1::Intervention::EXTERNAL_SPECIALIST, 1, 1, 45, 5500, 0,
     "speech sounds correct", "sounds"},
    {"Emotional literacy support", v1::SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH,
     v1::TARGETED_PLUS, v1::Intervention::TEACHING_ASSISTANT, 1, 1, 45, 1600, 0,
     "wellbeing score (SWEMWBS)", "points"},
    {"Fine motor skills group", v1::SENSORY_AND_PHYSICAL, v1::TARGETED,
     v1::Intervention::TEACHING_ASSISTANT, 6, 2, 20, 1500, 2500,
     "handwriting speed", "words a minute"},
};

constexpr const char* kSuccess[] = {
    "Reads a book at the next colour band aloud with few errors",
    "Asks for help in class using an agreed signal",
    "Knows number bonds to 10 by heart",
    "Joins in a small-group conversation for five minutes",
    "Uses a calm-down plan without adult prompting",
    "Writes three sentences legibly in ten minutes"};

template <typename Response, typename Call>
absl::StatusOr<Response> Checked(const std::string& what, Call call) {
  auto result = call();
  if (!result.ok()) {
    return absl::Status(result.status().code(),
                        absl::StrCat(what, ": ", result.status().message()));
  }
  return result;
}

}  // namespace

absl::StatusOr<std::vector<v1::Intervention>> SeedCatalogue(
    CaseClient& client, const std::string& urn, const std::string& key) {
  std::vector<v1::Intervention> out;
  int n = 0;
  for (const CatalogueEntry& e : kCatalogue) {
    v1::CreateInterventionRequest req;
    req.set_parent(absl::StrCat("settings/", urn));
    auto* i = req.mutable_intervention();
    i->set_title(e.title);
    i->set_area_of_need(e.area);
    i->set_layer(e.layer);
    i->set_delivered_by(e.staff);
    i->set_group_size(e.group);
    i->set_sessions_per_week(e.sessions);
    i->set_minutes_per_session(e.minutes);
    i->set_staff_cost_per_hour_pence(e.per_hour);
    i->set_fixed_cost_per_term_pence(e.fixed);
    i->mutable_measure()->set_name(e.measure);
    i->mutable_measure()->set_unit(e.unit);
    req.set_request_id(absl::StrCat(key, "-", urn, "-", n++));
    auto created = client.CreateIntervention(req);
    if (!created.ok()) return created.status();
    out.push_back(*created);
  }
  return out;
}

absl::Status SeedSupport(CaseClient& client, std::mt19937_64& rng,
                         const v1::Pupil& pupil,
                         const std::vector<v1::Intervention>& catalogue,
                         const DemoSupport& s, sys_days today,
                         const std::string& key) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  int step = 0;
  auto id = [&] { return absl::StrCat(key, "-s", step++); };
  // Two outcomes, from two interventions' areas.
  const v1::Intervention& first = catalogue[pick(0, catalogue.size() - 1)];
  const v1::Intervention& second = catalogue[pick(0, catalogue.size() - 1)];
  v1::CreateSupportPlanRequest draft;
  draft.set_parent(pupil.name());
  draft.set_request_id(id());
  auto* plan = draft.mutable_support_plan();
  for (const v1::Intervention* i : {&first, &second}) {
    auto* o = plan->add_outcomes();
    o->set_id(plan->outcomes_size() == 1 ? "first" : "second");
    o->set_area_of_need(i->area_of_need());
    o->set_success_criteria(kSuccess[pick(0, std::size(kSuccess) - 1)]);
    *o->mutable_target_date() = ProtoDay(s.start + days{pick(150, 300)});
  }
  plan->set_strategies("Seat near the front; instructions in short steps");
  plan->set_parent_views("Happy with the plan; would like weekly updates");
  *plan->mutable_review_date() = ProtoDay(s.review);
  auto created = Checked<v1::SupportPlan>(
      "support plan", [&] { return client.CreateSupportPlan(draft); });
  if (!created.ok()) return created.status();
  v1::AgreeSupportPlanRequest agree;
  agree.set_name(created->name());
  *agree.mutable_meeting()->mutable_date() = ProtoDay(s.start);
  for (v1::Role r : {v1::SENCO, v1::CLASS_TEACHER, v1::PARENT}) {
    agree.mutable_meeting()->add_participants(r);
  }
  agree.set_request_id(id());
  auto agreed = Checked<v1::SupportPlan>(
      "agree", [&] { return client.AgreeSupportPlan(agree); });
  if (!agreed.ok()) return agreed.status();

  const bool two_places = &first != &second && pick(0, 1) == 1;
  for (int n = 0; n < (two_places ? 2 : 1); ++n) {
    const v1::Intervention* i = n == 0 ? &first : &second;
    v1::CreateInterventionPlaceRequest place;
    place.set_parent(pupil.name());
    place.set_request_id(id());
    auto* p = place.mutable_place();
    p->set_intervention(i->name());
    const sys_days begin = std::min(s.start + days{7}, today);
    *p->mutable_start_date() = ProtoDay(begin);
    const int planned = i->sessions_per_week() * 10;
    p->set_planned_sessions(planned);
    const double entry = pick(40, 100);
    p->set_entry_measure(entry);
    p->set_support_plan(agreed->name());
    p->add_outcome_ids(n == 0 ? "first" : "second");
    if (begin + days{70} < today) {  // ten weeks on: ended and measured
      *p->mutable_end_date() = ProtoDay(begin + days{70});
      p->set_attended_sessions(pick(planned * 6 / 10, planned));
      p->set_exit_measure(entry + pick(-2, 12));
    }
    auto placed = Checked<v1::InterventionPlace>(
        "place", [&] { return client.CreateInterventionPlace(place); });
    if (!placed.ok()) return placed.status();
  }

  if (s.referral.has_value()) {
    v1::CreateAgencyReferralRequest refer;
    refer.set_parent(pupil.name());
    refer.set_request_id(id());
    auto* r = refer.mutable_referral();
    r->set_agency(v1::AgencyReferral::EDUCATIONAL_PSYCHOLOGY);
    r->set_service("EP");
    r->set_reason("Little progress despite two cycles of targeted support");
    r->mutable_consent()->set_given_by("Parent");
    *r->mutable_consent()->mutable_given_date() = ProtoDay(*s.referral);
    *r->mutable_referral_date() = ProtoDay(*s.referral);
    auto referred = Checked<v1::AgencyReferral>(
        "referral", [&] { return client.CreateAgencyReferral(refer); });
    if (!referred.ok()) return referred.status();
  }

  if (s.next_review.has_value()) {
    v1::ReviewSupportPlanRequest review;
    review.set_name(agreed->name());
    review.set_request_id(id());
    *review.mutable_meeting() = agree.meeting();
    *review.mutable_meeting()->mutable_date() = ProtoDay(s.review);
    *review.mutable_next_review_date() = ProtoDay(*s.next_review);
    for (const auto& o : agreed->outcomes()) {
      auto* rating = review.add_ratings();
      rating->set_outcome_id(o.id());
      rating->set_rating(pick(-1, 2));
    }
    auto reviewed = Checked<v1::ReviewSupportPlanResponse>(
        "review", [&] { return client.ReviewSupportPlan(review); });
    if (!reviewed.ok()) return reviewed.status();
    v1::AgreeSupportPlanRequest next = agree;
    next.set_name(reviewed->next_draft().name());
    *next.mutable_meeting()->mutable_date() = ProtoDay(s.review);
    next.set_request_id(id());
    auto again = Checked<v1::SupportPlan>(
        "agree the next cycle", [&] { return client.AgreeSupportPlan(next); });
    if (!again.ok()) return again.status();
  }
  return absl::OkStatus();
}

}  // namespace sendcase::client
