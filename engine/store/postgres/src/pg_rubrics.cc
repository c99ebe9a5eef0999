#include "pg_rubrics.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "skillscore/i18n.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::pg {

AspectSlots::AspectSlots(std::vector<std::int64_t> slot_of_ordinal)
    : slot_of_ordinal_(std::move(slot_of_ordinal)) {
  std::int64_t highest = -1;
  for (std::int64_t slot : slot_of_ordinal_) highest = std::max(highest, slot);
  ordinal_of_slot_.assign(static_cast<std::size_t>(highest + 1), kNone);
  for (std::size_t ordinal = 0; ordinal < slot_of_ordinal_.size(); ++ordinal) {
    ordinal_of_slot_[static_cast<std::size_t>(slot_of_ordinal_[ordinal])] = ordinal;
  }
}

std::optional<std::size_t> AspectSlots::OrdinalOf(std::int64_t slot) const {
  if (slot < 0 || static_cast<std::size_t>(slot) >= ordinal_of_slot_.size()) return std::nullopt;
  std::size_t ordinal = ordinal_of_slot_[static_cast<std::size_t>(slot)];
  if (ordinal == kNone) return std::nullopt;
  return ordinal;
}

bool AspectSlots::IsIdentity() const {
  for (std::size_t ordinal = 0; ordinal < slot_of_ordinal_.size(); ++ordinal) {
    if (slot_of_ordinal_[ordinal] != static_cast<std::int64_t>(ordinal)) return false;
  }
  return true;
}

AspectSlots ReadAspectSlots(Connection& db, std::int64_t rubric_id) {
  Result rows =
      db.Exec("SELECT slot FROM rubric_aspects WHERE rubric = $1 ORDER BY ordinal", rubric_id);
  std::vector<std::int64_t> slots;
  for (int row = 0; row < rows.rows(); ++row) slots.push_back(rows.Int(row, 0));
  return AspectSlots(std::move(slots));
}

std::vector<std::int64_t> AssignSlots(Connection& db, const Rubric& rubric) {
  std::unordered_map<std::string, std::int64_t> earlier;  // aspect id → its latest slot
  std::int64_t next = 0;
  Result rows = db.Exec(
      "SELECT a.code, a.slot FROM rubric_aspects a JOIN rubrics r ON r.id = a.rubric "
      "WHERE r.code = $1 ORDER BY r.id",
      rubric.code);
  for (int row = 0; row < rows.rows(); ++row) {
    earlier[rows.Text(row, 0)] = rows.Int(row, 1);
    next = std::max(next, rows.Int(row, 1) + 1);
  }
  std::vector<std::int64_t> slots;
  std::unordered_set<std::int64_t> taken;
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    auto found = earlier.find(rubric.AspectAt(ordinal).id);
    bool keeps = found != earlier.end() && taken.insert(found->second).second;
    slots.push_back(keeps ? found->second : next++);
    if (!keeps) taken.insert(slots.back());
  }
  return slots;
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

StoreResult<Rubric> ParseStoredRubric(const Connection& db, const RubricInfo& info,
                                      const std::string& yaml_text) {
  std::string name = info.code + "@" + info.version;
  RubricLoad load = ParseRubric(yaml_text, name);
  if (load.rubric) return std::move(*load.rubric);
  std::string first;
  for (const Diagnostic& d : load.diagnostics) {
    if (d.severity == Severity::kError) {
      first = FormatDiagnostic(d);
      break;
    }
  }
  return Refuse(
      StoreError::Kind::kStorage,
      Tr("database {0}: the stored rubric {1} no longer loads: {2}", db.server(), name, first));
}

tl::unexpected<StoreError> Refuse(StoreError::Kind kind, std::string message) {
  return tl::unexpected(StoreError{kind, std::move(message)});
}

CandidateStatus StatusFromName(std::string_view name) {
  if (name == "absent") return CandidateStatus::kAbsent;
  if (name == "withdrawn") return CandidateStatus::kWithdrawn;
  if (name == "disqualified") return CandidateStatus::kDisqualified;
  return CandidateStatus::kPresent;
}

}  // namespace skillscore::pg
