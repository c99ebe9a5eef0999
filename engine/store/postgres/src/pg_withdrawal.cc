// The rows of a withdrawal in the PostgreSQL store (pg_withdrawal.h, mark_withdrawal.h).
#include "pg_withdrawal.h"

namespace skillscore::pg {
namespace {

using store_common::LockRow;
using store_common::StoredAspect;

class PgWithdrawalRows final : public store_common::WithdrawalRows {
 public:
  explicit PgWithdrawalRows(Connection& db) : db_(db) {}

  std::optional<StoredAspect> Aspect(std::int64_t rubric_id, std::size_t ordinal) override {
    Result rows = db_.Exec(
        "SELECT code, subcriterion, judgement, slot FROM rubric_aspects "
        "WHERE rubric = $1 AND ordinal = $2",
        rubric_id, ordinal);
    if (rows.rows() == 0) return std::nullopt;
    return StoredAspect{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2) == "t", rows.Int(0, 3)};
  }

  std::optional<std::int64_t> CandidateId(std::int64_t exam_id, std::string_view code) override {
    return Id("SELECT id FROM candidates WHERE exam = $1 AND code = $2", exam_id, code);
  }

  std::optional<std::int64_t> JudgeId(std::int64_t exam_id, std::string_view code) override {
    return Id("SELECT id FROM judges WHERE exam = $1 AND code = $2", exam_id, code);
  }

  std::optional<LockRow> Lock(std::int64_t exam_id, const std::string& subcriterion) override {
    Result lock =
        db_.Exec("SELECT locked_by, locked_at FROM locks WHERE exam = $1 AND subcriterion = $2",
                 exam_id, subcriterion);
    if (lock.rows() == 0) return std::nullopt;
    return LockRow{lock.Text(0, 0), lock.Text(0, 1)};
  }

  std::optional<std::string> CurrentMarkJudge(std::int64_t candidate, std::int64_t slot,
                                              std::int64_t panel) override {
    Result current = db_.Exec(
        "SELECT j.code FROM marks m JOIN judges j ON j.id = m.judge "
        "WHERE m.candidate = $1 AND m.aspect = $2 AND m.panel = $3 AND NOT m.withdrawn",
        candidate, slot, panel);
    if (current.rows() == 0) return std::nullopt;
    return current.Text(0, 0);
  }

  void WriteTombstone(std::int64_t candidate, std::int64_t slot, std::int64_t panel,
                      std::int64_t entry, const std::string& reason) override {
    db_.Exec(
        "UPDATE marks SET withdrawn = true, entry = $4, note = $5 "
        "WHERE candidate = $1 AND aspect = $2 AND panel = $3",
        candidate, slot, panel, entry, reason);
  }

 private:
  std::optional<std::int64_t> Id(const char* sql, std::int64_t exam_id, std::string_view code) {
    Result rows = db_.Exec(sql, exam_id, code);
    if (rows.rows() == 0) return std::nullopt;
    return rows.Int(0, 0);
  }

  Connection& db_;
};

}  // namespace

StoreResult<std::string> WithdrawMark(Connection& db, const Withdrawal& withdrawal) {
  PgWithdrawalRows rows(db);
  return store_common::WithdrawMark(rows, withdrawal);
}

}  // namespace skillscore::pg
