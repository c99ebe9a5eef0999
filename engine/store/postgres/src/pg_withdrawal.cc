#include "pg_withdrawal.h"

#include <optional>

#include "skillscore/audit_chain.h"
#include "skillscore/i18n.h"

namespace skillscore::pg {
namespace {

struct AspectRow {
  std::string id;
  std::string subcriterion;
  bool judgement = false;
  std::int64_t slot = 0;
};

std::optional<AspectRow> ReadAspect(Connection& db, std::int64_t rubric_id, std::size_t ordinal) {
  Result rows = db.Exec(
      "SELECT code, subcriterion, judgement, slot FROM rubric_aspects "
      "WHERE rubric = $1 AND ordinal = $2",
      rubric_id, ordinal);
  if (rows.rows() == 0) return std::nullopt;
  return AspectRow{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2) == "t", rows.Int(0, 3)};
}

std::optional<std::int64_t> PersonId(Connection& db, const char* sql, std::int64_t exam_id,
                                     std::string_view code) {
  Result rows = db.Exec(sql, exam_id, code);
  if (rows.rows() == 0) return std::nullopt;
  return rows.Int(0, 0);
}

StoreError Refusal(StoreError::Kind kind, std::string message) {
  return StoreError{kind, std::move(message)};
}

}  // namespace

StoreResult<std::string> WithdrawMark(Connection& db, const Withdrawal& withdrawal) {
  auto aspect = ReadAspect(db, withdrawal.rubric_id, withdrawal.aspect);
  if (!aspect) {
    return tl::unexpected(
        Refusal(StoreError::Kind::kInvalidInput,
                Tr("aspect number {0} is outside the exam's rubric", withdrawal.aspect + 1)));
  }
  auto candidate = PersonId(db, "SELECT id FROM candidates WHERE exam = $1 AND code = $2",
                            withdrawal.exam_id, withdrawal.candidate);
  if (!candidate) {
    return tl::unexpected(Refusal(
        StoreError::Kind::kInvalidInput,
        Tr("candidate {0} is not registered for exam {1}", withdrawal.candidate, withdrawal.exam)));
  }
  std::int64_t panel = 0;
  if (aspect->judgement) {
    auto judge = PersonId(db, "SELECT id FROM judges WHERE exam = $1 AND code = $2",
                          withdrawal.exam_id, withdrawal.judge);
    if (!judge) {
      return tl::unexpected(Refusal(
          StoreError::Kind::kInvalidInput,
          Tr("judge {0} is not registered for exam {1}", withdrawal.judge, withdrawal.exam)));
    }
    panel = *judge;
  }
  {
    Result lock =
        db.Exec("SELECT locked_by, locked_at FROM locks WHERE exam = $1 AND subcriterion = $2",
                withdrawal.exam_id, aspect->subcriterion);
    if (lock.rows() > 0) {
      return tl::unexpected(Refusal(
          StoreError::Kind::kConflict,
          Tr("sub-criterion {0} is locked (signed off by {1} at {2}): the mark of {3} for {4} "
             "cannot be withdrawn; unlock it first",
             aspect->subcriterion, lock.Text(0, 0), lock.Text(0, 1), withdrawal.candidate,
             aspect->id)));
    }
  }
  Result current = db.Exec(
      "SELECT m.judge, j.code, m.value, m.den FROM marks m JOIN judges j ON j.id = m.judge "
      "WHERE m.candidate = $1 AND m.aspect = $2 AND m.panel = $3 AND NOT m.withdrawn",
      *candidate, aspect->slot, panel);
  if (current.rows() == 0) {
    std::string whose = aspect->judgement ? Tr(" by judge {0}", withdrawal.judge) : "";
    return tl::unexpected(Refusal(StoreError::Kind::kNotFound,
                                  Tr("there is no mark of candidate {0} for {1}{2} to withdraw",
                                     withdrawal.candidate, aspect->id, whose)));
  }
  const std::string judge_code = current.Text(0, 1);
  db.Exec(
      "UPDATE marks SET withdrawn = true, entry = $4, note = $5 "
      "WHERE candidate = $1 AND aspect = $2 AND panel = $3",
      *candidate, aspect->slot, panel, withdrawal.entry, withdrawal.reason);
  audit::Digest digest;
  audit::AddMark(digest, audit::MarkRecord{.entry = withdrawal.entry,
                                           .candidate = withdrawal.candidate,
                                           .aspect = aspect->id,
                                           .panel = panel != 0 ? judge_code : std::string_view(),
                                           .judge = judge_code,
                                           .value = std::nullopt,
                                           .den = 1,
                                           .note = withdrawal.reason,
                                           .withdrawn = true});
  return digest.Hex();
}

}  // namespace skillscore::pg
