// Withdrawing a mark in the PostgreSQL store (ExamStore::WithdrawMark), as in the SQLite store
// (sqlite_withdrawal.h): the current mark becomes a tombstone (marks.withdrawn, with the
// withdrawal's entry number and reason as its note), so it no longer counts while its value moves
// to mark_history like any replaced one (the marks_keep_replaced trigger). A later mark for the
// same place replaces the tombstone.
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pg_db.h"
#include "skillscore/store.h"

namespace skillscore::pg {

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

// Writes the tombstone; returns the digest of the marks event that records it, or why nothing
// was written (kInvalidInput: unknown candidate, judge or aspect; kConflict: the sub-criterion is
// locked; kNotFound: no current mark there).
StoreResult<std::string> WithdrawMark(Connection& db, const Withdrawal& withdrawal);

}  // namespace skillscore::pg
