// How a store's single-mark and list entry points reduce to its batch of marks
// (ExamStore::ImportMarkStream), the same in every store.
//
// Thread safety: pure functions.
#pragma once

#include <span>

#include "skillscore/store.h"

namespace skillscore::store_common {

// The rows of a list, as the source of a batch (ImportMarks).
NewMarkSource RowsOf(std::span<const NewMark> rows);

// What the one mark of a batch did (EnterMark).
Change ChangeOf(const ImportCounts& counts);

}  // namespace skillscore::store_common
