// The audit log of the PostgreSQL store: the same events, digests of state and checks as the
// SQLite store's (engine/store/sqlite/src/sqlite_audit.h describes the design), hashed through
// engine/audit so that the same events give the same bytes.
//
// Chains are those of engine/audit (audit_chain.h): one per exam, one per rubric code, one for the
// administrators; nothing hashed names a row id of this store, so an exam's chain has the same
// bytes here as on SQLite. What is this store's own is how appends are made safe with many
// writers: each chain has a row in audit_chains holding its number of events and head hash, and
// Append locks that row (FOR UPDATE) before reading the head, so two writers can never both
// follow the same event, and writers of different exams lock different rows. Entry numbers of
// marks are counted per exam (exams.next_entry, read under the exam's row lock).
//
// Thread safety: uses the store's connection; one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pg_db.h"
#include "pg_rubrics.h"
#include "skillscore/audit_chain.h"
#include "skillscore/audit_verify.h"
#include "skillscore/rubric.h"
#include "skillscore/store.h"
#include "skillscore/store_history.h"

namespace skillscore::pg {

// A stored mark with the exam's own identifiers, as the chain records it (audit_verify.h).
using ExamMark = audit::ExamMark;

// Which marks to read: an exam's, or one candidate's (of the exam); optionally of one aspect slot.
struct MarkFilter {
  std::int64_t exam = 0;
  std::optional<std::int64_t> candidate = {};
  std::optional<std::int64_t> aspect = {};
};

// What `history` needs to know about the exam (store_history.h).
using HistoryScope = store_common::HistoryScope;

class AuditLog {
 public:
  explicit AuditLog(Connection& db) : db_(db) {}

  // Appends `event` to its chain, setting id, prev_hash and hash; inside the write transaction.
  void Append(audit::Event& event);

  std::string RubricState(std::int64_t rubric_id);
  std::string ExamState(std::int64_t exam_id);
  std::string CandidatesState(std::int64_t exam_id);
  std::string JudgesState(std::int64_t exam_id);
  std::string LocksState(std::int64_t exam_id);
  std::string PassportsState(std::int64_t exam_id);

  AuditReport Verify(const std::optional<std::string>& exam);    // pg_audit_verify.cc
  std::vector<HistoryEntry> History(const HistoryScope& scope);  // pg_audit_history.cc

  // An exam's stored marks (current and replaced) that `filter` selects, in entry order.
  std::vector<audit::StoredMark> ReadMarks(const MarkFilter& filter);
  // Every stored mark of an exam in the same order, one at a time.
  void StreamExamMarks(std::int64_t exam_id, const std::function<void(const ExamMark&)>& visit);
  // Events in order: of every chain, or those of one exam.
  std::vector<audit::Event> ReadEvents(const std::optional<std::string>& exam);

 private:
  std::string PeopleState(const char* sql, std::int64_t exam_id);

  Connection& db_;
};

}  // namespace skillscore::pg
