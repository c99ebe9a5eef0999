#include "skillscore/candidate_status.h"

#include "skillscore/stored_values.h"

namespace skillscore::store_common {

StoreResult<Change> SetCandidateStatus(CandidateStatusRows& rows, const ExamRow& exam,
                                       std::string_view candidate, CandidateStatus status,
                                       const ChiefAction& action, const Clock& now) {
  std::optional<std::string> old_status = rows.ReadStatus(exam.id, candidate);
  if (!old_status) {
    return Refuse(StoreError::Code::kCandidateNotRegistered,
                  {std::string(candidate), exam.info.id});
  }
  const char* new_status = CandidateStatusName(status);
  if (*old_status == new_status) return Change::kUnchanged;
  rows.WriteStatus(exam.id, candidate, new_status);
  audit::Event event =
      ChiefEvent(exam, audit::kStatus, std::string(candidate), {*old_status, new_status}, action,
                 now(), rows.CandidatesState(exam.id));
  rows.Append(event);
  return Change::kChanged;
}

}  // namespace skillscore::store_common
