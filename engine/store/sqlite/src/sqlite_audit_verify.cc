// Verifying the audit log of the SQLite store (sqlite_audit.h): engine/audit walks the chains and
// compares (audit_verify.h); this file only reads the rows it asks for.
#include "skillscore/audit_verify.h"
#include "sqlite_audit.h"
#include "sqlite_credentials.h"
#include "sqlite_packed_marks.h"

namespace skillscore::audit {
namespace {

using sqlite::Statement;

class SqliteVerifySource final : public VerifySource {
 public:
  SqliteVerifySource(AuditLog& log, sqlite::Database& db, sqlite::PackedMarks* marks)
      : log_(log), db_(db), marks_(marks) {}

  std::vector<Event> Events() override { return log_.ReadEvents(std::nullopt); }

  std::string RubricCodeOf(const std::string& exam) override {
    Statement query = db_.Prepare(
        "SELECT r.code FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE e.code = ?1");
    query.Bind(1, exam);
    return query.Step() ? query.Text(0) : std::string();
  }

  std::vector<NamedRow> Rubrics(const std::optional<std::string>& exam) override {
    return Rows(
        "SELECT code || '@' || version, id FROM rubrics WHERE ?1 IS NULL OR id = "
        "(SELECT rubric FROM exams WHERE code = ?1) ORDER BY id",
        exam);
  }

  std::vector<NamedRow> Exams(const std::optional<std::string>& exam) override {
    return Rows("SELECT code, id FROM exams WHERE ?1 IS NULL OR code = ?1 ORDER BY id", exam);
  }

  bool KeepsLegacyChain() const override { return true; }
  std::string RubricState(std::int64_t rubric, bool legacy) override {
    return legacy ? log_.LegacyRubricState(rubric) : log_.RubricState(rubric);
  }
  std::string ExamState(std::int64_t exam) override { return log_.ExamState(exam); }
  std::string CandidatesState(std::int64_t exam, bool legacy) override {
    return legacy ? log_.LegacyCandidatesState(exam) : log_.CandidatesState(exam);
  }
  std::string JudgesState(std::int64_t exam, bool legacy) override {
    return legacy ? log_.LegacyJudgesState(exam) : log_.JudgesState(exam);
  }
  std::string LocksState(std::int64_t exam) override { return log_.LocksState(exam); }
  std::string PassportsState(std::int64_t exam) override { return log_.PassportsState(exam); }
  std::string CredentialsState(std::int64_t exam) override {
    return sqlite::CredentialsState(db_, exam);
  }
  std::string AdminsState() override { return sqlite::AdminsState(db_); }

  void StreamExamMarks(std::int64_t exam,
                       const std::function<void(const ExamMark&)>& visit) override {
    log_.StreamExamMarks(exam, visit,
                         marks_ != nullptr && marks_->exam_id() == exam ? marks_ : nullptr);
  }

  std::optional<std::pair<std::int64_t, std::int64_t>> HomelessMark() override {
    Statement query = db_.Prepare(
        "SELECT candidate, entry FROM (SELECT candidate, entry FROM marks UNION ALL "
        "SELECT candidate, entry FROM mark_history) WHERE candidate NOT IN "
        "(SELECT id FROM candidates) ORDER BY entry LIMIT 1");
    if (!query.Step()) return std::nullopt;
    return std::pair{query.Int(0), query.Int(1)};
  }

 private:
  std::vector<NamedRow> Rows(const char* sql, const std::optional<std::string>& exam) {
    Statement query = db_.Prepare(sql);
    if (exam) query.Bind(1, *exam);
    std::vector<NamedRow> rows;
    while (query.Step()) rows.emplace_back(query.Text(0), query.Int(1));
    return rows;
  }

  AuditLog& log_;
  sqlite::Database& db_;
  sqlite::PackedMarks* marks_;  // of the one exam in scope, when read already
};

}  // namespace

AuditReport AuditLog::Verify(const std::optional<std::string>& exam, sqlite::PackedMarks* marks) {
  SqliteVerifySource source(*this, db_, exam ? marks : nullptr);
  return audit::Verify(source, exam);
}

}  // namespace skillscore::audit
