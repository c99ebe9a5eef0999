#include "skillscore/mark_refusals.h"

#include <utility>

namespace skillscore::store_common {

StoreError MarkRefusal(const NewMark& mark, StoreError::Code code, std::vector<std::string> args) {
  StoreError refusal = StoreError::Of(code, std::move(args));
  refusal.line = mark.line;
  return refusal;
}

std::optional<StoreError> MarksRefused(const std::string& file, std::vector<StoreError> unknown,
                                       std::vector<StoreError> locked) {
  if (unknown.empty() && locked.empty()) return std::nullopt;
  StoreError refused = StoreError::Of(StoreError::Code::kMarksRefused, {file});
  refused.refusals = unknown.empty() ? std::move(locked) : std::move(unknown);
  return refused;
}

}  // namespace skillscore::store_common
