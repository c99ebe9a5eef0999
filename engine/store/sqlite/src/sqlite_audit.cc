// The audit log: appending events, digests of state, and adopting a schema-1 database
// (sqlite_audit.h). Verification is in sqlite_audit_verify.cc, the history in
// sqlite_audit_history.cc.
#include "sqlite_audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace skillscore::audit {

using sqlite::Statement;

void AuditLog::Append(Event& event) {
  if (event.chain.empty()) {
    if (event.exam.empty()) throw std::logic_error("an audit event of no chain");
    event.chain = ExamChain(event.exam);
  }
  {
    Statement last = db_.Prepare(
        "SELECT seq, hash FROM audit_events WHERE chain = ?1 ORDER BY seq DESC LIMIT 1");
    last.Bind(1, event.chain);
    if (last.Step()) {
      event.id = last.Int(0) + 1;
      event.prev_hash = last.Text(1);
    } else {
      event.id = 1;
      event.prev_hash = kGenesisHash;
    }
  }
  event.hash = EventHash(event);
  Statement insert = db_.Prepare(
      "INSERT INTO audit_events (chain, seq, at, actor, action, exam, subject, old_value, "
      "new_value, reason, first_entry, entries, state, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  insert.Bind(1, event.chain).Bind(2, event.id).Bind(3, event.at).Bind(4, event.actor);
  insert.Bind(5, event.action).Bind(6, event.exam).Bind(7, event.subject);
  insert.Bind(8, event.old_value).Bind(9, event.new_value).Bind(10, event.reason);
  insert.Bind(11, event.first_entry).Bind(12, event.entries).Bind(13, event.state);
  insert.Bind(14, event.prev_hash).Bind(15, event.hash);
  insert.Run();
  event.order = db_.LastInsertRowid();
}

std::string AuditLog::RubricState(std::int64_t rubric_id) {
  RubricRecord record;
  Statement rubric = db_.Prepare(
      "SELECT code, version, sha256, title, yaml, imported_at FROM rubrics WHERE id = ?1");
  rubric.Bind(1, rubric_id);
  if (rubric.Step()) {
    record.code = rubric.Text(0);
    record.version = rubric.Text(1);
    record.sha256 = rubric.Text(2);
    record.title = rubric.Text(3);
    record.yaml = rubric.Text(4);
    record.imported_at = rubric.Text(5);
  }
  Statement aspects = db_.Prepare(
      "SELECT ordinal, code, subcriterion, judgement FROM rubric_aspects WHERE rubric = ?1");
  aspects.Bind(1, rubric_id);
  while (aspects.Step()) {
    record.aspects.push_back(
        {aspects.Int(0), aspects.Text(1), aspects.Text(2), aspects.Int(3) != 0});
  }
  return RubricDigest(record);
}

std::string AuditLog::LegacyRubricState(std::int64_t rubric_id) {
  Digest digest;
  Statement rubric = db_.Prepare(
      "SELECT code, version, sha256, title, yaml, imported_at FROM rubrics WHERE id = ?1");
  rubric.Bind(1, rubric_id);
  if (rubric.Step()) {
    for (int column = 0; column < 6; ++column) digest.Add(rubric.Text(column));
  }
  Statement aspects = db_.Prepare(
      "SELECT ordinal, code, subcriterion, judgement FROM rubric_aspects WHERE rubric = ?1 "
      "ORDER BY ordinal");
  aspects.Bind(1, rubric_id);
  while (aspects.Step()) {
    digest.Add(aspects.Int(0)).Add(aspects.Text(1)).Add(aspects.Text(2)).Add(aspects.Int(3));
  }
  // Slots (sqlite_slots.h) are recorded only when some aspect is stored away from its ordinal,
  // so that the events of rubrics imported before slots existed keep their digests.
  sqlite::AspectSlots slots = sqlite::ReadAspectSlots(db_, rubric_id);
  if (!slots.IsIdentity()) {
    digest.Add("slots");
    for (std::int64_t slot : slots.slots()) digest.Add(slot);
  }
  return digest.Hex();
}

std::string AuditLog::ExamState(std::int64_t exam_id) {
  Statement exam = db_.Prepare(
      "SELECT e.code, r.code, r.version, e.date, e.site, e.chief, e.created_at, e.timezone "
      "FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE e.id = ?1");
  exam.Bind(1, exam_id);
  if (!exam.Step()) return Digest().Hex();
  ExamInfo info;
  info.id = exam.Text(0);
  info.rubric.code = exam.Text(1);
  info.rubric.version = exam.Text(2);
  info.date = exam.Text(3);
  info.site = exam.Text(4);
  info.chief = exam.Text(5);
  info.created_at = exam.Text(6);
  info.timezone = exam.Text(7);
  return ExamDigest(info);
}

namespace {

constexpr char kCandidatesSql[] =
    "SELECT id, code, name, organization, status FROM candidates WHERE exam = ?1 ORDER BY id";
constexpr char kJudgesSql[] =
    "SELECT id, code, name, organization, role FROM judges WHERE exam = ?1 ORDER BY id";

}  // namespace

std::string AuditLog::CandidatesState(std::int64_t exam_id) {
  return PeopleState(kCandidatesSql, exam_id);
}

std::string AuditLog::JudgesState(std::int64_t exam_id) {
  std::vector<PersonRecord> judges;
  Statement query =
      db_.Prepare("SELECT code, name, organization, role, subcriteria FROM judges WHERE exam = ?1");
  query.Bind(1, exam_id);
  while (query.Step()) {
    judges.push_back({query.Text(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4)});
  }
  return JudgesDigest(std::move(judges));
}

std::string AuditLog::LegacyCandidatesState(std::int64_t exam_id) {
  return LegacyPeopleState(kCandidatesSql, exam_id);
}

std::string AuditLog::LegacyJudgesState(std::int64_t exam_id) {
  return LegacyPeopleState(kJudgesSql, exam_id);
}

std::string AuditLog::PeopleState(const char* sql, std::int64_t exam_id) {
  std::vector<PersonRecord> people;
  Statement query = db_.Prepare(sql);
  query.Bind(1, exam_id);
  while (query.Step()) {
    people.push_back({query.Text(1), query.Text(2), query.Text(3), query.Text(4)});
  }
  return PeopleDigest(std::move(people));
}

std::string AuditLog::LegacyPeopleState(const char* sql, std::int64_t exam_id) {
  Digest digest;
  Statement people = db_.Prepare(sql);
  people.Bind(1, exam_id);
  while (people.Step()) {
    digest.Add(people.Int(0));
    for (int column = 1; column < 5; ++column) digest.Add(people.Text(column));
  }
  return digest.Hex();
}

std::string AuditLog::LocksState(std::int64_t exam_id) {
  std::vector<SubcriterionLock> locks;
  Statement query =
      db_.Prepare("SELECT subcriterion, locked_by, locked_at FROM locks WHERE exam = ?1");
  query.Bind(1, exam_id);
  while (query.Step()) locks.push_back({query.Text(0), query.Text(1), query.Text(2)});
  return LocksDigest(std::move(locks));
}

std::string AuditLog::PassportsState(std::int64_t exam_id) {
  std::vector<StoredPassport> passports;
  Statement query = db_.Prepare(
      "SELECT number, candidate, record, marks_sha256, rubric_sha256, issued_at, supersedes, "
      "revoked_at, revoked_by, revoked_reason FROM passports WHERE exam = ?1");
  query.Bind(1, exam_id);
  auto optional = [&](int column) -> std::optional<std::string> {
    if (query.IsNull(column)) return std::nullopt;
    return query.Text(column);
  };
  while (query.Step()) {
    StoredPassport passport;
    passport.number = query.Text(0);
    passport.candidate = query.Text(1);
    passport.record_json = query.Text(2);
    passport.marks_sha256 = query.Text(3);
    passport.rubric_sha256 = query.Text(4);
    passport.issued_at = query.Text(5);
    passport.supersedes = optional(6);
    passport.revoked_at = optional(7);
    passport.revoked_by = optional(8);
    passport.revoked_reason = optional(9);
    passports.push_back(std::move(passport));
  }
  return PassportsDigest(std::move(passports));
}

StoredMark ReadStoredMark(const Statement& row) {
  StoredMark mark{row.Int(0),   row.Int(1), row.Int(2),  row.Int(3),     row.Int(4),
                  std::nullopt, row.Int(6), row.Text(7), row.Int(8) != 0};
  if (!row.IsNull(5)) mark.value = row.Int(5);
  return mark;
}

std::vector<StoredMark> AuditLog::ReadMarks(const MarkFilter& filter) {
  // A candidate's rows are found by its key.
  constexpr const char* kOfCandidate =
      "SELECT entry, candidate, aspect, panel, judge, value, den, note, withdrawn FROM marks "
      "WHERE candidate = ?1 AND (?2 IS NULL OR aspect = ?2) UNION ALL "
      "SELECT entry, candidate, aspect, panel, judge, value, den, note, withdrawn "
      "FROM mark_history "
      "WHERE candidate = ?1 AND (?2 IS NULL OR aspect = ?2)";
  constexpr const char* kOfExam =
      "SELECT m.entry, m.candidate, m.aspect, m.panel, m.judge, m.value, m.den, m.note, "
      "m.withdrawn FROM marks m JOIN candidates c ON c.id = m.candidate "
      "WHERE c.exam = ?1 AND (?2 IS NULL OR m.aspect = ?2) UNION ALL "
      "SELECT h.entry, h.candidate, h.aspect, h.panel, h.judge, h.value, h.den, h.note, "
      "h.withdrawn FROM mark_history h JOIN candidates c ON c.id = h.candidate "
      "WHERE c.exam = ?1 AND (?2 IS NULL OR h.aspect = ?2)";
  Statement query = db_.Prepare(filter.candidate ? kOfCandidate : kOfExam);
  query.Bind(1, filter.candidate ? *filter.candidate : filter.exam).Bind(2, filter.aspect);
  std::vector<StoredMark> marks;
  while (query.Step()) marks.push_back(ReadStoredMark(query));
  std::sort(marks.begin(), marks.end(),
            [](const StoredMark& a, const StoredMark& b) { return a.Tuple() < b.Tuple(); });
  return marks;
}

std::vector<Event> AuditLog::ReadEvents(std::optional<std::string_view> exam) {
  Statement query = db_.Prepare(
      "SELECT coalesce(seq, id), at, actor, action, exam, subject, old_value, new_value, reason, "
      "first_entry, entries, state, prev_hash, hash, chain, id FROM audit_events "
      "WHERE ?1 IS NULL OR exam = ?1 ORDER BY id");
  if (exam) query.Bind(1, *exam);
  std::vector<Event> events;
  while (query.Step()) {
    Event event;
    event.id = query.Int(0);
    event.at = query.Text(1);
    event.actor = query.Text(2);
    event.action = query.Text(3);
    event.exam = query.Text(4);
    event.subject = query.Text(5);
    event.old_value = query.Text(6);
    event.new_value = query.Text(7);
    event.reason = query.Text(8);
    if (!query.IsNull(9)) event.first_entry = query.Int(9);
    if (!query.IsNull(10)) event.entries = query.Int(10);
    event.state = query.Text(11);
    event.prev_hash = query.Text(12);
    event.hash = query.Text(13);
    event.chain = query.Text(14);
    event.order = query.Int(15);
    events.push_back(std::move(event));
  }
  return events;
}

void AuditLog::AdoptExistingData(const std::string& now) {
  auto adopt = [&](Event event) {
    event.reason = kAdoptedReason;
    Append(event);
  };
  std::vector<std::pair<std::int64_t, Event>> rubrics;
  {
    Statement query =
        db_.Prepare("SELECT id, code, version, sha256, imported_at FROM rubrics ORDER BY id");
    while (query.Step()) {
      rubrics.emplace_back(query.Int(0), Event{.chain = RubricChain(query.Text(1)),
                                               .at = query.Text(4),
                                               .action = kRubricImport,
                                               .subject = query.Text(1) + "@" + query.Text(2),
                                               .new_value = query.Text(3)});
    }
  }
  for (auto& [id, event] : rubrics) {
    event.state = RubricState(id);
    adopt(std::move(event));
  }
  std::vector<std::pair<std::int64_t, Event>> exams;
  {
    Statement query = db_.Prepare(
        "SELECT e.id, e.code, e.created_at, r.code || '@' || r.version FROM exams e "
        "JOIN rubrics r ON r.id = e.rubric ORDER BY e.id");
    while (query.Step()) {
      exams.emplace_back(query.Int(0), Event{.at = query.Text(2),
                                             .action = kExamCreate,
                                             .exam = query.Text(1),
                                             .subject = query.Text(1),
                                             .new_value = query.Text(3)});
    }
  }
  for (auto& [id, event] : exams) {
    Event exam = event;
    exam.state = ExamState(id);
    adopt(exam);
    // Captures the exam id by name: clang 14 (the fuzz build) cannot capture structured bindings.
    auto count = [&, &exam_id = id](const char* sql) {
      Statement query = db_.Prepare(sql);
      query.Bind(1, exam_id);
      query.Step();
      return static_cast<std::size_t>(query.Int(0));
    };
    if (std::size_t n = count("SELECT count(*) FROM candidates WHERE exam = ?1")) {
      adopt(Event{.at = now,
                  .action = kCandidatesImport,
                  .exam = event.exam,
                  .new_value = CountsText({n, 0, 0}),
                  .state = CandidatesState(id)});
    }
    if (std::size_t n = count("SELECT count(*) FROM judges WHERE exam = ?1")) {
      adopt(Event{.at = now,
                  .action = kJudgesImport,
                  .exam = event.exam,
                  .new_value = CountsText({n, 0, 0}),
                  .state = JudgesState(id)});
    }
    AdoptMarkBatches(id);
  }
}

// The mark batches of one exam of a schema-1 database, each as a marks event.
void AuditLog::AdoptMarkBatches(std::int64_t exam_id) {
  std::vector<Event> batches;
  std::vector<EntryRange> ranges;
  {
    Statement query = db_.Prepare(
        "SELECT e.code, b.actor, b.file, b.entered_at, b.first_entry, b.rows, b.added, "
        "b.changed, b.unchanged FROM mark_batches b JOIN exams e ON e.id = b.exam "
        "WHERE b.exam = ?1 ORDER BY b.id");
    query.Bind(1, exam_id);
    while (query.Step()) {
      ImportCounts counts{static_cast<std::size_t>(query.Int(6)),
                          static_cast<std::size_t>(query.Int(7)),
                          static_cast<std::size_t>(query.Int(8))};
      std::string file = query.Text(2);
      batches.push_back(Event{.at = query.Text(3),
                              .actor = query.Text(1),
                              .action = file.empty() ? kMark : kMarksImport,
                              .exam = query.Text(0),
                              .subject = file,
                              .new_value = CountsText(counts),
                              .reason = kAdoptedReason,
                              .first_entry = query.Int(4),
                              .entries = query.Int(5)});
      ranges.push_back({query.Int(4), query.Int(5)});
    }
  }
  std::vector<ExamMark> orphans;
  std::vector<std::string> digests = RangeDigests(
      ranges, [&](const auto& visit) { StreamExamMarks(exam_id, visit); }, orphans);
  for (std::size_t i = 0; i < batches.size(); ++i) {
    batches[i].state = digests[i];
    Append(batches[i]);
  }
}

void AuditLog::SealLegacyChain(const std::string& now) {
  Statement last = db_.Prepare(
      "SELECT count(*), (SELECT hash FROM audit_events WHERE chain = '' ORDER BY id DESC LIMIT 1) "
      "FROM audit_events WHERE chain = ''");
  last.Step();
  const std::int64_t events = last.Int(0);
  if (events == 0) return;
  const std::string head = last.Text(1);
  std::vector<std::string> exams;
  {
    Statement query = db_.Prepare("SELECT code FROM exams ORDER BY id");
    while (query.Step()) exams.push_back(query.Text(0));
  }
  for (const std::string& exam : exams) {
    Event start{.at = now,
                .action = kChainStart,
                .exam = exam,
                .subject = exam,
                .old_value = head,
                .new_value = std::to_string(events),
                .reason = kChainStartReason};
    Append(start);
  }
}

}  // namespace skillscore::audit
