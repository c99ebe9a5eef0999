#include "skillscore/progress.h"

#include <algorithm>
#include <utility>

namespace skillscore {
namespace {

std::vector<int> SortedScores(const std::vector<PanelScore>& panel) {
  std::vector<int> scores;
  for (const PanelScore& score : panel) scores.push_back(score.score);
  std::sort(scores.begin(), scores.end());
  return scores;
}

// Adds one candidate's record of one aspect to the sub-criterion's counts.
void Count(const Policy& policy, const Aspect& aspect, const AspectRecord& record,
           const std::string& candidate, SubcriterionProgress& progress) {
  if (aspect.type == AspectType::kMeasurement) {
    ++progress.expected;
    if (record.measurement) {
      ++progress.entered;
    } else {
      progress.gaps.push_back({candidate, Problem{aspect.id, ProblemKind::kMissing, {}, 0}});
    }
    return;
  }
  const auto needed = static_cast<std::size_t>(policy.judges);
  progress.expected += needed;
  progress.entered += std::min(record.panel.size(), needed);
  bool disputed = PanelSpread(record.panel) > policy.max_spread;
  if (disputed) ++progress.disputed;
  if (disputed || record.panel.size() < needed) {
    progress.gaps.push_back(
        {candidate, Problem{aspect.id, disputed ? ProblemKind::kDisputed : ProblemKind::kMissing,
                            SortedScores(record.panel), policy.judges}});
  }
}

}  // namespace

std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets) {
  std::vector<SubcriterionProgress> progress;
  std::size_t first_ordinal = 0;  // ordinal of the sub-criterion's first aspect
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      SubcriterionProgress& current = progress.emplace_back();
      current.id = subcriterion.id;
      for (const CandidateSheet& sheet : sheets) {
        if (sheet.candidate.status != CandidateStatus::kPresent) continue;
        for (std::size_t i = 0; i < subcriterion.aspects.size(); ++i) {
          Count(rubric.policy, subcriterion.aspects[i], sheet.aspects.at(first_ordinal + i),
                sheet.candidate.id, current);
        }
      }
      current.missing = current.expected - current.entered;
      current.complete = current.missing == 0 && current.disputed == 0;
      first_ordinal += subcriterion.aspects.size();
    }
  }
  return progress;
}

}  // namespace skillscore
