// How far the marking of an exam has got, per sub-criterion (shared/spec/cli.md, `status`): how
// many marks are expected, how many are entered, which are missing and which panels are disputed.
// A sub-criterion is complete when nothing in it is missing or disputed, which is also when the
// chief expert may lock it (scoring.md §6).
//
// What counts, consistently with the problems of results (scoring.h):
//   - Only present candidates are expected to be marked (scoring.md §7); the marks of others are
//     neither expected nor counted.
//   - Each measurement aspect expects one value per candidate; `na` (not attempted) is a value.
//   - Each judgement aspect expects policy.judges scores per candidate. A panel's scores count up
//     to that number: a fourth score does not make up for a score missing elsewhere.
//   - A panel whose spread exceeds policy.max_spread is disputed, however many scores it has.
//   - Who owes a score to a panel short of scores (OwesScore): a judge who may sit on the panel —
//     a member of its sub-criterion's marking group, or any judge of the exam when it has none
//     (marking_groups.h) — who has not scored it and whom the conflict-of-interest rule lets mark
//     the candidate (scoring.md §6), while its sub-criterion is not locked (a locked one takes no
//     marks until it is unlocked).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {

// One candidate × aspect that keeps a sub-criterion from being complete: a missing mark, an
// incomplete panel (ProblemKind::kMissing) or a disputed panel (kDisputed; it wins over
// incomplete, as in results).
struct MarkGap {
  std::string candidate;
  Problem problem;
  // A judgement panel short of scores: the judges who owe one (OwesScore), in the order of the
  // exam's judges. Empty for a measurement, a full panel, or when the owers were not asked for.
  std::vector<std::string> owed_by = {};
};

struct SubcriterionProgress {
  std::string id;
  std::size_t expected = 0;   // marks the present candidates need
  std::size_t entered = 0;    // of those, entered
  std::size_t missing = 0;    // expected − entered
  std::size_t disputed = 0;   // disputed panels
  bool complete = false;      // nothing missing and nothing disputed
  std::vector<MarkGap> gaps;  // by candidate (order of the sheets), then aspect (rubric order)
};

// One entry per sub-criterion, in rubric order. `sheets` are BuildSheets() of the exam.
std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets);

// Who may still score the exam's panels: its judges, and the sub-criteria locked by the chief
// expert. Refers to data owned by the caller.
struct PanelSeats {
  const std::vector<Judge>& judges;
  const std::vector<std::string>& locked;  // sub-criterion ids
};

// MarkingProgress, with each gap of an incomplete judgement panel naming who owes a score.
std::vector<SubcriterionProgress> MarkingProgress(const Rubric& rubric,
                                                  const std::vector<CandidateSheet>& sheets,
                                                  const PanelSeats& seats);

// MarkingProgress one sheet at a time, for sheets read as a stream: Add every sheet in the order
// MarkingProgress would be given them, then Finish. Holds the counts and gaps, never the sheets;
// MarkingProgress is exactly this over its sheets. `rubric` and the seats' data must outlive it.
class ProgressCounter {
 public:
  // With seats, each gap of an incomplete judgement panel names who owes a score.
  explicit ProgressCounter(const Rubric& rubric, std::optional<PanelSeats> seats = std::nullopt);

  void Add(const CandidateSheet& sheet);
  std::vector<SubcriterionProgress> Finish() &&;

 private:
  struct Part {
    const Subcriterion* subcriterion;
    std::size_t first_ordinal;  // of its first aspect
    // Who may owe its panels a score: the exam's judges (null: not asked, or locked) and, of
    // them, its marking group (empty: no group).
    const std::vector<Judge>* judges;
    std::vector<std::string> group;
  };
  const Rubric& rubric_;
  std::optional<PanelSeats> seats_;
  std::vector<Part> parts_;  // parallel to progress_
  std::vector<SubcriterionProgress> progress_;
};

// Whether `judge` owes a score to the judgement panel `record` of `candidate`: the panel holds
// fewer than policy.judges scores, the judge is in `group` — the marking group of the panel's
// sub-criterion (MarkingGroup) — or the group is empty, the judge has not scored the panel, and
// the conflict-of-interest rule lets them mark the candidate. (Whether the sub-criterion is locked
// is the caller's to ask.)
bool OwesScore(const Policy& policy, const std::vector<std::string>& group, const Judge& judge,
               const Candidate& candidate, const AspectRecord& record);

}  // namespace skillscore
