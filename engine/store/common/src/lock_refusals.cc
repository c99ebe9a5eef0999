#include "skillscore/lock_refusals.h"

#include <fmt/format.h>

#include <algorithm>

#include "skillscore/stored_values.h"

namespace skillscore::store_common {

std::optional<StoreError> CheckSubcriterion(std::string_view subcriterion,
                                            const std::vector<std::string>& known,
                                            const RubricInfo& rubric) {
  if (std::find(known.begin(), known.end(), subcriterion) != known.end()) return std::nullopt;
  return StoreError::Of(StoreError::Code::kSubcriterionNotInRubric,
                        {std::string(subcriterion), rubric.code, rubric.version,
                         fmt::format("{}", fmt::join(known, ", "))});
}

tl::unexpected<StoreError> AlreadyLocked(std::string_view exam, std::string_view subcriterion,
                                         const SubcriterionLock& lock) {
  return Refuse(StoreError::Code::kAlreadyLocked,
                {std::string(subcriterion), std::string(exam), lock.locked_by, lock.locked_at});
}

tl::unexpected<StoreError> NotLocked(std::string_view exam, std::string_view subcriterion) {
  return Refuse(StoreError::Code::kNotLocked, {std::string(subcriterion), std::string(exam)});
}

tl::unexpected<StoreError> ChangedWhileLocking(std::string_view exam,
                                               std::string_view subcriterion) {
  return Refuse(StoreError::Code::kChangedWhileLocking,
                {std::string(subcriterion), std::string(exam)});
}

}  // namespace skillscore::store_common
