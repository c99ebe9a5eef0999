// Signing a sub-criterion off and re-opening it, whichever store keeps the locks: the checks,
// their refusals (lock_refusals.h) and the audit events are made here; a store reads and writes
// its lock rows (LockRows).
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/chief_event.h"
#include "skillscore/exam_roster.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// The lock rows of a store's own tables.
class LockRows {
 public:
  virtual ~LockRows() = default;
  // The sub-criteria of a stored rubric version, in rubric order.
  virtual std::vector<std::string> ReadSubcriteria(std::int64_t rubric_id) = 0;
  // The exam's locks, in rubric order.
  virtual std::vector<SubcriterionLock> ReadLocks(const ExamRow& exam) = 0;
  virtual void InsertLock(std::int64_t exam_id, const SubcriterionLock& lock) = 0;
  virtual void DeleteLock(std::int64_t exam_id, std::string_view subcriterion) = 0;
  // The digest of the exam's locks (audit_chain.h).
  virtual std::string LocksState(std::int64_t exam_id) = 0;
  virtual void Append(audit::Event& event) = 0;
};

// The exam's data as it is in the write's transaction, current sheets included, for the guard.
using ExamDataReader = std::function<StoreResult<ExamData>()>;

// Locks the sub-criterion of the exam (whose row the caller's transaction holds) when `guard`
// allows it on the exam's data; refused when the rubric has no such sub-criterion
// (kInvalidInput), when it is locked already or the guard refuses (kConflict).
StoreResult<SubcriterionLock> LockSubcriterion(LockRows& rows, const ExamRow& exam,
                                               std::string_view subcriterion,
                                               const ChiefAction& action, const LockGuard& guard,
                                               const ExamDataReader& read_data, const Clock& now);

// Re-opens a locked sub-criterion; refused when the rubric has no such sub-criterion or it is not
// locked.
StoreResult<void> UnlockSubcriterion(LockRows& rows, const ExamRow& exam,
                                     std::string_view subcriterion, const ChiefAction& action,
                                     const Clock& now);

}  // namespace skillscore::store_common
