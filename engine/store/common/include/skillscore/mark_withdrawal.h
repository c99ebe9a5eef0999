// Withdrawing a mark (ExamStore::WithdrawMark), whichever store keeps it: the checks, their
// refusals and the digest of the marks event that records the withdrawal are made here; a store
// reads and writes the rows it is asked for (WithdrawalRows). The current mark becomes a tombstone
// (withdrawn, with the withdrawal's entry number and reason as its note), so it no longer counts
// while its value moves to the history like any replaced one. A later mark for the same place
// replaces the tombstone.
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skillscore/store.h"

namespace skillscore::store_common {

struct Withdrawal {
  std::int64_t exam_id = 0;  // row ids
  std::int64_t rubric_id = 0;
  std::string exam = {};  // the exam id, for messages
  std::string candidate = {};
  std::size_t aspect = 0;  // ordinal in the exam's rubric
  std::string judge = {};  // whose judgement score; ignored for a measurement
  std::string reason = {};
  std::int64_t entry = 0;  // the exam's next entry number
};

// An aspect of a stored rubric version, with the slot its marks are kept under.
struct StoredAspect {
  std::string id;
  std::string subcriterion;
  bool judgement = false;
  std::int64_t slot = 0;
};

// Who signed a sub-criterion off, and when.
struct LockRow {
  std::string locked_by;
  std::string locked_at;
};

// The rows a withdrawal reads and writes, in the store's own tables (row ids are the store's).
class WithdrawalRows {
 public:
  virtual ~WithdrawalRows() = default;
  virtual std::optional<StoredAspect> Aspect(std::int64_t rubric_id, std::size_t ordinal) = 0;
  virtual std::optional<std::int64_t> CandidateId(std::int64_t exam_id, std::string_view code) = 0;
  virtual std::optional<std::int64_t> JudgeId(std::int64_t exam_id, std::string_view code) = 0;
  virtual std::optional<LockRow> Lock(std::int64_t exam_id, const std::string& subcriterion) = 0;
  // The code of the judge of the current, not withdrawn mark at (candidate, slot, panel).
  virtual std::optional<std::string> CurrentMarkJudge(std::int64_t candidate, std::int64_t slot,
                                                      std::int64_t panel) = 0;
  // Turns that mark into a tombstone.
  virtual void WriteTombstone(std::int64_t candidate, std::int64_t slot, std::int64_t panel,
                              std::int64_t entry, const std::string& reason) = 0;
};

// Writes the tombstone; returns the digest of the marks event that records it, or why nothing
// was written (kInvalidInput: unknown candidate, judge or aspect; kConflict: the sub-criterion is
// locked; kNotFound: no current mark there).
StoreResult<std::string> WithdrawMark(WithdrawalRows& rows, const Withdrawal& withdrawal);

}  // namespace skillscore::store_common
