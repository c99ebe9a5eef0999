// The roster generation of the PostgreSQL store (roster_cache.h): a counter per exam that triggers
// raise in the transaction of every change to the exam's row, candidates, judges or locks, whoever
// makes it, so that a kept roster is known to be current by one read of an indexed row.
#pragma once

#include <optional>
#include <string_view>

#include "pg_db.h"
#include "skillscore/roster_cache.h"

namespace skillscore::pg {

// The migration that adds exams.roster_generation and its triggers.
extern const char kRosterGenerationMigration[];

// The exam's row and roster generation, or nullopt when there is no such exam; with `lock`, the
// exam's row is locked for the caller's transaction (as every write of the exam locks it), in the
// same round trip. `next_entry` is the exam's next entry number. `changed_here`: the caller's own
// transaction changed the roster, and may change it again without moving the counter (it moves
// once per transaction), so what it reads now must not be kept.
struct RosterRow {
  std::int64_t exam_id = 0;
  std::int64_t generation = 0;
  std::int64_t next_entry = 0;
  bool changed_here = false;
};
std::optional<RosterRow> ReadRosterRow(Connection& db, std::string_view exam, bool lock);

}  // namespace skillscore::pg
