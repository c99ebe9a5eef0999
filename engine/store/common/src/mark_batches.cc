#include "skillscore/mark_batches.h"

namespace skillscore::store_common {

NewMarkSource RowsOf(std::span<const NewMark> rows) {
  return [rows](const NewMarkSink& take) {
    for (const NewMark& row : rows) take(row);
    return true;
  };
}

Change ChangeOf(const ImportCounts& counts) {
  if (counts.added == 1) return Change::kAdded;
  return counts.changed == 1 ? Change::kChanged : Change::kUnchanged;
}

}  // namespace skillscore::store_common
