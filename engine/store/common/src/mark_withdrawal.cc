#include "skillscore/mark_withdrawal.h"

#include "skillscore/audit_chain.h"
#include "skillscore/i18n.h"

namespace skillscore::store_common {
namespace {

tl::unexpected<StoreError> Refusal(StoreError::Kind kind, std::string message) {
  return tl::unexpected(StoreError{kind, std::move(message)});
}

}  // namespace

StoreResult<std::string> WithdrawMark(WithdrawalRows& rows, const Withdrawal& withdrawal) {
  auto aspect = rows.Aspect(withdrawal.rubric_id, withdrawal.aspect);
  if (!aspect) {
    return Refusal(StoreError::Kind::kInvalidInput,
                   Tr("aspect number {0} is outside the exam's rubric", withdrawal.aspect + 1));
  }
  auto candidate = rows.CandidateId(withdrawal.exam_id, withdrawal.candidate);
  if (!candidate) {
    return Refusal(
        StoreError::Kind::kInvalidInput,
        Tr("candidate {0} is not registered for exam {1}", withdrawal.candidate, withdrawal.exam));
  }
  std::int64_t panel = 0;
  if (aspect->judgement) {
    auto judge = rows.JudgeId(withdrawal.exam_id, withdrawal.judge);
    if (!judge) {
      return Refusal(StoreError::Kind::kInvalidInput, Tr("judge {0} is not registered for exam {1}",
                                                         withdrawal.judge, withdrawal.exam));
    }
    panel = *judge;
  }
  if (auto lock = rows.Lock(withdrawal.exam_id, aspect->subcriterion)) {
    return Refusal(
        StoreError::Kind::kConflict,
        Tr("sub-criterion {0} is locked (signed off by {1} at {2}): the mark of {3} for {4} "
           "cannot be withdrawn; unlock it first",
           aspect->subcriterion, lock->locked_by, lock->locked_at, withdrawal.candidate,
           aspect->id));
  }
  auto judge_code = rows.CurrentMarkJudge(*candidate, aspect->slot, panel);
  if (!judge_code) {
    std::string whose = aspect->judgement ? Tr(" by judge {0}", withdrawal.judge) : "";
    return Refusal(StoreError::Kind::kNotFound,
                   Tr("there is no mark of candidate {0} for {1}{2} to withdraw",
                      withdrawal.candidate, aspect->id, whose));
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
