#include "skillscore/mark_withdrawal.h"

#include "skillscore/audit_chain.h"

namespace skillscore::store_common {
namespace {

tl::unexpected<StoreError> Refusal(StoreError::Code code, std::vector<std::string> args) {
  return tl::unexpected(StoreError::Of(code, std::move(args)));
}

}  // namespace

StoreResult<std::string> WithdrawMark(WithdrawalRows& rows, const Withdrawal& withdrawal) {
  auto aspect = rows.Aspect(withdrawal.rubric_id, withdrawal.aspect);
  if (!aspect) {
    return Refusal(StoreError::Code::kWithdrawalOutsideRubric,
                   {std::to_string(withdrawal.aspect + 1)});
  }
  auto candidate = rows.CandidateId(withdrawal.exam_id, withdrawal.candidate);
  if (!candidate) {
    return Refusal(StoreError::Code::kCandidateNotRegistered,
                   {withdrawal.candidate, withdrawal.exam});
  }
  std::int64_t panel = 0;
  if (aspect->judgement) {
    auto judge = rows.JudgeId(withdrawal.exam_id, withdrawal.judge);
    if (!judge) {
      return Refusal(StoreError::Code::kJudgeNotRegistered, {withdrawal.judge, withdrawal.exam});
    }
    panel = *judge;
  }
  if (auto lock = rows.Lock(withdrawal.exam_id, aspect->subcriterion)) {
    return Refusal(
        StoreError::Code::kWithdrawalLocked,
        {aspect->subcriterion, lock->locked_by, lock->locked_at, withdrawal.candidate, aspect->id});
  }
  auto judge_code = rows.CurrentMarkJudge(*candidate, aspect->slot, panel);
  if (!judge_code) {
    return Refusal(
        StoreError::Code::kNoMarkToWithdraw,
        {withdrawal.candidate, aspect->id, aspect->judgement ? withdrawal.judge : std::string()});
  }
  rows.WriteTombstone(*candidate, aspect->slot, panel, withdrawal.entry, withdrawal.reason);
  audit::Digest digest;
  audit::AddMark(digest, audit::MarkRecord{.entry = withdrawal.entry,
                                           .candidate = withdrawal.candidate,
                                           .aspect = aspect->id,
                                           .panel = panel != 0 ? *judge_code : std::string_view(),
                                           .judge = *judge_code,
                                           .value = std::nullopt,
                                           .den = 1,
                                           .note = withdrawal.reason,
                                           .withdrawn = true});
  return digest.Hex();
}

}  // namespace skillscore::store_common
