#include "skillscore/subcriterion_locks.h"

#include <optional>
#include <utility>

#include "skillscore/lock_refusals.h"

namespace skillscore::store_common {
namespace {

std::optional<StoreError> CheckSubcriterionOf(LockRows& rows, const ExamRow& exam,
                                              std::string_view subcriterion) {
  return CheckSubcriterion(subcriterion, rows.ReadSubcriteria(exam.rubric_id), exam.info.rubric);
}

std::optional<SubcriterionLock> FindLock(LockRows& rows, const ExamRow& exam,
                                         std::string_view subcriterion) {
  for (SubcriterionLock& lock : rows.ReadLocks(exam)) {
    if (lock.subcriterion == subcriterion) return std::move(lock);
  }
  return std::nullopt;
}

}  // namespace

StoreResult<SubcriterionLock> LockSubcriterion(LockRows& rows, const ExamRow& exam,
                                               std::string_view subcriterion,
                                               const ChiefAction& action, const LockGuard& guard,
                                               const ExamDataReader& read_data, const Clock& now) {
  if (auto error = CheckSubcriterionOf(rows, exam, subcriterion)) return tl::unexpected(*error);
  if (auto lock = FindLock(rows, exam, subcriterion)) {
    return AlreadyLocked(exam.info.id, subcriterion, *lock);
  }
  auto data = read_data();
  if (!data) return tl::unexpected(data.error());
  if (!guard(*data, subcriterion)) return ChangedWhileLocking(exam.info.id, subcriterion);
  SubcriterionLock lock{std::string(subcriterion), action.actor, now()};
  rows.InsertLock(exam.id, lock);
  audit::Event event = ChiefEvent(exam, audit::kLock, lock.subcriterion, {}, action, lock.locked_at,
                                  rows.LocksState(exam.id));
  rows.Append(event);
  return lock;
}

StoreResult<void> UnlockSubcriterion(LockRows& rows, const ExamRow& exam,
                                     std::string_view subcriterion, const ChiefAction& action,
                                     const Clock& now) {
  if (auto error = CheckSubcriterionOf(rows, exam, subcriterion)) return tl::unexpected(*error);
  if (!FindLock(rows, exam, subcriterion)) return NotLocked(exam.info.id, subcriterion);
  rows.DeleteLock(exam.id, subcriterion);
  audit::Event event = ChiefEvent(exam, audit::kUnlock, std::string(subcriterion), {}, action,
                                  now(), rows.LocksState(exam.id));
  rows.Append(event);
  return {};
}

}  // namespace skillscore::store_common
