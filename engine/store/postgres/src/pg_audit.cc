// The audit log of the PostgreSQL store: appending events and the digests of state (pg_audit.h).
#include "pg_audit.h"

#include <algorithm>

namespace skillscore::pg {
namespace {

constexpr char kMarkColumns[] = "entry, candidate, aspect, panel, judge, value, den, note";

audit::StoredMark ReadStoredMark(const Result& rows, int row) {
  audit::StoredMark mark{rows.Int(row, 0), rows.Int(row, 1), rows.Int(row, 2), rows.Int(row, 3),
                         rows.Int(row, 4), std::nullopt,     rows.Int(row, 6), rows.Text(row, 7)};
  mark.value = rows.OptionalInt(row, 5);
  return mark;
}

}  // namespace

std::string ChainOf(const audit::Event&) { return ""; }

void AuditLog::Append(audit::Event& event) {
  const std::string chain = ChainOf(event);
  db_.Exec(
      "INSERT INTO audit_chains (chain, events, head) VALUES ($1, 0, $2) "
      "ON CONFLICT (chain) DO NOTHING",
      chain, audit::kGenesisHash);
  Result head =
      db_.Exec("SELECT events, head FROM audit_chains WHERE chain = $1 FOR UPDATE", chain);
  event.id = head.Int(0, 0) + 1;
  event.prev_hash = head.Text(0, 1);
  event.hash = audit::EventHash(event);
  db_.Exec(
      "INSERT INTO audit_events (chain, id, at, actor, action, exam, subject, old_value, "
      "new_value, reason, first_entry, entries, state, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      chain, event.id, event.at, event.actor, event.action, event.exam, event.subject,
      event.old_value, event.new_value, event.reason, event.first_entry, event.entries, event.state,
      event.prev_hash, event.hash);
  db_.Exec("UPDATE audit_chains SET events = $2, head = $3 WHERE chain = $1", chain, event.id,
           event.hash);
}

std::string AuditLog::RubricState(std::int64_t rubric_id) {
  audit::Digest digest;
  Result rubric =
      db_.Exec("SELECT code, version, sha256, title, yaml, imported_at FROM rubrics WHERE id = $1",
               rubric_id);
  if (rubric.rows() == 1) {
    for (int column = 0; column < 6; ++column) digest.Add(rubric.Text(0, column));
  }
  Result aspects = db_.Exec(
      "SELECT ordinal, code, subcriterion, judgement::int FROM rubric_aspects WHERE rubric = $1 "
      "ORDER BY ordinal",
      rubric_id);
  for (int row = 0; row < aspects.rows(); ++row) {
    digest.Add(aspects.Int(row, 0)).Add(aspects.Text(row, 1)).Add(aspects.Text(row, 2));
    digest.Add(aspects.Int(row, 3));
  }
  // Slots are recorded only when some aspect is stored away from its ordinal, as on SQLite.
  AspectSlots slots = ReadAspectSlots(db_, rubric_id);
  if (!slots.IsIdentity()) {
    digest.Add("slots");
    for (std::int64_t slot : slots.slots()) digest.Add(slot);
  }
  return digest.Hex();
}

std::string AuditLog::ExamState(std::int64_t exam_id) {
  audit::Digest digest;
  Result exam = db_.Exec(
      "SELECT e.code, r.code, r.version, e.date, e.site, e.chief, e.created_at, e.timezone "
      "FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE e.id = $1",
      exam_id);
  if (exam.rows() == 1) {
    for (int column = 0; column < 7; ++column) digest.Add(exam.Text(0, column));
    if (std::string zone = exam.Text(0, 7); !zone.empty()) digest.Add("timezone").Add(zone);
  }
  return digest.Hex();
}

std::string AuditLog::CandidatesState(std::int64_t exam_id) {
  return PeopleState(
      "SELECT id, code, name, organization, status FROM candidates WHERE exam = $1 ORDER BY id",
      exam_id);
}

std::string AuditLog::JudgesState(std::int64_t exam_id) {
  return PeopleState(
      "SELECT id, code, name, organization, role FROM judges WHERE exam = $1 ORDER BY id", exam_id);
}

std::string AuditLog::PeopleState(const char* sql, std::int64_t exam_id) {
  audit::Digest digest;
  Result people = db_.Exec(sql, exam_id);
  for (int row = 0; row < people.rows(); ++row) {
    digest.Add(people.Int(row, 0));
    for (int column = 1; column < 5; ++column) digest.Add(people.Text(row, column));
  }
  return digest.Hex();
}

std::string AuditLog::LocksState(std::int64_t exam_id) {
  audit::Digest digest;
  Result locks = db_.Exec(
      "SELECT subcriterion, locked_by, locked_at FROM locks WHERE exam = $1 ORDER BY subcriterion",
      exam_id);
  for (int row = 0; row < locks.rows(); ++row) {
    digest.Add(locks.Text(row, 0)).Add(locks.Text(row, 1)).Add(locks.Text(row, 2));
  }
  return digest.Hex();
}

std::string AuditLog::PassportsState(std::int64_t exam_id) {
  audit::Digest digest;
  Result passports = db_.Exec(
      "SELECT number, candidate, record, marks_sha256, rubric_sha256, issued_at, "
      "coalesce(supersedes, ''), coalesce(revoked_at, ''), coalesce(revoked_by, ''), "
      "coalesce(revoked_reason, '') FROM passports WHERE exam = $1 ORDER BY number",
      exam_id);
  for (int row = 0; row < passports.rows(); ++row) {
    for (int column = 0; column < 10; ++column) digest.Add(passports.Text(row, column));
  }
  return digest.Hex();
}

std::vector<audit::StoredMark> AuditLog::ReadMarks(const MarkFilter& filter) {
  std::string sql = std::string("SELECT ") + kMarkColumns +
                    " FROM marks WHERE candidate = ANY($1::bigint[]) AND ($2::int IS NULL OR "
                    "aspect = $2) UNION ALL SELECT " +
                    kMarkColumns +
                    " FROM mark_history WHERE candidate = ANY($1::bigint[]) AND ($2::int IS NULL "
                    "OR aspect = $2)";
  std::string candidates;
  if (filter.candidate) {
    candidates = "{" + std::to_string(*filter.candidate) + "}";
  } else {
    Result ids = db_.Exec(
        "SELECT coalesce('{' || string_agg(id::text, ',') || '}', '{}') FROM candidates "
        "WHERE exam = $1",
        filter.exam);
    candidates = ids.Text(0, 0);
  }
  std::vector<audit::StoredMark> marks;
  Result rows = db_.Exec(sql.c_str(), candidates, filter.aspect);
  for (int row = 0; row < rows.rows(); ++row) marks.push_back(ReadStoredMark(rows, row));
  std::sort(marks.begin(), marks.end(), [](const audit::StoredMark& a, const audit::StoredMark& b) {
    return a.Tuple() < b.Tuple();
  });
  return marks;
}

void AuditLog::StreamMarks(std::int64_t exam_id,
                           const std::function<void(const audit::StoredMark&)>& visit) {
  // NULL values first and notes by their bytes: the order of StoredMark::Tuple.
  std::string sql = std::string("SELECT m.") + "entry, m.candidate, m.aspect, m.panel, m.judge, " +
                    "m.value, m.den, m.note FROM (SELECT " + kMarkColumns +
                    " FROM marks UNION ALL SELECT " + kMarkColumns +
                    " FROM mark_history) m JOIN candidates c ON c.id = m.candidate "
                    "WHERE c.exam = $1 ORDER BY m.entry, m.candidate, m.aspect, m.panel, m.judge, "
                    "m.value NULLS FIRST, m.den, coalesce(m.note, '') COLLATE \"C\"";
  StreamRows(db_, sql, {ToParam(exam_id)},
             [&](const Result& rows, int row) { visit(ReadStoredMark(rows, row)); });
}

std::vector<audit::Event> AuditLog::ReadEvents(const std::optional<std::string>& exam) {
  Result rows = db_.Exec(
      "SELECT id, at, actor, action, exam, subject, old_value, new_value, reason, first_entry, "
      "entries, state, prev_hash, hash FROM audit_events WHERE $1::text IS NULL OR exam = $1 "
      "ORDER BY chain, id",
      exam);
  std::vector<audit::Event> events;
  events.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    audit::Event event;
    event.id = rows.Int(row, 0);
    event.at = rows.Text(row, 1);
    event.actor = rows.Text(row, 2);
    event.action = rows.Text(row, 3);
    event.exam = rows.Text(row, 4);
    event.subject = rows.Text(row, 5);
    event.old_value = rows.Text(row, 6);
    event.new_value = rows.Text(row, 7);
    event.reason = rows.Text(row, 8);
    event.first_entry = rows.OptionalInt(row, 9);
    event.entries = rows.OptionalInt(row, 10);
    event.state = rows.Text(row, 11);
    event.prev_hash = rows.Text(row, 12);
    event.hash = rows.Text(row, 13);
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace skillscore::pg
