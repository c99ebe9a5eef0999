// The audit log of the PostgreSQL store: appending events and the digests of state (pg_audit.h).
#include "pg_audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace skillscore::pg {
namespace {

constexpr char kMarkColumns[] =
    "entry, candidate, aspect, panel, judge, value, den, note, withdrawn";

audit::StoredMark ReadStoredMark(const Result& rows, int row) {
  audit::StoredMark mark{rows.Int(row, 0), rows.Int(row, 1), rows.Int(row, 2), rows.Int(row, 3),
                         rows.Int(row, 4), std::nullopt,     rows.Int(row, 6), rows.Text(row, 7)};
  mark.value = rows.OptionalInt(row, 5);
  mark.withdrawn = rows.Text(row, 8) == "t";
  return mark;
}

}  // namespace

void AuditLog::Append(audit::Event& event) {
  if (event.chain.empty()) {
    if (event.exam.empty()) throw std::logic_error("an audit event of no chain");
    event.chain = audit::ExamChain(event.exam);
  }
  // The chain's head, its row made on the chain's first event and locked until the commit (so
  // that writers of one chain take turns), in one round trip: a conflicting insert updates the row
  // to itself, which locks it and returns it.
  Result head = db_.Exec(
      "INSERT INTO audit_chains AS c (chain, events, head) VALUES ($1, 0, $2) "
      "ON CONFLICT (chain) DO UPDATE SET events = c.events RETURNING events, head",
      event.chain, audit::kGenesisHash);
  event.id = head.Int(0, 0) + 1;
  event.prev_hash = head.Text(0, 1);
  event.hash = audit::EventHash(event);
  // The event and the chain's new head, in one round trip.
  event.order =
      db_.Exec(
             "WITH moved AS (UPDATE audit_chains SET events = $2, head = $15 WHERE chain = $1) "
             "INSERT INTO audit_events (chain, id, at, actor, action, exam, subject, old_value, "
             "new_value, reason, first_entry, entries, state, prev_hash, hash) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
             "RETURNING appended",
             event.chain, event.id, event.at, event.actor, event.action, event.exam, event.subject,
             event.old_value, event.new_value, event.reason, event.first_entry, event.entries,
             event.state, event.prev_hash, event.hash)
          .Int(0, 0);
}

std::string AuditLog::RubricState(std::int64_t rubric_id) {
  audit::RubricRecord record;
  Result rubric =
      db_.Exec("SELECT code, version, sha256, title, yaml, imported_at FROM rubrics WHERE id = $1",
               rubric_id);
  if (rubric.rows() == 1) {
    record.code = rubric.Text(0, 0);
    record.version = rubric.Text(0, 1);
    record.sha256 = rubric.Text(0, 2);
    record.title = rubric.Text(0, 3);
    record.yaml = rubric.Text(0, 4);
    record.imported_at = rubric.Text(0, 5);
  }
  Result aspects = db_.Exec(
      "SELECT ordinal, code, subcriterion, judgement FROM rubric_aspects WHERE rubric = $1",
      rubric_id);
  for (int row = 0; row < aspects.rows(); ++row) {
    record.aspects.push_back({aspects.Int(row, 0), aspects.Text(row, 1), aspects.Text(row, 2),
                              aspects.Text(row, 3) == "t"});
  }
  return audit::RubricDigest(record);
}

std::string AuditLog::ExamState(std::int64_t exam_id) {
  Result exam = db_.Exec(
      "SELECT e.code, r.code, r.version, e.date, e.site, e.chief, e.created_at, e.timezone "
      "FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE e.id = $1",
      exam_id);
  if (exam.rows() == 0) return audit::Digest().Hex();
  ExamInfo info;
  info.id = exam.Text(0, 0);
  info.rubric.code = exam.Text(0, 1);
  info.rubric.version = exam.Text(0, 2);
  info.date = exam.Text(0, 3);
  info.site = exam.Text(0, 4);
  info.chief = exam.Text(0, 5);
  info.created_at = exam.Text(0, 6);
  info.timezone = exam.Text(0, 7);
  return audit::ExamDigest(info);
}

std::string AuditLog::CandidatesState(std::int64_t exam_id) {
  return PeopleState("SELECT code, name, organization, status FROM candidates WHERE exam = $1",
                     exam_id);
}

std::string AuditLog::JudgesState(std::int64_t exam_id) {
  std::vector<audit::PersonRecord> judges;
  Result rows = db_.Exec(
      "SELECT code, name, organization, role, subcriteria FROM judges WHERE exam = $1", exam_id);
  for (int row = 0; row < rows.rows(); ++row) {
    judges.push_back({rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3),
                      rows.Text(row, 4)});
  }
  return audit::JudgesDigest(std::move(judges));
}

std::string AuditLog::PeopleState(const char* sql, std::int64_t exam_id) {
  std::vector<audit::PersonRecord> people;
  Result rows = db_.Exec(sql, exam_id);
  for (int row = 0; row < rows.rows(); ++row) {
    people.push_back({rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3)});
  }
  return audit::PeopleDigest(std::move(people));
}

std::string AuditLog::LocksState(std::int64_t exam_id) {
  std::vector<SubcriterionLock> locks;
  Result rows =
      db_.Exec("SELECT subcriterion, locked_by, locked_at FROM locks WHERE exam = $1", exam_id);
  for (int row = 0; row < rows.rows(); ++row) {
    locks.push_back({rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2)});
  }
  return audit::LocksDigest(std::move(locks));
}

std::string AuditLog::PassportsState(std::int64_t exam_id) {
  std::vector<StoredPassport> passports;
  Result rows = db_.Exec(
      "SELECT number, candidate, record, marks_sha256, rubric_sha256, issued_at, supersedes, "
      "revoked_at, revoked_by, revoked_reason FROM passports WHERE exam = $1",
      exam_id);
  for (int row = 0; row < rows.rows(); ++row) {
    passports.push_back(StoredPassport{rows.Text(row, 0),
                                       {},
                                       rows.Text(row, 1),
                                       rows.Text(row, 2),
                                       rows.Text(row, 3),
                                       rows.Text(row, 4),
                                       rows.Text(row, 5),
                                       rows.OptionalText(row, 6),
                                       rows.OptionalText(row, 7),
                                       rows.OptionalText(row, 8),
                                       rows.OptionalText(row, 9)});
  }
  return audit::PassportsDigest(std::move(passports));
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

void AuditLog::StreamExamMarks(std::int64_t exam_id,
                               const std::function<void(const ExamMark&)>& visit) {
  // The aspect id of each slot: the exam's rubric version's, else that of the latest version of
  // its code that has the slot (a retired aspect).
  std::unordered_map<std::int64_t, std::string> aspects;
  Result slots = db_.Exec(
      "SELECT a.slot, a.code FROM exams e JOIN rubrics x ON x.id = e.rubric "
      "JOIN rubrics r ON r.code = x.code JOIN rubric_aspects a ON a.rubric = r.id "
      "WHERE e.id = $1 ORDER BY r.id = x.id DESC, r.id DESC",
      exam_id);
  for (int row = 0; row < slots.rows(); ++row) {
    aspects.try_emplace(slots.Int(row, 0), slots.Text(row, 1));
  }
  // NULL values first and notes by their bytes: the order of StoredMark::Tuple.
  std::string sql = std::string("SELECT m.entry, m.candidate, m.aspect, m.panel, m.judge, ") +
                    "m.value, m.den, m.note, m.withdrawn, c.code, j.code FROM (SELECT " +
                    kMarkColumns + " FROM marks UNION ALL SELECT " + kMarkColumns +
                    " FROM mark_history) m JOIN candidates c ON c.id = m.candidate "
                    "LEFT JOIN judges j ON j.id = m.judge "
                    "WHERE c.exam = $1 ORDER BY m.entry, m.candidate, m.aspect, m.panel, m.judge, "
                    "m.value NULLS FIRST, m.den, coalesce(m.note, '') COLLATE \"C\", m.withdrawn";
  ExamMark mark;
  StreamRows(db_, sql, {ToParam(exam_id)}, [&](const Result& rows, int row) {
    mark.stored = ReadStoredMark(rows, row);
    mark.candidate = rows.Text(row, 9);
    auto aspect = aspects.find(mark.stored.aspect);
    mark.aspect =
        aspect != aspects.end() ? aspect->second : fmt::format("#{}", mark.stored.aspect + 1);
    mark.judge = rows.IsNull(row, 10) ? fmt::format("#{}", mark.stored.judge) : rows.Text(row, 10);
    visit(mark);
  });
}

std::vector<audit::Event> AuditLog::ReadEvents(const std::optional<std::string>& exam) {
  Result rows = db_.Exec(
      "SELECT id, at, actor, action, exam, subject, old_value, new_value, reason, first_entry, "
      "entries, state, prev_hash, hash, chain, appended FROM audit_events "
      "WHERE $1::text IS NULL OR exam = $1 ORDER BY appended",
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
    event.chain = rows.Text(row, 14);
    event.order = rows.Int(row, 15);
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace skillscore::pg
