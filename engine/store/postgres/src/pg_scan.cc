// Scanning exams for re-scoring in the PostgreSQL store (pg_scan.h): the rows; the grouping, the
// visitor's decisions and re-binding are engine/store/common's (exam_scan.h), as for SQLite.
#include "pg_scan.h"

#include <fmt/format.h>

#include "pg_copy_binary_rows.h"
#include "pg_rubrics.h"

namespace skillscore::pg {
namespace {

using store_common::ScannedExam;
using store_common::ScanRow;

// The exams bound to a version of $1 other than $2 (any version when $2 is NULL), and of those
// only exam $3 when it is not NULL, in order of code, with the range of their candidates' ids
// (NULL when they have none).
constexpr char kScanExams[] =
    "SELECT e.id, min(c.id), max(c.id) FROM exams e JOIN rubrics r ON r.id = e.rubric "
    "LEFT JOIN candidates c ON c.exam = e.id "
    "WHERE r.code = $1 AND ($2::text IS NULL OR r.version <> $2) AND ($3::text IS NULL OR "
    "e.code = $3) GROUP BY e.id, e.code ORDER BY e.code";
// The current marks whose candidates' ids lie between {0} and {1}, in the order of the marks'
// primary key, which the server walks without sorting: an exam's candidates are numbered as they
// are registered, so the range of its ids holds few others. Those the client passes over: the
// server walks them either way, and joining every mark with candidates to leave them out cost it
// more (at 10M marks of one exam, 6 % of its processor time) than sending the few does. Streamed
// by COPY, whose query takes no parameters: the two are row ids, written in. Binary: the server
// sends the integers as they are, and the client reads them without parsing digits.
constexpr char kExamMarks[] =
    "COPY (SELECT m.candidate, m.aspect, m.judge, m.value, m.den FROM marks m "
    "WHERE m.candidate BETWEEN {0} AND {1} AND NOT m.withdrawn "
    "ORDER BY m.candidate, m.aspect, m.panel) TO STDOUT (FORMAT binary)";
constexpr int kExamMarkFields = 5;  // aspect: its slot

class PgScanRows final : public store_common::ScanRows {
 public:
  PgScanRows(Connection& db, AuditLog& audit) : db_(db), audit_(audit) {}

  std::string DatabaseName() override { return db_.server(); }

  std::optional<std::int64_t> RubricId(const std::string& code,
                                       const std::string& version) override {
    Result rows =
        db_.Exec("SELECT id FROM rubrics WHERE code = $1 AND version = $2", code, version);
    if (rows.rows() == 0) return std::nullopt;
    return rows.Int(0, 0);
  }

  bool ExamExists(const std::string& exam) override {
    return db_.Exec("SELECT 1 FROM exams WHERE code = $1", exam).rows() > 0;
  }

  std::size_t CountExams(const ExamScan& scan, const std::string* exam) override {
    std::optional<std::string> one;
    if (exam != nullptr) one = *exam;
    return static_cast<std::size_t>(
        db_.Exec("SELECT count(*) FROM exams e JOIN rubrics r ON r.id = e.rubric "
                 "WHERE ($3::text IS NULL OR e.code = $3) AND r.code = $1 AND "
                 "($2::text IS NULL OR r.version <> $2)",
                 scan.rubric_code, scan.except_version, one)
            .Int(0, 0));
  }

  // Each exam starts with a row of its own (no mark), which has the visitor read what it needs
  // of the exam; then its marks stream, while the visitor only gathers them (it acts on an exam
  // when the next one starts), so no other statement has to run before the COPY ends.
  void Stream(const ExamScan& scan, const std::string* exam,
              const std::function<bool(const ScanRow&)>& visit) override {
    std::optional<std::string> one;
    if (exam != nullptr) one = *exam;
    Result exams = db_.Exec(kScanExams, scan.rubric_code, scan.except_version, one);
    for (int at = 0; at < exams.rows(); ++at) {
      ScanRow row;
      row.exam = exams.Int(at, 0);
      if (!visit(row)) return;
      if (exams.IsNull(at, 1)) continue;  // no candidates
      const std::int64_t low = exams.Int(at, 1);
      const std::vector<bool> own = OwnCandidates(row.exam, low, exams.Int(at, 2));
      bool more = true;
      bool first = true;
      db_.CopyOut(fmt::format(kExamMarks, low, exams.Int(at, 2)), [&](std::string_view message) {
        BinaryCopyRow fields(message, first, kExamMarkFields);
        first = false;
        if (!more || fields.trailer()) return;  // the rest is passed over
        row.candidate = *fields.NextInt();
        if (!own[static_cast<std::size_t>(row.candidate - low)]) return;  // another exam's
        row.slot = fields.NextInt();
        row.judge = *fields.NextInt();
        row.value = fields.NextInt();
        row.den = *fields.NextInt();
        more = visit(row);
      });
      if (!more) return;
    }
  }

  // Which of the candidates whose ids lie between `low` and `high` are the exam's, by id - low.
  std::vector<bool> OwnCandidates(std::int64_t exam, std::int64_t low, std::int64_t high) {
    std::vector<bool> own(static_cast<std::size_t>(high - low + 1));
    Result ids = db_.Exec("SELECT id FROM candidates WHERE exam = $1", exam);
    for (int row = 0; row < ids.rows(); ++row) {
      own[static_cast<std::size_t>(ids.Int(row, 0) - low)] = true;
    }
    return own;
  }

  ScannedExam Exam(std::int64_t exam_id) override {
    Result exam = db_.Exec(
        "SELECT e.code, e.date, e.site, e.chief, e.created_at, r.id, r.code, r.version, r.sha256, "
        "r.title, r.imported_at, e.timezone FROM exams e JOIN rubrics r ON r.id = e.rubric "
        "WHERE e.id = $1",
        exam_id);
    return ScannedExam{ExamInfo{exam.Text(0, 0),
                                {exam.Text(0, 6), exam.Text(0, 7), exam.Text(0, 8), exam.Text(0, 9),
                                 exam.Text(0, 10)},
                                exam.Text(0, 1),
                                exam.Text(0, 2),
                                exam.Text(0, 3),
                                exam.Text(0, 4),
                                exam.Text(0, 11)},
                       exam.Int(0, 5)};
  }

  void People(std::int64_t exam_id, std::vector<std::pair<std::int64_t, Candidate>>& candidates,
              std::unordered_map<std::int64_t, std::string>& judges) override {
    Result rows = db_.Exec(
        "SELECT id, code, name, organization, status FROM candidates WHERE exam = $1 ORDER BY id",
        exam_id);
    for (int row = 0; row < rows.rows(); ++row) {
      candidates.emplace_back(rows.Int(row, 0),
                              Candidate{rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3),
                                        StatusFromName(rows.Text(row, 4))});
    }
    Result judge_rows = db_.Exec("SELECT id, code FROM judges WHERE exam = $1", exam_id);
    for (int row = 0; row < judge_rows.rows(); ++row) {
      judges.emplace(judge_rows.Int(row, 0), judge_rows.Text(row, 1));
    }
  }

  std::string RubricYaml(std::int64_t rubric) override {
    return db_.Exec("SELECT yaml FROM rubrics WHERE id = $1", rubric).Text(0, 0);
  }

  AspectSlots Slots(std::int64_t rubric) override { return ReadAspectSlots(db_, rubric); }

  std::optional<std::string> SlotMismatch(std::int64_t from, std::int64_t to) override {
    Result rows = db_.Exec(
        "SELECT o.code FROM rubric_aspects o JOIN rubric_aspects n ON n.rubric = $2 "
        "AND (n.code = o.code OR n.slot = o.slot) "
        "WHERE o.rubric = $1 AND (n.code <> o.code OR n.slot <> o.slot) ORDER BY o.ordinal "
        "LIMIT 1",
        from, to);
    if (rows.rows() == 0) return std::nullopt;
    return rows.Text(0, 0);
  }

  void Rebind(std::int64_t exam, std::int64_t rubric) override {
    db_.Exec("UPDATE exams SET rubric = $2 WHERE id = $1", exam, rubric);
  }

  std::string ExamState(std::int64_t exam) override { return audit_.ExamState(exam); }
  void Append(audit::Event& event) override { audit_.Append(event); }

 private:
  Connection& db_;
  AuditLog& audit_;
};

}  // namespace

StoreResult<std::size_t> ScanExams(Connection& db, AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context) {
  Transaction transaction(db, scan.rebind ? Transaction::Mode::kWrite : Transaction::Mode::kRead);
  // The scan's queries walk an index in order and compute nothing: compiling them (JIT, which
  // their estimated cost over millions of marks would trigger) costs more than it saves.
  db.Execute("SET LOCAL jit = off");
  if (scan.rebind) {
    // The exams it may re-bind are locked first, in one order, so that the scan never waits for
    // a writer that waits for it.
    db.Exec(
        "SELECT e.id FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE r.code = $1 "
        "ORDER BY e.id FOR UPDATE OF e",
        scan.rubric_code);
  }
  PgScanRows rows(db, audit);
  auto outcome = store_common::ScanExams(rows, scan, visit, context);
  if (!outcome) return tl::unexpected(outcome.error());
  if (outcome->keep) transaction.Commit();  // else rolled back
  return outcome->rebound;
}

}  // namespace skillscore::pg
