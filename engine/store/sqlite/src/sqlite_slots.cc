#include "sqlite_slots.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace skillscore::sqlite {

AspectSlots::AspectSlots(std::vector<std::int64_t> slot_of_ordinal)
    : slot_of_ordinal_(std::move(slot_of_ordinal)) {
  std::int64_t highest = -1;
  for (std::int64_t slot : slot_of_ordinal_) highest = std::max(highest, slot);
  ordinal_of_slot_.assign(static_cast<std::size_t>(highest + 1), kNone);
  for (std::size_t ordinal = 0; ordinal < slot_of_ordinal_.size(); ++ordinal) {
    ordinal_of_slot_[static_cast<std::size_t>(slot_of_ordinal_[ordinal])] = ordinal;
  }
}

bool AspectSlots::IsIdentity() const {
  for (std::size_t ordinal = 0; ordinal < slot_of_ordinal_.size(); ++ordinal) {
    if (slot_of_ordinal_[ordinal] != static_cast<std::int64_t>(ordinal)) return false;
  }
  return true;
}

AspectSlots ReadAspectSlots(Database& db, std::int64_t rubric_id) {
  Statement query =
      db.Prepare("SELECT slot FROM rubric_aspects WHERE rubric = ?1 ORDER BY ordinal");
  query.Bind(1, rubric_id);
  std::vector<std::int64_t> slots;
  while (query.Step()) slots.push_back(query.Int(0));
  return AspectSlots(std::move(slots));
}

std::vector<std::int64_t> AssignSlots(Database& db, const Rubric& rubric) {
  std::unordered_map<std::string, std::int64_t> earlier;  // aspect id → its latest slot
  std::int64_t next = 0;
  Statement query = db.Prepare(
      "SELECT a.code, a.slot FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = ?1 ORDER BY r.id");
  query.Bind(1, rubric.code);
  while (query.Step()) {
    earlier[query.Text(0)] = query.Int(1);
    next = std::max(next, query.Int(1) + 1);
  }
  std::vector<std::int64_t> slots;
  std::unordered_set<std::int64_t> taken;
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    auto found = earlier.find(rubric.AspectAt(ordinal).id);
    // Two ids can claim one slot only in versions imported before slots existed (migration 4
    // numbered those by position); the later claimant then takes a new slot.
    bool keeps = found != earlier.end() && taken.insert(found->second).second;
    slots.push_back(keeps ? found->second : next++);
    if (!keeps) taken.insert(slots.back());
  }
  return slots;
}

std::optional<SlotAspect> LatestAspectInSlot(Database& db, std::string_view code,
                                             std::int64_t slot) {
  Statement query = db.Prepare(
      "SELECT a.code, a.subcriterion FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = ?1 AND a.slot = ?2 ORDER BY r.id DESC LIMIT 1");
  query.Bind(1, code).Bind(2, slot);
  if (!query.Step()) return std::nullopt;
  return SlotAspect{query.Text(0), query.Text(1)};
}

}  // namespace skillscore::sqlite
