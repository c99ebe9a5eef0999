// An exam's audit trail for `history` in the PostgreSQL store (pg_audit.h): the rows it is made
// of; the lines are made by engine/store/common (store_history.h), as for SQLite.
#include "pg_audit.h"

namespace skillscore::pg {

std::vector<HistoryEntry> AuditLog::History(const HistoryScope& scope) {
  std::vector<audit::Event> events = ReadEvents(scope.exam);
  std::vector<audit::StoredMark> marks =
      ReadMarks({scope.exam_id, scope.candidate, scope.AspectSlot()});
  return store_common::HistoryLines(scope, events, marks, [&](std::int64_t slot) {
    return LatestAspectInSlot(db_, scope.rubric->code, slot);
  });
}

}  // namespace skillscore::pg
