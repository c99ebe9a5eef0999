// Every candidate's current sheet of an exam, read from the SQLite store's current marks.
//
// `results`, `status` and `report judges` need the sheets, not the entries that made them: the
// marks table holds the latest entry of each candidate × aspect × panel place, which is what
// BuildSheets keeps of every entry. So the sheets are built from the current marks alone, one
// candidate at a time along the marks' primary key, without reading the history of replaced
// entries (except, per candidate, the first entry of each replaced place, which orders a panel
// as BuildSheets orders it: by each judge's first entry) and without a list of every entry.
// `results` and `status`, which verify the exam's audit chain too, build the same sheets from
// the exam's marks read once for both (VerifyAndStreamSheets, sqlite_packed_marks.h).
//
// Thread safety: uses the caller's connection; one thread at a time, like the store.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"
#include "sqlite_packed_marks.h"
#include "sqlite_slots.h"

namespace skillscore::sqlite {

// The exam's people as the store numbers them: the row id of each candidate (parallel to the
// candidates) and the code of each judge by row id.
struct StoredPeople {
  const std::vector<Candidate>& candidates;
  std::span<const std::int64_t> candidate_ids;
  const std::unordered_map<std::int64_t, std::string>& judge_codes;
};

// One sheet per candidate, in their order, equal to BuildSheets over every entry ever made for
// them. Marks of aspects that the exam's rubric version removed (no slot) are left out.
std::vector<CandidateSheet> ReadCurrentSheets(Database& db, const Rubric& rubric,
                                              const AspectSlots& slots, const StoredPeople& people);

// The same sheets handed to `take` one at a time, none kept.
void StreamCurrentSheets(Database& db, const Rubric& rubric, const AspectSlots& slots,
                         const StoredPeople& people,
                         const std::function<void(const CandidateSheet&)>& take);

// The exam: its code and row id.
struct ExamKey {
  std::string code;
  std::int64_t id = 0;
};

// audit.Verify(exam) and StreamCurrentSheets, reading the exam's marks once for both (the
// queries of each alone when some mark does not fit a PackedMark).
AuditReport VerifyAndStreamSheets(Database& db, audit::AuditLog& audit, const ExamKey& exam,
                                  const AspectSlots& slots, const StoredPeople& people,
                                  const Rubric& rubric,
                                  const std::function<void(const CandidateSheet&)>& take);

// The sheet of the candidate at `index` of people.candidates alone, equal to its sheet among
// ReadCurrentSheets': two indexed queries, for entering one mark.
CandidateSheet ReadCurrentSheet(Database& db, const Rubric& rubric, const AspectSlots& slots,
                                const StoredPeople& people, std::size_t index);

}  // namespace skillscore::sqlite
