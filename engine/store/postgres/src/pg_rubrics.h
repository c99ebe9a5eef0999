// Rubric versions in the PostgreSQL store: reading the slots their aspects keep marks under (the
// rule of every store: skillscore/aspect_slots.h), and parsing a stored rubric back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pg_db.h"
#include "skillscore/aspect_slots.h"
#include "skillscore/rubric.h"
#include "skillscore/store.h"
#include "skillscore/stored_values.h"

namespace skillscore::pg {

using store_common::AspectSlots;
using store_common::Refuse;
using store_common::SlotAspect;
using store_common::StatusFromName;

AspectSlots ReadAspectSlots(Connection& db, std::int64_t rubric_id);
// The slots a new version of `rubric.code` takes from the versions stored.
std::vector<std::int64_t> AssignSlots(Connection& db, const Rubric& rubric);

std::optional<SlotAspect> LatestAspectInSlot(Connection& db, const std::string& code,
                                             std::int64_t slot);

// A stored rubric parsed again (skillscore/stored_values.h), naming the server when it fails.
inline StoreResult<Rubric> ParseStoredRubric(const Connection& db, const RubricInfo& info,
                                             const std::string& yaml_text) {
  return store_common::ParseStoredRubric(db.server(), info, yaml_text);
}

}  // namespace skillscore::pg
