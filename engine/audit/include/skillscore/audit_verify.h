// Verifying an audit log (scoring.md §6), whichever store keeps it: the walk along every chain,
// the digests of state recomputed and compared, the problems and their messages. A store only
// reads its rows for it (VerifySource); so the SQLite and the PostgreSQL store find the same
// problems in the same words.
//
// What it checks: each chain in scope numbered 1, 2, 3… with no gap, each event following the one
// before and carrying the hash of its content (EventHash); an exam chain that starts from the
// legacy chain still naming that chain's last hash; the current state of every rubric, exam, its
// people, locks, passports, sign-in codes and the administrators against the last event that
// recorded it, and state that no event records; the marks of every marks event against the digest
// it recorded, and marks that belong to no event. The report names the first problem in log order
// (problems that concern no event — data written without one — come after every event's).
//
// Thread safety: Verify uses the source it is given, one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/store.h"

namespace skillscore::audit {

// Entry numbers first … first + count − 1 of one exam, owned by one marks event.
struct EntryRange {
  std::int64_t first = 0;
  std::int64_t count = 0;
  bool legacy = false;  // an event of the legacy chain: its digest names row ids (AddLegacyMark)
};

// A stored mark, with the ids the chain names it by.
struct ExamMark {
  StoredMark stored;
  std::string candidate;  // codes ("#12" for a row id that names nobody)
  std::string aspect;     // the aspect id ("#3" for a slot no version of the rubric has)
  std::string judge;

  MarkRecord Record() const;
};

// Visits every stored mark (current and replaced) of one exam in entry order, then by content
// (StoredMark::Tuple), one at a time, so that an exam of any size is read in bounded memory.
using MarkStream = std::function<void(const std::function<void(const ExamMark&)>& visit)>;

// The digest of the marks of each range, in the order of `ranges`, reading one exam's marks from
// `marks` without holding them. Marks in no range (or in a range that an earlier one overlaps)
// are added to `orphans`.
std::vector<std::string> RangeDigests(const std::vector<EntryRange>& ranges,
                                      const MarkStream& marks, std::vector<ExamMark>& orphans);

// A rubric version ("code@version") or an exam (its id) with its row id in the store.
using NamedRow = std::pair<std::string, std::int64_t>;

// What verification reads from a store: rows and the digests of state computed from them
// (audit_chain.h). Row ids only pair a name with its rows; they are never compared.
class VerifySource {
 public:
  virtual ~VerifySource() = default;

  // Every event of every chain, in the order they were appended.
  virtual std::vector<Event> Events() = 0;
  // The rubric code of `exam`, or "" when there is no such exam.
  virtual std::string RubricCodeOf(const std::string& exam) = 0;
  // The rubric versions in scope (that of `exam`, or all), and the exams in scope (`exam`, or
  // all), each in order of row id.
  virtual std::vector<NamedRow> Rubrics(const std::optional<std::string>& exam) = 0;
  virtual std::vector<NamedRow> Exams(const std::optional<std::string>& exam) = 0;

  // Whether the store may hold events of the legacy chain (only SQLite files of schema 2–5 do);
  // elsewhere an event that claims that chain is hashed and checked by the rules of today.
  virtual bool KeepsLegacyChain() const = 0;
  // Digests of the current state, as events record them; `legacy`: as an event of the legacy
  // chain recorded it.
  virtual std::string RubricState(std::int64_t rubric, bool legacy) = 0;
  virtual std::string ExamState(std::int64_t exam) = 0;
  virtual std::string CandidatesState(std::int64_t exam, bool legacy) = 0;
  virtual std::string JudgesState(std::int64_t exam, bool legacy) = 0;
  virtual std::string LocksState(std::int64_t exam) = 0;
  virtual std::string PassportsState(std::int64_t exam) = 0;
  virtual std::string CredentialsState(std::int64_t exam) = 0;
  virtual std::string AdminsState() = 0;

  // Every stored mark of the exam with row id `exam`, as MarkStream says.
  virtual void StreamExamMarks(std::int64_t exam,
                               const std::function<void(const ExamMark&)>& visit) = 0;
  // The first mark (by entry) of a candidate row that is in no exam: its candidate row id and
  // entry number (only a direct edit makes one).
  virtual std::optional<std::pair<std::int64_t, std::int64_t>> HomelessMark() = 0;
};

// The whole log and the state of every exam, or of `exam` alone (its own chain, its rubric's and
// the legacy chain; the report then counts the exam's own chain and names its last hash).
AuditReport Verify(VerifySource& source, const std::optional<std::string>& exam);

}  // namespace skillscore::audit
