#include "skillscore/marking_groups.h"

#include <algorithm>

namespace skillscore {
namespace {

bool Lists(const Judge& judge, std::string_view subcriterion) {
  return std::find(judge.subcriteria.begin(), judge.subcriteria.end(), subcriterion) !=
         judge.subcriteria.end();
}

// Whether the sub-criterion has a judgement aspect, whose panels a group decides.
bool HasJudgement(const Subcriterion& subcriterion) {
  return std::any_of(subcriterion.aspects.begin(), subcriterion.aspects.end(),
                     [](const Aspect& aspect) { return aspect.type == AspectType::kJudgement; });
}

}  // namespace

std::vector<std::string> MarkingGroup(const std::vector<Judge>& judges,
                                      std::string_view subcriterion) {
  std::vector<std::string> group;
  for (const Judge& judge : judges) {
    if (Lists(judge, subcriterion)) group.push_back(judge.id);
  }
  return group;
}

std::string JoinSubcriteria(const std::vector<std::string>& subcriteria) {
  std::string text;
  for (const std::string& id : subcriteria) {
    if (!text.empty()) text += ' ';
    text += id;
  }
  return text;
}

std::vector<std::string> SplitSubcriteria(std::string_view text) {
  std::vector<std::string> ids;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) ids.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return ids;
}

const Subcriterion& SubcriterionOf(const Rubric& rubric, std::size_t ordinal) {
  const AspectLocation& at = rubric.aspect_order.at(ordinal);
  return rubric.modules[at.module].subcriteria[at.subcriterion];
}

std::optional<SmallGroup> FindSmallGroup(const Rubric& rubric, const std::vector<Judge>& judges) {
  const auto panel = static_cast<std::size_t>(rubric.policy.judges);
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      std::vector<std::string> group = MarkingGroup(judges, subcriterion.id);
      if (!group.empty() && group.size() < panel && HasJudgement(subcriterion)) {
        return SmallGroup{subcriterion.id, std::move(group)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace skillscore
