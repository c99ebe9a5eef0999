#include "sqlite_slots.h"

namespace skillscore::sqlite {

AspectSlots ReadAspectSlots(Database& db, std::int64_t rubric_id) {
  Statement query =
      db.Prepare("SELECT slot FROM rubric_aspects WHERE rubric = ?1 ORDER BY ordinal");
  query.Bind(1, rubric_id);
  std::vector<std::int64_t> slots;
  while (query.Step()) slots.push_back(query.Int(0));
  return AspectSlots(std::move(slots));
}

std::vector<std::int64_t> AssignSlots(Database& db, const Rubric& rubric) {
  std::vector<store_common::SlotOfAspect> earlier;
  Statement query = db.Prepare(
      "SELECT a.code, a.slot FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = ?1 ORDER BY r.id");
  query.Bind(1, rubric.code);
  while (query.Step()) earlier.emplace_back(query.Text(0), query.Int(1));
  return store_common::AssignSlots(earlier, rubric);
}

std::optional<SlotAspect> LatestAspectInSlot(Database& db, std::string_view code,
                                             std::int64_t slot) {
  Statement query = db.Prepare(
      "SELECT a.code, a.subcriterion FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = ?1 AND a.slot = ?2 ORDER BY r.id DESC LIMIT 1");
  query.Bind(1, code).Bind(2, slot);
  if (!query.Step()) return std::nullopt;
  return SlotAspect{query.Text(0), query.Text(1)};
}

}  // namespace skillscore::sqlite
