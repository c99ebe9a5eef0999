// Pieces shared by the judge analytics renderers (judge_report_*.cc); see
// skillscore/judge_report.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skillscore/judge_report.h"
#include "skillscore/rational.h"

namespace skillscore {

// Decimal places of each kind of statistic (judge_report.h).
inline constexpr int kPercentDecimals = 1;
inline constexpr int kReliabilityDecimals = 3;  // ICC, alpha, p-values
inline constexpr int kSeverityDecimals = 2;     // severity, standard errors, SDs of scores

// f(*value), or nullopt without a value.
template <typename T, typename F>
auto Map(const std::optional<T>& value, F f) -> std::optional<decltype(f(*value))> {
  if (!value) return std::nullopt;
  return f(*value);
}

// The t test of a deviation summary, if it has one.
inline std::optional<MeanTest> TestOf(const std::optional<DeviationSummary>& deviation) {
  return deviation ? deviation->test : std::nullopt;
}

// A finite statistic rounded half away from zero to `decimals` places, as an exact decimal.
Rational RoundedStatistic(double value, int decimals);

// 100 · part / whole, exactly; nullopt when whole is 0.
std::optional<Rational> Percent(std::size_t part, std::size_t whole);

// organization | none, as in the rubric.
std::string_view ConflictRuleName(ConflictRule rule);

// The id of the sub-criterion an aspect (by ordinal) belongs to.
const std::string& SubcriterionOf(const Rubric& rubric, std::size_t aspect);

// The name of a listed judge; empty for one who is not listed.
std::string JudgeName(const std::vector<Judge>& judges, const std::string& id);

}  // namespace skillscore
