#include "clients/cli/roll/roll_rows.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/demo_seed.h"
#include "clients/cli/roll/roll_columns.h"
#include "clients/cli/roll/roll_values.h"

namespace sendcase::client {
namespace {

using C = RollColumn;

// One record's values, and its problems as "column \"X\": ..." texts.
class RowReader {
 public:
  RowReader(const RollColumns& cols, const CsvRecord& rec)
      : cols_(cols), rec_(rec) {}

  bool Has(C c) const { return cols_.has(c); }
  std::string Get(C c) const {
    if (!cols_.has(c)) return "";
    return std::string(absl::StripAsciiWhitespace(rec_.fields[cols_.at(c)]));
  }
  void Problem(C c, absl::string_view what) {
    problems.push_back(
        absl::StrCat("column \"", cols_.header(c), "\": ", what));
  }
  void Problem(C c, const std::string& value, absl::string_view what) {
    Problem(c, absl::StrCat("\"", value, "\" ", what));
  }

  std::vector<std::string> problems;

 private:
  const RollColumns& cols_;
  const CsvRecord& rec_;
};

// A pupil being built from one or more rows (one per ranked need).
struct Pending {
  RollRow row;
  std::map<int, std::pair<v1::NeedType, int>> ranked;  // rank → need, line
};

struct Problem {
  int line;
  std::string text;
};

// Reads the pupil's own values (not ranked needs) into `row`.
void ReadPupil(RowReader& r, RollRow& row) {
  const std::string upn = absl::AsciiStrToUpper(r.Get(C::kUpn));
  if (upn.empty()) {
    // A roll is matched to pupils by UPN, so a row needs one; a child who
    // has none yet (a nursery's) is added with its census reason instead.
    r.Problem(C::kUpn,
              "is empty: a roll row needs the UPN; add a child who has none "
              "with `sendcasectl pupils create --upn-unknown=UN1` (or the "
              "census reason that applies)");
  } else if (!UpnLooksValid(upn)) {
    r.Problem(C::kUpn, upn, "is not a UPN (13 characters, valid check letter)");
  }
  row.pupil.set_upn(upn);
  row.former_upn = absl::AsciiStrToUpper(r.Get(C::kFormerUpn));
  if (!row.former_upn.empty() && !UpnLooksValid(row.former_upn)) {
    r.Problem(C::kFormerUpn, row.former_upn, "is not a UPN");
  } else if (!row.former_upn.empty() && row.former_upn == upn) {
    row.former_upn.clear();  // unchanged: nothing to link
  }
  std::string surname = r.Get(C::kSurname), forename = r.Get(C::kForename);
  if (!r.Has(C::kName)) {
    for (auto [c, value] :
         {std::pair{C::kSurname, surname}, std::pair{C::kForename, forename}}) {
      if (value.empty() || value.size() > 100) {
        r.Problem(c, "required, up to 100 bytes");
      }
    }
  } else if (auto split = SplitSurnameForename(r.Get(C::kName))) {
    std::tie(surname, forename) = *split;
    if (surname.size() > 100 || forename.size() > 100) {
      r.Problem(C::kName, "each name up to 100 bytes");
    }
  } else {
    r.Problem(C::kName, r.Get(C::kName),
              "is not \"Surname, Forename\" (which part is the surname?)");
  }
  row.pupil.set_family_name(surname);
  row.pupil.set_given_name(forename);
  if (auto dob = ParseRollDate(r.Get(C::kDob))) {
    *row.pupil.mutable_birth_date() = *dob;
  } else {
    r.Problem(C::kDob, r.Get(C::kDob),
              "is not a date (YYYY-MM-DD or DD/MM/YYYY)");
  }
  if (auto year = ParseYearGroup(r.Get(C::kYear))) {
    row.year_group = *year;
  } else {
    r.Problem(C::kYear, r.Get(C::kYear),
              "is not a year group (N1, N2, R, 1 to 14 or X; \"Year 4\", "
              "\"Reception\")");
  }
  if (const std::string p = r.Get(C::kProvision); !p.empty()) {
    if (auto code = ParseProvision(p)) {
      row.provision = *code;
    } else {
      r.Problem(C::kProvision, p,
                "is not an SEN provision (N, K or E; \"K - SEN Support\")");
    }
  }
  for (C c : {C::kPrimaryNeed, C::kSecondaryNeed}) {
    const std::string text = r.Get(c);
    if (text.empty()) continue;
    auto need = ParseNeed(text);
    if (!need.has_value()) {
      r.Problem(c, text,
                "is not a census SEN type (ASD, SLCN ... or its name)");
    } else if (c == C::kSecondaryNeed && row.pupil.needs_size() == 0) {
      r.Problem(c, "given without a primary need");
    } else {
      row.pupil.add_needs(*need);
    }
  }
}

// The columns whose values differ between two rows of one pupil.
std::vector<C> Differences(const RollRow& a, const RollRow& b) {
  std::vector<C> out;
  if (a.pupil.family_name() != b.pupil.family_name())
    out.push_back(C::kSurname);
  if (a.pupil.given_name() != b.pupil.given_name()) out.push_back(C::kForename);
  if (a.pupil.birth_date().SerializeAsString() !=
      b.pupil.birth_date().SerializeAsString()) {
    out.push_back(C::kDob);
  }
  if (a.year_group != b.year_group) out.push_back(C::kYear);
  if (a.provision != b.provision) out.push_back(C::kProvision);
  if (a.former_upn != b.former_upn) out.push_back(C::kFormerUpn);
  return out;
}

}  // namespace

std::string PersonKey(const v1::Pupil& p) {
  return absl::StrCat(absl::AsciiStrToLower(p.family_name()), "\t",
                      absl::AsciiStrToLower(p.given_name()), "\t",
                      p.birth_date().year(), "-", p.birth_date().month(), "-",
                      p.birth_date().day());
}

bool UpnLooksValid(const std::string& upn) {
  if (upn.size() != 13 || !absl::ascii_isupper(upn[0])) return false;
  for (int i = 1; i < 12; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(upn[i]))) return false;
  }
  if (absl::ascii_isupper(static_cast<unsigned char>(upn[12]))) return true;
  return absl::ascii_isdigit(static_cast<unsigned char>(upn[12])) &&
         MakeUpn(upn.substr(1)) == upn;
}

absl::StatusOr<RollParse> ParseRoll(const std::vector<CsvRecord>& records) {
  if (records.empty()) {
    return absl::InvalidArgumentError("line 1: the file is empty");
  }
  auto found = FindRollColumns(records.front());
  if (!found.ok()) return found.status();
  const RollColumns& cols = *found;
  RollParse out;
  out.ignored = cols.ignored;
  std::vector<Problem> problems;
  std::vector<Pending> pending;
  std::map<std::string, size_t> by_upn;
  std::map<std::string, int> by_person;  // names + birth date → first line
  const bool ranked = cols.has(C::kRankedNeed);
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& rec = records[i];
    if (rec.fields.size() != cols.headers.size()) {
      problems.push_back(
          {rec.line,
           absl::StrCat(rec.fields.size(), " fields where the header has ",
                        cols.headers.size(),
                        " (a value with an unquoted "
                        "comma?)")});
      continue;
    }
    RowReader r(cols, rec);
    RollRow row;
    row.line = rec.line;
    ReadPupil(r, row);
    std::optional<v1::NeedType> need;
    int rank = 0;
    if (ranked && !r.Get(C::kRankedNeed).empty()) {
      need = ParseNeed(r.Get(C::kRankedNeed));
      if (!need) {
        r.Problem(C::kRankedNeed, r.Get(C::kRankedNeed),
                  "is not a census SEN type (ASD, SLCN ... or its name)");
      }
      const std::string rank_text = absl::AsciiStrToLower(r.Get(C::kNeedRank));
      rank = rank_text == "1" || rank_text == "primary"     ? 1
             : rank_text == "2" || rank_text == "secondary" ? 2
                                                            : 0;
      if (!rank_text.empty() && rank == 0) {
        r.Problem(C::kNeedRank, rank_text,
                  "is not a rank (1 primary, 2 secondary)");
      }
    }
    auto seen = by_upn.find(row.pupil.upn());
    if (r.problems.empty() && seen != by_upn.end()) {
      const RollRow& first = pending[seen->second].row;
      if (!ranked) {
        r.Problem(C::kUpn, absl::StrCat("repeats line ", first.line));
      }
      for (C c : Differences(first, row)) {
        r.Problem(c, absl::StrCat("differs from line ", first.line,
                                  ", the same UPN's first row"));
      }
    }
    if (r.problems.empty() && seen == by_upn.end()) {
      auto [other, fresh] = by_person.emplace(PersonKey(row.pupil), row.line);
      if (!fresh) {
        problems.push_back(
            {row.line,
             absl::StrCat(
                 "probable duplicate of line ", other->second,
                 ": the same names and date of birth under another "
                 "UPN (a \"Former UPN\" column links a replaced one)")});
        continue;
      }
      by_upn[row.pupil.upn()] = pending.size();
      pending.push_back({row, {}});
      seen = by_upn.find(row.pupil.upn());
    }
    if (r.problems.empty() && need.has_value()) {
      Pending& p = pending[seen->second];
      // Unranked needs take the next free rank only while there is one
      // (a single need is the primary one).
      const int at = rank != 0 ? rank : (p.ranked.empty() ? 1 : -1);
      if (at < 0) {
        r.Problem(C::kRankedNeed,
                  absl::StrCat("a second need for the UPN of line ", p.row.line,
                               ", and no rank says which is primary"));
      } else if (auto [it, fresh] =
                     p.ranked.emplace(at, std::pair(*need, rec.line));
                 !fresh) {
        r.Problem(cols.has(C::kNeedRank) ? C::kNeedRank : C::kRankedNeed,
                  absl::StrCat("rank ", at, " is already given on line ",
                               it->second.second));
      }
    }
    for (const std::string& text : r.problems) {
      problems.push_back({rec.line, text});
    }
  }
  // A former UPN links one row to one pupil: not two rows, and not a row
  // that is itself in the file.
  std::map<std::string, int> former_lines;
  for (const Pending& p : pending) {
    const std::string& former = p.row.former_upn;
    if (former.empty()) continue;
    const std::string column =
        absl::StrCat("column \"", cols.header(C::kFormerUpn), "\": ");
    if (auto own = by_upn.find(former); own != by_upn.end()) {
      problems.push_back(
          {p.row.line,
           absl::StrCat(column, "is the UPN of line ",
                        pending[own->second].row.line, " (one pupil twice?)")});
    } else if (auto [it, fresh] = former_lines.emplace(former, p.row.line);
               !fresh) {
      problems.push_back(
          {p.row.line, absl::StrCat(column, "also given on line ", it->second,
                                    " (which row is that pupil?)")});
    }
  }
  for (Pending& p : pending) {
    if (p.ranked.count(2) != 0 && p.ranked.count(1) == 0) {
      problems.push_back({p.ranked[2].second,
                          absl::StrCat("column \"", cols.header(C::kRankedNeed),
                                       "\": a secondary need and no primary "
                                       "one for this UPN")});
      continue;
    }
    for (const auto& [rank, need] : p.ranked) p.row.pupil.add_needs(need.first);
  }
  std::stable_sort(
      problems.begin(), problems.end(),
      [](const Problem& a, const Problem& b) { return a.line < b.line; });
  for (const Problem& p : problems) {
    out.errors.push_back(absl::StrCat("line ", p.line, ": ", p.text));
  }
  for (Pending& p : pending) out.rows.push_back(std::move(p.row));
  return out;
}

}  // namespace sendcase::client
