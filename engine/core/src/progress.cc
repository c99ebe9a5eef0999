#include "skillscore/progress.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "skillscore/disputed_panel.h"
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
  const std::vector<std::string>& group;
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
  bool disputed = PanelDisputed(policy, record.panel);
  if (disputed) ++progress.disputed;
  if (disputed || record.panel.size() < needed) {
    progress.gaps.push_back(
        {candidate.id,
         Problem{aspect.id, disputed ? ProblemKind::kDisputed : ProblemKind::kMissing,
                 SortedScores(record.panel), policy.judges},
         owers ? JudgesOwing(policy, *owers, candidate, record) : std::vector<std::string>{}});
  }
}

}  // namespace

ProgressCounter::ProgressCounter(const Rubric& rubric, std::optional<PanelSeats> seats)
    : rubric_(rubric), seats_(std::move(seats)) {
  std::size_t first_ordinal = 0;  // ordinal of the sub-criterion's first aspect
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      progress_.emplace_back().id = subcriterion.id;
      // A locked sub-criterion takes no marks until it is unlocked: no one owes it one.
      const bool open = seats_ && std::find(seats_->locked.begin(), seats_->locked.end(),
                                            subcriterion.id) == seats_->locked.end();
      parts_.push_back(
          {&subcriterion, first_ordinal, open ? &seats_->judges : nullptr,
           open ? MarkingGroup(seats_->judges, subcriterion.id) : std::vector<std::string>{}});
      first_ordinal += subcriterion.aspects.size();
    }
  }
}

void ProgressCounter::Add(const CandidateSheet& sheet) {
  if (sheet.candidate.status != CandidateStatus::kPresent) return;
  for (std::size_t s = 0; s < parts_.size(); ++s) {
    const Part& part = parts_[s];
    std::optional<Owers> owers;
    if (part.judges) owers.emplace(Owers{*part.judges, part.group});
    for (std::size_t i = 0; i < part.subcriterion->aspects.size(); ++i) {
      Count(rubric_.policy, part.subcriterion->aspects[i], sheet.aspects.at(part.first_ordinal + i),
            sheet.candidate, owers ? &*owers : nullptr, progress_[s]);
    }
  }
}

std::vector<SubcriterionProgress> ProgressCounter::Finish() && {
  for (SubcriterionProgress& part : progress_) {
    part.missing = part.expected - part.entered;
    part.complete = part.missing == 0 && part.disputed == 0;
  }
  return std::move(progress_);
}

namespace {

std::vector<SubcriterionProgress> Progress(const Rubric& rubric,
                                           const std::vector<CandidateSheet>& sheets,
                                           std::optional<PanelSeats> seats) {
  ProgressCounter counter(rubric, std::move(seats));
  for (const CandidateSheet& sheet : sheets) counter.Add(sheet);
  return std::move(counter).Finish();
}

}  // namespace

std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets) {
  return Progress(rubric, sheets, std::nullopt);
}

std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets,
                                                  const PanelSeats& seats) {
  return Progress(rubric, sheets, seats);
}

bool OwesScore(const Policy& policy, const std::vector<std::string>& group, const Judge& judge,
               const Candidate& candidate, const AspectRecord& record) {
  return record.panel.size() < static_cast<std::size_t>(policy.judges) &&
         (group.empty() || std::find(group.begin(), group.end(), judge.id) != group.end()) &&
         !Scored(record, judge.id) &&
         !SharedOrganization(policy, judge.organization, candidate.organization);
}

}  // namespace skillscore
