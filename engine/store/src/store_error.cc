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
    case Code::kBundleExamNotFound:
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
    case Code::kBundleLegacyChain:
    case Code::kBundleRetiredAspect:
    case Code::kBundleRubricNotStored:
    case Code::kBundleExamExists:
    case Code::kBundlePassportRegistered:
    case Code::kBundleCodeNumberTaken:
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
    case Code::kBundleUnreadable:
    case Code::kBundleUnknownStatus:
    case Code::kBundleUnknownRole:
    case Code::kBundleCodeJudgeMissing:
    case Code::kBundleUnknownPerson:
    case Code::kBundleUnknownAspect:
    case Code::kBundleDoesNotVerify:
    case Code::kChainEventOfOtherExam:
    case Code::kChainEventOutOfPlace:
    case Code::kChainEventNotFollowing:
    case Code::kChainEventChanged:
    case Code::kChainEndMismatch:
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
    case Code::kBundleExamNotFound:
      return "bundle_exam_not_found";
    case Code::kBundleLegacyChain:
      return "bundle_legacy_chain";
    case Code::kBundleRetiredAspect:
      return "bundle_retired_aspect";
    case Code::kBundleUnreadable:
      return "bundle_unreadable";
    case Code::kBundleUnknownStatus:
      return "bundle_unknown_status";
    case Code::kBundleUnknownRole:
      return "bundle_unknown_role";
    case Code::kBundleRubricNotStored:
      return "bundle_rubric_not_stored";
    case Code::kBundleExamExists:
      return "bundle_exam_exists";
    case Code::kBundlePassportRegistered:
      return "bundle_passport_registered";
    case Code::kBundleCodeJudgeMissing:
      return "bundle_code_judge_missing";
    case Code::kBundleCodeNumberTaken:
      return "bundle_code_number_taken";
    case Code::kBundleUnknownPerson:
      return "bundle_unknown_person";
    case Code::kBundleUnknownAspect:
      return "bundle_unknown_aspect";
    case Code::kBundleDoesNotVerify:
      return "bundle_does_not_verify";
    case Code::kChainEventOfOtherExam:
      return "chain_event_of_other_exam";
    case Code::kChainEventOutOfPlace:
      return "chain_event_out_of_place";
    case Code::kChainEventNotFollowing:
      return "chain_event_not_following";
    case Code::kChainEventChanged:
      return "chain_event_changed";
    case Code::kChainEndMismatch:
      return "chain_end_mismatch";
  }
  return "message";
}

}  // namespace skillscore
