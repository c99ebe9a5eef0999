// The marking groups a judges import assigns (marking_groups.h, docs/panels.md): checked against
// the exam's rubric and put in the form the store keeps.
#include <algorithm>

#include "service_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/marking_groups.h"

namespace skillscore::service {
namespace {

std::vector<std::string> SubcriterionIds(const Rubric& rubric) {
  std::vector<std::string> ids;
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) ids.push_back(subcriterion.id);
  }
  return ids;
}

// The judges the exam will have once `judges` are imported: the registered ones, each replaced
// by its new record, then the new ones in file order.
std::vector<Judge> JudgesAfter(const ExamData& roster, const std::vector<Judge>& judges) {
  std::vector<Judge> after = roster.judges;
  for (const Judge& judge : judges) {
    auto registered = std::find_if(after.begin(), after.end(),
                                   [&](const Judge& other) { return other.id == judge.id; });
    if (registered != after.end()) {
      *registered = judge;
    } else {
      after.push_back(judge);
    }
  }
  return after;
}

}  // namespace

ServiceResult<std::vector<Judge>> GroupedJudges(const ExamData& roster,
                                                std::span<const Judge> judges,
                                                const CsvTable* source) {
  const std::vector<std::string> rubric_ids = SubcriterionIds(roster.rubric);
  std::vector<Judge> checked(judges.begin(), judges.end());
  Diagnostics unknown;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    Judge& judge = checked[i];
    for (const std::string& id : judge.subcriteria) {
      if (std::find(rubric_ids.begin(), rubric_ids.end(), id) != rubric_ids.end()) continue;
      const int line = source != nullptr && i < source->rows.size() ? source->rows[i].line : 0;
      unknown.push_back({Severity::kError, source != nullptr ? source->file : std::string(), line,
                         0,
                         Tr("judge {0}: subcriteria: \"{1}\" is not a sub-criterion of rubric "
                            "{2}: expected one of {3}",
                            judge.id, id, roster.rubric.Identity(), CommaList(rubric_ids))});
    }
    // Kept in rubric order, so that the same groups are stored (and hashed) the same way.
    std::vector<std::string> ordered;
    for (const std::string& id : rubric_ids) {
      if (std::find(judge.subcriteria.begin(), judge.subcriteria.end(), id) !=
          judge.subcriteria.end()) {
        ordered.push_back(id);
      }
    }
    judge.subcriteria = std::move(ordered);
  }
  if (!unknown.empty()) {
    if (source != nullptr) {
      return tl::make_unexpected(
          ServiceError{ServiceError::Code::kInvalidInput, {}, std::move(unknown)});
    }
    return tl::make_unexpected(Error(ServiceError::Code::kInvalidInput, unknown.front().message));
  }
  if (auto small = FindSmallGroup(roster.rubric, JudgesAfter(roster, checked))) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput,
              Tr("the marking group of sub-criterion {0} would have {1} judges ({2}), but a panel "
                 "takes {3} scores (rubric {4}): list at least {3} judges for {0}, or none",
                 small->subcriterion, small->group.size(), CommaList(small->group),
                 roster.rubric.policy.judges, roster.rubric.Identity())));
  }
  return checked;
}

}  // namespace skillscore::service
