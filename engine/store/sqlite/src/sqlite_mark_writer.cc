#include "sqlite_mark_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "skillscore/mark_refusals.h"

namespace skillscore {
namespace {

using sqlite::Statement;
using store_common::MarkRefusal;

// Marks are inserted up to this many rows to a statement: SQLite's cost per statement run is about
// as large as its cost per row inserted, so grouping rows nearly halves the time of a bulk import.
constexpr std::size_t kRowsPerInsert = 100;
constexpr int kColumns = 8;  // parameters per mark row in InsertSql

// INSERT of `rows` marks whose parameters are numbered row by row; rows whose key exists are
// skipped (ON CONFLICT DO NOTHING) so that the caller can tell added rows by sqlite3_changes().
// The text for each number of rows is made once.
const std::string& InsertSql(std::size_t rows) {
  static std::array<std::string, kRowsPerInsert + 1> texts;
  std::string& sql = texts[rows];
  if (sql.empty()) {
    sql = "INSERT INTO marks (candidate, aspect, panel, judge, value, den, entry, note) VALUES ";
    for (std::size_t i = 0; i < rows; ++i) {
      sql += i == 0 ? "(?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?)";
    }
    sql += " ON CONFLICT DO NOTHING";
  }
  return sql;
}

// Sorts marks by key, which makes the writes to the marks b-tree sequential, and collapses rows
// with the same key into one (first row's place, last row's value). Input in key order (what a
// marks file sorted by candidate usually is) is left as it is.
void SortAndCollapse(std::vector<PendingMark>& marks) {
  auto not_increasing = [](const PendingMark& a, const PendingMark& b) {
    return a.Key() >= b.Key();
  };
  if (std::adjacent_find(marks.begin(), marks.end(), not_increasing) == marks.end()) return;
  std::stable_sort(marks.begin(), marks.end(),
                   [](const PendingMark& a, const PendingMark& b) { return a.Key() < b.Key(); });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (kept > 0 && marks[kept - 1].Key() == marks[i].Key()) {
      audit::StoredMark& mark = marks[kept - 1].stored;
      mark.judge = marks[i].stored.judge;
      marks[kept - 1].judge_code = marks[i].judge_code;
      mark.value = marks[i].stored.value;
      mark.den = marks[i].stored.den;
      mark.note = std::move(marks[i].stored.note);
    } else {
      // Never onto itself: a string moved onto itself is left empty, which lost the notes.
      if (kept != i) marks[kept] = std::move(marks[i]);
      ++kept;
    }
  }
  marks.resize(kept);
}

// Binds one mark to parameters offset + 1 … offset + kColumns, in the order of InsertSql.
void BindMark(Statement& statement, int offset, const audit::StoredMark& mark) {
  statement.Bind(offset + 1, mark.candidate).Bind(offset + 2, mark.aspect);
  statement.Bind(offset + 3, mark.panel).Bind(offset + 4, mark.judge);
  statement.Bind(offset + 5, mark.value).Bind(offset + 6, mark.den);
  statement.Bind(offset + 7, mark.entry).BindTextOrNull(offset + 8, mark.note);
}

}  // namespace

const std::pair<const std::string, std::int64_t>* MarkWriter::IdLookup::Find(
    const std::string& code) {
  if (last_ != nullptr && last_->first == code) return last_;
  auto found = ids_.find(code);
  if (found == ids_.end()) return nullptr;
  last_ = &*found;
  return last_;
}

MarkWriter::MarkWriter(sqlite::Database& db, MarkBatchScope scope, const MarkSource& source,
                       Grouping grouping)
    : db_(db), scope_(std::move(scope)), source_(source), grouping_(grouping) {
  ReadRubric();
  candidates_ = ReadIds("SELECT code, id FROM candidates WHERE exam = ?1");
  judges_ = ReadIds("SELECT code, id FROM judges WHERE exam = ?1");
}

void MarkWriter::ReadRubric() {
  Statement query = db_.Prepare(
      "SELECT code, subcriterion, judgement, slot FROM rubric_aspects WHERE rubric = ?1 "
      "ORDER BY ordinal");
  query.Bind(1, scope_.rubric_id);
  while (query.Step()) {
    AspectRow aspect{query.Text(0), query.Text(1), query.Int(2) != 0, query.Int(3)};
    for (const SubcriterionLock& lock : scope_.locks) {
      if (lock.subcriterion == aspect.subcriterion) aspect.lock = &lock;
    }
    aspects_.push_back(std::move(aspect));
  }
}

MarkWriter::IdLookup MarkWriter::ReadIds(const char* sql) {
  IdLookup ids;
  Statement query = db_.Prepare(sql);
  query.Bind(1, scope_.exam_id);
  while (query.Step()) ids.Add(query.Text(0), query.Int(1));
  return ids;
}

void MarkWriter::Take(const NewMark& row) {
  std::optional<PendingMark> mark = Resolve(row);
  ++rows_;
  if (!mark) return;
  CheckLock(row);
  const std::int64_t candidate = mark->stored.candidate;
  if (grouping_ == Grouping::kByCandidate && !group_.empty() && candidate != group_candidate_) {
    NextCandidate(candidate);
  }
  if (!Writing()) return;
  group_candidate_ = candidate;
  group_.push_back(std::move(*mark));
}

void MarkWriter::Finish() {
  if (Writing()) WriteGroup();
}

std::optional<StoreError> MarkWriter::Problems() const {
  return store_common::MarksRefused(source_.file, unknown_, locked_);
}

// The row with its ids resolved, or nullopt when it names something the exam does not have.
std::optional<PendingMark> MarkWriter::Resolve(const NewMark& row) {
  const MarkEntry& entry = row.entry;
  const auto* candidate = candidates_.Find(entry.candidate);
  const auto* judge = judges_.Find(entry.judge);
  if (candidate && judge && entry.aspect < aspects_.size()) {
    PendingMark mark;
    audit::StoredMark& stored = mark.stored;
    stored.entry = scope_.first_entry + static_cast<std::int64_t>(rows_);
    stored.candidate = candidate->second;
    stored.aspect = aspects_[entry.aspect].slot;
    stored.panel = aspects_[entry.aspect].judgement ? judge->second : 0;
    stored.judge = judge->second;
    mark.candidate_code = candidate->first;
    mark.judge_code = judge->first;
    mark.ordinal = entry.aspect;
    if (!entry.value.not_attempted) {
      stored.value = entry.value.number.numerator();
      stored.den = entry.value.number.denominator();
    }
    stored.note = row.note;
    mark.row = rows_;
    return mark;
  }
  if (!candidate) {
    unknown_.push_back(MarkRefusal(row, StoreError::Code::kCandidateNotRegistered,
                                   {entry.candidate, scope_.exam}));
  }
  if (!judge) {
    unknown_.push_back(
        MarkRefusal(row, StoreError::Code::kJudgeNotRegistered, {entry.judge, scope_.exam}));
  }
  if (entry.aspect >= aspects_.size()) {
    unknown_.push_back(MarkRefusal(row, StoreError::Code::kAspectOutsideRubric,
                                   {std::to_string(entry.aspect + 1), scope_.rubric_code,
                                    scope_.rubric_version, std::to_string(aspects_.size())}));
  }
  return std::nullopt;
}

void MarkWriter::CheckLock(const NewMark& row) {
  const AspectRow& aspect = aspects_[row.entry.aspect];
  if (aspect.lock == nullptr) return;
  locked_.push_back(MarkRefusal(row, StoreError::Code::kMarkLocked,
                                {aspect.subcriterion, aspect.lock->locked_by,
                                 aspect.lock->locked_at, row.entry.candidate, aspect.id}));
}

bool MarkWriter::Writing() const { return unknown_.empty() && locked_.empty() && !scattered_; }

// Writes the gathered rows of the previous candidate, whose rows are now all written unless they
// come back later, which `candidate`'s may be doing.
void MarkWriter::NextCandidate(std::int64_t candidate) {
  if (!Writing()) return;
  written_candidates_.insert(group_candidate_);
  WriteGroup();
  scattered_ = written_candidates_.contains(candidate);
}

void MarkWriter::WriteGroup() {
  SortAndCollapse(group_);
  std::vector<std::size_t> written = Upsert();
  auto in_entry_order = [&](std::size_t a, std::size_t b) { return group_[a].row < group_[b].row; };
  if (!std::is_sorted(written.begin(), written.end(), in_entry_order)) {
    std::sort(written.begin(), written.end(), in_entry_order);
  }
  for (std::size_t index : written) audit::AddMark(digest_, Record(group_[index]));
  group_.clear();
}

// Writes the gathered marks: a new key is inserted; an existing one is updated only when its value
// or note differs (the trigger then moves the old row to mark_history). Returns the indexes in
// group_ of the marks added or changed, for the audit log.
std::vector<std::size_t> MarkWriter::Upsert() {
  std::vector<std::size_t> written;
  for (std::size_t begin = 0; begin < group_.size(); begin += kRowsPerInsert) {
    UpsertChunk(begin, std::min(kRowsPerInsert, group_.size() - begin), written);
  }
  return written;
}

// Inserts group_[begin, begin + size) in one statement; only a chunk in which some row already
// existed is then checked row by row for changes (rows it has just inserted compare equal and
// count as added, not unchanged). In a chunk that mixes new and existing rows, a row whose update
// changed nothing was added by this batch exactly when the stored entry number is its own.
void MarkWriter::UpsertChunk(std::size_t begin, std::size_t size,
                             std::vector<std::size_t>& written) {
  Statement insert = db_.Prepare(InsertSql(size).c_str());
  for (std::size_t i = 0; i < size; ++i) {
    BindMark(insert, static_cast<int>(i) * kColumns, group_[begin + i].stored);
  }
  insert.Run();
  const auto added = static_cast<std::size_t>(db_.Changes());
  counts_.added += added;
  if (added == size) {
    for (std::size_t i = begin; i < begin + size; ++i) written.push_back(i);
    return;
  }
  Statement update = db_.Prepare(
      "UPDATE marks SET judge = ?4, value = ?5, den = ?6, entry = ?7, note = ?8, withdrawn = 0 "
      "WHERE candidate = ?1 AND aspect = ?2 AND panel = ?3 "
      "AND (value IS NOT ?5 OR den IS NOT ?6 OR note IS NOT ?8 OR withdrawn = 1)");
  std::size_t changed = 0;
  for (std::size_t i = begin; i < begin + size; ++i) {
    BindMark(update, 0, group_[i].stored);
    update.Run();
    update.Reset();
    const bool was_changed = db_.Changes() == 1;
    changed += was_changed ? 1 : 0;
    if (was_changed || (added > 0 && StoredEntry(group_[i]) == group_[i].stored.entry)) {
      written.push_back(i);
    }
  }
  counts_.changed += changed;
  counts_.unchanged += size - added - changed;
}

audit::MarkRecord MarkWriter::Record(const PendingMark& mark) const {
  const audit::StoredMark& stored = mark.stored;
  return audit::MarkRecord{.entry = stored.entry,
                           .candidate = mark.candidate_code,
                           .aspect = aspects_[mark.ordinal].id,
                           .panel = stored.panel != 0 ? mark.judge_code : std::string_view(),
                           .judge = mark.judge_code,
                           .value = stored.value,
                           .den = stored.den,
                           .note = stored.note};
}

std::int64_t MarkWriter::StoredEntry(const PendingMark& mark) {
  Statement query =
      db_.Prepare("SELECT entry FROM marks WHERE candidate = ?1 AND aspect = ?2 AND panel = ?3");
  query.Bind(1, mark.stored.candidate).Bind(2, mark.stored.aspect).Bind(3, mark.stored.panel);
  return query.Step() ? query.Int(0) : 0;
}

}  // namespace skillscore
