// The people and marks of one exam, as plain data for the scoring core.
//
// Marks arrive as MarkEntry rows (from a CSV file, the database or a judge at the bench), in the
// order they were made. BuildSheets() resolves them into one CandidateSheet per candidate, applying
// scoring.md §2 and §7: for a measurement the latest entry counts; for a judgement each judge's
// latest score counts. Validation of who may mark whom happens before this point (marks.h).
//
// Thread safety: plain values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/rational.h"
#include "skillscore/rubric.h"

namespace skillscore {

enum class CandidateStatus { kPresent, kAbsent, kWithdrawn, kDisqualified };
enum class JudgeRole { kExpert, kChief };

// present | absent | withdrawn | disqualified: the name used in files, JSON and the database.
// A string literal, so it can also serve as a message id for translation.
const char* CandidateStatusName(CandidateStatus status);

struct Candidate {
  std::string id;
  std::string name;
  std::string organization;
  CandidateStatus status = CandidateStatus::kPresent;
};

struct Judge {
  std::string id;
  std::string name;
  std::string organization;
  JudgeRole role = JudgeRole::kExpert;
};

// What a judge entered for one aspect, already checked against the aspect (mark_value.h).
// `number` means: pass_fail 1 or 0; number_completed the count k; choice the 0-based option index;
// ranged the measured value; judgement the score 0…3. Unused when not_attempted.
struct MarkValue {
  bool not_attempted = false;
  Rational number;

  friend bool operator==(const MarkValue&, const MarkValue&) = default;
};

struct MarkEntry {
  std::string candidate;
  std::size_t aspect = 0;  // ordinal in Rubric::aspect_order
  std::string judge;
  MarkValue value;
};

// One judge's score in a judgement panel.
struct PanelScore {
  std::string judge;
  int score = 0;  // 0…3
};

// The marks that count for one candidate × aspect.
struct AspectRecord {
  std::optional<MarkValue> measurement;  // measurement aspects; nullopt = missing
  std::vector<PanelScore> panel;         // judgement aspects, in order of first entry
};

struct CandidateSheet {
  Candidate candidate;
  std::vector<AspectRecord> aspects;  // indexed by aspect ordinal; size == rubric.AspectCount()
};

// One sheet per candidate, in the order of `candidates`. Entries must name listed candidates and
// valid aspect ordinals (entries that do not are a caller bug and are ignored).
std::vector<CandidateSheet> BuildSheets(const Rubric& rubric,
                                        const std::vector<Candidate>& candidates,
                                        const std::vector<MarkEntry>& entries);

}  // namespace skillscore
