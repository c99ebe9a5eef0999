// The roster generation of the SQLite store (roster_cache.h): a counter per exam that triggers
// raise in the transaction of every change to the exam's row, candidates, judges or locks, whoever
// makes it (a server, a command, the sqlite3 shell), so that a kept roster is known to be current
// by one read of an indexed row.
#pragma once

#include <optional>
#include <string_view>

#include "skillscore/roster_cache.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

// The migration that adds exams.roster_generation and its triggers.
extern const char kRosterGenerationMigration[];

// The exam's row and roster generation, or nullopt when there is no such exam; inside the caller's
// transaction.
template <typename Roster>
std::optional<typename RosterCache<Roster>::Version> RosterVersion(Database& db,
                                                                   std::string_view exam) {
  Statement query = db.Prepare("SELECT id, roster_generation FROM exams WHERE code = ?1");
  query.Bind(1, exam);
  if (!query.Step()) return std::nullopt;
  return typename RosterCache<Roster>::Version{query.Int(0), query.Int(1)};
}

}  // namespace skillscore::sqlite
