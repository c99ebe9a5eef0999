#include "skillscore/aspect_slots.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace skillscore::store_common {

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

std::vector<std::int64_t> AssignSlots(const std::vector<SlotOfAspect>& earlier_aspects,
                                      const Rubric& rubric) {
  std::unordered_map<std::string, std::int64_t> earlier;  // aspect id → its latest slot
  std::int64_t next = 0;
  for (const auto& [id, slot] : earlier_aspects) {
    earlier[id] = slot;
    next = std::max(next, slot + 1);
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

}  // namespace skillscore::store_common
