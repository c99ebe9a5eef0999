// The scoring core: pure functions from a rubric and candidates' sheets to exact results
// (shared/spec/scoring.md §2–§5, §7). No I/O, no logging, no clock, no database: the same input
// always gives the same output, which makes re-scoring and testing trivial.
//
// Thread safety: pure functions; safe to call concurrently.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"

namespace skillscore {

// Mark of a measurement aspect for an entered value (scoring.md §2); 0 when not attempted.
// The value must already be valid for the aspect (see ParseMarkValue).
Rational MeasurementMark(const Aspect& aspect, const MarkValue& value);

// Mark of a judgement panel: max × sum / (3 × number of scores); 0 for an empty panel.
Rational JudgementMark(const Aspect& aspect, const std::vector<PanelScore>& panel);

// Highest minus lowest score; 0 for fewer than two scores.
int PanelSpread(const std::vector<PanelScore>& panel);

// The mark one aspect's record earns, as ScoreExam counts it: MeasurementMark or JudgementMark
// (0 for a missing measurement), rounded as policy.aspect_rounding asks.
Rational ScoredAspectMark(const Policy& policy, const Aspect& aspect, const AspectRecord& record);

// The first grade row whose min_percent ≤ percent; the last row's grade when none matches.
int GradeFor(const std::vector<GradeRow>& grades, const Rational& percent);

enum class ProblemKind { kMissing, kDisputed, kNotAttempted };

struct Problem {
  std::string aspect;  // aspect id
  ProblemKind kind = ProblemKind::kMissing;
  std::vector<int> scores;  // the panel's scores (judgement), for the message
  int scores_needed = 0;    // policy.judges for a judgement aspect, else 0
};

// Whether a problem keeps results provisional: a missing mark or a disputed panel does; an aspect
// marked not attempted (`na`) does not — it is an answer, worth 0 (scoring.md §7).
bool BlocksFinality(const Problem& problem);

// Whether any of a candidate's problems keeps their result provisional.
bool HasBlockingProblem(const std::vector<Problem>& problems);

struct PartMark {
  std::string id;
  Rational mark;
  Rational max;
};

enum class Award { kGold, kSilver, kBronze, kMedallion };

struct CandidateResult {
  Candidate candidate;
  Rational total;
  Rational percent;
  std::optional<int> grade;  // exams, present candidates
  std::optional<int> rank;   // present candidates
  std::optional<int> scale;  // competitions with a scale method, present candidates
  std::optional<Award> award;
  std::vector<PartMark> modules;      // rubric order
  std::vector<PartMark> subcriteria;  // rubric order
  std::vector<PartMark> sections;     // rubric order
  std::vector<Problem> problems;      // rubric order of aspects
};

struct ExamResult {
  // True when no present candidate has a missing or disputed mark. (Storage adds the lock rule.)
  bool complete = false;
  // Present candidates by rank (equal ranks by id), then the others by id (cli.md).
  std::vector<CandidateResult> candidates;
};

// Scores every sheet under the rubric: aspect marks (with policy.aspect_rounding), totals per
// sub-criterion, module, section and overall, percent, grade, rank, scale and awards.
ExamResult ScoreExam(const Rubric& rubric, const std::vector<CandidateSheet>& sheets);

// ScoreExam one sheet at a time, for sheets read as a stream: Add every candidate's sheet, in the
// order ScoreExam would be given them, then Finish. Holds the candidates' results, never their
// sheets; ScoreExam(rubric, sheets) is exactly this over `sheets`. `rubric` must outlive it.
class ExamScorer {
 public:
  explicit ExamScorer(const Rubric& rubric);
  ~ExamScorer();
  ExamScorer(const ExamScorer&) = delete;
  ExamScorer& operator=(const ExamScorer&) = delete;

  void Reserve(std::size_t candidates);
  void Add(const CandidateSheet& sheet);
  // Ranks, scale and awards over every sheet added, and the order of ScoreExam.
  ExamResult Finish() &&;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// WorldSkills Scale scores for ranked candidates' totals (scoring.md §5): one score per total, in
// the same order; empty for ScaleMethod::kNone.
std::vector<int> ScaleScores(const Policy& policy, const std::vector<Rational>& totals);

}  // namespace skillscore
