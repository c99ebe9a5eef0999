#include "skillscore/credential_rules.h"

#include <fmt/format.h>

#include <unordered_set>

#include "skillscore/stored_values.h"

namespace skillscore::store_common {
namespace {

// Revokes the judge's code in force, if any; its number.
std::optional<std::int64_t> RevokeCurrent(CredentialRows& rows, std::int64_t judge_row,
                                          const ChiefAction& action, const std::string& now) {
  auto number = rows.CurrentNumber(judge_row);
  if (number) rows.Revoke(*number, action, now);
  return number;
}

void AppendExamEvent(CredentialRows& rows, const CredentialExam& exam, const char* action,
                     const std::string& subject, const std::string& new_value,
                     const ChiefAction& who, const std::string& now) {
  audit::Event event{.at = now,
                     .actor = who.actor,
                     .action = action,
                     .exam = exam.code,
                     .subject = subject,
                     .new_value = new_value,
                     .reason = who.reason,
                     .state = rows.CredentialsState(exam.id)};
  rows.Append(event);
}

}  // namespace

StoreResult<std::vector<std::int64_t>> StoreCodes(CredentialRows& rows, const CredentialExam& exam,
                                                  std::span<const NewCredential> codes,
                                                  const ChiefAction& action,
                                                  const std::string& now) {
  std::vector<std::int64_t> judges;
  std::unordered_set<std::string_view> seen;
  for (const NewCredential& code : codes) {
    auto row = rows.JudgeRow(exam.id, code.judge);
    if (!row) {
      return Refuse(StoreError::Code::kCodeJudgeNotRegistered, {code.judge, exam.code});
    }
    if (!seen.insert(code.judge).second) {
      return Refuse(StoreError::Code::kCodeJudgeNamedTwice, {code.judge});
    }
    judges.push_back(*row);
  }
  std::vector<std::int64_t> numbers;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto replaced = RevokeCurrent(rows, judges[i], {action.actor, "replaced by a new code"}, now);
    numbers.push_back(rows.Insert(exam.id, judges[i], codes[i].hash, now, action.actor));
    // Audit values are data, not messages: the same words whatever the language.
    std::string what = replaced
                           ? fmt::format("credential {}, replacing {}", numbers.back(), *replaced)
                           : fmt::format("credential {}", numbers.back());
    AppendExamEvent(rows, exam, audit::kCodeIssue, codes[i].judge, what,
                    {action.actor, action.reason}, now);
  }
  return numbers;
}

StoreResult<StoredCredential> RevokeCode(CredentialRows& rows, const CredentialExam& exam,
                                         std::string_view judge, const ChiefAction& action,
                                         const std::string& now) {
  auto row = rows.JudgeRow(exam.id, judge);
  if (!row) {
    return Refuse(StoreError::Code::kRevokeJudgeNotRegistered, {std::string(judge), exam.code});
  }
  auto number = RevokeCurrent(rows, *row, action, now);
  if (!number) {
    return Refuse(StoreError::Code::kNoCodeInForce, {std::string(judge), exam.code});
  }
  AppendExamEvent(rows, exam, audit::kCodeRevoke, std::string(judge),
                  fmt::format("credential {}", *number), action, now);
  return rows.Read(*number);
}

Change SetPinRequired(CredentialRows& rows, const CredentialExam& exam, bool required,
                      const ChiefAction& action, const std::string& now) {
  if (rows.PinRequired(exam.id) == required) return Change::kUnchanged;
  rows.SetPinRequired(exam.id, required);
  audit::Event event{.at = now,
                     .actor = action.actor,
                     .action = audit::kPinRule,
                     .exam = exam.code,
                     .subject = exam.code,
                     .old_value = required ? "not required" : "required",
                     .new_value = required ? "required" : "not required",
                     .reason = action.reason,
                     .state = rows.CredentialsState(exam.id)};
  rows.Append(event);
  return Change::kChanged;
}

StoreResult<void> CreateAdmin(CredentialRows& rows, const StoredAdmin& admin, bool only_first,
                              const std::string& now) {
  if (only_first && rows.CountAdmins() > 0) {
    return Refuse(StoreError::Code::kFirstAdminExists);
  }
  if (rows.Admin(admin.name)) {
    return Refuse(StoreError::Code::kAdminExists, {admin.name});
  }
  rows.InsertAdmin(admin, now);
  audit::Event event{.chain = audit::kAdminChain,
                     .at = now,
                     .actor = admin.created_by,
                     .action = audit::kAdminCreate,
                     .subject = admin.name,
                     .new_value = admin.name,
                     .state = rows.AdminsState()};
  rows.Append(event);
  return {};
}

}  // namespace skillscore::store_common
