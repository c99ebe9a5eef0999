#include "skillscore/store_error.h"

#include <utility>

namespace skillscore {

using Code = StoreError::Code;
using Kind = StoreError::Kind;

StoreError StoreError::Of(Code code, std::vector<std::string> args) {
  return StoreError{.kind = KindOf(code), .message = {}, .code = code, .args = std::move(args)};
}

Kind KindOf(Code code) {
  switch (code) {
    case Code::kMessage:
      return Kind::kStorage;
    case Code::kDatabaseNotFound:
    case Code::kRubricNotFound:
    case Code::kExamNotFound:
    case Code::kNoMarkToWithdraw:
    case Code::kPassportNotFound:
    case Code::kRevokeJudgeNotRegistered:
    case Code::kNoCodeInForce:
      return Kind::kNotFound;
    case Code::kRubricContentConflict:
    case Code::kExamExists:
    case Code::kMarkLocked:
    case Code::kWithdrawalLocked:
    case Code::kAlreadyLocked:
    case Code::kNotLocked:
    case Code::kChangedWhileLocking:
    case Code::kPassportRevoked:
    case Code::kPassportRegistered:
    case Code::kRebindAspectMoved:
    case Code::kFirstAdminExists:
    case Code::kAdminExists:
      return Kind::kConflict;
    case Code::kDatabasePathEmpty:
    case Code::kDatabaseNotAFile:
    case Code::kRubricAmbiguous:
    case Code::kExamIdEmpty:
    case Code::kCandidateNotRegistered:
    case Code::kJudgeNotRegistered:
    case Code::kPersonIdEmpty:
    case Code::kPersonIdRepeated:
    case Code::kMarksRefused:
    case Code::kAspectOutsideRubric:
    case Code::kWithdrawalOutsideRubric:
    case Code::kSubcriterionNotInRubric:
    case Code::kAspectNotInRubric:
    case Code::kCodeJudgeNotRegistered:
    case Code::kCodeJudgeNamedTwice:
      return Kind::kInvalidInput;
  }
  return Kind::kStorage;
}

const char* CodeName(Code code) {
  switch (code) {
    case Code::kMessage:
      return "message";
    case Code::kDatabasePathEmpty:
      return "database_path_empty";
    case Code::kDatabaseNotAFile:
      return "database_not_a_file";
    case Code::kDatabaseNotFound:
      return "database_not_found";
    case Code::kRubricNotFound:
      return "rubric_not_found";
    case Code::kRubricAmbiguous:
      return "rubric_ambiguous";
    case Code::kRubricContentConflict:
      return "rubric_content_conflict";
    case Code::kExamNotFound:
      return "exam_not_found";
    case Code::kExamIdEmpty:
      return "exam_id_empty";
    case Code::kExamExists:
      return "exam_exists";
    case Code::kCandidateNotRegistered:
      return "candidate_not_registered";
    case Code::kJudgeNotRegistered:
      return "judge_not_registered";
    case Code::kPersonIdEmpty:
      return "person_id_empty";
    case Code::kPersonIdRepeated:
      return "person_id_repeated";
    case Code::kMarksRefused:
      return "marks_refused";
    case Code::kAspectOutsideRubric:
      return "aspect_outside_rubric";
    case Code::kMarkLocked:
      return "mark_locked";
    case Code::kWithdrawalOutsideRubric:
      return "withdrawal_outside_rubric";
    case Code::kWithdrawalLocked:
      return "withdrawal_locked";
    case Code::kNoMarkToWithdraw:
      return "no_mark_to_withdraw";
    case Code::kSubcriterionNotInRubric:
      return "subcriterion_not_in_rubric";
    case Code::kAlreadyLocked:
      return "already_locked";
    case Code::kNotLocked:
      return "not_locked";
    case Code::kChangedWhileLocking:
      return "changed_while_locking";
    case Code::kAspectNotInRubric:
      return "aspect_not_in_rubric";
    case Code::kPassportNotFound:
      return "passport_not_found";
    case Code::kPassportRevoked:
      return "passport_revoked";
    case Code::kPassportRegistered:
      return "passport_registered";
    case Code::kRebindAspectMoved:
      return "rebind_aspect_moved";
    case Code::kCodeJudgeNotRegistered:
      return "code_judge_not_registered";
    case Code::kCodeJudgeNamedTwice:
      return "code_judge_named_twice";
    case Code::kRevokeJudgeNotRegistered:
      return "revoke_judge_not_registered";
    case Code::kNoCodeInForce:
      return "no_code_in_force";
    case Code::kFirstAdminExists:
      return "first_admin_exists";
    case Code::kAdminExists:
      return "admin_exists";
  }
  return "message";
}

}  // namespace skillscore
