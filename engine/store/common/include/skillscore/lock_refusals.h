// Why a store refuses to lock or unlock a sub-criterion, in the same words in every store.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/store.h"

namespace skillscore::store_common {

// kInvalidInput unless `subcriterion` is one of `known`, those of the exam's rubric version.
std::optional<StoreError> CheckSubcriterion(std::string_view subcriterion,
                                            const std::vector<std::string>& known,
                                            const RubricInfo& rubric);

// kConflict: the sub-criterion is locked already; it is not locked; it changed while the lock
// was being taken (the guard refused).
tl::unexpected<StoreError> AlreadyLocked(std::string_view exam, std::string_view subcriterion,
                                         const SubcriterionLock& lock);
tl::unexpected<StoreError> NotLocked(std::string_view exam, std::string_view subcriterion);
tl::unexpected<StoreError> ChangedWhileLocking(std::string_view exam,
                                               std::string_view subcriterion);

}  // namespace skillscore::store_common
