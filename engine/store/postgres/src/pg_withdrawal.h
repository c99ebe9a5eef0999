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
#include "skillscore/mark_withdrawal.h"
#include "skillscore/store.h"

namespace skillscore::pg {

using store_common::Withdrawal;

// Withdraws by the rules of every store (mark_withdrawal.h), reading and writing this store's rows.
StoreResult<std::string> WithdrawMark(Connection& db, const Withdrawal& withdrawal);

}  // namespace skillscore::pg
