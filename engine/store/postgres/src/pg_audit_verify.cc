// Verifying the audit log of the PostgreSQL store (pg_audit.h): engine/audit walks the chains and
// compares (audit_verify.h), as for the SQLite store; this file only reads the rows it asks for.
#include "pg_audit.h"
#include "pg_credentials.h"
#include "skillscore/audit_verify.h"

namespace skillscore::pg {
namespace {

using audit::Event;
using audit::NamedRow;

class PgVerifySource final : public audit::VerifySource {
 public:
  PgVerifySource(AuditLog& log, Connection& db) : log_(log), db_(db) {}

  std::vector<Event> Events() override { return log_.ReadEvents(std::nullopt); }

  std::string RubricCodeOf(const std::string& exam) override {
    Result rows = db_.Exec(
        "SELECT r.code FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE e.code = $1", exam);
    return rows.rows() > 0 ? rows.Text(0, 0) : std::string();
  }

  std::vector<NamedRow> Rubrics(const std::optional<std::string>& exam) override {
    return Rows(
        "SELECT code || '@' || version, id FROM rubrics WHERE $1::text IS NULL OR id = "
        "(SELECT rubric FROM exams WHERE code = $1) ORDER BY id",
        exam);
  }

  std::vector<NamedRow> Exams(const std::optional<std::string>& exam) override {
    return Rows("SELECT code, id FROM exams WHERE $1::text IS NULL OR code = $1 ORDER BY id", exam);
  }

  // Legacy events never leave their SQLite file (audit_chain.h).
  bool KeepsLegacyChain() const override { return false; }
  std::string RubricState(std::int64_t rubric, bool) override { return log_.RubricState(rubric); }
  std::string ExamState(std::int64_t exam) override { return log_.ExamState(exam); }
  std::string CandidatesState(std::int64_t exam, bool) override {
    return log_.CandidatesState(exam);
  }
  std::string JudgesState(std::int64_t exam, bool) override { return log_.JudgesState(exam); }
  std::string LocksState(std::int64_t exam) override { return log_.LocksState(exam); }
  std::string PassportsState(std::int64_t exam) override { return log_.PassportsState(exam); }
  std::string CredentialsState(std::int64_t exam) override {
    return pg::CredentialsState(db_, exam);
  }
  std::string AdminsState() override { return pg::AdminsState(db_); }

  void StreamExamMarks(std::int64_t exam,
                       const std::function<void(const ExamMark&)>& visit) override {
    log_.StreamExamMarks(exam, visit);
  }

  std::optional<std::pair<std::int64_t, std::int64_t>> HomelessMark() override {
    Result rows = db_.Exec(
        "SELECT candidate, entry FROM (SELECT candidate, entry FROM marks UNION ALL "
        "SELECT candidate, entry FROM mark_history) m WHERE NOT EXISTS "
        "(SELECT 1 FROM candidates c WHERE c.id = m.candidate) ORDER BY entry LIMIT 1");
    if (rows.rows() == 0) return std::nullopt;
    return std::pair{rows.Int(0, 0), rows.Int(0, 1)};
  }

 private:
  std::vector<NamedRow> Rows(const char* sql, const std::optional<std::string>& exam) {
    Result rows = db_.Exec(sql, exam);
    std::vector<NamedRow> named;
    for (int row = 0; row < rows.rows(); ++row) {
      named.emplace_back(rows.Text(row, 0), rows.Int(row, 1));
    }
    return named;
  }

  AuditLog& log_;
  Connection& db_;
};

}  // namespace

AuditReport AuditLog::Verify(const std::optional<std::string>& exam) {
  PgVerifySource source(*this, db_);
  return audit::Verify(source, exam);
}

}  // namespace skillscore::pg
