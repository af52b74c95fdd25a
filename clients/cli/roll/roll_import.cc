#include "clients/cli/roll/roll_import.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "clients/cli/format.h"

namespace sendcase::client {
namespace {

// A pupil's key in ExistingByUpn: its UPN, or for a child recorded without
// one (a nursery's, UPN unknown) its resource name, which no roll UPN equals.
std::string KeyOf(const v1::Pupil& p) {
  return p.upn().empty() ? absl::StrCat("no UPN: ", p.name()) : p.upn();
}

// Every pupil the caller may see, by KeyOf.
absl::StatusOr<std::map<std::string, v1::Pupil>> ExistingByUpn(
    CaseClient& client) {
  std::map<std::string, v1::Pupil> by_upn;
  v1::ListPupilsRequest req;
  req.set_page_size(1000);
  do {
    auto page = client.ListPupils(req);
    if (!page.ok()) return page.status();
    for (const auto& p : page->pupils()) by_upn[KeyOf(p)] = p;
    req.set_page_token(page->next_page_token());
  } while (!req.page_token().empty());
  return by_upn;
}

absl::StatusOr<std::string> LaOf(CaseClient& client, const std::string& urn) {
  v1::ListSettingsRequest req;
  req.set_page_size(1000);
  do {
    auto page = client.ListSettings(req);
    if (!page.ok()) return page.status();
    for (const auto& s : page->settings()) {
      if (s.urn() == urn) return s.local_authority_code();
    }
    req.set_page_token(page->next_page_token());
  } while (!req.page_token().empty());
  return absl::FailedPreconditionError(absl::StrCat(
      "--la-code: settings/", urn,
      " is not in the settings register; register it or pass --la-code"));
}

bool SameDate(const google::type::Date& a, const google::type::Date& b) {
  return a.year() == b.year() && a.month() == b.month() && a.day() == b.day();
}

// The fields of `row` that differ from `current`, as an update mask.
std::vector<std::string> Changed(const v1::Pupil& row,
                                 const v1::Pupil& current) {
  std::vector<std::string> paths;
  if (row.given_name() != current.given_name()) paths.push_back("given_name");
  if (row.family_name() != current.family_name()) {
    paths.push_back("family_name");
  }
  if (!SameDate(row.birth_date(), current.birth_date())) {
    paths.push_back("birth_date");
  }
  if (row.setting_urn() != current.setting_urn()) {
    paths.push_back("setting_urn");
  }
  if (std::vector<int>(row.needs().begin(), row.needs().end()) !=
      std::vector<int>(current.needs().begin(), current.needs().end())) {
    paths.push_back("needs");
  }
  return paths;
}

// Imports one row into `summary`: creates, updates, links or reports it.
void ImportOne(CaseClient& client, const RollRow& row,
               const ImportOptions& options, const std::string& la,
               const std::map<std::string, v1::Pupil>& existing,
               const std::map<std::string, std::string>& at_setting,
               ImportSummary& summary) {
  v1::Pupil wanted = row.pupil;
  wanted.set_setting_urn(options.setting_urn);
  auto it = existing.find(wanted.upn());
  if (it != existing.end() && !row.former_upn.empty() &&
      existing.count(row.former_upn) != 0) {
    // Both are pupils already: two records of one child, to merge by hand.
    ++summary.duplicates;
    summary.errors.push_back(absl::StrCat(
        "line ", row.line, ": the UPN is ", it->second.name(),
        " and its Former UPN is ", existing.at(row.former_upn).name(),
        ": probably one pupil recorded twice; left as they are"));
    return;
  }
  bool linking = false;
  if (it == existing.end() && !row.former_upn.empty()) {
    // A temporary UPN replaced by the permanent one: the same pupil.
    it = existing.find(row.former_upn);
    linking = it != existing.end();
  }
  absl::Status status;
  v1::SenProvision provision = v1::SEN_PROVISION_N;
  if (it == existing.end()) {
    auto twin = at_setting.find(PersonKey(wanted));
    if (twin != at_setting.end() && existing.at(twin->second).upn().empty()) {
      // A child first recorded without a UPN (at a nursery, say) now on a
      // school's roll: the same child, to be given the UPN, not a second
      // record.
      const v1::Pupil& known = existing.at(twin->second);
      ++summary.duplicates;
      summary.errors.push_back(absl::StrCat(
          "line ", row.line, ": probably ", known.name(),
          ", recorded without a UPN (",
          v1::UpnUnknownReason_Name(known.upn_unknown()),
          ") under the same names and date of birth; not created: give that "
          "pupil this UPN (sendcasectl pupils update ",
          known.name(), " --upn=", wanted.upn(),
          ", and --setting-urn if it moved), then import again"));
      return;
    }
    if (twin != at_setting.end()) {
      ++summary.duplicates;
      summary.errors.push_back(absl::StrCat(
          "line ", row.line, ": probable duplicate of ",
          existing.at(twin->second).name(),
          " (the same names and date of birth under another UPN); not "
          "created: give the UPN it replaces in a \"Former UPN\" column, "
          "or correct the UPN"));
      return;
    }
    wanted.set_local_authority_code(la);
    if (!options.dry_run) {
      v1::CreatePupilRequest req;
      *req.mutable_pupil() = wanted;
      // A re-run after an interruption replays instead of duplicating.
      req.set_request_id(absl::StrCat("roll-", wanted.upn()));
      status = client.CreatePupil(req).status();
    }
    if (status.ok()) ++summary.created;
  } else {
    provision = it->second.sen_provision();
    std::vector<std::string> paths = Changed(wanted, it->second);
    if (linking) paths.push_back("upn");
    if (paths.empty()) {
      ++summary.unchanged;
    } else {
      if (!options.dry_run) {
        v1::UpdatePupilRequest req;
        *req.mutable_pupil() = wanted;
        req.mutable_pupil()->set_name(it->second.name());
        req.mutable_pupil()->set_etag(it->second.etag());
        for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
        status = client.UpdatePupil(req).status();
      }
      if (status.ok() && linking) {
        ++summary.linked;
        summary.notes.push_back(absl::StrCat(
            "line ", row.line, ": ", it->second.name(), " takes UPN ",
            wanted.upn(), " in place of its former UPN ", row.former_upn,
            " (its journeys stay with it)"));
      } else if (status.ok()) {
        ++summary.updated;
      }
    }
  }
  if (!status.ok()) {
    ++summary.failed;
    summary.errors.push_back(absl::StrCat(
        "line ", row.line, ": ", absl::StatusCodeToString(status.code()), ": ",
        status.message()));
  } else if (row.provision != 0 &&
             std::string(1, row.provision) != ProvisionCode(provision)) {
    summary.notes.push_back(absl::StrCat(
        "line ", row.line, ": the roll says ", std::string(1, row.provision),
        ", sendcase has ", ProvisionCode(provision),
        " (provision follows the journey: record its events)"));
  }
}

}  // namespace

absl::StatusOr<ImportSummary> ImportRoll(CaseClient& client,
                                         const std::vector<RollRow>& rows,
                                         const ImportOptions& options) {
  std::string la = options.la_code;
  if (la.empty()) {
    auto found = LaOf(client, options.setting_urn);
    if (!found.ok()) return found.status();
    la = *found;
  }
  auto existing = ExistingByUpn(client);
  if (!existing.ok()) return existing.status();
  // The setting's pupils by names and birth date, to catch a pupil entered
  // again under a new UPN; and, wherever they are, children recorded
  // without a UPN, who get one when they start school.
  std::map<std::string, std::string> at_setting;  // person → KeyOf
  for (const auto& [key, p] : *existing) {
    if (p.setting_urn() == options.setting_urn || p.upn().empty()) {
      at_setting[PersonKey(p)] = key;
    }
  }
  ImportSummary summary;
  int done = 0;
  for (const RollRow& row : rows) {
    ImportOne(client, row, options, la, *existing, at_setting, summary);
    if (options.progress) {
      options.progress(++done, static_cast<int>(rows.size()));
    }
  }
  return summary;
}

}  // namespace sendcase::client
