#include "skillscore/lock_refusals.h"

#include <fmt/format.h>

#include <algorithm>

#include "skillscore/i18n.h"
#include "skillscore/stored_values.h"

namespace skillscore::store_common {

std::optional<StoreError> CheckSubcriterion(std::string_view subcriterion,
                                            const std::vector<std::string>& known,
                                            const RubricInfo& rubric) {
  if (std::find(known.begin(), known.end(), subcriterion) != known.end()) return std::nullopt;
  return StoreError{StoreError::Kind::kInvalidInput,
                    Tr("sub-criterion {0} is not in rubric {1}@{2} (its sub-criteria: {3})",
                       subcriterion, rubric.code, rubric.version, fmt::join(known, ", "))};
}

tl::unexpected<StoreError> AlreadyLocked(std::string_view exam, std::string_view subcriterion,
                                         const SubcriterionLock& lock) {
  return Refuse(StoreError::Kind::kConflict,
                Tr("sub-criterion {0} of exam {1} is already locked (by {2} at {3})", subcriterion,
                   exam, lock.locked_by, lock.locked_at));
}

tl::unexpected<StoreError> NotLocked(std::string_view exam, std::string_view subcriterion) {
  return Refuse(StoreError::Kind::kConflict,
                Tr("sub-criterion {0} of exam {1} is not locked", subcriterion, exam));
}

tl::unexpected<StoreError> ChangedWhileLocking(std::string_view exam,
                                               std::string_view subcriterion) {
  return Refuse(StoreError::Kind::kConflict,
                Tr("sub-criterion {0} of exam {1} changed while it was being locked; "
                   "check its status and lock it again",
                   subcriterion, exam));
}

}  // namespace skillscore::store_common
