// The register of signed passports, whichever store keeps it: issuing (with the supersession of
// earlier passports), revoking, their refusals and audit events are made here; a store finds,
// inserts and updates its passport rows (PassportRows).
//
// Thread safety: one thread at a time, inside the store's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "skillscore/audit_chain.h"
#include "skillscore/chief_event.h"
#include "skillscore/exam_roster.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// The passport rows of a store's own tables.
class PassportRows {
 public:
  virtual ~PassportRows() = default;
  virtual std::optional<StoredPassport> FindPassport(std::string_view number) = 0;
  virtual void InsertPassport(std::int64_t exam_id, const StoredPassport& passport) = 0;
  // Writes the passport's revoked_at, revoked_by and revoked_reason.
  virtual void WriteRevocation(const StoredPassport& passport) = 0;
  // The digest of the exam's passports (audit_chain.h).
  virtual std::string PassportsState(std::int64_t exam_id) = 0;
  virtual void Append(audit::Event& event) = 0;
};

// The passport numbered `number`, or kNotFound.
StoreResult<StoredPassport> FindPassport(PassportRows& rows, std::string_view number);

// Registers the passports with one audit event, each revoking the one it supersedes; refused
// (kConflict) when a number is registered already or a superseded passport is revoked already.
std::optional<StoreError> WritePassports(PassportRows& rows, const ExamRow& exam,
                                         std::span<const StoredPassport> passports,
                                         const ChiefAction& action, const Clock& now);

// Revokes `passport` of `exam` (setting its revocation in `passport`) with its audit event;
// refused (kConflict) when it is revoked already.
std::optional<StoreError> RevokePassport(PassportRows& rows, const ExamRow& exam,
                                         StoredPassport& passport, const ChiefAction& action,
                                         const Clock& now);

}  // namespace skillscore::store_common
