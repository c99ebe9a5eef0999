// Rubric versions in the PostgreSQL store: the slots their aspects keep marks under (the same rule
// as engine/store/sqlite/src/sqlite_slots.h), and parsing a stored rubric back.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "pg_db.h"
#include "skillscore/rubric.h"
#include "skillscore/store.h"

namespace skillscore::pg {

class AspectSlots {
 public:
  AspectSlots() = default;
  explicit AspectSlots(std::vector<std::int64_t> slot_of_ordinal);
  std::int64_t SlotOf(std::size_t ordinal) const { return slot_of_ordinal_[ordinal]; }
  std::optional<std::size_t> OrdinalOf(std::int64_t slot) const;
  bool IsIdentity() const;
  const std::vector<std::int64_t>& slots() const { return slot_of_ordinal_; }

 private:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::int64_t> slot_of_ordinal_;
  std::vector<std::size_t> ordinal_of_slot_;
};

AspectSlots ReadAspectSlots(Connection& db, std::int64_t rubric_id);
// The slots a new version of `rubric.code` takes from the versions stored.
std::vector<std::int64_t> AssignSlots(Connection& db, const Rubric& rubric);

struct SlotAspect {
  std::string id;
  std::string subcriterion;
};
std::optional<SlotAspect> LatestAspectInSlot(Connection& db, const std::string& code,
                                             std::int64_t slot);

StoreResult<Rubric> ParseStoredRubric(const Connection& db, const RubricInfo& info,
                                      const std::string& yaml_text);

tl::unexpected<StoreError> Refuse(StoreError::Kind kind, std::string message);
CandidateStatus StatusFromName(std::string_view name);

}  // namespace skillscore::pg
