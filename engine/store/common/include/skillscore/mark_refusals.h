// Why a store refuses a batch of marks, in the same codes in every store: each refused mark with
// its line, gathered into one kMarksRefused refusal (store_error.h).
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/store_error.h"

namespace skillscore::store_common {

// The refusal of one mark of a batch, at the mark's line.
StoreError MarkRefusal(const NewMark& mark, StoreError::Code code, std::vector<std::string> args);

// kMarksRefused for marks from `file` (empty for a mark typed in): every mark naming what the exam
// does not have (`unknown`) or, when there is none, every mark of a locked sub-criterion
// (`locked`). nullopt when both are empty.
std::optional<StoreError> MarksRefused(const std::string& file, std::vector<StoreError> unknown,
                                       std::vector<StoreError> locked);

}  // namespace skillscore::store_common
