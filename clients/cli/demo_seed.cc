#include "clients/cli/demo_seed.h"

#include <cstdio>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cli/demo_support.h"
#include "clients/cli/event_builder.h"
#include "date/date.h"

namespace sendcase::client {
namespace {

using date::days;
using date::sys_days;

struct Setting {
  const char* urn;
  const char* la;
  const char* establishment;  // 4 digits of the UPN
  const char* name;
  v1::Setting::Phase phase;
  const char* trust;
};
// Three schools in two local authorities and two trusts, and a private
// nursery in LA 201 whose children have no UPN yet.
constexpr Setting kSettings[] = {
    {"100001", "201", "2001", "Oakfield Primary (demo)", v1::Setting::PRIMARY,
     "oak-trust"},
    {"100002", "201", "4005", "Oakfield Academy (demo)", v1::Setting::SECONDARY,
     "oak-trust"},
    {"200001", "202", "3010", "Elm Bank School (demo)", v1::Setting::SPECIAL,
     "elm-trust"},
    {"300001", "201", "", "Acorn Day Nursery (demo)", v1::Setting::EARLY_YEARS,
     ""}};
constexpr int kNursery = 3;

// Which setting pupil n attends: the schools in turn, except that every
// 30th pupil that would go to Elm Bank goes to the nursery instead.
int SettingOf(int n) { return n % 30 == 29 ? kNursery : n % 3; }
// Case officers per LA (a token subject each).
constexpr const char* kOfficers201[] = {"ann.officer", "raj.officer"};
constexpr const char* kOfficers202[] = {"kim.officer"};
// Types of need, roughly as common as in the census (ASD and SLCN first).
constexpr v1::NeedType kNeeds[] = {v1::ASD,  v1::SLCN, v1::SEMH, v1::SLCN,
                                   v1::ASD,  v1::MLD,  v1::SPLD, v1::SEMH,
                                   v1::PD,   v1::HI,   v1::VI,   v1::SLD,
                                   v1::PMLD, v1::MSI,  v1::OTH,  v1::DS};

constexpr const char* kGiven[] = {"Alex", "Sam",     "Jo",      "Robin",
                                  "Kit",  "Charlie", "Frankie", "Ash"};
constexpr const char* kFamily[] = {"Example", "Sample",      "Demo",
                                   "Test",    "Placeholder", "Fictional"};

std::string Ymd(sys_days d) { return date::format("%F", d); }

google::type::Date ToDate(sys_days d) {
  const date::year_month_day ymd(d);
  google::type::Date out;
  out.set_year(int(ymd.year()));
  out.set_month(static_cast<int>(unsigned(ymd.month())));
  out.set_day(static_cast<int>(unsigned(ymd.day())));
  return out;
}

// One pupil's plan: (kind, day offset from `start`, fields).
struct Step {
  std::string kind;
  int offset;
  std::vector<std::string> fields;
};

std::vector<Step> Journey(std::mt19937_64& rng, sys_days today,
                          sys_days* start) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  auto date_field = [&](const char* name, int offset) {
    return absl::StrCat(name, "=", Ymd(*start + days{offset}));
  };
  const int stage = pick(0, 99);
  if (stage < 25) {  // a concern only
    *start = today - days{pick(1, 120)};
    return {{"concern_raised", 0, {}}};
  }
  if (stage < 50) {  // SEN support; some reviews overdue
    *start = today - days{pick(30, 300)};
    // Termly: at most 88 days, inside the 3 months (89 days at the
    // shortest) that the early years' rhythm allows an under-5.
    const int review = pick(60, 88);
    std::vector<Step> steps = {
        {"sen_support_started", 0, {date_field("review_date", review)}}};
    if (stage < 35 && *start + days{review} < today) {
      steps.push_back({"support_reviewed",
                       review,
                       {date_field("next_review_date", review + 84)}});
    }
    if (stage >= 45) steps.push_back({"agency_involved", 20, {"agency=EP"}});
    return steps;
  }
  if (stage < 75) {  // on the 20-week clock now
    *start = today - days{pick(7, 170)};
    const int age = static_cast<int>((today - *start).count());
    std::vector<Step> steps = {{"assessment_requested", 0, {}}};
    if (age > 45) steps.push_back({"assessment_agreed", pick(30, 45), {}});
    if (age > 60) {
      steps.push_back({"advice_requested", 50, {"advice_giver=EP"}});
      steps.push_back({"advice_requested", 50, {"advice_giver=ICB"}});
    }
    if (age > 100)
      steps.push_back({"advice_received", 92, {"advice_giver=EP"}});
    return steps;
  }
  if (stage < 80) {  // refused
    *start = today - days{pick(60, 200)};
    return {{"assessment_requested", 0, {}}, {"assessment_refused", 40, {}}};
  }
  // An EHC plan, issued up to three years ago; some reviews held.
  *start = today - days{pick(200, 1100)};
  const int issued = pick(126, 160);
  std::vector<Step> steps = {{"assessment_requested", 0, {}},
                             {"assessment_agreed", 40, {}},
                             {"draft_plan_issued", issued - 28, {}},
                             {"final_plan_issued", issued, {}}};
  int review = issued + 350;
  while (*start + days{review} < today && pick(0, 3) > 0) {
    steps.push_back({"annual_review_held", review, {}});
    steps.push_back({"review_decision", review + 20, {"outcome=KEEP"}});
    review += 360;
  }
  return steps;
}

// The support steps of a SEN support journey, as days.
DemoSupport Support(const std::vector<Step>& steps, sys_days start,
                    sys_days today) {
  auto day_of = [&](const Step& step, const std::string& field) {
    for (const std::string& f : step.fields) {
      if (f.rfind(field + "=", 0) == 0) {
        // Ymd() wrote it: "YYYY-MM-DD".
        int y = 0;
        unsigned m = 0, d = 0;
        if (sscanf(f.c_str() + field.size() + 1, "%d-%u-%u", &y, &m, &d) == 3) {
          return sys_days(date::year{y} / m / d);
        }
      }
    }
    return start;
  };
  DemoSupport s{start, day_of(steps[0], "review_date"), std::nullopt,
                std::nullopt};
  for (const Step& step : steps) {
    if (step.kind == "support_reviewed") {
      s.next_review = day_of(step, "next_review_date");
    }
    if (step.kind == "agency_involved") {
      s.referral = std::min(start + days{step.offset}, today);
    }
  }
  return s;
}

}  // namespace

std::string MakeUpn(const std::string& d) {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (d[i] - '0') * (i + 2);
  return absl::StrCat(std::string(1, kAlphabet[sum % 23]), d);
}

absl::Status SeedDemo(CaseClient& client, const SeedOptions& options) {
  for (const Setting& s : kSettings) {
    v1::CreateSettingRequest req;
    req.mutable_setting()->set_urn(s.urn);
    req.mutable_setting()->set_display_name(s.name);
    req.mutable_setting()->set_phase(s.phase);
    req.mutable_setting()->set_local_authority_code(s.la);
    req.mutable_setting()->set_trust_id(s.trust);
    auto created = client.CreateSetting(req);
    if (!created.ok() && !absl::IsAlreadyExists(created.status())) {
      return created.status();  // a re-run finds them registered
    }
  }
  // Each setting's intervention catalogue.
  std::vector<std::vector<v1::Intervention>> catalogues;
  for (const Setting& s : kSettings) {
    auto catalogue = SeedCatalogue(
        client, s.urn, absl::StrCat("demo-seed-", options.seed, "-catalogue"));
    if (!catalogue.ok()) return catalogue.status();
    catalogues.push_back(*std::move(catalogue));
  }
  std::mt19937_64 rng(options.seed);
  sys_days today{};
  for (int n = 0; n < options.pupils; ++n) {
    const Setting& s = kSettings[SettingOf(n)];
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    // LA, establishment, year allocated (26, then earlier years once a
    // school's 1,000 serials are used up: 10,000 pupils need four), serial.
    const int serial = n / 3;
    if (SettingOf(n) != kNursery) {
      p->set_upn(MakeUpn(absl::StrFormat("%s%s%02d%03d", s.la, s.establishment,
                                         (126 - serial / 1000 % 100) % 100,
                                         serial % 1000)));
    } else {
      p->set_upn_unknown(v1::UN1);  // under 6, no UPN assigned yet
    }
    p->set_given_name(kGiven[n % 8]);
    p->set_family_name(absl::StrCat(kFamily[n % 6], "-", n));
    p->set_setting_urn(s.urn);
    p->set_local_authority_code(s.la);
    // The SEN2 person items, from n (the random stream stays as it was):
    // one child in 17 without them, so the SEN2 report has errors to show.
    if (n % 17 != 0) {
      static constexpr const char* kEthnicity[] = {
          "WBRI", "WOTH", "MWBC", "AIND", "BAFR", "CHNE", "APKN", "NOBT"};
      p->set_sex(n % 2 == 0 ? v1::FEMALE : v1::MALE);
      p->set_ethnicity(kEthnicity[n % 8]);
      p->set_postcode(absl::StrFormat("LS%d %dAB", n % 28 + 1, n % 9 + 1));
    }
    // Birth dates from 3 to 16 years before a fixed day (age matters to
    // rules only for the under-5s); a nursery child is 2 or 3 today.
    const int age_days = static_cast<int>(rng() % 4700);
    *p->mutable_birth_date() =
        SettingOf(n) == kNursery
            ? ToDate(today - days{730 + age_days % 700})
            : ToDate(sys_days(date::year{2010} / 9 / 1) + days{age_days});
    req.set_request_id(absl::StrCat("demo-seed-", options.seed, "-", n));
    auto pupil = client.CreatePupil(req);
    if (!pupil.ok()) {
      return absl::Status(
          pupil.status().code(),
          absl::StrCat("pupil ", n + 1, ": ", pupil.status().message()));
    }
    if (n == 0) {
      // Dates are relative to the server's today, read from its own reply.
      today = date::floor<days>(date::sys_seconds(
          std::chrono::seconds(pupil->create_time().seconds())));
    }
    sys_days start{};
    int index = 0;
    std::vector<Step> steps = Journey(rng, today, &start);
    if (SettingOf(n) == kNursery &&
        steps.front().kind != "sen_support_started") {
      // A nursery child of 2 or 3: a concern raised last month, not an EHC
      // journey that began before the child was born.
      steps = {{"concern_raised", 0, {}}};
      start = today - days{30};
    }
    if (steps.front().kind == "sen_support_started") {
      // SEN support as the school keeps it: a plan agreed with the family,
      // places on interventions, a referral, reviews (demo_support.h).
      absl::Status seeded =
          SeedSupport(client, rng, *pupil, catalogues[SettingOf(n)],
                      Support(steps, start, today), today,
                      absl::StrCat("demo-seed-", options.seed, "-", n));
      if (!seeded.ok()) {
        return absl::Status(seeded.code(), absl::StrCat("pupil ", n + 1, ", ",
                                                        seeded.message()));
      }
    }
    for (Step& step : steps) {
      if (steps.front().kind == "sen_support_started") break;
      // Who asked (SEN2 RequestSource; one in 13 left out) and where the
      // plan places the child (its school).
      static constexpr const char* kSources[] = {
          "YOUNG_PERSON_OR_PARENT", "SCHOOL_OR_SETTING", "HEALTH_CARE",
          "SOCIAL_CARE", "SCHOOL_OR_SETTING"};
      if (step.kind == "assessment_requested" && n % 13 != 0) {
        step.fields.push_back(absl::StrCat("source=", kSources[n % 5]));
      }
      if (step.kind == "final_plan_issued") {
        step.fields.push_back(absl::StrCat("placements=", s.urn));
      }
      const sys_days day = std::min(start + days{step.offset}, today);
      auto event = BuildEvent(step.kind, Ymd(day), step.fields);
      if (!event.ok()) return event.status();
      v1::RecordEventRequest record;
      record.set_journey(pupil->current_journey());
      *record.mutable_event() = *event;
      record.set_request_id(
          absl::StrCat("demo-seed-", options.seed, "-", n, "-", index++));
      auto journey = client.RecordEvent(record);
      if (!journey.ok()) {
        return absl::Status(journey.status().code(),
                            absl::StrCat("pupil ", n + 1, ", ", step.kind, ": ",
                                         journey.status().message()));
      }
    }
    if (index > 1 || steps.front().kind != "concern_raised") {
      // On the register: give the pupil a primary and maybe a secondary need.
      v1::UpdatePupilRequest update;
      update.mutable_pupil()->set_name(pupil->name());
      update.mutable_update_mask()->add_paths("needs");
      const v1::NeedType primary = kNeeds[rng() % std::size(kNeeds)];
      const v1::NeedType secondary = kNeeds[rng() % std::size(kNeeds)];
      update.mutable_pupil()->add_needs(primary);
      if (secondary != primary && rng() % 2 == 0) {
        update.mutable_pupil()->add_needs(secondary);
      }
      update.set_request_id(
          absl::StrCat("demo-seed-", options.seed, "-", n, "-needs"));
      auto updated = client.UpdatePupil(update);
      if (!updated.ok()) return updated.status();
    }
    if (steps.front().kind == "assessment_requested") {
      v1::AssignCaseOfficerRequest assign;
      assign.set_journey(pupil->current_journey());
      assign.set_case_officer(std::string(s.la) == "201" ? kOfficers201[n % 2]
                                                         : kOfficers202[0]);
      auto assigned = client.AssignCaseOfficer(assign);
      if (!assigned.ok()) return assigned.status();
    }
    if (options.progress) options.progress(n + 1, options.pupils);
  }
  return absl::OkStatus();
}

}  // namespace sendcase::client
