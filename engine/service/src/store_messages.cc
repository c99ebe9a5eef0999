#include "skillscore/store_messages.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <vector>

#include "skillscore/diagnostic.h"
#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using Code = StoreError::Code;

constexpr std::size_t kMostArgs = 5;

// "file:line: ", "line N: " or nothing, to start the message about one mark of a batch.
std::string MarkPrefix(const std::string& file, int line) {
  if (line <= 0) return {};
  if (file.empty()) return Tr("line {0}: ", line);
  return fmt::format("{}:{}: ", file, line);
}

std::string MarksRefused(const StoreError& error) {
  const std::string& file = error.args.empty() ? std::string() : error.args[0];
  std::string message;
  for (const StoreError& refusal : error.refusals) {
    if (!message.empty()) message += '\n';
    message += MarkPrefix(file, refusal.line) + StoreMessage(refusal);
  }
  return message;
}

// A line of a bundle that cannot be read (file, line, column, problem), as a diagnostic.
std::string BundleLine(const std::vector<std::string>& a) {
  auto number = [](const std::string& text) {
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  };
  return FormatDiagnostic(Diagnostic{Severity::kError, a[0], number(a[1]), number(a[2]), a[3]});
}

// The message of a refusal whose arguments are as its code lists them (store_error.h); a missing
// one reads as empty.
std::string Message(Code code, std::vector<std::string> a) {
  a.resize(std::max<std::size_t>(a.size(), kMostArgs));
  switch (code) {
    case Code::kMessage:
    case Code::kMarksRefused:
      break;
    case Code::kDatabasePathEmpty:
      return Tr("the database path is empty");
    case Code::kDatabaseNotAFile:
      return Tr(
          "database {0} is not a file: an in-memory database or a URI keeps nothing once "
          "the command ends; give a file path",
          a[0]);
    case Code::kDatabaseNotFound:
      return Tr("database {0} does not exist", a[0]);
    case Code::kRubricNotFound:
      return Tr("rubric {0} is not in the database", a[0]);
    case Code::kRubricAmbiguous:
      return Tr("rubric {0} has several versions ({1}): name one as {0}@VERSION", a[0], a[1]);
    case Code::kRubricContentConflict:
      return Tr(
          "rubric {0} is already imported with different content (SHA-256 {1}, this file "
          "{2}): give the changed rubric a new version",
          a[0], a[1], a[2]);
    case Code::kExamNotFound:
      return Tr("exam {0} does not exist", a[0]);
    case Code::kExamIdEmpty:
      return Tr("the exam id must not be empty");
    case Code::kExamExists:
      return Tr("exam {0} already exists (rubric {1}@{2})", a[0], a[1], a[2]);
    case Code::kCandidateNotRegistered:
      return Tr("candidate {0} is not registered for exam {1}", a[0], a[1]);
    case Code::kJudgeNotRegistered:
      return Tr("judge {0} is not registered for exam {1}", a[0], a[1]);
    case Code::kPersonIdEmpty:
      return Tr("record {0} has an empty id", a[0]);
    case Code::kPersonIdRepeated:
      return Tr("id {0} appears more than once", a[0]);
    case Code::kAspectOutsideRubric:
      return Tr("aspect number {0} is outside rubric {1}@{2} ({3} aspects)", a[0], a[1], a[2],
                a[3]);
    case Code::kMarkLocked:
      return Tr(
          "sub-criterion {0} is locked (signed off by {1} at {2}): the mark of {3} for {4} "
          "is refused; only the chief expert can unlock it",
          a[0], a[1], a[2], a[3], a[4]);
    case Code::kWithdrawalOutsideRubric:
      return Tr("aspect number {0} is outside the exam's rubric", a[0]);
    case Code::kWithdrawalLocked:
      return Tr(
          "sub-criterion {0} is locked (signed off by {1} at {2}): the mark of {3} for {4} "
          "cannot be withdrawn; unlock it first",
          a[0], a[1], a[2], a[3], a[4]);
    case Code::kNoMarkToWithdraw:
      return Tr("there is no mark of candidate {0} for {1}{2} to withdraw", a[0], a[1],
                a[2].empty() ? std::string() : Tr(" by judge {0}", a[2]));
    case Code::kSubcriterionNotInRubric:
      return Tr("sub-criterion {0} is not in rubric {1}@{2} (its sub-criteria: {3})", a[0], a[1],
                a[2], a[3]);
    case Code::kAlreadyLocked:
      return Tr("sub-criterion {0} of exam {1} is already locked (by {2} at {3})", a[0], a[1], a[2],
                a[3]);
    case Code::kNotLocked:
      return Tr("sub-criterion {0} of exam {1} is not locked", a[0], a[1]);
    case Code::kChangedWhileLocking:
      return Tr(
          "sub-criterion {0} of exam {1} changed while it was being locked; check its "
          "status and lock it again",
          a[0], a[1]);
    case Code::kAspectNotInRubric:
      return Tr("aspect \"{0}\" is not in rubric {1}", a[0], a[1]);
    case Code::kPassportNotFound:
      return Tr("passport {0} does not exist", a[0]);
    case Code::kPassportRevoked:
      return Tr("passport {0} is already revoked (by {1} at {2}: {3})", a[0], a[1], a[2], a[3]);
    case Code::kPassportRegistered:
      return Tr("passport {0} is already registered", a[0]);
    case Code::kRebindAspectMoved:
      return Tr(
          "exam {0} cannot be bound to rubric {1}@{2}: {1}@{3} was imported by an older "
          "skillscore, which stored aspect {4} elsewhere than {1}@{2} does",
          a[0], a[1], a[2], a[3], a[4]);
    case Code::kCodeJudgeNotRegistered:
    case Code::kRevokeJudgeNotRegistered:
      return Tr("judge {0} is not registered in exam {1}", a[0], a[1]);
    case Code::kCodeJudgeNamedTwice:
      return Tr("judge {0} is named more than once", a[0]);
    case Code::kNoCodeInForce:
      return Tr("judge {0} of exam {1} has no sign-in code in force", a[0], a[1]);
    case Code::kFirstAdminExists:
      return Tr("an administrator exists already; only an administrator may add another");
    case Code::kAdminExists:
      return Tr("administrator {0} exists already", a[0]);
    case Code::kBundleExamNotFound:
      return Tr("exam {0} does not exist", a[0]);
    case Code::kBundleLegacyChain:
      return Tr(
          "exam {0} began before the audit log had one chain per exam (schema 6): its chain "
          "starts in this database's sealed log and cannot be moved to another store",
          a[0]);
    case Code::kBundleRetiredAspect:
      return Tr(
          "exam {0} has a mark (entry {1}) of an aspect its rubric version no longer has; a "
          "bundle carries one rubric version and cannot hold it",
          a[0], a[1]);
    case Code::kBundleUnreadable:
      return BundleLine(a);
    case Code::kBundleUnknownStatus:
      return Tr("candidate {0} has an unknown status '{1}'", a[0], a[1]);
    case Code::kBundleUnknownRole:
      return Tr("judge {0} has an unknown role '{1}'", a[0], a[1]);
    case Code::kBundleRubricNotStored:
      return Tr("rubric {0}@{1} with the bundle's content is not stored here", a[0], a[1]);
    case Code::kBundleExamExists:
      return Tr("exam {0} already exists", a[0]);
    case Code::kBundlePassportRegistered:
      return Tr("passport {0} of the bundle is already registered here", a[0]);
    case Code::kBundleCodeJudgeMissing:
      return Tr("sign-in code {0} of the bundle is of judge {1}, who is not in it", a[0], a[1]);
    case Code::kBundleCodeNumberTaken:
      return Tr("sign-in code number {0} of the bundle is taken here by another exam's code", a[0]);
    case Code::kBundleUnknownPerson:
      return Tr("mark entry {0} names {1}, who is not registered for exam {2} in the bundle", a[2],
                a[1], a[0]);
    case Code::kBundleUnknownAspect:
      return Tr("mark entry {0} names aspect {1}, which the bundle's rubric does not have", a[1],
                a[0]);
    case Code::kBundleDoesNotVerify:
      return Tr("the bundle of exam {0} does not verify on arrival, so nothing was imported: {1}",
                a[0], a[1]);
    case Code::kChainEventOfOtherExam:
      return Tr("event {0} of the bundle belongs to exam {1}, not to {2}", a[0], a[1], a[2]);
    case Code::kChainEventOutOfPlace:
      return Tr("event {0} of the bundle is out of place: expected event {1} of exam {2}'s chain",
                a[0], a[1], a[2]);
    case Code::kChainEventNotFollowing:
      return Tr("event {0} of the bundle does not follow the event before it", a[0]);
    case Code::kChainEventChanged:
      return Tr("event {0} of the bundle was changed: its hash does not match its content", a[0]);
    case Code::kChainEndMismatch:
      return Tr(
          "the bundle's chain of exam {0} does not end at the head it announces ({1} "
          "events, last hash {2})",
          a[0], a[1], a[2]);
  }
  return {};
}

}  // namespace

std::string StoreMessage(const StoreError& error) {
  if (error.code == Code::kMessage) return error.message;
  if (error.code == Code::kMarksRefused) return MarksRefused(error);
  return Message(error.code, error.args);
}

}  // namespace skillscore
