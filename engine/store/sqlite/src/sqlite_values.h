// Reading the SQLite store's rows back into the engine's values, shared by the store
// (sqlite_store.cc) and its scan (sqlite_scan.cc).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "skillscore/store.h"

namespace skillscore::sqlite {

// An expected failure of a store operation, as a value.
tl::unexpected<StoreError> Refuse(StoreError::Kind kind, std::string message);

// A candidate's status as the candidates table names it.
CandidateStatus StatusFromName(std::string_view name);

// A rubric as stored: its YAML parsed again. kStorage, naming the database at `db_path`, when it
// no longer loads (someone edited it, or this program is older than the one that stored it).
StoreResult<Rubric> ParseStoredRubric(const std::string& db_path, const RubricInfo& info,
                                      const std::string& yaml_text);

}  // namespace skillscore::sqlite
