#include "pg_rubrics.h"

namespace skillscore::pg {

AspectSlots ReadAspectSlots(Connection& db, std::int64_t rubric_id) {
  Result rows =
      db.Exec("SELECT slot FROM rubric_aspects WHERE rubric = $1 ORDER BY ordinal", rubric_id);
  std::vector<std::int64_t> slots;
  for (int row = 0; row < rows.rows(); ++row) slots.push_back(rows.Int(row, 0));
  return AspectSlots(std::move(slots));
}

std::vector<std::int64_t> AssignSlots(Connection& db, const Rubric& rubric) {
  std::vector<store_common::SlotOfAspect> earlier;
  Result rows = db.Exec(
      "SELECT a.code, a.slot FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = $1 ORDER BY r.id",
      rubric.code);
  for (int row = 0; row < rows.rows(); ++row)
    earlier.emplace_back(rows.Text(row, 0), rows.Int(row, 1));
  return store_common::AssignSlots(earlier, rubric);
}

std::optional<SlotAspect> LatestAspectInSlot(Connection& db, const std::string& code,
                                             std::int64_t slot) {
  Result rows = db.Exec(
      "SELECT a.code, a.subcriterion FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = $1 AND a.slot = $2 ORDER BY r.id DESC LIMIT 1",
      code, slot);
  if (rows.rows() == 0) return std::nullopt;
  return SlotAspect{rows.Text(0, 0), rows.Text(0, 1)};
}

}  // namespace skillscore::pg
