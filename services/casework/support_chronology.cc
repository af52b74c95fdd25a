// The graduated approach in a pupil's chronology (chronology.h): plans
// agreed and reviewed, places begun and ended.
#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/casework/chronology.h"
#include "services/common/civil_date.h"
#include "services/common/proto_time.h"

namespace sendcase::casework {
namespace {

void Add(std::vector<v1::ChronologyEntry>& out, const google::type::Date& date,
         const std::string& journey, const std::string& resource,
         std::string summary) {
  v1::ChronologyEntry& e = out.emplace_back();
  *e.mutable_date() = date;
  e.set_journey(journey);
  e.set_kind(v1::ChronologyEntry::SUPPORT);
  e.set_resource(resource);
  e.set_summary(std::move(summary));
}

std::string Ratings(const v1::SupportPlan& plan) {
  std::vector<std::string> parts;
  for (const auto& o : plan.outcomes()) {
    parts.push_back(
        absl::StrCat(o.id(), " ", o.rating() > 0 ? "+" : "", o.rating()));
  }
  return absl::StrJoin(parts, ", ");
}

std::string Day(const google::type::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

}  // namespace

void AddSupportLines(const std::vector<v1::SupportPlan>& plans,
                     const std::vector<v1::InterventionPlace>& places,
                     const std::vector<v1::ImportedPlanHistory>& imported,
                     std::vector<v1::ChronologyEntry>& entries) {
  std::vector<v1::ChronologyEntry> lines;
  for (const v1::ImportedPlanHistory& i : imported) {
    const auto& h = i.history();
    Add(lines, ToProtoDate(LondonDate(FromTimestamp(i.import_time()))), "",
        i.name(),
        absl::StrCat(
            "plan history imported",
            i.source_setting_urn().empty()
                ? ""
                : absl::StrCat(" from settings/", i.source_setting_urn()),
            ": ", h.support_plans_size(), " plan cycle(s), ", h.places_size(),
            " place(s), ", h.referrals_size(), " referral(s)"));
  }
  for (const v1::SupportPlan& p : plans) {
    if (p.has_agreed_at()) {
      Add(lines, p.agreed_at().date(), p.journey(), p.name(),
          absl::StrCat("support plan ", p.cycle(),
                       " agreed: ", p.outcomes_size(), " outcome(s), review ",
                       Day(p.review_date()),
                       p.agreed_at().parent_participated() ? ", with a parent"
                                                           : ", no parent"));
    }
    if (p.has_reviewed_at()) {
      Add(lines, p.reviewed_at().date(), p.journey(), p.name(),
          absl::StrCat("support plan ", p.cycle(), " reviewed: ", Ratings(p)));
    }
  }
  for (const v1::InterventionPlace& p : places) {
    Add(lines, p.start_date(), "", p.name(),
        absl::StrCat("intervention place began (", p.intervention(), ", ",
                     p.planned_sessions(), " sessions planned)"));
    if (p.has_end_date()) {
      std::string measures;
      if (p.has_entry_measure() && p.has_exit_measure()) {
        measures = absl::StrFormat("; entry %.1f, exit %.1f", p.entry_measure(),
                                   p.exit_measure());
      }
      Add(lines, p.end_date(), "", p.name(),
          absl::StrCat("intervention place ended (", p.attended_sessions(), "/",
                       p.planned_sessions(), " sessions", measures, ")"));
    }
  }
  auto key = [](const v1::ChronologyEntry& e) {
    return std::make_tuple(e.date().year(), e.date().month(), e.date().day(),
                           static_cast<int>(e.kind()));
  };
  std::vector<v1::ChronologyEntry> merged;
  merged.reserve(entries.size() + lines.size());
  std::stable_sort(
      lines.begin(), lines.end(),
      [&](const auto& a, const auto& b) { return key(a) < key(b); });
  std::merge(entries.begin(), entries.end(), lines.begin(), lines.end(),
             std::back_inserter(merged),
             [&](const auto& a, const auto& b) { return key(a) < key(b); });
  entries = std::move(merged);
}

}  // namespace sendcase::casework
