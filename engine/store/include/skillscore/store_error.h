// Why a store refused a request or failed: a code naming the refusal, with its parameters (ids,
// values), never a sentence. The store makes no message for people: the edge does, in the reader's
// language (StoreMessage, engine/service/store_messages.h), and only a front end adds its own hints
// (the command line names the command that makes a missing exam or rubric, or the flag to give).
// A database failure (kStorage) keeps the database's own words in `message`.
//
// Thread safety: plain values; no shared state.
#pragma once

#include <string>
#include <vector>

namespace skillscore {

struct StoreError {
  enum class Kind {
    kInvalidInput,  // the request itself is wrong (unregistered id, bad argument)
    kConflict,      // it contradicts what is stored (different rubric content, existing exam)
    kNotFound,      // a named rubric or exam does not exist
    kStorage,       // the database failed: busy beyond the timeout, corrupt, I/O error
  };
  // Each refusal a store makes, with its parameters (`args`) in the order listed. The kind
  // follows from the code (KindOf).
  enum class Code {
    // No code of its own: `message` says it all, and `kind` is as given. A database failure, in
    // the database's words.
    kMessage,
    // The database a store opens.
    kDatabasePathEmpty,  // —
    kDatabaseNotAFile,   // path (":memory:", "file:…")
    kDatabaseNotFound,   // path
    // Rubrics.
    kRubricNotFound,         // rubric ("CODE" or "CODE@VERSION")
    kRubricAmbiguous,        // code, its versions (", "-joined)
    kRubricContentConflict,  // CODE@VERSION, SHA-256 stored, SHA-256 given
    // Exams and people.
    kExamNotFound,            // exam
    kExamIdEmpty,             // —
    kExamExists,              // exam, its rubric's code, its rubric's version
    kCandidateNotRegistered,  // candidate, exam
    kJudgeNotRegistered,      // judge, exam
    kPersonIdEmpty,           // the record's number (1-based)
    kPersonIdRepeated,        // id
    // Marks.
    kMarksRefused,             // file (may be empty); `refusals` holds one refusal per mark
    kAspectOutsideRubric,      // aspect number (1-based), rubric code, version, aspects it has
    kMarkLocked,               // sub-criterion, locked by, locked at, candidate, aspect
    kWithdrawalOutsideRubric,  // aspect number (1-based)
    kWithdrawalLocked,         // sub-criterion, locked by, locked at, candidate, aspect
    kNoMarkToWithdraw,         // candidate, aspect, judge (empty for a measurement)
    // Locks.
    kSubcriterionNotInRubric,  // sub-criterion, rubric code, version, its sub-criteria (", ")
    kAlreadyLocked,            // sub-criterion, exam, locked by, locked at
    kNotLocked,                // sub-criterion, exam
    kChangedWhileLocking,      // sub-criterion, exam
    // Audit.
    kAspectNotInRubric,  // aspect id, rubric (CODE@VERSION)
    // Passports.
    kPassportNotFound,    // number
    kPassportRevoked,     // number, revoked by, revoked at, reason
    kPassportRegistered,  // number
    // Scans.
    kRebindAspectMoved,  // exam, rubric code, target version, bound version, aspect
    // Sign-in codes and administrators.
    kCodeJudgeNotRegistered,    // judge, exam (a code to issue)
    kCodeJudgeNamedTwice,       // judge
    kRevokeJudgeNotRegistered,  // judge, exam (a code to revoke)
    kNoCodeInForce,             // judge, exam
    kFirstAdminExists,          // —
    kAdminExists,               // name
    // Exam bundles (exam_bundle.h, bundle_chain.h): exporting one.
    kBundleExamNotFound,   // exam
    kBundleLegacyChain,    // exam (its chain starts in a sealed legacy log)
    kBundleRetiredAspect,  // exam, entry of a mark of an aspect its rubric version removed
    // Importing one.
    kBundleUnreadable,          // file, line, column ("0": unknown), the problem (engine/formats)
    kBundleUnknownStatus,       // candidate, status
    kBundleUnknownRole,         // judge, role
    kBundleRubricNotStored,     // rubric code, version
    kBundleExamExists,          // exam
    kBundlePassportRegistered,  // passport number
    kBundleCodeJudgeMissing,    // sign-in code number, judge
    kBundleCodeNumberTaken,     // sign-in code number
    kBundleUnknownPerson,       // exam, candidate or judge, entry of the mark
    kBundleUnknownAspect,       // aspect, entry of the mark
    kBundleDoesNotVerify,       // exam, the problem as `audit verify` words it (audit_verify.h)
    // The audit chain of the exam a bundle carries.
    kChainEventOfOtherExam,   // event number, its exam, the bundle's exam
    kChainEventOutOfPlace,    // event number, the number expected, exam
    kChainEventNotFollowing,  // event number
    kChainEventChanged,       // event number
    kChainEndMismatch,        // exam, events announced, last hash announced
  };

  Kind kind = Kind::kStorage;
  // Code::kMessage only: the whole message. Empty for a refusal with a code of its own.
  std::string message;
  Code code = Code::kMessage;
  std::vector<std::string> args = {};
  // A refusal of one mark of a batch: its place in its source (NewMark::line), 0 for none.
  int line = 0;
  // kMarksRefused: a refusal per refused mark, in the order of the batch.
  std::vector<StoreError> refusals = {};

  // A refusal with a code of its own; its kind is KindOf(code).
  static StoreError Of(Code code, std::vector<std::string> args = {});
};

StoreError::Kind KindOf(StoreError::Code code);

// The code's name as machines read it ("exam_not_found"): the web API's `refusal`.
const char* CodeName(StoreError::Code code);

}  // namespace skillscore
