#include "skillscore/passport_rows.h"

#include <fmt/format.h>

#include <vector>

#include "skillscore/chief_event.h"
#include "skillscore/i18n.h"
#include "skillscore/stored_values.h"

namespace skillscore::store_common {
namespace {

// Sets the revocation of `passport` (and returns it in `passport`); refused when it is revoked
// already.
std::optional<StoreError> MarkRevoked(PassportRows& rows, StoredPassport& passport,
                                      const ChiefAction& action, const Clock& now) {
  if (passport.revoked_at) {
    return StoreError::Of(StoreError::Code::kPassportRevoked,
                          {passport.number, passport.revoked_by.value_or(""), *passport.revoked_at,
                           passport.revoked_reason.value_or("")});
  }
  passport.revoked_at = now();
  passport.revoked_by = action.actor;
  passport.revoked_reason = action.reason;
  rows.WriteRevocation(passport);
  return std::nullopt;
}

// Inserts a new passport, revoking the one it supersedes.
std::optional<StoreError> InsertPassport(PassportRows& rows, const ExamRow& exam,
                                         const StoredPassport& passport, const std::string& actor,
                                         const Clock& now) {
  if (rows.FindPassport(passport.number)) {
    return StoreError::Of(StoreError::Code::kPassportRegistered, {passport.number});
  }
  if (passport.supersedes) {
    auto old = FindPassport(rows, *passport.supersedes);
    if (!old) return old.error();
    if (auto refusal =
            MarkRevoked(rows, *old, {actor, Tr("superseded by {0}", passport.number)}, now)) {
      return refusal;
    }
  }
  rows.InsertPassport(exam.id, passport);
  return std::nullopt;
}

}  // namespace

StoreResult<StoredPassport> FindPassport(PassportRows& rows, std::string_view number) {
  if (auto passport = rows.FindPassport(number)) return std::move(*passport);
  return Refuse(StoreError::Code::kPassportNotFound, {std::string(number)});
}

std::optional<StoreError> WritePassports(PassportRows& rows, const ExamRow& exam,
                                         std::span<const StoredPassport> passports,
                                         const ChiefAction& action, const Clock& now) {
  std::vector<std::string> issued;
  std::vector<std::string> superseded;
  for (const StoredPassport& passport : passports) {
    if (auto refusal = InsertPassport(rows, exam, passport, action.actor, now)) return refusal;
    issued.push_back(passport.number);
    if (passport.supersedes) superseded.push_back(*passport.supersedes);
  }
  audit::Event event = ChiefEvent(
      exam, audit::kPassportIssue, {},
      {fmt::format("{}", fmt::join(superseded, ", ")), fmt::format("{}", fmt::join(issued, ", "))},
      action, now(), rows.PassportsState(exam.id));
  rows.Append(event);
  return std::nullopt;
}

std::optional<StoreError> RevokePassport(PassportRows& rows, const ExamRow& exam,
                                         StoredPassport& passport, const ChiefAction& action,
                                         const Clock& now) {
  if (auto refusal = MarkRevoked(rows, passport, action, now)) return refusal;
  audit::Event event = ChiefEvent(exam, audit::kPassportRevoke, passport.number,
                                  {passport.number, *passport.revoked_at}, action,
                                  *passport.revoked_at, rows.PassportsState(exam.id));
  rows.Append(event);
  return std::nullopt;
}

}  // namespace skillscore::store_common
