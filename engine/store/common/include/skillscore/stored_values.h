// Reading a store's rows back into the engine's values, the same in every store.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// An expected failure of a store operation, as a value: a message (a database failure, a problem
// in engine/audit's words), or a refusal's code and its parameters (store_error.h).
tl::unexpected<StoreError> Refuse(StoreError::Kind kind, std::string message);
tl::unexpected<StoreError> Refuse(StoreError::Code code, std::vector<std::string> args = {});

// kNotFound for an exam or a rubric ("code" or "code@version") that is not stored.
tl::unexpected<StoreError> ExamNotFound(std::string_view exam);
tl::unexpected<StoreError> RubricNotFound(std::string_view rubric);

// A candidate's status as the candidates table names it (the schemas allow no other names).
CandidateStatus StatusFromName(std::string_view name);

// A rubric as stored: its YAML parsed again. kStorage, naming the database (`database`: a file
// or a server), when it no longer loads (someone edited it, or this program is older than the one
// that stored it).
StoreResult<Rubric> ParseStoredRubric(const std::string& database, const RubricInfo& info,
                                      const std::string& yaml_text);

}  // namespace skillscore::store_common
