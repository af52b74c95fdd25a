#include "clients/cli/roll/roll_values.h"

#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "date/date.h"

namespace sendcase::client {
namespace {

// Lower-case words, punctuation and "and" dropped: "Profound & Multiple
// Learning Difficulty" and "profound and multiple learning difficulty" meet.
std::string Words(absl::string_view text) {
  std::string out;
  for (absl::string_view word :
       absl::StrSplit(text, absl::ByAnyChar(" ,&/-_.()'"), absl::SkipEmpty())) {
    const std::string lower = absl::AsciiStrToLower(word);
    if (lower != "and") out += lower;
  }
  return out;
}

// "CODE - description": the code and the description, when the text has that
// shape (a short first part before a hyphen).
std::optional<std::pair<std::string, std::string>> CodeAndText(
    const std::string& text) {
  const size_t dash = text.find('-');
  if (dash == std::string::npos) return std::nullopt;
  const std::string code(absl::StripAsciiWhitespace(text.substr(0, dash)));
  const std::string rest(absl::StripAsciiWhitespace(text.substr(dash + 1)));
  if (code.empty() || code.size() > 5 || rest.empty()) return std::nullopt;
  return std::pair(code, rest);
}

// Reads `text` as a code (`by_code`), as text (`by_words`), or as
// "CODE - text" where both parts, if both are known, agree.
template <typename T>
std::optional<T> CodeOrText(const std::string& text,
                            const std::map<std::string, T>& by_code,
                            const std::map<std::string, T>& by_words) {
  const std::string upper = absl::AsciiStrToUpper(text);
  if (auto it = by_code.find(upper); it != by_code.end()) return it->second;
  if (auto it = by_words.find(Words(text)); it != by_words.end()) {
    return it->second;
  }
  auto parts = CodeAndText(text);
  if (!parts.has_value()) return std::nullopt;
  auto code = by_code.find(absl::AsciiStrToUpper(parts->first));
  if (code == by_code.end()) return std::nullopt;
  auto words = by_words.find(Words(parts->second));
  if (words != by_words.end() && words->second != code->second) {
    return std::nullopt;  // "K - Education, Health and Care Plan": which?
  }
  return code->second;
}

}  // namespace

std::optional<google::type::Date> ParseRollDate(const std::string& raw) {
  std::string text(absl::StripAsciiWhitespace(raw));
  for (const char* midnight : {" 00:00:00", " 00:00", "T00:00:00"}) {
    if (absl::EndsWith(text, midnight)) {
      text.resize(text.size() - std::string(midnight).size());
    }
  }
  int y = 0, m = 0, d = 0;
  std::vector<std::string> p;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    p = absl::StrSplit(text, '-');
    if (!absl::SimpleAtoi(p[0], &y) || !absl::SimpleAtoi(p[1], &m) ||
        !absl::SimpleAtoi(p[2], &d)) {
      return std::nullopt;
    }
  } else {
    p = absl::StrSplit(text, '/');
    if (p.size() != 3 || p[0].empty() || p[0].size() > 2 || p[1].empty() ||
        p[1].size() > 2 || p[2].size() != 4 || !absl::SimpleAtoi(p[0], &d) ||
        !absl::SimpleAtoi(p[1], &m) || !absl::SimpleAtoi(p[2], &y)) {
      return std::nullopt;
    }
  }
  const date::year_month_day ymd{date::year{y}, date::month(m), date::day(d)};
  if (m < 1 || d < 1 || !ymd.ok() || y < 1900) return std::nullopt;
  google::type::Date out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

std::optional<std::string> ParseYearGroup(const std::string& raw) {
  const std::string w = Words(raw);
  if (w.empty()) return std::string();
  static const auto* kNamed = new std::map<std::string, std::string>{
      {"r", "R"},       {"rec", "R"},       {"reception", "R"},
      {"yr", "R"},      {"n1", "N1"},       {"nursery1", "N1"},
      {"n2", "N2"},     {"nursery2", "N2"}, {"x", "X"},
      {"ncyearx", "X"}, {"noncyear", "X"},  {"nationalcurriculumyearx", "X"}};
  if (auto it = kNamed->find(w); it != kNamed->end()) return it->second;
  absl::string_view rest = w;
  for (const char* prefix : {"ncyear", "year", "yr", "y"}) {
    if (absl::ConsumePrefix(&rest, prefix)) break;
  }
  if (auto it = kNamed->find(std::string(rest)); it != kNamed->end()) {
    return it->second;
  }
  int n = 0;
  if (absl::SimpleAtoi(rest, &n) && n >= 1 && n <= 14) return std::to_string(n);
  return std::nullopt;
}

std::optional<char> ParseProvision(const std::string& raw) {
  const std::string text(absl::StripAsciiWhitespace(raw));
  static const auto* kCodes = new std::map<std::string, char>{
      {"N", 'N'}, {"K", 'K'}, {"E", 'E'}, {"A", 'K'}, {"P", 'K'}, {"S", 'E'}};
  static const auto* kWords = new std::map<std::string, char>{
      {"nospecialeducationalneed", 'N'},
      {"nospecialeducationalneeds", 'N'},
      {"nosen", 'N'},
      {"nosenprovision", 'N'},
      {"none", 'N'},
      {"monitoring", 'N'},
      {"sensupport", 'K'},
      {"senwithoutanehcplan", 'K'},
      {"schoolaction", 'K'},
      {"schoolactionplus", 'K'},
      {"educationhealthcareplan", 'E'},
      {"ehcplan", 'E'},
      {"ehcp", 'E'},
      {"statement", 'E'},
      {"statementofsen", 'E'},
      {"statementofspecialeducationalneeds", 'E'}};
  return CodeOrText(text, *kCodes, *kWords);
}

std::optional<v1::NeedType> ParseNeed(const std::string& raw) {
  const std::string text(absl::StripAsciiWhitespace(raw));
  static const auto* kCodes = [] {
    auto* codes = new std::map<std::string, v1::NeedType>{{"BESD", v1::SEMH}};
    for (int n = 1; v1::NeedType_IsValid(n); ++n) {
      (*codes)[v1::NeedType_Name(static_cast<v1::NeedType>(n))] =
          static_cast<v1::NeedType>(n);
    }
    return codes;
  }();
  static const auto* kWords = new std::map<std::string, v1::NeedType>{
      {"specificlearningdifficulty", v1::SPLD},
      {"moderatelearningdifficulty", v1::MLD},
      {"severelearningdifficulty", v1::SLD},
      {"profoundmultiplelearningdifficulty", v1::PMLD},
      {"socialemotionalmentalhealth", v1::SEMH},
      {"behaviouremotionalsocialdifficulty", v1::SEMH},
      {"speechlanguagecommunicationneeds", v1::SLCN},
      {"speechlanguagecommunicationsneeds", v1::SLCN},
      {"autisticspectrumdisorder", v1::ASD},
      {"autismspectrumdisorder", v1::ASD},
      {"autism", v1::ASD},
      {"hearingimpairment", v1::HI},
      {"visionimpairment", v1::VI},
      {"visualimpairment", v1::VI},
      {"multisensoryimpairment", v1::MSI},
      {"physicaldisability", v1::PD},
      {"otherdifficultydisability", v1::OTH},
      {"otherdifficultyordisability", v1::OTH},
      {"otherdifficulty", v1::OTH},
      {"sensupportbutnospecialistassessmentoftypeofneed", v1::NSA}};
  return CodeOrText(text, *kCodes, *kWords);
}

std::optional<std::pair<std::string, std::string>> SplitSurnameForename(
    const std::string& text) {
  const size_t comma = text.find(',');
  if (comma == std::string::npos) return std::nullopt;
  std::string surname(absl::StripAsciiWhitespace(text.substr(0, comma)));
  std::string forename(absl::StripAsciiWhitespace(text.substr(comma + 1)));
  if (surname.empty() || forename.empty()) return std::nullopt;
  return std::pair(surname, forename);
}

}  // namespace sendcase::client
