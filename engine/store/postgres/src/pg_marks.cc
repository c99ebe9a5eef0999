#include "pg_marks.h"

#include <fmt/format.h>

#include "pg_copy_binary.h"
#include "skillscore/mark_refusals.h"

namespace skillscore::pg {

using store_common::MarkRefusal;

namespace {

// COPY data is sent in pieces of about this size.
constexpr std::size_t kCopyPiece = 1 << 20;

// The batch's rows as they come, and the marks the upsert wrote; both emptied at the end of the
// transaction. Created once per connection.
constexpr char kBatchTables[] =
    "CREATE TEMP TABLE IF NOT EXISTS mark_batch (entry bigint, candidate bigint, aspect integer, "
    "panel bigint, judge bigint, value bigint, den bigint, note text COLLATE \"C\") "
    "ON COMMIT DELETE ROWS; "
    "CREATE TEMP TABLE IF NOT EXISTS mark_written (added boolean, entry bigint, candidate bigint, "
    "aspect integer, panel bigint, judge bigint, value bigint, den bigint, note text COLLATE "
    "\"C\") "
    "ON COMMIT DELETE ROWS";

// Collapses the rows of each key (the first row's entry, the last row's value) and upserts them:
// a mark whose value and note are the same is left as it is (and not returned), unless it was
// withdrawn: entering it again puts it back.
constexpr char kUpsert[] =
    "WITH written AS ("
    " INSERT INTO marks AS m (candidate, aspect, panel, judge, value, den, entry, note)"
    " SELECT DISTINCT ON (candidate, aspect, panel) candidate, aspect, panel, judge, value, den,"
    "  min(entry) OVER (PARTITION BY candidate, aspect, panel), note"
    " FROM mark_batch ORDER BY candidate, aspect, panel, entry DESC"
    " ON CONFLICT (candidate, aspect, panel) DO UPDATE SET judge = excluded.judge,"
    "  value = excluded.value, den = excluded.den, entry = excluded.entry, note = excluded.note,"
    "  withdrawn = false"
    " WHERE (m.value, m.den, m.note) IS DISTINCT FROM (excluded.value, excluded.den, excluded.note)"
    "  OR m.withdrawn"
    " RETURNING m.xmax = 0, m.entry, m.candidate, m.aspect, m.panel, m.judge, m.value, m.den,"
    "  m.note) "
    "INSERT INTO mark_written SELECT * FROM written";

// New marks, straight into the table (MarkPath::kNewMarks), in the field order of AppendNewMark.
constexpr char kCopyNewMarks[] =
    "COPY marks (candidate, aspect, panel, judge, value, den, entry, note) FROM STDIN "
    "(FORMAT binary)";

}  // namespace

MarkWriter::MarkWriter(Connection& db, MarkBatchScope scope, const MarkSource& source,
                       MarkPath path)
    : db_(db), scope_(std::move(scope)), source_(source), path_(path) {
  Result aspects = db_.Exec(
      "SELECT code, subcriterion, judgement, slot FROM rubric_aspects WHERE rubric = $1 "
      "ORDER BY ordinal",
      scope_.rubric_id);
  for (int row = 0; row < aspects.rows(); ++row) {
    AspectRow aspect{aspects.Text(row, 0), aspects.Text(row, 1), aspects.Text(row, 2) == "t",
                     aspects.Int(row, 3)};
    for (const SubcriterionLock& lock : scope_.locks) {
      if (lock.subcriterion == aspect.subcriterion) aspect.lock = &lock;
    }
    aspects_.push_back(std::move(aspect));
  }
  candidates_ = ReadIds("SELECT code, id FROM candidates WHERE exam = $1");
  judges_ = ReadIds("SELECT code, id FROM judges WHERE exam = $1");
  for (const auto& [code, id] : candidates_) candidate_codes_.emplace(id, code);
  for (const auto& [code, id] : judges_) judge_codes_.emplace(id, code);
  for (const AspectRow& aspect : aspects_) aspect_ids_.emplace(aspect.slot, aspect.id);
  if (path_ == MarkPath::kNewMarks) {
    db_.Execute("SAVEPOINT new_marks");
    db_.CopyBegin(kCopyNewMarks);
    BinaryCopy::Header(copy_);
    return;
  }
  db_.Execute(kBatchTables);
  // Writes gathered into one transaction (ExamStore::WriteTogether) share it: the rows of the
  // writes before this one are still there until the commit.
  db_.Execute("DELETE FROM mark_batch; DELETE FROM mark_written");
  db_.CopyBegin(
      "COPY mark_batch (entry, candidate, aspect, panel, judge, value, den, note) FROM STDIN");
}

std::unordered_map<std::string, std::int64_t> MarkWriter::ReadIds(const char* sql) {
  std::unordered_map<std::string, std::int64_t> ids;
  Result rows = db_.Exec(sql, scope_.exam_id);
  for (int row = 0; row < rows.rows(); ++row) ids.emplace(rows.Text(row, 0), rows.Int(row, 1));
  return ids;
}

void MarkWriter::Take(const NewMark& row) {
  const MarkEntry& entry = row.entry;
  const std::int64_t number = scope_.first_entry + static_cast<std::int64_t>(rows_++);
  auto candidate = candidates_.find(entry.candidate);
  auto judge = judges_.find(entry.judge);
  const bool aspect_known = entry.aspect < aspects_.size();
  if (candidate == candidates_.end() || judge == judges_.end() || !aspect_known) {
    if (candidate == candidates_.end()) {
      unknown_.push_back(MarkRefusal(row, StoreError::Code::kCandidateNotRegistered,
                                     {entry.candidate, scope_.exam}));
    }
    if (judge == judges_.end()) {
      unknown_.push_back(
          MarkRefusal(row, StoreError::Code::kJudgeNotRegistered, {entry.judge, scope_.exam}));
    }
    if (!aspect_known) {
      unknown_.push_back(MarkRefusal(row, StoreError::Code::kAspectOutsideRubric,
                                     {std::to_string(entry.aspect + 1), scope_.rubric_code,
                                      scope_.rubric_version, std::to_string(aspects_.size())}));
    }
    return;
  }
  const AspectRow& aspect = aspects_[entry.aspect];
  if (aspect.lock != nullptr) {
    locked_.push_back(MarkRefusal(row, StoreError::Code::kMarkLocked,
                                  {aspect.subcriterion, aspect.lock->locked_by,
                                   aspect.lock->locked_at, entry.candidate, aspect.id}));
  }
  if (!unknown_.empty() || !locked_.empty() || repeated_) return;
  if (path_ == MarkPath::kNewMarks) {
    AppendNewMark(row, number, candidate->second, aspect, judge->second);
  } else {
    AppendUpsertRow(row, number, candidate->second, aspect, judge->second);
  }
  if (copy_.size() >= kCopyPiece) Flush();
}

// A row of mark_batch, in COPY's text format.
void MarkWriter::AppendUpsertRow(const NewMark& row, std::int64_t number, std::int64_t candidate,
                                 const AspectRow& aspect, std::int64_t judge) {
  const MarkValue& value = row.entry.value;
  fmt::format_to(std::back_inserter(copy_), "{}\t{}\t{}\t{}\t{}\t", number, candidate, aspect.slot,
                 aspect.judgement ? judge : 0, judge);
  if (value.not_attempted) {
    copy_ += "\\N\t1\t";
  } else {
    fmt::format_to(std::back_inserter(copy_), "{}\t{}\t", value.number.numerator(),
                   value.number.denominator());
  }
  if (row.note.empty()) {
    copy_ += "\\N";
  } else {
    AppendCopyText(copy_, row.note);
  }
  copy_ += '\n';
}

// A row of marks (kCopyNewMarks), added to the digest as the upsert would read it back: every row
// of a batch of new marks is written, in entry order.
void MarkWriter::AppendNewMark(const NewMark& row, std::int64_t number, std::int64_t candidate,
                               const AspectRow& aspect, std::int64_t judge) {
  const MarkValue& value = row.entry.value;
  const std::optional<std::int64_t> numerator =
      value.not_attempted ? std::nullopt : std::optional(value.number.numerator());
  const std::int64_t den = value.not_attempted ? 1 : value.number.denominator();
  BinaryCopy::Row(copy_, 8);
  BinaryCopy::Int8(copy_, candidate);
  BinaryCopy::Int4(copy_, static_cast<std::int32_t>(aspect.slot));
  BinaryCopy::Int8(copy_, aspect.judgement ? judge : 0);
  BinaryCopy::Int8(copy_, judge);
  BinaryCopy::OptionalInt8(copy_, numerator);
  BinaryCopy::Int8(copy_, den);
  BinaryCopy::Int8(copy_, number);
  BinaryCopy::TextOrNull(copy_, row.note);
  const std::string& judge_code = row.entry.judge;
  audit::AddMark(digest_,
                 audit::MarkRecord{.entry = number,
                                   .candidate = row.entry.candidate,
                                   .aspect = aspect.id,
                                   .panel = aspect.judgement ? std::string_view(judge_code) : "",
                                   .judge = judge_code,
                                   .value = numerator,
                                   .den = den,
                                   .note = row.note});
}

void MarkWriter::Flush() {
  try {
    db_.CopyPut(copy_);
  } catch (const Error& error) {
    if (!RepeatedKey(error)) throw;
  }
  copy_.clear();
}

bool MarkWriter::RepeatedKey(const Error& error) {
  if (path_ != MarkPath::kNewMarks || error.sqlstate() != kUniqueViolation) return false;
  db_.Execute("ROLLBACK TO SAVEPOINT new_marks; RELEASE SAVEPOINT new_marks");
  repeated_ = true;
  return true;
}

void MarkWriter::Finish() {
  if (!unknown_.empty() || !locked_.empty()) return Cancel();  // the caller rolls back
  if (path_ == MarkPath::kNewMarks) return FinishNewMarks();
  Flush();
  db_.CopyEnd();
  db_.Execute(kUpsert);
  Result counts = db_.Exec(
      "SELECT (SELECT count(*) FROM (SELECT DISTINCT candidate, aspect, panel FROM mark_batch) k),"
      " count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM mark_written");
  counts_.added = static_cast<std::size_t>(counts.Int(0, 1));
  counts_.changed = static_cast<std::size_t>(counts.Int(0, 2));
  counts_.unchanged = static_cast<std::size_t>(counts.Int(0, 0)) - counts_.added - counts_.changed;
  StreamRows(db_,
             "SELECT entry, candidate, aspect, panel, judge, value, den, note FROM mark_written "
             "ORDER BY entry",
             {},
             [&](const Result& rows, int row) { audit::AddMark(digest_, WrittenMark(rows, row)); });
}

void MarkWriter::FinishNewMarks() {
  if (!repeated_) {
    BinaryCopy::Trailer(copy_);
    Flush();
  }
  if (repeated_) return;
  try {
    db_.CopyEnd();
  } catch (const Error& error) {
    if (RepeatedKey(error)) return;
    throw;
  }
  db_.Execute("RELEASE SAVEPOINT new_marks");
  counts_.added = rows_;
}

// A written row as the chain records it: by the exam's own ids (audit_chain.h).
audit::MarkRecord MarkWriter::WrittenMark(const Result& rows, int row) {
  note_ = rows.Text(row, 7);
  const std::string& judge = judge_codes_.at(rows.Int(row, 4));
  return audit::MarkRecord{
      .entry = rows.Int(row, 0),
      .candidate = candidate_codes_.at(rows.Int(row, 1)),
      .aspect = aspect_ids_.at(rows.Int(row, 2)),
      .panel = rows.Int(row, 3) != 0 ? std::string_view(judge) : std::string_view(),
      .judge = judge,
      .value = rows.OptionalInt(row, 5),
      .den = rows.Int(row, 6),
      .note = note_};
}

void MarkWriter::Cancel() {
  if (PQputCopyEnd(db_.raw(), "the marks source refused rows") == 1) {
    while (PGresult* result = PQgetResult(db_.raw())) PQclear(result);
  }
}

std::optional<StoreError> MarkWriter::Problems() const {
  return store_common::MarksRefused(source_.file, unknown_, locked_);
}

bool WriteMarkRows(MarkWriter& writer, const NewMarkSource& rows) {
  if (!rows([&writer](const NewMark& row) { writer.Take(row); })) {
    writer.Cancel();
    return false;
  }
  writer.Finish();
  return true;
}

}  // namespace skillscore::pg
