// Where the SQLite store keeps the marks of each aspect: its slot (rubric_aspects.slot), by the
// rule every store follows (skillscore/aspect_slots.h); here only the rows are read.
//
// Thread safety: the readers use the caller's connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/aspect_slots.h"
#include "skillscore/rubric.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

using store_common::AspectSlots;
using store_common::SlotAspect;

// The slots of the stored rubric with row id `rubric_id`, in aspect order.
AspectSlots ReadAspectSlots(Database& db, std::int64_t rubric_id);

// The slots a new version of `rubric.code` takes, by the rule above, from the versions stored.
std::vector<std::int64_t> AssignSlots(Database& db, const Rubric& rubric);

// The aspect id (and its sub-criterion) stored in `slot` by the latest version of rubric `code`
// that has it, for naming marks of aspects the exam's version removed; nullopt for a slot no
// version uses.
std::optional<SlotAspect> LatestAspectInSlot(Database& db, std::string_view code,
                                             std::int64_t slot);

}  // namespace skillscore::sqlite
