// Judges' sign-in codes, PIN rules and administrators (store.h, credentials.h), whichever store
// keeps them: the refusals, the order of the writes and the audit events they append are made
// here; a store reads and writes its rows (CredentialRows). Events name who acted and for whom;
// no code, secret or hash is ever in an event's visible fields. Their state is the digest of the
// exam's credentials or of every administrator, so `audit verify` notices a hash or an
// administrator planted behind the store's back.
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// The exam an operation concerns, as the store resolved it.
struct CredentialExam {
  std::int64_t id = 0;
  std::string code;
};

// The rows of credentials in a store's own tables (row ids are the store's).
class CredentialRows {
 public:
  virtual ~CredentialRows() = default;
  virtual std::optional<std::int64_t> JudgeRow(std::int64_t exam, std::string_view judge) = 0;
  // The number of the judge's code in force.
  virtual std::optional<std::int64_t> CurrentNumber(std::int64_t judge_row) = 0;
  virtual void Revoke(std::int64_t number, const ChiefAction& action, const std::string& now) = 0;
  // A new code; its number.
  virtual std::int64_t Insert(std::int64_t exam, std::int64_t judge_row, const std::string& hash,
                              const std::string& now, const std::string& actor) = 0;
  virtual StoredCredential Read(std::int64_t number) = 0;
  virtual bool PinRequired(std::int64_t exam) = 0;
  virtual void SetPinRequired(std::int64_t exam, bool required) = 0;
  virtual std::size_t CountAdmins() = 0;
  virtual std::optional<StoredAdmin> Admin(std::string_view name) = 0;
  virtual void InsertAdmin(const StoredAdmin& admin, const std::string& now) = 0;
  // Digests of state (audit_chain.h): the exam's PIN rule and codes, every administrator.
  virtual std::string CredentialsState(std::int64_t exam) = 0;
  virtual std::string AdminsState() = 0;
  // Appends to the store's audit log (sets the event's chain position and hash).
  virtual void Append(audit::Event& event) = 0;
};

// Stores new codes for judges of the exam, each replacing the judge's code in force; their
// numbers. kInvalidInput for a judge not of the exam or named twice (nothing written).
StoreResult<std::vector<std::int64_t>> StoreCodes(CredentialRows& rows, const CredentialExam& exam,
                                                  std::span<const NewCredential> codes,
                                                  const ChiefAction& action,
                                                  const std::string& now);
// Revokes the judge's code in force; kNotFound for an unknown judge or one without a code.
StoreResult<StoredCredential> RevokeCode(CredentialRows& rows, const CredentialExam& exam,
                                         std::string_view judge, const ChiefAction& action,
                                         const std::string& now);
// Whether the exam's command-line writes need a PIN; kUnchanged when it already was so.
Change SetPinRequired(CredentialRows& rows, const CredentialExam& exam, bool required,
                      const ChiefAction& action, const std::string& now);
// kConflict when the name exists, or when `only_first` and any administrator exists.
StoreResult<void> CreateAdmin(CredentialRows& rows, const StoredAdmin& admin, bool only_first,
                              const std::string& now);

}  // namespace skillscore::store_common
