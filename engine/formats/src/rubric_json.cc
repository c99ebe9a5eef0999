// The canonical JSON form of a rubric and its SHA-256, the rubric's content identity.
//
// The layout is part of the identity of every stored rubric: changing anything here (key names,
// order, number or string spelling) changes every hash. It is therefore written out by hand
// rather than through the report JSON writer, whose layout may evolve.
#include <initializer_list>
#include <stdexcept>
#include <utility>

#include "rubric_yaml.h"
#include "skillscore/json_string.h"
#include "skillscore/rubric_loader.h"

namespace skillscore {
namespace {

using internal::DecimalText;

using Member = std::pair<std::string_view, std::string>;

// A JSON string: quote, backslash and control characters escaped, the rest as it is (the rubric
// hash's choice, json_string.h).
std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(text, out, kRubricJsonString);
  return out;
}

// Exact values as strings ("0.5", "33.3"), so that no reader turns them into binary floats.
std::string Number(const Rational& value) { return Quoted(DecimalText(value)); }

std::string Object(std::initializer_list<Member> members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ',';
    out += Quoted(key) + ":" + value;
  }
  return out + "}";
}

template <typename Item, typename Convert>
std::string Array(const std::vector<Item>& items, Convert convert) {
  std::string out = "[";
  for (const Item& item : items) {
    if (out.size() > 1) out += ',';
    out += convert(item);
  }
  return out + "]";
}

std::string CalculationJson(const Aspect& aspect) {
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return Quoted("pass_fail");
    case Calculation::kNumberCompleted:
      return Object({{"number_completed", std::to_string(aspect.number_completed)}});
    case Calculation::kChoice:
      return Object(
          {{"choice", Array(aspect.options, [](const ChoiceOption& option) {
              return Object({{"label", Quoted(option.label)}, {"deduct", Number(option.deduct)}});
            })}});
    case Calculation::kRanged:
      return Object({{"ranged", Array(aspect.ranges, [](const Range& range) {
                        return Object({{"from", Number(range.from)},
                                       {"to", Number(range.to)},
                                       {"deduct", Number(range.deduct)}});
                      })}});
  }
  throw std::logic_error("unknown calculation");
}

std::string AspectJson(const Aspect& aspect) {
  bool judgement = aspect.type == AspectType::kJudgement;
  std::vector<std::string> levels(aspect.levels.begin(), aspect.levels.end());
  return Object({{"id", Quoted(aspect.id)},
                 {"type", Quoted(judgement ? "judgement" : "measurement")},
                 {"text", Quoted(aspect.text)},
                 {"section", Quoted(aspect.section)},
                 {"max", Number(aspect.max)},
                 judgement ? Member{"levels", Array(levels, Quoted)}
                           : Member{"calculation", CalculationJson(aspect)}});
}

std::string ModuleJson(const Module& module) {
  return Object({{"id", Quoted(module.id)},
                 {"title", Quoted(module.title)},
                 {"subcriteria", Array(module.subcriteria, [](const Subcriterion& subcriterion) {
                    return Object({{"id", Quoted(subcriterion.id)},
                                   {"title", Quoted(subcriterion.title)},
                                   {"day", std::to_string(subcriterion.day)},
                                   {"aspects", Array(subcriterion.aspects, AspectJson)}});
                  })}});
}

std::string PolicyJson(const Policy& policy) {
  const char* conflict =
      policy.conflict_of_interest == ConflictRule::kNone ? "none" : "organization";
  const char* method = policy.scale_method == ScaleMethod::kZScore ? "zscore"
                       : policy.scale_method == ScaleMethod::kNone ? "none"
                                                                   : "robust";
  std::string aspect_rounding =
      policy.aspect_rounding ? std::to_string(*policy.aspect_rounding) : Quoted("exact");
  return Object({{"judges", std::to_string(policy.judges)},
                 {"max_spread", std::to_string(policy.max_spread)},
                 {"conflict_of_interest", Quoted(conflict)},
                 {"rounding", Object({{"aspect", aspect_rounding},
                                      {"report", std::to_string(policy.report_decimals)}})},
                 {"scale", Object({{"method", Quoted(method)},
                                   {"centre", Number(policy.scale_centre)},
                                   {"spread", Number(policy.scale_spread)}})},
                 {"awards", Object({{"min_competitors", std::to_string(policy.min_competitors)},
                                    {"medallion", std::to_string(policy.medallion)}})}});
}

}  // namespace

std::string CanonicalRubricJson(const Rubric& rubric) {
  auto section_json = [](const Section& section) {
    return Object({{"id", Quoted(section.id)},
                   {"title", Quoted(section.title)},
                   {"target", section.target ? Number(*section.target) : "null"}});
  };
  auto grade_json = [](const GradeRow& row) {
    return Object({{"grade", std::to_string(row.grade)}, {"min_percent", Number(row.min_percent)}});
  };
  return Object({{"format", Quoted(rubric.format)},
                 {"code", Quoted(rubric.code)},
                 {"version", Quoted(rubric.version)},
                 {"title", Quoted(rubric.title)},
                 {"kind", Quoted(rubric.kind == RubricKind::kCompetition ? "competition" : "exam")},
                 {"max", Number(rubric.max)},
                 {"sections", Array(rubric.sections, section_json)},
                 {"grades", Array(rubric.grades, grade_json)},
                 {"policy", PolicyJson(rubric.policy)},
                 {"modules", Array(rubric.modules, ModuleJson)}});
}

}  // namespace skillscore
