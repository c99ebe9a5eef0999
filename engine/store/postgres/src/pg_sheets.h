// An exam's current sheets read one candidate at a time (ExamStore::StreamExamSheets) from the
// PostgreSQL store: its current marks stream by binary COPY in the order of candidate, then of each
// place's first entry, and each candidate's sheet is built as its marks arrive and handed over
// before the next one's is started, a candidate without marks getting an empty sheet in its turn.
// Memory holds one sheet whatever the size of the exam: the first import of a large exam checks
// its panels (MarkRules) without building an empty sheet for every candidate first.
//
// Thread safety: one thread at a time, inside the store's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "pg_db.h"
#include "pg_rubrics.h"
#include "skillscore/store.h"

namespace skillscore::pg {

// What the sheets are built from: the exam's roster as the store reads it.
struct SheetRoster {
  std::int64_t exam_id = 0;
  const Rubric& rubric;
  const AspectSlots& slots;
  const std::vector<Candidate>& candidates;
  const std::vector<std::int64_t>& candidate_ids;  // parallel to `candidates`, ascending
  const std::unordered_map<std::int64_t, std::string>& judge_codes;
};

// Hands `take` each candidate's current sheet, in the order of `roster.candidates`, each as
// BuildSheets gives it from the candidate's current marks in the order of their places' first
// entries. `take` runs while the marks stream: it must not use the connection.
void StreamCurrentSheets(Connection& db, const SheetRoster& roster,
                         const ExamStore::SheetSink& take);

}  // namespace skillscore::pg
