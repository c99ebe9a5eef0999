// Every stored mark of one exam, read once and packed in 40 bytes a mark: what both the audit
// verification of the exam and its candidates' sheets are made from.
//
// `results` and `status` need both: the digest of every mark (current and replaced) in entry
// order, and each candidate's current sheet. Reading the marks from SQLite is most of their time
// (each column of each row costs about as much as everything done with it afterwards), so the
// exam's marks are read once, along the mark tables' own keys, and kept packed: row ids and
// denominators as 32-bit numbers, notes interned. The sheets are built from the rows in key order
// (sqlite_sheets.h); then the rows are sorted by entry for the digests (sqlite_exam_marks.cc).
// About 40 MB for a million marks, and no sheet is held.
//
// A row whose numbers do not fit (only a direct edit of the file writes such) makes Read return
// nullopt: the caller then takes the queries of old, which give the same sheets and digests.
//
// Thread safety: a value; reading uses the caller's connection, one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sqlite_db.h"

namespace skillscore::sqlite {

// One row of marks or mark_history in 40 bytes.
struct PackedMark {
  std::int64_t entry = 0;
  std::int64_t value = 0;  // the numerator, unless NotAttempted()
  std::int32_t candidate = 0;
  std::int32_t aspect = 0;  // the slot (sqlite_slots.h)
  std::int32_t panel = 0;
  std::int32_t judge = 0;
  std::int32_t den = 1;
  // kNotAttempted | kWithdrawn | the note: 0 NULL, else 1 + its index in PackedMarks' notes.
  std::uint32_t note_and_flags = 0;

  static constexpr std::uint32_t kNotAttempted = 1U << 31;
  static constexpr std::uint32_t kWithdrawn = 1U << 30;
  static constexpr std::uint32_t kNoteMask = kWithdrawn - 1;

  bool NotAttempted() const { return (note_and_flags & kNotAttempted) != 0; }
  bool Withdrawn() const { return (note_and_flags & kWithdrawn) != 0; }
  std::uint32_t Note() const { return note_and_flags & kNoteMask; }
};
static_assert(sizeof(PackedMark) == 40);

class PackedMarks {
 public:
  // The marks and replaced marks of the exam's candidates; nullopt when some row does not fit.
  static std::optional<PackedMarks> Read(Database& db, std::int64_t exam_id);

  // Until SortByEntry: the current marks (the marks table) and the replaced ones (mark_history),
  // each in key order — by candidate row id, slot, panel (and entry).
  std::span<const PackedMark> Current() const;
  std::span<const PackedMark> Replaced() const;
  // The rows of one candidate (by row id) among `rows`, one of the two above.
  static std::span<const PackedMark> Of(std::span<const PackedMark> rows, std::int32_t candidate);

  // Every row in the order of StoredMark::Tuple (audit_chain.h), as SQLite orders those columns:
  // a NULL value or note first, notes by their bytes. Current() and Replaced() mean nothing after.
  void SortByEntry();
  const std::vector<PackedMark>& marks() const { return marks_; }
  std::int64_t exam_id() const { return exam_id_; }

  const std::string& NoteText(const PackedMark& mark) const { return notes_[mark.Note() - 1]; }

 private:
  // Packs the row of `query` (entry, candidate, aspect, panel, judge, value, den, note,
  // withdrawn); false when it does not fit.
  bool Add(const Statement& query);

  std::int64_t exam_id_ = 0;
  std::vector<PackedMark> marks_;
  std::size_t current_ = 0;  // marks_[0, current_) are the current marks
  bool sorted_by_entry_ = false;
  std::vector<std::string> notes_;
  std::unordered_map<std::string, std::size_t> note_index_;
};

}  // namespace skillscore::sqlite
