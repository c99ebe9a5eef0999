#include "skillscore/report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace skillscore {

std::string ReportNumber(const Rational& value, int decimals, char decimal_separator) {
  std::string text = value.ToDecimal(decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  std::replace(text.begin(), text.end(), '.', decimal_separator);
  return text;
}

std::string_view ProblemKindName(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kMissing:
      return "missing";
    case ProblemKind::kDisputed:
      return "disputed";
    case ProblemKind::kNotAttempted:
      return "not_attempted";
  }
  return {};
}

std::string_view AwardName(Award award) {
  switch (award) {
    case Award::kGold:
      return "gold";
    case Award::kSilver:
      return "silver";
    case Award::kBronze:
      return "bronze";
    case Award::kMedallion:
      return "medallion";
  }
  return {};
}

std::string AwardWord(Award award) {
  // The machine names are the message ids of the translated words (po/ru/report.po).
  return Translate(std::string(AwardName(award)).c_str());
}

std::string ProblemDetail(const Problem& problem) {
  switch (problem.kind) {
    case ProblemKind::kMissing:
      if (problem.scores_needed == 0) return "no mark";
      return fmt::format("{} of {} scores", problem.scores.size(), problem.scores_needed);
    case ProblemKind::kDisputed: {
      std::vector<int> scores = problem.scores;
      std::sort(scores.begin(), scores.end());
      return fmt::format("scores {}", fmt::join(scores, ","));
    }
    case ProblemKind::kNotAttempted:
      return "marked na";
  }
  return {};
}

CsvStyle CsvStyleFor(Language language) {
  if (language == Language::kRussian) {
    return {.delimiter = ';', .decimal_separator = ',', .for_people = true};
  }
  return {};
}

}  // namespace skillscore
