// The audit log of the SQLite store (store.h, scoring.md §6): an append-only table of events
// chained by SHA-256, and the digests of state that tie the other tables to it.
//
// Design, and what it detects:
//   - Events form one chain per exam and one per rubric code (audit_chain.h, which also says how
//     the chain of schema 2–5 is kept). audit_events keeps every chain: `id` orders all events as
//     they were appended, `chain` and `seq` place each in its chain (seq is NULL in the legacy
//     chain, whose number is its id).
//   - Each event's hash covers its canonical content (every column, each as a netstring) and the
//     previous event's hash in its chain; the first event follows 64 zeros. The events of a chain
//     are numbered 1, 2, 3… with no gaps. So an edited event breaks its own hash, a deleted one
//     leaves a gap, and events moved to other numbers no longer follow their predecessors.
//   - Triggers refuse UPDATE and DELETE on the log and on mark_history, and DELETE on marks.
//     Someone with the sqlite3 shell can drop the triggers; what follows catches what they do.
//   - Each event records the digest of the state it produced:
//       marks events    the marks they added or changed: every mark row, current (marks) or
//                       replaced (mark_history), belongs by its entry number (counted per exam)
//                       to exactly one marks event of its exam, whose digest covers those rows
//                       in entry order;
//       rubric import   the rubric's row (code, version, hash, title, YAML) and its aspect rows;
//       exam create     the exam's row;
//       candidates import, status   every candidate of the exam after the event;
//       judges import   every judge of the exam after it;
//       lock, unlock    every lock of the exam after it;
//       passport issue, passport revoke   every passport of the exam after it.
//     Verify recomputes these digests from the tables: a mark changed, added or deleted with the
//     shell breaks its event's digest (or belongs to no event), and so does any edit of people,
//     locks, exams or rubrics after the last event that recorded them.
//   - What a hash chain cannot show by itself: someone who rewrites the whole tail consistently
//     (recomputing every later hash), or removes the last events together with everything they
//     wrote. `audit verify --exam E` therefore prints the number of events of the exam's chain and
//     its last hash, for the chief expert to note at sign-off; a later verify whose chain does not
//     pass through that hash shows the rewrite. `audit verify` of the whole database prints the
//     number of all events and one hash over every chain's name, length and last hash.
//
// Thread safety: an AuditLog uses its connection; one thread at a time, like the store.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/audit_verify.h"
#include "skillscore/rubric.h"
#include "skillscore/store.h"
#include "skillscore/store_history.h"
#include "sqlite_db.h"
#include "sqlite_slots.h"

namespace skillscore::sqlite {
class PackedMarks;
}  // namespace skillscore::sqlite

namespace skillscore::audit {

// Which marks to read: those of an exam's candidates, or of one candidate (of the exam); either
// optionally of one aspect, by its slot (sqlite_slots.h).
struct MarkFilter {
  std::int64_t exam = 0;
  std::optional<std::int64_t> candidate = {};
  std::optional<std::int64_t> aspect = {};
};

// A row of marks or mark_history read as (entry, candidate, aspect, panel, judge, value, den,
// note, withdrawn).
StoredMark ReadStoredMark(const sqlite::Statement& row);

// What `history` needs to know about the exam (store_history.h).
using HistoryScope = store_common::HistoryScope;

class AuditLog {
 public:
  explicit AuditLog(sqlite::Database& db) : db_(db) {}

  // Appends `event` after the last one of its chain (ExamChain(event.exam) unless event.chain is
  // set), setting its chain, id, prev_hash, hash and order. Must run inside the write transaction
  // that makes the change the event records.
  void Append(Event& event);

  // Digests of the current state, as events record them (audit_chain.h); the Legacy… ones as
  // events of the legacy chain recorded them (exam, locks and passports were recorded alike).
  std::string RubricState(std::int64_t rubric_id);
  std::string ExamState(std::int64_t exam_id);
  std::string CandidatesState(std::int64_t exam_id);
  std::string JudgesState(std::int64_t exam_id);
  std::string LocksState(std::int64_t exam_id);
  // Every passport of the exam: number, candidate, record, digests, supersedes, revocation.
  std::string PassportsState(std::int64_t exam_id);
  std::string LegacyRubricState(std::int64_t rubric_id);
  std::string LegacyCandidatesState(std::int64_t exam_id);
  std::string LegacyJudgesState(std::int64_t exam_id);

  // Writes events for everything a database of schema 1 holds (rubrics, exams, people and mark
  // batches), so that an upgraded database verifies. Runs inside the migration's transaction.
  void AdoptExistingData(const std::string& now);

  // Migration 6: seals the legacy chain by starting every exam's own chain with a kChainStart
  // event that records its last hash. Runs inside the migration's transaction.
  void SealLegacyChain(const std::string& now);

  // The whole chain, and the state of every exam or of the exam with that id
  // (sqlite_audit_verify.cc). `marks`: the marks of `exam`, read already (sqlite_packed_marks.h),
  // which the verification then sorts by entry.
  AuditReport Verify(const std::optional<std::string>& exam, sqlite::PackedMarks* marks = nullptr);

  // The audit trail of one exam (sqlite_audit_history.cc, store_history.h).
  std::vector<HistoryEntry> History(const HistoryScope& scope);

  // The stored marks, current and replaced, that `filter` selects, in entry order (then by
  // content, so that the duplicates only a direct edit can make come in a fixed order).
  std::vector<StoredMark> ReadMarks(const MarkFilter& filter);
  // Every stored mark of the exam in the same order, handed to `visit` one at a time
  // (sqlite_exam_marks.cc: read along the tables' keys and sorted in 40 bytes a mark), from
  // `read` when the caller has read them already.
  void StreamExamMarks(std::int64_t exam_id, const std::function<void(const ExamMark&)>& visit,
                       sqlite::PackedMarks* read = nullptr);

  // Every event, in order: all, or those of one exam.
  std::vector<Event> ReadEvents(std::optional<std::string_view> exam);

 private:
  std::string PeopleState(const char* sql, std::int64_t exam_id);
  std::string LegacyPeopleState(const char* sql, std::int64_t exam_id);
  void AdoptMarkBatches(std::int64_t exam_id);

  sqlite::Database& db_;
};

}  // namespace skillscore::audit
