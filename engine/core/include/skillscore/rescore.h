// Re-scoring exams under a corrected version of their rubric. When a marking scheme turns out to
// be wrong (an aspect's maximum, a deduction, a grade table, a scale parameter), every exam scored
// under it is scored again from the same marks, and every candidate whose outcome changes is
// found: old → new total, percent, grade, rank, scale and award.
//
// Aspects correspond by id between the two versions (MapAspects). A mark can be carried over only
// when the new version still has its aspect, with the same type, and accepts its value; otherwise
// it is dropped and reported with the reason:
//   removed   the new version has no aspect with that id;
//   retyped   the aspect changed between measurement and judgement, or its calculation changed
//             (pass_fail, number_completed, choice, ranged): a value entered for one does not
//             mean the same in the other;
//   invalid   the new aspect does not accept the value (a choice option it no longer has, a count
//             above its number_completed, a measured value in none of its ranges).
// An aspect that only the new version has carries no marks: it is missing, which makes a present
// candidate's new result provisional.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {

// How the aspects of one rubric version correspond to those of another, by id.
struct AspectMap {
  // Indexed by the old ordinal: the new ordinal of the aspect with the same id, type and
  // calculation, or nullopt when its marks cannot follow (removed or retyped).
  std::vector<std::optional<std::size_t>> new_ordinal;
  std::vector<std::string> removed;  // ids only in the old version, in its order
  std::vector<std::string> retyped;  // ids whose type or calculation changed, in old order
  std::vector<std::string> added;    // ids only in the new version, in its order
  // Ids mapped to an aspect with another text, in old order: a corrected wording, or a sign that
  // aspects moved under ids numbered by position (rubric-format.md: an id defaults to its place).
  std::vector<std::string> reworded;
};

AspectMap MapAspects(const Rubric& from, const Rubric& to);

// Whether a measurement aspect accepts an entered value (ParseMarkValue's rules for the number it
// produced); a judgement aspect accepts scores 0…3.
bool AcceptsValue(const Aspect& aspect, const MarkValue& value);

enum class DropReason { kRemoved, kRetyped, kInvalid };

// The marks of one aspect of one candidate that the new version cannot carry.
struct DroppedMarks {
  std::string aspect;  // the old version's aspect id
  DropReason reason = DropReason::kRemoved;
  std::size_t marks = 0;  // a measurement counts 1, a panel one per score

  friend bool operator==(const DroppedMarks&, const DroppedMarks&) = default;
};

// The sheet under the new version: each old record moved to its new ordinal; `dropped` receives
// what could not follow, in old rubric order.
CandidateSheet RemapSheet(const Rubric& from, const Rubric& to, const AspectMap& map,
                          CandidateSheet sheet, std::vector<DroppedMarks>& dropped);

// What a result says about a candidate, as compared between versions.
struct Outcome {
  Rational total;
  Rational percent;
  std::optional<int> grade;
  std::optional<int> rank;
  std::optional<int> scale;
  std::optional<Award> award;
  bool provisional = false;  // a mark is missing or disputed

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome OutcomeOf(const CandidateResult& result);

struct CandidateRescore {
  Candidate candidate;
  Outcome before;
  Outcome after;
  std::vector<DroppedMarks> dropped;

  // Something to report: the outcome differs or marks were dropped.
  bool Changed() const { return before != after || !dropped.empty(); }
};

struct ExamRescore {
  // Every candidate, in the order of the new result (present by rank, then the others by id).
  std::vector<CandidateRescore> candidates;
  // The exam under the new version: the sheets moved to it and their result (what a passport
  // issued under the new version is built from).
  std::vector<CandidateSheet> sheets;
  ExamResult result;
};

// Scores the sheets (built under `from`) under both versions and pairs the outcomes.
ExamRescore RescoreExam(const Rubric& from, const Rubric& to, const AspectMap& map,
                        std::vector<CandidateSheet> sheets);

// Counts over every exam re-scored.
struct RescoreSummary {
  std::size_t exams = 0;
  std::size_t exams_changed = 0;  // with at least one changed candidate
  std::size_t candidates = 0;
  std::size_t changed = 0;  // candidates with CandidateRescore::Changed()
  std::size_t grade_changed = 0;
  std::size_t rank_changed = 0;
  std::size_t scale_changed = 0;
  std::size_t award_changed = 0;
  std::size_t became_provisional = 0;  // provisional now, not before
  std::size_t dropped_marks = 0;

  void Add(const ExamRescore& exam);

  friend bool operator==(const RescoreSummary&, const RescoreSummary&) = default;
};

}  // namespace skillscore
