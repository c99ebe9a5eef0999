// Where a store keeps the marks of each aspect: its slot (rubric_aspects.slot), the same rule in
// every store.
//
// Marks are stored by an integer aspect key. That key is not the aspect's position in its rubric
// (a corrected version may insert, remove or reorder aspects) but its slot, numbered per rubric
// code: an aspect keeps the slot its id had in the latest earlier version of the code that has it,
// and an aspect new to the code takes the next slot the code never used. So an exam can be bound
// to a corrected version without rewriting a single mark (rescore --apply): every mark stays where
// it is, keyed by an aspect that means the same in every version, and the marks of an aspect the
// new version removes stay stored but no longer count.
//
// SQLite databases of schema 3 and older stored marks by position; migration 4 gave their aspects
// the slot equal to their position, so their marks and audit digests stay valid as they are.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skillscore/rubric.h"

namespace skillscore::store_common {

// The slots of one rubric version's aspects, both ways.
class AspectSlots {
 public:
  AspectSlots() = default;
  explicit AspectSlots(std::vector<std::int64_t> slot_of_ordinal);

  std::int64_t SlotOf(std::size_t ordinal) const { return slot_of_ordinal_[ordinal]; }
  // The aspect stored in `slot`, or nullopt when this version has none there (a removed aspect).
  std::optional<std::size_t> OrdinalOf(std::int64_t slot) const {
    if (slot < 0 || static_cast<std::size_t>(slot) >= ordinal_of_slot_.size()) return std::nullopt;
    std::size_t ordinal = ordinal_of_slot_[static_cast<std::size_t>(slot)];
    if (ordinal == kNone) return std::nullopt;
    return ordinal;
  }
  std::size_t size() const { return slot_of_ordinal_.size(); }
  // Whether every aspect is stored at its own position (every first version, and every version
  // that only appends aspects to the earlier ones).
  bool IsIdentity() const;
  const std::vector<std::int64_t>& slots() const { return slot_of_ordinal_; }

 private:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::int64_t> slot_of_ordinal_;
  std::vector<std::size_t> ordinal_of_slot_;
};

// An aspect id stored in a slot, by the earlier versions of a rubric code.
using SlotOfAspect = std::pair<std::string, std::int64_t>;

// The slots a new version `rubric` takes, by the rule above, from the aspects of the versions
// stored before it (`earlier`, in the order they were imported).
std::vector<std::int64_t> AssignSlots(const std::vector<SlotOfAspect>& earlier,
                                      const Rubric& rubric);

// The aspect id (and its sub-criterion) stored in a slot by the latest version of a rubric code
// that has it, for naming marks of aspects the exam's version removed.
struct SlotAspect {
  std::string id;
  std::string subcriterion;
};

}  // namespace skillscore::store_common
