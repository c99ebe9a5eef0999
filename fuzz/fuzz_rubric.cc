#include "fuzz_rubric.h"

namespace skillscore::fuzz {

Rubric SmallRubric() {
  Rubric rubric;
  rubric.code = "FUZZ";
  rubric.version = "1";
  rubric.sections.push_back({"1", "Section", {}});
  Subcriterion a1{"A1", "Sub", 1, {}};
  for (int i = 1; i <= 5; ++i) {
    Aspect aspect;
    aspect.id = "A1." + std::to_string(i);
    aspect.section = "1";
    aspect.max = Rational::Of(133, 100);
    a1.aspects.push_back(aspect);
  }
  a1.aspects[1].calculation = Calculation::kNumberCompleted;
  a1.aspects[1].number_completed = 7;
  a1.aspects[2].calculation = Calculation::kChoice;
  a1.aspects[2].options = {
      {"none", 0}, {"some", *Rational::ParseDecimal("57.142857")}, {"all", 100}};
  a1.aspects[3].calculation = Calculation::kRanged;
  a1.aspects[3].ranges = {Range{0, Rational::Of(9, 2), 0}, Range{5, 10, 50}};
  a1.aspects[4].type = AspectType::kJudgement;
  Module a{"A", "Module", {}};
  a.subcriteria.push_back(a1);
  rubric.modules.push_back(a);
  rubric.IndexAspects();
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    rubric.max += rubric.AspectAt(ordinal).max;
  }
  return rubric;
}

}  // namespace skillscore::fuzz
