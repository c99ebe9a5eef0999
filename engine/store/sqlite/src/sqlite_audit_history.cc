// An exam's audit trail for `history` (sqlite_audit.h): the rows it is made of; the lines are
// made by engine/store/common (store_history.h).
#include "sqlite_audit.h"

namespace skillscore::audit {

std::vector<HistoryEntry> AuditLog::History(const HistoryScope& scope) {
  std::vector<Event> events = ReadEvents(scope.exam);
  std::vector<StoredMark> marks = ReadMarks({scope.exam_id, scope.candidate, scope.AspectSlot()});
  return store_common::HistoryLines(scope, events, marks, [&](std::int64_t slot) {
    return sqlite::LatestAspectInSlot(db_, scope.rubric->code, slot);
  });
}

}  // namespace skillscore::audit
