#include "skillscore/progress.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "skillscore/marking_groups.h"

namespace skillscore {
namespace {

std::vector<int> SortedScores(const std::vector<PanelScore>& panel) {
  std::vector<int> scores;
  for (const PanelScore& score : panel) scores.push_back(score.score);
  std::sort(scores.begin(), scores.end());
  return scores;
}

bool Scored(const AspectRecord& record, std::string_view judge) {
  return std::any_of(record.panel.begin(), record.panel.end(),
                     [&](const PanelScore& score) { return score.judge == judge; });
}

// Who may be named as owing a score to the incomplete panels of one sub-criterion: the exam's
// judges and the sub-criterion's marking group.
struct Owers {
  const std::vector<Judge>& judges;
  std::vector<std::string> group;
};

std::vector<std::string> JudgesOwing(const Policy& policy, const Owers& owers,
                                     const Candidate& candidate, const AspectRecord& record) {
  std::vector<std::string> owing;
  for (const Judge& judge : owers.judges) {
    if (OwesScore(policy, owers.group, judge, candidate, record)) owing.push_back(judge.id);
  }
  return owing;
}

// Adds one candidate's record of one aspect to the sub-criterion's counts; `owers`, when given,
// are the judges who may be named as owing a score to an incomplete panel.
void Count(const Policy& policy, const Aspect& aspect, const AspectRecord& record,
           const Candidate& candidate, const Owers* owers, SubcriterionProgress& progress) {
  if (aspect.type == AspectType::kMeasurement) {
    ++progress.expected;
    if (record.measurement) {
      ++progress.entered;
    } else {
      progress.gaps.push_back({candidate.id, Problem{aspect.id, ProblemKind::kMissing, {}, 0}});
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
        {candidate.id,
         Problem{aspect.id, disputed ? ProblemKind::kDisputed : ProblemKind::kMissing,
                 SortedScores(record.panel), policy.judges},
         owers ? JudgesOwing(policy, *owers, candidate, record) : std::vector<std::string>{}});
  }
}

std::vector<SubcriterionProgress> Progress(const Rubric& rubric,
                                           const std::vector<CandidateSheet>& sheets,
                                           const PanelSeats* seats) {
  std::vector<SubcriterionProgress> progress;
  std::size_t first_ordinal = 0;  // ordinal of the sub-criterion's first aspect
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      SubcriterionProgress& current = progress.emplace_back();
      current.id = subcriterion.id;
      // A locked sub-criterion takes no marks until it is unlocked: no one owes it one.
      const bool open = seats && std::find(seats->locked.begin(), seats->locked.end(),
                                           subcriterion.id) == seats->locked.end();
      std::optional<Owers> owers;
      if (open) owers.emplace(Owers{seats->judges, MarkingGroup(seats->judges, subcriterion.id)});
      for (const CandidateSheet& sheet : sheets) {
        if (sheet.candidate.status != CandidateStatus::kPresent) continue;
        for (std::size_t i = 0; i < subcriterion.aspects.size(); ++i) {
          Count(rubric.policy, subcriterion.aspects[i], sheet.aspects.at(first_ordinal + i),
                sheet.candidate, owers ? &*owers : nullptr, current);
        }
      }
      current.missing = current.expected - current.entered;
      current.complete = current.missing == 0 && current.disputed == 0;
      first_ordinal += subcriterion.aspects.size();
    }
  }
  return progress;
}

}  // namespace

std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets) {
  return Progress(rubric, sheets, nullptr);
}

std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets,
                                                  const PanelSeats& seats) {
  return Progress(rubric, sheets, &seats);
}

bool OwesScore(const Policy& policy, const std::vector<std::string>& group, const Judge& judge,
               const Candidate& candidate, const AspectRecord& record) {
  return record.panel.size() < static_cast<std::size_t>(policy.judges) &&
         (group.empty() || std::find(group.begin(), group.end(), judge.id) != group.end()) &&
         !Scored(record, judge.id) &&
         !SharedOrganization(policy, judge.organization, candidate.organization);
}

}  // namespace skillscore
