// The rows of a withdrawal in the SQLite store (sqlite_withdrawal.h, mark_withdrawal.h).
#include "sqlite_withdrawal.h"

namespace skillscore::sqlite {
namespace {

using store_common::LockRow;
using store_common::StoredAspect;

class SqliteWithdrawalRows final : public store_common::WithdrawalRows {
 public:
  explicit SqliteWithdrawalRows(Database& db) : db_(db) {}

  std::optional<StoredAspect> Aspect(std::int64_t rubric_id, std::size_t ordinal) override {
    Statement query = db_.Prepare(
        "SELECT code, subcriterion, judgement, slot FROM rubric_aspects "
        "WHERE rubric = ?1 AND ordinal = ?2");
    query.Bind(1, rubric_id).Bind(2, static_cast<std::int64_t>(ordinal));
    if (!query.Step()) return std::nullopt;
    return StoredAspect{query.Text(0), query.Text(1), query.Int(2) != 0, query.Int(3)};
  }

  std::optional<std::int64_t> CandidateId(std::int64_t exam_id, std::string_view code) override {
    return Id("SELECT id FROM candidates WHERE exam = ?1 AND code = ?2", exam_id, code);
  }

  std::optional<std::int64_t> JudgeId(std::int64_t exam_id, std::string_view code) override {
    return Id("SELECT id FROM judges WHERE exam = ?1 AND code = ?2", exam_id, code);
  }

  std::optional<LockRow> Lock(std::int64_t exam_id, const std::string& subcriterion) override {
    Statement lock =
        db_.Prepare("SELECT locked_by, locked_at FROM locks WHERE exam = ?1 AND subcriterion = ?2");
    lock.Bind(1, exam_id).Bind(2, subcriterion);
    if (!lock.Step()) return std::nullopt;
    return LockRow{lock.Text(0), lock.Text(1)};
  }

  std::optional<std::string> CurrentMarkJudge(std::int64_t candidate, std::int64_t slot,
                                              std::int64_t panel) override {
    Statement current = db_.Prepare(
        "SELECT j.code FROM marks m JOIN judges j ON j.id = m.judge "
        "WHERE m.candidate = ?1 AND m.aspect = ?2 AND m.panel = ?3 AND m.withdrawn = 0");
    current.Bind(1, candidate).Bind(2, slot).Bind(3, panel);
    if (!current.Step()) return std::nullopt;
    return current.Text(0);
  }

  void WriteTombstone(std::int64_t candidate, std::int64_t slot, std::int64_t panel,
                      std::int64_t entry, const std::string& reason) override {
    Statement update = db_.Prepare(
        "UPDATE marks SET withdrawn = 1, entry = ?4, note = ?5 "
        "WHERE candidate = ?1 AND aspect = ?2 AND panel = ?3");
    update.Bind(1, candidate).Bind(2, slot).Bind(3, panel).Bind(4, entry).Bind(5, reason);
    update.Run();
  }

 private:
  std::optional<std::int64_t> Id(const char* sql, std::int64_t exam_id, std::string_view code) {
    Statement query = db_.Prepare(sql);
    query.Bind(1, exam_id).Bind(2, code);
    if (!query.Step()) return std::nullopt;
    return query.Int(0);
  }

  Database& db_;
};

}  // namespace

StoreResult<std::string> WithdrawMark(Database& db, const Withdrawal& withdrawal) {
  SqliteWithdrawalRows rows(db);
  return store_common::WithdrawMark(rows, withdrawal);
}

}  // namespace skillscore::sqlite
