// Exam bundles on SQLite (sqlite_bundle.h).
#include "sqlite_bundle.h"

#include <unordered_map>

#include "skillscore/audit_chain.h"
#include "skillscore/bundle_chain.h"
#include "sqlite_values.h"

namespace skillscore::sqlite {
namespace {

struct ExamRows {
  std::int64_t id = 0;
  std::int64_t rubric = 0;
};

std::vector<BundlePerson> ReadPeople(Database& db, const char* sql, std::int64_t exam) {
  Statement query = db.Prepare(sql);
  query.Bind(1, exam);
  std::vector<BundlePerson> people;
  while (query.Step()) {
    people.push_back({query.Text(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4)});
  }
  return people;
}

std::optional<std::string> OptionalText(const Statement& row, int column) {
  return row.IsNull(column) ? std::nullopt : std::optional<std::string>(row.Text(column));
}

std::optional<std::int64_t> OptionalInt(const Statement& row, int column) {
  return row.IsNull(column) ? std::nullopt : std::optional<std::int64_t>(row.Int(column));
}

void ReadHeadLists(Database& db, const ExamRows& exam, BundleHead& head) {
  Statement locks = db.Prepare(
      "SELECT subcriterion, locked_by, locked_at FROM locks WHERE exam = ?1 ORDER BY subcriterion");
  locks.Bind(1, exam.id);
  while (locks.Step()) head.locks.push_back({locks.Text(0), locks.Text(1), locks.Text(2)});
  Statement passports = db.Prepare(
      "SELECT number, candidate, record, marks_sha256, rubric_sha256, issued_at, supersedes, "
      "revoked_at, revoked_by, revoked_reason FROM passports WHERE exam = ?1 ORDER BY rowid");
  passports.Bind(1, exam.id);
  while (passports.Step()) {
    head.passports.push_back({passports.Text(0), passports.Text(1), passports.Text(2),
                              passports.Text(3), passports.Text(4), passports.Text(5),
                              OptionalText(passports, 6), OptionalText(passports, 7),
                              OptionalText(passports, 8), OptionalText(passports, 9)});
  }
  Statement codes = db.Prepare(
      "SELECT c.number, j.code, c.hash, c.issued_at, c.issued_by, c.revoked_at, c.revoked_by, "
      "c.revoked_reason FROM judge_credentials c JOIN judges j ON j.id = c.judge "
      "WHERE c.exam = ?1 ORDER BY c.number");
  codes.Bind(1, exam.id);
  while (codes.Step()) {
    head.codes.push_back({codes.Int(0), codes.Text(1), codes.Text(2), codes.Text(3), codes.Text(4),
                          OptionalText(codes, 5), OptionalText(codes, 6), OptionalText(codes, 7)});
  }
  Statement pin = db.Prepare("SELECT 1 FROM exam_pin_rules WHERE exam = ?1");
  pin.Bind(1, exam.id);
  head.pin_required = pin.Step();
  Statement batches = db.Prepare(
      "SELECT actor, file, entered_at, first_entry, rows, added, changed, unchanged "
      "FROM mark_batches WHERE exam = ?1 ORDER BY id");
  batches.Bind(1, exam.id);
  while (batches.Step()) {
    head.batches.push_back({batches.Text(0), batches.Text(1), batches.Text(2), batches.Int(3),
                            batches.Int(4), batches.Int(5), batches.Int(6), batches.Int(7)});
  }
}

// Every stored mark of the exam, current and replaced, with the aspect's id in the exam's rubric
// version (NULL for a slot that version does not have).
constexpr char kExamMarks[] =
    "SELECT m.entry AS entry, c.code AS candidate, a.code AS aspect, m.panel AS panel, "
    "j.code AS judge, m.value AS value, m.den AS den, m.note AS note, m.withdrawn AS withdrawn, "
    "m.current AS current FROM (SELECT candidate, aspect, panel, judge, value, den, entry, note, "
    "withdrawn, "
    "1 AS current FROM marks UNION ALL SELECT candidate, aspect, panel, judge, value, den, entry, "
    "note, withdrawn, 0 FROM mark_history) m JOIN candidates c ON c.id = m.candidate "
    "JOIN judges j ON j.id = m.judge "
    "LEFT JOIN rubric_aspects a ON a.rubric = ?2 AND a.slot = m.aspect WHERE c.exam = ?1 ";

}  // namespace

StoreResult<void> ExportExam(Database& db, std::string_view exam_id, BundleSink& sink) {
  Statement exam_row = db.Prepare(
      "SELECT e.id, e.code, e.date, e.site, e.chief, e.created_at, e.timezone, r.id, r.code, "
      "r.version, r.sha256, r.title, r.yaml FROM exams e JOIN rubrics r ON r.id = e.rubric "
      "WHERE e.code = ?1");
  exam_row.Bind(1, exam_id);
  if (!exam_row.Step()) {
    return Refuse(StoreError::Code::kBundleExamNotFound, {std::string(exam_id)});
  }
  ExamRows exam{exam_row.Int(0), exam_row.Int(7)};
  BundleHead head;
  head.exam = {exam_row.Text(1),  exam_row.Text(2),  exam_row.Text(3), exam_row.Text(4),
               exam_row.Text(5),  exam_row.Text(6),  exam_row.Text(8), exam_row.Text(9),
               exam_row.Text(10), exam_row.Text(11), exam_row.Text(12)};
  const std::string chain = audit::ExamChain(exam_id);
  Statement chain_row = db.Prepare(
      "SELECT count(*), (SELECT hash FROM audit_events WHERE chain = ?1 ORDER BY seq DESC LIMIT "
      "1), "
      "(SELECT action FROM audit_events WHERE chain = ?1 AND seq = 1) FROM audit_events "
      "WHERE chain = ?1");
  chain_row.Bind(1, chain);
  chain_row.Step();
  head.events = chain_row.Int(0);
  head.chain_head = chain_row.IsNull(1) ? audit::kGenesisHash : chain_row.Text(1);
  if (!chain_row.IsNull(2) && chain_row.Text(2) == audit::kChainStart) {
    return Refuse(StoreError::Code::kBundleLegacyChain, {std::string(exam_id)});
  }
  head.candidates = ReadPeople(
      db, "SELECT code, name, organization, status, '' FROM candidates WHERE exam = ?1 ORDER BY id",
      exam.id);
  head.judges = ReadPeople(db,
                           "SELECT code, name, organization, role, subcriteria FROM judges "
                           "WHERE exam = ?1 ORDER BY id",
                           exam.id);
  ReadHeadLists(db, exam, head);
  Statement count =
      db.Prepare(std::string("SELECT count(*), min(entry) FILTER (WHERE aspect IS NULL) FROM (")
                     .append(kExamMarks)
                     .append(")")
                     .c_str());
  count.Bind(1, exam.id).Bind(2, exam.rubric);
  count.Step();
  if (!count.IsNull(1)) {
    return tl::unexpected(audit::RetiredAspectRefusal(exam_id, count.Int(1)));
  }
  head.marks = count.Int(0);
  sink.Head(head);
  Statement events = db.Prepare(
      "SELECT seq, at, actor, action, exam, subject, old_value, new_value, reason, first_entry, "
      "entries, state, prev_hash, hash FROM audit_events WHERE chain = ?1 ORDER BY seq");
  events.Bind(1, chain);
  while (events.Step()) {
    sink.Event({events.Int(0), events.Text(1), events.Text(2), events.Text(3), events.Text(4),
                events.Text(5), events.Text(6), events.Text(7), events.Text(8),
                OptionalInt(events, 9), OptionalInt(events, 10), events.Text(11), events.Text(12),
                events.Text(13)});
  }
  Statement marks =
      db.Prepare(std::string(kExamMarks).append("ORDER BY m.entry, m.current").c_str());
  marks.Bind(1, exam.id).Bind(2, exam.rubric);
  while (marks.Step()) {
    sink.Mark({marks.Int(0), marks.Text(1), marks.Text(2), marks.Text(4), marks.Int(3) != 0,
               OptionalInt(marks, 5), marks.Int(6), marks.Text(7), marks.Int(8) != 0,
               marks.Int(9) != 0});
  }
  return {};
}

namespace {

// Writes the head's rows for the new exam `exam_id`; the people's row ids by code.
struct PersonRows {
  std::unordered_map<std::string, std::int64_t> candidates, judges;
};

// `judges`: the people are judges, whose marking groups `sql` binds as ?6.
std::unordered_map<std::string, std::int64_t> InsertPeople(Database& db, const char* sql,
                                                           std::int64_t exam_id,
                                                           const std::vector<BundlePerson>& people,
                                                           bool judges) {
  std::unordered_map<std::string, std::int64_t> rows;
  Statement insert = db.Prepare(sql);
  for (const BundlePerson& person : people) {
    insert.Bind(1, exam_id).Bind(2, person.code).Bind(3, person.name);
    insert.Bind(4, person.organization).Bind(5, person.attribute);
    if (judges) insert.Bind(6, person.subcriteria);
    insert.Run();
    insert.Reset();
    rows.emplace(person.code, db.LastInsertRowid());
  }
  return rows;
}

StoreResult<void> InsertHeadLists(Database& db, const BundleHead& head, std::int64_t exam_id,
                                  const PersonRows& people) {
  Statement lock = db.Prepare(
      "INSERT INTO locks (exam, subcriterion, locked_by, locked_at) VALUES (?1, ?2, ?3, ?4)");
  for (const BundleLock& row : head.locks) {
    lock.Bind(1, exam_id).Bind(2, row.subcriterion).Bind(3, row.locked_by).Bind(4, row.locked_at);
    lock.Run();
    lock.Reset();
  }
  Statement taken = db.Prepare("SELECT 1 FROM passports WHERE number = ?1");
  Statement passport = db.Prepare(
      "INSERT INTO passports (number, exam, candidate, record, marks_sha256, rubric_sha256, "
      "issued_at, supersedes, revoked_at, revoked_by, revoked_reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  auto bind_optional = [](Statement& statement, int index, const std::optional<std::string>& text) {
    if (text) {
      statement.Bind(index, *text);
    } else {
      statement.BindNull(index);
    }
  };
  for (const BundlePassport& row : head.passports) {
    taken.Bind(1, row.number);
    if (taken.Step()) {
      return Refuse(StoreError::Code::kBundlePassportRegistered, {row.number});
    }
    taken.Reset();
    passport.Bind(1, row.number).Bind(2, exam_id).Bind(3, row.candidate).Bind(4, row.record);
    passport.Bind(5, row.marks_sha256).Bind(6, row.rubric_sha256).Bind(7, row.issued_at);
    bind_optional(passport, 8, row.supersedes);
    bind_optional(passport, 9, row.revoked_at);
    bind_optional(passport, 10, row.revoked_by);
    bind_optional(passport, 11, row.revoked_reason);
    passport.Run();
    passport.Reset();
  }
  Statement code_taken = db.Prepare("SELECT 1 FROM judge_credentials WHERE number = ?1");
  Statement code = db.Prepare(
      "INSERT INTO judge_credentials (number, exam, judge, hash, issued_at, issued_by, "
      "revoked_at, revoked_by, revoked_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (const BundleCode& row : head.codes) {
    auto judge = people.judges.find(row.judge);
    if (judge == people.judges.end()) {
      return Refuse(StoreError::Code::kBundleCodeJudgeMissing,
                    {std::to_string(row.number), row.judge});
    }
    code_taken.Bind(1, row.number);
    if (code_taken.Step()) {
      return Refuse(StoreError::Code::kBundleCodeNumberTaken, {std::to_string(row.number)});
    }
    code_taken.Reset();
    code.Bind(1, row.number).Bind(2, exam_id).Bind(3, judge->second).Bind(4, row.hash);
    code.Bind(5, row.issued_at).Bind(6, row.issued_by);
    bind_optional(code, 7, row.revoked_at);
    bind_optional(code, 8, row.revoked_by);
    bind_optional(code, 9, row.revoked_reason);
    code.Run();
    code.Reset();
  }
  if (head.pin_required) {
    Statement pin = db.Prepare("INSERT INTO exam_pin_rules (exam) VALUES (?1)");
    pin.Bind(1, exam_id);
    pin.Run();
  }
  Statement batch = db.Prepare(
      "INSERT INTO mark_batches (exam, actor, file, entered_at, first_entry, rows, added, "
      "changed, unchanged) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (const BundleBatch& row : head.batches) {
    batch.Bind(1, exam_id).Bind(2, row.actor).Bind(3, row.file).Bind(4, row.entered_at);
    batch.Bind(5, row.first_entry).Bind(6, row.rows).Bind(7, row.added).Bind(8, row.changed);
    batch.Bind(9, row.unchanged);
    batch.Run();
    batch.Reset();
  }
  return {};
}

tl::unexpected<StoreError> Unreadable(const Diagnostic& fault) {
  return tl::unexpected(audit::UnreadableRefusal(fault));
}

StoreResult<void> InsertEvents(Database& db, BundleSource& source) {
  audit::BundleChainCheck chain(source.head());
  Statement insert = db.Prepare(
      "INSERT INTO audit_events (chain, seq, at, actor, action, exam, subject, old_value, "
      "new_value, reason, first_entry, entries, state, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  const std::string name = audit::ExamChain(source.head().exam.id);
  for (;;) {
    auto next = source.NextEvent();
    if (!next) return Unreadable(next.error());
    if (!*next) break;
    const BundleEvent& event = **next;
    if (auto problem = chain.Next(event)) return tl::unexpected(*problem);
    insert.Bind(1, name).Bind(2, event.id).Bind(3, event.at).Bind(4, event.actor);
    insert.Bind(5, event.action).Bind(6, event.exam).Bind(7, event.subject);
    insert.Bind(8, event.old_value).Bind(9, event.new_value).Bind(10, event.reason);
    insert.Bind(11, event.first_entry).Bind(12, event.entries).Bind(13, event.state);
    insert.Bind(14, event.prev_hash).Bind(15, event.hash);
    insert.Run();
    insert.Reset();
  }
  if (auto problem = chain.End()) return tl::unexpected(*problem);
  return {};
}

StoreResult<void> InsertMarks(Database& db, BundleSource& source, const ExamRows& exam,
                              const PersonRows& people) {
  std::unordered_map<std::string, std::int64_t> slots;
  Statement aspects = db.Prepare("SELECT code, slot FROM rubric_aspects WHERE rubric = ?1");
  aspects.Bind(1, exam.rubric);
  while (aspects.Step()) slots.emplace(aspects.Text(0), aspects.Int(1));
  constexpr char kColumns[] =
      " (candidate, aspect, panel, judge, value, den, entry, note, withdrawn) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  Statement current = db.Prepare(std::string("INSERT INTO marks").append(kColumns).c_str());
  Statement replaced = db.Prepare(std::string("INSERT INTO mark_history").append(kColumns).c_str());
  const std::string& exam_id = source.head().exam.id;
  for (;;) {
    auto next = source.NextMark();
    if (!next) return Unreadable(next.error());
    if (!*next) break;
    const BundleMark& mark = **next;
    auto candidate = people.candidates.find(mark.candidate);
    auto judge = people.judges.find(mark.judge);
    auto slot = slots.find(mark.aspect);
    if (candidate == people.candidates.end() || judge == people.judges.end()) {
      return tl::unexpected(audit::UnknownPersonRefusal(
          exam_id, candidate == people.candidates.end() ? mark.candidate : mark.judge, mark.entry));
    }
    if (slot == slots.end()) {
      return tl::unexpected(audit::UnknownAspectRefusal(mark.aspect, mark.entry));
    }
    Statement& insert = mark.current ? current : replaced;
    insert.Bind(1, candidate->second).Bind(2, slot->second);
    insert.Bind(3, mark.judgement ? judge->second : std::int64_t{0}).Bind(4, judge->second);
    insert.Bind(5, mark.value).Bind(6, mark.den).Bind(7, mark.entry);
    insert.BindTextOrNull(8, mark.note).Bind(9, std::int64_t{mark.withdrawn ? 1 : 0});
    insert.Run();
    insert.Reset();
  }
  return {};
}

}  // namespace

StoreResult<void> ImportExam(Database& db, audit::AuditLog& log, BundleSource& source) {
  const BundleHead& head = source.head();
  if (auto problem = audit::PeopleProblem(head)) return tl::unexpected(*problem);
  Statement rubric = db.Prepare("SELECT id, sha256 FROM rubrics WHERE code = ?1 AND version = ?2");
  rubric.Bind(1, head.exam.rubric_code).Bind(2, head.exam.rubric_version);
  if (!rubric.Step() || rubric.Text(1) != head.exam.rubric_sha256) {
    return Refuse(StoreError::Code::kBundleRubricNotStored,
                  {head.exam.rubric_code, head.exam.rubric_version});
  }
  ExamRows exam{0, rubric.Int(0)};
  Statement existing = db.Prepare("SELECT 1 FROM exams WHERE code = ?1");
  existing.Bind(1, head.exam.id);
  if (existing.Step()) {
    return Refuse(StoreError::Code::kBundleExamExists, {head.exam.id});
  }
  Statement insert = db.Prepare(
      "INSERT INTO exams (code, rubric, date, site, chief, created_at, timezone) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.Bind(1, head.exam.id).Bind(2, exam.rubric).Bind(3, head.exam.date);
  insert.Bind(4, head.exam.site).Bind(5, head.exam.chief).Bind(6, head.exam.created_at);
  insert.Bind(7, head.exam.timezone);
  insert.Run();
  exam.id = db.LastInsertRowid();
  PersonRows people{InsertPeople(db,
                                 "INSERT INTO candidates (exam, code, name, organization, status) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 exam.id, head.candidates, false),
                    InsertPeople(db,
                                 "INSERT INTO judges (exam, code, name, organization, role, "
                                 "subcriteria) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 exam.id, head.judges, true)};
  if (auto lists = InsertHeadLists(db, head, exam.id, people); !lists) return lists;
  if (auto events = InsertEvents(db, source); !events) return events;
  if (auto marks = InsertMarks(db, source, exam, people); !marks) return marks;
  AuditReport report = log.Verify(head.exam.id);
  if (report.problem) {
    return tl::unexpected(audit::TrailRefusal(head.exam.id, *report.problem));
  }
  return {};
}

}  // namespace skillscore::sqlite
