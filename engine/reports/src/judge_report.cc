#include <cmath>
#include <cstdint>

#include "judge_report_internal.h"

namespace skillscore {

Rational RoundedStatistic(double value, int decimals) {
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  // std::round rounds half away from zero, as marks are rounded (Rational::ToDecimal).
  return Rational::Of(static_cast<std::int64_t>(std::round(value * scale)), scale);
}

std::optional<Rational> Percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::nullopt;
  return Rational::Of(static_cast<std::int64_t>(100 * part), static_cast<std::int64_t>(whole));
}

std::string_view ConflictRuleName(ConflictRule rule) {
  return rule == ConflictRule::kNone ? "none" : "organization";
}

const std::string& SubcriterionOf(const Rubric& rubric, std::size_t aspect) {
  const AspectLocation& location = rubric.aspect_order.at(aspect);
  return rubric.modules[location.module].subcriteria[location.subcriterion].id;
}

std::string JudgeName(const std::vector<Judge>& judges, const std::string& id) {
  for (const Judge& judge : judges) {
    if (judge.id == id) return judge.name;
  }
  return {};
}

}  // namespace skillscore
