// Scanning exams for re-scoring (sqlite_scan.h): the rows; the grouping, the visitor's decisions
// and re-binding are engine/store/common's (exam_scan.h).
//
// Speed: a national year is about 100 million marks, so the scan reads them with one query that
// walks the exams in order of id (their code index), each exam's candidates along the candidates'
// (exam, code) index and each candidate's marks along the marks table's primary key: SQLite
// streams the rows without sorting anything (EXPLAIN QUERY PLAN shows no temporary b-tree), and
// the scan never holds more than one exam. Per exam, a few small queries read the exam's record,
// its people and (once per version) its rubric.
#include "sqlite_scan.h"

#include "sqlite_slots.h"
#include "sqlite_values.h"

namespace skillscore::sqlite {
namespace {

using store_common::ScannedExam;
using store_common::ScanRow;

// Every exam bound to a version of ?1 other than ?2 (any version when ?2 is NULL), and of those
// only exam ?3 when it is not NULL. A candidate without marks, or an exam without candidates,
// still gives one row (with NULL marks), so that every exam and candidate is visited.
constexpr char kScanSelect[] =
    "SELECT e.id, c.id, m.aspect, m.judge, m.value, m.den FROM exams e "
    "JOIN rubrics r ON r.id = e.rubric "
    "LEFT JOIN candidates c ON c.exam = e.id "
    "LEFT JOIN marks m ON m.candidate = c.id AND m.withdrawn = 0 "
    "WHERE r.code = ?1 AND (?2 IS NULL OR r.version <> ?2) ";
constexpr char kOrder[] = "ORDER BY e.code, c.code, m.aspect, m.panel";  // m.aspect: the slot

class SqliteScanRows final : public store_common::ScanRows {
 public:
  SqliteScanRows(Database& db, audit::AuditLog& audit) : db_(db), audit_(audit) {}

  std::string DatabaseName() override { return db_.path(); }

  std::optional<std::int64_t> RubricId(const std::string& code,
                                       const std::string& version) override {
    Statement query = db_.Prepare("SELECT id FROM rubrics WHERE code = ?1 AND version = ?2");
    query.Bind(1, code).Bind(2, version);
    if (!query.Step()) return std::nullopt;
    return query.Int(0);
  }

  bool ExamExists(const std::string& exam) override {
    Statement exists = db_.Prepare("SELECT 1 FROM exams WHERE code = ?1");
    exists.Bind(1, exam);
    return exists.Step();
  }

  std::size_t CountExams(const ExamScan& scan, const std::string* exam) override {
    Statement count = db_.Prepare(
        "SELECT count(*) FROM exams e JOIN rubrics r ON r.id = e.rubric "
        "WHERE (?3 IS NULL OR e.code = ?3) AND r.code = ?1 AND (?2 IS NULL OR r.version <> ?2)");
    count.Bind(1, scan.rubric_code);
    if (scan.except_version) count.Bind(2, *scan.except_version);
    if (exam != nullptr) count.Bind(3, *exam);
    count.Step();
    return static_cast<std::size_t>(count.Int(0));
  }

  void Stream(const ExamScan& scan, const std::string* exam,
              const std::function<bool(const ScanRow&)>& visit) override {
    std::string sql =
        std::string(kScanSelect) + (exam != nullptr ? "AND e.code = ?3 " : "") + kOrder;
    Statement query = db_.Prepare(sql.c_str());
    query.Bind(1, scan.rubric_code);
    if (scan.except_version) query.Bind(2, *scan.except_version);
    if (exam != nullptr) query.Bind(3, *exam);
    ScanRow row;
    while (query.Step()) {
      row.exam = query.Int(0);
      row.slot.reset();
      if (!query.IsNull(2)) {
        row.candidate = query.Int(1);
        row.slot = query.Int(2);
        row.judge = query.Int(3);
        row.value.reset();
        if (!query.IsNull(4)) row.value = query.Int(4);
        row.den = query.Int(5);
      }
      if (!visit(row)) return;
    }
  }

  ScannedExam Exam(std::int64_t exam_id) override {
    Statement exam = db_.Prepare(
        "SELECT e.code, e.date, e.site, e.chief, e.created_at, r.id, r.code, r.version, r.sha256, "
        "r.title, r.imported_at, e.timezone FROM exams e JOIN rubrics r ON r.id = e.rubric "
        "WHERE e.id = ?1");
    exam.Bind(1, exam_id);
    exam.Step();
    return ScannedExam{
        ExamInfo{exam.Text(0),
                 {exam.Text(6), exam.Text(7), exam.Text(8), exam.Text(9), exam.Text(10)},
                 exam.Text(1),
                 exam.Text(2),
                 exam.Text(3),
                 exam.Text(4),
                 exam.Text(11)},
        exam.Int(5)};
  }

  void People(std::int64_t exam_id, std::vector<std::pair<std::int64_t, Candidate>>& candidates,
              std::unordered_map<std::int64_t, std::string>& judges) override {
    Statement query = db_.Prepare(
        "SELECT id, code, name, organization, status FROM candidates WHERE exam = ?1 ORDER BY id");
    query.Bind(1, exam_id);
    while (query.Step()) {
      candidates.emplace_back(query.Int(0), Candidate{query.Text(1), query.Text(2), query.Text(3),
                                                      StatusFromName(query.Text(4))});
    }
    Statement judge_rows = db_.Prepare("SELECT id, code FROM judges WHERE exam = ?1");
    judge_rows.Bind(1, exam_id);
    while (judge_rows.Step()) judges.emplace(judge_rows.Int(0), judge_rows.Text(1));
  }

  std::string RubricYaml(std::int64_t rubric) override {
    Statement yaml = db_.Prepare("SELECT yaml FROM rubrics WHERE id = ?1");
    yaml.Bind(1, rubric);
    yaml.Step();
    return yaml.Text(0);
  }

  AspectSlots Slots(std::int64_t rubric) override { return ReadAspectSlots(db_, rubric); }

  std::optional<std::string> SlotMismatch(std::int64_t from, std::int64_t to) override {
    Statement query = db_.Prepare(
        "SELECT o.code FROM rubric_aspects o JOIN rubric_aspects n ON n.rubric = ?2 "
        "AND (n.code = o.code OR n.slot = o.slot) "
        "WHERE o.rubric = ?1 AND (n.code <> o.code OR n.slot <> o.slot) ORDER BY o.ordinal "
        "LIMIT 1");
    query.Bind(1, from).Bind(2, to);
    if (!query.Step()) return std::nullopt;
    return query.Text(0);
  }

  void Rebind(std::int64_t exam, std::int64_t rubric) override {
    Statement update = db_.Prepare("UPDATE exams SET rubric = ?2 WHERE id = ?1");
    update.Bind(1, exam).Bind(2, rubric);
    update.Run();
  }

  std::string ExamState(std::int64_t exam) override { return audit_.ExamState(exam); }
  void Append(audit::Event& event) override { audit_.Append(event); }

 private:
  Database& db_;
  audit::AuditLog& audit_;
};

}  // namespace

StoreResult<std::size_t> ScanExams(Database& db, audit::AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context) {
  Transaction transaction(db,
                          scan.rebind ? Transaction::Mode::kImmediate : Transaction::Mode::kRead);
  SqliteScanRows rows(db, audit);
  auto outcome = store_common::ScanExams(rows, scan, visit, context);
  if (!outcome) return tl::unexpected(outcome.error());
  if (outcome->keep) transaction.Commit();  // else rolled back
  return outcome->rebound;
}

}  // namespace skillscore::sqlite
