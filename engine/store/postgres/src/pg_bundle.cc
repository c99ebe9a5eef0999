// Exam bundles on PostgreSQL (pg_bundle.h).
#include "pg_bundle.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "skillscore/audit_chain.h"
#include "skillscore/bundle_chain.h"

namespace skillscore::pg {
namespace {

bool Flag(const Result& rows, int row, int column) { return rows.Text(row, column) == "t"; }

struct ExamRows {
  std::int64_t id = 0;
  std::int64_t rubric = 0;
};

std::vector<BundlePerson> ReadPeople(Connection& db, const char* sql, std::int64_t exam) {
  Result rows = db.Exec(sql, exam);
  std::vector<BundlePerson> people;
  for (int i = 0; i < rows.rows(); ++i) {
    people.push_back(
        {rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3), rows.Text(i, 4)});
  }
  return people;
}

void ReadHeadLists(Connection& db, const ExamRows& exam, BundleHead& head) {
  Result locks = db.Exec(
      "SELECT subcriterion, locked_by, locked_at FROM locks WHERE exam = $1 ORDER BY subcriterion",
      exam.id);
  for (int i = 0; i < locks.rows(); ++i) {
    head.locks.push_back({locks.Text(i, 0), locks.Text(i, 1), locks.Text(i, 2)});
  }
  Result passports = db.Exec(
      "SELECT number, candidate, record, marks_sha256, rubric_sha256, issued_at, supersedes, "
      "revoked_at, revoked_by, revoked_reason FROM passports WHERE exam = $1 ORDER BY issued",
      exam.id);
  for (int i = 0; i < passports.rows(); ++i) {
    head.passports.push_back({passports.Text(i, 0), passports.Text(i, 1), passports.Text(i, 2),
                              passports.Text(i, 3), passports.Text(i, 4), passports.Text(i, 5),
                              passports.OptionalText(i, 6), passports.OptionalText(i, 7),
                              passports.OptionalText(i, 8), passports.OptionalText(i, 9)});
  }
  Result codes = db.Exec(
      "SELECT c.number, j.code, c.hash, c.issued_at, c.issued_by, c.revoked_at, c.revoked_by, "
      "c.revoked_reason FROM judge_credentials c JOIN judges j ON j.id = c.judge "
      "WHERE c.exam = $1 ORDER BY c.number",
      exam.id);
  for (int i = 0; i < codes.rows(); ++i) {
    head.codes.push_back({codes.Int(i, 0), codes.Text(i, 1), codes.Text(i, 2), codes.Text(i, 3),
                          codes.Text(i, 4), codes.OptionalText(i, 5), codes.OptionalText(i, 6),
                          codes.OptionalText(i, 7)});
  }
  head.pin_required = db.Exec("SELECT 1 FROM exam_pin_rules WHERE exam = $1", exam.id).rows() > 0;
  Result batches = db.Exec(
      "SELECT actor, file, entered_at, first_entry, rows, added, changed, unchanged "
      "FROM mark_batches WHERE exam = $1 ORDER BY id",
      exam.id);
  for (int i = 0; i < batches.rows(); ++i) {
    head.batches.push_back({batches.Text(i, 0), batches.Text(i, 1), batches.Text(i, 2),
                            batches.Int(i, 3), batches.Int(i, 4), batches.Int(i, 5),
                            batches.Int(i, 6), batches.Int(i, 7)});
  }
}

// Every stored mark of the exam, current and replaced, with the aspect's id in the exam's rubric
// version (NULL for a slot that version does not have).
constexpr char kExamMarks[] =
    "SELECT m.entry, c.code AS candidate, a.code AS aspect, m.panel, j.code AS judge, m.value, "
    "m.den, m.note, m.withdrawn, m.current FROM (SELECT candidate, aspect, panel, judge, value, "
    "den, entry, note, withdrawn, true AS current FROM marks UNION ALL SELECT candidate, aspect, "
    "panel, judge, value, den, entry, note, withdrawn, false FROM mark_history) m "
    "JOIN candidates c ON c.id = m.candidate JOIN judges j ON j.id = m.judge "
    "LEFT JOIN rubric_aspects a ON a.rubric = $2 AND a.slot = m.aspect WHERE c.exam = $1 ";

}  // namespace

StoreResult<void> ExportExam(Connection& db, std::string_view exam_id, BundleSink& sink) {
  Result exam_row = db.Exec(
      "SELECT e.id, e.code, e.date, e.site, e.chief, e.created_at, e.timezone, r.id, r.code, "
      "r.version, r.sha256, r.title, r.yaml FROM exams e JOIN rubrics r ON r.id = e.rubric "
      "WHERE e.code = $1",
      exam_id);
  if (exam_row.rows() == 0) {
    return Refuse(StoreError::Code::kBundleExamNotFound, {std::string(exam_id)});
  }
  ExamRows exam{exam_row.Int(0, 0), exam_row.Int(0, 7)};
  BundleHead head;
  head.exam = {exam_row.Text(0, 1),  exam_row.Text(0, 2),  exam_row.Text(0, 3), exam_row.Text(0, 4),
               exam_row.Text(0, 5),  exam_row.Text(0, 6),  exam_row.Text(0, 8), exam_row.Text(0, 9),
               exam_row.Text(0, 10), exam_row.Text(0, 11), exam_row.Text(0, 12)};
  const std::string chain = audit::ExamChain(exam_id);
  Result chain_row = db.Exec("SELECT events, head FROM audit_chains WHERE chain = $1", chain);
  head.events = chain_row.rows() > 0 ? chain_row.Int(0, 0) : 0;
  head.chain_head = chain_row.rows() > 0 ? chain_row.Text(0, 1) : audit::kGenesisHash;
  head.candidates = ReadPeople(
      db, "SELECT code, name, organization, status, '' FROM candidates WHERE exam = $1 ORDER BY id",
      exam.id);
  head.judges = ReadPeople(db,
                           "SELECT code, name, organization, role, subcriteria FROM judges "
                           "WHERE exam = $1 ORDER BY id",
                           exam.id);
  ReadHeadLists(db, exam, head);
  Result count = db.Exec(std::string("SELECT count(*), min(entry) FILTER (WHERE aspect IS NULL) "
                                     "FROM (")
                             .append(kExamMarks)
                             .append(") marks_of_exam")
                             .c_str(),
                         exam.id, exam.rubric);
  if (!count.IsNull(0, 1)) {
    return tl::unexpected(audit::RetiredAspectRefusal(exam_id, count.Int(0, 1)));
  }
  head.marks = count.Int(0, 0);
  sink.Head(head);
  StreamRows(db,
             "SELECT id, at, actor, action, exam, subject, old_value, new_value, reason, "
             "first_entry, entries, state, prev_hash, hash FROM audit_events WHERE chain = $1 "
             "ORDER BY id",
             {chain}, [&](const Result& rows, int i) {
               sink.Event({rows.Int(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3),
                           rows.Text(i, 4), rows.Text(i, 5), rows.Text(i, 6), rows.Text(i, 7),
                           rows.Text(i, 8), rows.OptionalInt(i, 9), rows.OptionalInt(i, 10),
                           rows.Text(i, 11), rows.Text(i, 12), rows.Text(i, 13)});
             });
  StreamRows(db, std::string(kExamMarks).append("ORDER BY m.entry, m.current"),
             {std::to_string(exam.id), std::to_string(exam.rubric)},
             [&](const Result& rows, int i) {
               sink.Mark({rows.Int(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 4),
                          rows.Int(i, 3) != 0, rows.OptionalInt(i, 5), rows.Int(i, 6),
                          rows.Text(i, 7), Flag(rows, i, 8), Flag(rows, i, 9)});
             });
  return {};
}

namespace {

struct PersonRows {
  std::unordered_map<std::string, std::int64_t> candidates, judges;
};

// `judges`: the people are judges, whose marking groups `sql` takes as $6.
std::unordered_map<std::string, std::int64_t> InsertPeople(Connection& db, const char* sql,
                                                           std::int64_t exam_id,
                                                           const std::vector<BundlePerson>& people,
                                                           bool judges) {
  std::unordered_map<std::string, std::int64_t> rows;
  for (const BundlePerson& person : people) {
    Result row = judges ? db.Exec(sql, exam_id, person.code, person.name, person.organization,
                                  person.attribute, person.subcriteria)
                        : db.Exec(sql, exam_id, person.code, person.name, person.organization,
                                  person.attribute);
    rows.emplace(person.code, row.Int(0, 0));
  }
  return rows;
}

StoreResult<void> InsertHeadLists(Connection& db, const BundleHead& head, std::int64_t exam_id,
                                  const PersonRows& people) {
  for (const BundleLock& row : head.locks) {
    db.Exec("INSERT INTO locks (exam, subcriterion, locked_by, locked_at) VALUES ($1, $2, $3, $4)",
            exam_id, row.subcriterion, row.locked_by, row.locked_at);
  }
  for (const BundlePassport& row : head.passports) {
    if (db.Exec("SELECT 1 FROM passports WHERE number = $1", row.number).rows() > 0) {
      return Refuse(StoreError::Code::kBundlePassportRegistered, {row.number});
    }
    db.Exec(
        "INSERT INTO passports (number, exam, candidate, record, marks_sha256, rubric_sha256, "
        "issued_at, supersedes, revoked_at, revoked_by, revoked_reason) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        row.number, exam_id, row.candidate, row.record, row.marks_sha256, row.rubric_sha256,
        row.issued_at, row.supersedes, row.revoked_at, row.revoked_by, row.revoked_reason);
  }
  for (const BundleCode& row : head.codes) {
    auto judge = people.judges.find(row.judge);
    if (judge == people.judges.end()) {
      return Refuse(StoreError::Code::kBundleCodeJudgeMissing,
                    {std::to_string(row.number), row.judge});
    }
    if (db.Exec("SELECT 1 FROM judge_credentials WHERE number = $1", row.number).rows() > 0) {
      return Refuse(StoreError::Code::kBundleCodeNumberTaken, {std::to_string(row.number)});
    }
    db.Exec(
        "INSERT INTO judge_credentials (number, exam, judge, hash, issued_at, issued_by, "
        "revoked_at, revoked_by, revoked_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        row.number, exam_id, judge->second, row.hash, row.issued_at, row.issued_by, row.revoked_at,
        row.revoked_by, row.revoked_reason);
  }
  if (!head.codes.empty()) {
    // Numbers given explicitly do not move the sequence: the next code issued here comes after.
    db.Exec(
        "SELECT setval(pg_get_serial_sequence('judge_credentials', 'number'), "
        "(SELECT max(number) FROM judge_credentials))");
  }
  if (head.pin_required) db.Exec("INSERT INTO exam_pin_rules (exam) VALUES ($1)", exam_id);
  std::int64_t next_entry = 1;
  for (const BundleBatch& row : head.batches) {
    db.Exec(
        "INSERT INTO mark_batches (exam, actor, file, entered_at, first_entry, rows, added, "
        "changed, unchanged) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        exam_id, row.actor, row.file, row.entered_at, row.first_entry, row.rows, row.added,
        row.changed, row.unchanged);
    next_entry = std::max(next_entry, row.first_entry + row.rows);
  }
  db.Exec("UPDATE exams SET next_entry = $2 WHERE id = $1", exam_id, next_entry);
  return {};
}

tl::unexpected<StoreError> Unreadable(const Diagnostic& fault) {
  return tl::unexpected(audit::UnreadableRefusal(fault));
}

StoreResult<void> InsertEvents(Connection& db, BundleSource& source) {
  audit::BundleChainCheck chain(source.head());
  const std::string name = audit::ExamChain(source.head().exam.id);
  for (;;) {
    auto next = source.NextEvent();
    if (!next) return Unreadable(next.error());
    if (!*next) break;
    const BundleEvent& event = **next;
    if (auto problem = chain.Next(event)) return tl::unexpected(*problem);
    db.Exec(
        "INSERT INTO audit_events (chain, id, at, actor, action, exam, subject, old_value, "
        "new_value, reason, first_entry, entries, state, prev_hash, hash) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        name, event.id, event.at, event.actor, event.action, event.exam, event.subject,
        event.old_value, event.new_value, event.reason, event.first_entry, event.entries,
        event.state, event.prev_hash, event.hash);
  }
  if (auto problem = chain.End()) return tl::unexpected(*problem);
  db.Exec("INSERT INTO audit_chains (chain, events, head) VALUES ($1, $2, $3)", name,
          source.head().events, source.head().chain_head);
  return {};
}

constexpr std::size_t kCopyPiece = 1 << 20;

StoreResult<void> InsertMarks(Connection& db, BundleSource& source, const ExamRows& exam,
                              const PersonRows& people) {
  std::unordered_map<std::string, std::int64_t> slots;
  Result aspects = db.Exec("SELECT code, slot FROM rubric_aspects WHERE rubric = $1", exam.rubric);
  for (int i = 0; i < aspects.rows(); ++i) slots.emplace(aspects.Text(i, 0), aspects.Int(i, 1));
  db.Execute(
      "CREATE TEMP TABLE bundle_marks (candidate bigint, aspect integer, panel bigint, "
      "judge bigint, value bigint, den bigint, entry bigint, note text COLLATE \"C\", "
      "withdrawn boolean, current boolean) ON COMMIT DROP");
  db.CopyBegin(
      "COPY bundle_marks (candidate, aspect, panel, judge, value, den, entry, note, withdrawn, "
      "current) FROM STDIN");
  std::string copy;
  const std::string& exam_id = source.head().exam.id;
  auto refuse = [&](StoreError refusal) {
    db.CopyEnd();
    return tl::unexpected(std::move(refusal));
  };
  for (;;) {
    auto next = source.NextMark();
    if (!next) return refuse(audit::UnreadableRefusal(next.error()));
    if (!*next) break;
    const BundleMark& mark = **next;
    auto candidate = people.candidates.find(mark.candidate);
    auto judge = people.judges.find(mark.judge);
    auto slot = slots.find(mark.aspect);
    if (candidate == people.candidates.end() || judge == people.judges.end()) {
      return refuse(audit::UnknownPersonRefusal(
          exam_id, candidate == people.candidates.end() ? mark.candidate : mark.judge, mark.entry));
    }
    if (slot == slots.end()) return refuse(audit::UnknownAspectRefusal(mark.aspect, mark.entry));
    copy += fmt::format("{}\t{}\t{}\t{}\t", candidate->second, slot->second,
                        mark.judgement ? judge->second : 0, judge->second);
    copy += mark.value ? std::to_string(*mark.value) : std::string("\\N");
    copy += fmt::format("\t{}\t{}\t", mark.den, mark.entry);
    if (mark.note.empty()) {
      copy += "\\N";
    } else {
      AppendCopyText(copy, mark.note);
    }
    copy += mark.withdrawn ? "\tt" : "\tf";
    copy += mark.current ? "\tt\n" : "\tf\n";
    if (copy.size() >= kCopyPiece) {
      db.CopyPut(copy);
      copy.clear();
    }
  }
  db.CopyPut(copy);
  db.CopyEnd();
  constexpr char kColumns[] = "candidate, aspect, panel, judge, value, den, entry, note, withdrawn";
  db.Execute(
      fmt::format("INSERT INTO marks ({0}) SELECT {0} FROM bundle_marks WHERE current", kColumns)
          .c_str());
  db.Execute(fmt::format("INSERT INTO mark_history ({0}) SELECT {0} FROM bundle_marks "
                         "WHERE NOT current",
                         kColumns)
                 .c_str());
  return {};
}

}  // namespace

StoreResult<void> ImportExam(Connection& db, AuditLog& log, BundleSource& source) {
  const BundleHead& head = source.head();
  if (auto problem = audit::PeopleProblem(head)) return tl::unexpected(*problem);
  Result rubric = db.Exec("SELECT id, sha256 FROM rubrics WHERE code = $1 AND version = $2",
                          head.exam.rubric_code, head.exam.rubric_version);
  if (rubric.rows() == 0 || rubric.Text(0, 1) != head.exam.rubric_sha256) {
    return Refuse(StoreError::Code::kBundleRubricNotStored,
                  {head.exam.rubric_code, head.exam.rubric_version});
  }
  ExamRows exam{0, rubric.Int(0, 0)};
  if (db.Exec("SELECT 1 FROM exams WHERE code = $1", head.exam.id).rows() > 0) {
    return Refuse(StoreError::Code::kBundleExamExists, {head.exam.id});
  }
  exam.id = db.Exec(
                  "INSERT INTO exams (code, rubric, date, site, chief, created_at, timezone) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  head.exam.id, exam.rubric, head.exam.date, head.exam.site, head.exam.chief,
                  head.exam.created_at, head.exam.timezone)
                .Int(0, 0);
  PersonRows people{InsertPeople(db,
                                 "INSERT INTO candidates (exam, code, name, organization, status) "
                                 "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                 exam.id, head.candidates, false),
                    InsertPeople(db,
                                 "INSERT INTO judges (exam, code, name, organization, role, "
                                 "subcriteria) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
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

}  // namespace skillscore::pg
