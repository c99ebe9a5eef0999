// ExamService::WithdrawMark (exam_service.h): who may take a mark back and why.
#include "service_internal.h"
#include "skillscore/exam_service.h"

namespace skillscore {

using service::Error;

ServiceResult<void> ExamService::WithdrawMark(const Actor& actor, std::string_view exam,
                                              std::string_view candidate, std::string_view aspect,
                                              std::string_view judge, const std::string& reason) {
  auto data = LoadForWrite(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  if (auto refusal = RequireChief(*data, actor, Tr("withdraw a mark"))) {
    return tl::make_unexpected(*refusal);
  }
  std::string why = service::TrimmedReason(reason);
  if (why.empty()) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kReasonRequired,
              Tr("a reason is required to withdraw the mark of {0} for {1}", candidate, aspect)));
  }
  auto ordinal = data->rubric.FindAspect(aspect);
  if (!ordinal) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput,
              Tr("aspect \"{0}\" is not in rubric {1}", aspect, data->rubric.Identity())));
  }
  const bool judgement = data->rubric.AspectAt(*ordinal).type == AspectType::kJudgement;
  if (judgement && service::TrimmedReason(judge).empty()) {
    return tl::make_unexpected(Error(
        ServiceError::Code::kInvalidInput,
        Tr("{0} is a judgement aspect: say whose score to withdraw with the judge's id", aspect)));
  }
  auto withdrawn =
      store_.WithdrawMark(exam, candidate, *ordinal, judgement ? judge : "", {actor.id, why});
  if (!withdrawn) return tl::make_unexpected(FromStore(withdrawn.error()));
  return {};
}

}  // namespace skillscore
