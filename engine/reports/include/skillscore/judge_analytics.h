// Judge analytics of one exam: how well judgement panels agree and which judges mark harder or
// softer than their colleagues. It turns the engine's sheets into the report model of
// `skillscore report judges` using the formulas of statistics.h; printing is the caller's job.
//
// Which data feed which statistic:
//   - Panels are the candidate × judgement-aspect panels of every sheet with at least one score,
//     whatever the candidate's status: the subject here is the judges, not the results.
//   - Agreement (per aspect and per sub-criterion): panel counts, disputed panels (spread above
//     policy.max_spread, scoring.md §2, via PanelSpread) and exact / adjacent agreement over the
//     panels with at least two scores.
//   - ICC(A,1) and ICC(A,k) (per sub-criterion): McGraw & Wong's two-way random model needs a
//     complete subjects × raters matrix, so its subjects are the panels with exactly
//     policy.judges = k scores and its raters are the panel's judges in a fixed order: ordered by
//     judge id within each panel. When every panel has the same judges the columns are those
//     judges, as the model assumes; when panels are marked by different judges the columns are
//     judge positions, and the rater variance then mixes the judges sharing a position.
//   - Krippendorff's ordinal alpha (per sub-criterion): units are the panels, coders the judges,
//     values the scores 0…3; panels of any size count, a single score is not pairable.
//   - Severity (per judge): over every panel with at least two scores, the judge's score minus
//     the mean of the other judges' scores, summarised with its t test (DeviationSummary).
//     Spread: the standard deviation of the judge's scores on those panels next to that of the
//     other judges' scores on the same panels — a judge who uses fewer (or more) levels than
//     their colleagues shows a smaller (or larger) one.
//   - Conflict of interest: only when policy.conflict_of_interest is `none` (otherwise judges
//     never mark their own organisation's candidates): each judge's deviations split into
//     candidates of their own organisation and the others. An empty organisation matches nobody.
//
// Thread safety: a pure function of its arguments.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "skillscore/statistics.h"

namespace skillscore {

struct PanelSummary {
  std::size_t panels = 0;    // panels with at least one score
  std::size_t disputed = 0;  // highest − lowest score > policy.max_spread
  PanelAgreement agreement;  // over the panels with at least two scores
};

struct AspectPanels {
  std::size_t aspect = 0;  // ordinal in Rubric::aspect_order
  std::string id;
  PanelSummary summary;
};

struct SubcriterionReliability {
  std::string id;
  PanelSummary summary;
  std::optional<IccResult> icc;         // nullopt when IccAbsoluteAgreement has no value
  std::optional<double> ordinal_alpha;  // nullopt when KrippendorffAlpha has no value
};

struct JudgeSeverity {
  std::string judge;  // judge id
  std::string organization;
  std::size_t scores = 0;                     // judgement scores given, in panels of any size
  std::optional<DeviationSummary> deviation;  // panels with at least two scores
  std::optional<double> score_sd;             // the judge's scores on those panels
  std::optional<double> panel_sd;             // the other judges' scores on those panels
};

struct JudgeConflict {
  std::string judge;
  std::optional<DeviationSummary> own_organization;
  std::optional<DeviationSummary> other_organizations;
};

struct JudgeAnalytics {
  std::vector<AspectPanels> aspects;                 // judgement aspects, rubric order
  std::vector<SubcriterionReliability> subcriteria;  // those with a judgement aspect, rubric order
  // Every listed judge in the order given, then (by id) any judge who scored but is not listed.
  std::vector<JudgeSeverity> judges;
  std::optional<std::vector<JudgeConflict>> conflict;  // policy `none` only; same judge order
};

// The candidates come from the sheets (CandidateSheet::candidate), the organisations of judges
// from `judges`.
JudgeAnalytics AnalyseJudges(const Rubric& rubric, const std::vector<CandidateSheet>& sheets,
                             const std::vector<Judge>& judges);

// AnalyseJudges one sheet at a time, for sheets read as a stream: Add every sheet in the order
// AnalyseJudges would be given them, then Finish, which gives exactly what AnalyseJudges gives
// (the same statistics over the same numbers in the same order). Holds each judgement panel in a
// few bytes a score, never the sheets. `rubric` and `judges` must outlive it.
class JudgeAnalyser {
 public:
  JudgeAnalyser(const Rubric& rubric, const std::vector<Judge>& judges);
  ~JudgeAnalyser();
  JudgeAnalyser(const JudgeAnalyser&) = delete;
  JudgeAnalyser& operator=(const JudgeAnalyser&) = delete;

  void Add(const CandidateSheet& sheet);
  JudgeAnalytics Finish() &&;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace skillscore
