// Credentials in the SQLite store (store.h, credentials.h): judges' sign-in codes, the exams that
// require PINs for command-line writes, and administrators — as Argon2id hashes only.
//
// Schema (migration 7; migration 6 is the chain's):
//   judge_credentials  number → exam, judge (row id), hash, who issued it and when, its
//                      revocation; at most one unrevoked code per judge (a partial unique index)
//   exam_pin_rules     the exams whose command-line writes need the acting judge's PIN
//   administrators     name → hash, who created it and when
// Rows of judge_credentials and administrators are never deleted (triggers refuse it): a code
// ends by revocation.
//
// Audit: every write appends events through the store's AuditLog ("code issue", "code revoke",
// "pin rule" for an exam; "admin create" for the whole database) whose state is the digest of
// the exam's credentials (CredentialsState) or of every administrator (AdminsState): `audit
// verify` then notices a hash or an administrator planted with the sqlite3 shell. Events name
// who acted and for whom; no code, secret or hash is ever in an event's visible fields.
//
// Every function runs inside the store's write or read transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/credential_rules.h"
#include "skillscore/store.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

extern const char kCredentialsMigration[];

// Digest of the exam's PIN rule and every code of the exam (current and revoked).
std::string CredentialsState(Database& db, std::int64_t exam_id);
// Digest of every administrator.
std::string AdminsState(Database& db);

using store_common::CredentialExam;

// The reads of credentials, and their writes by the rules of every store (credential_rules.h).
class CredentialTables {
 public:
  CredentialTables(Database& db, audit::AuditLog& log) : db_(db), log_(log) {}

  StoreResult<std::vector<std::int64_t>> StoreCodes(const CredentialExam& exam,
                                                    std::span<const NewCredential> codes,
                                                    const ChiefAction& action,
                                                    const std::string& now);
  StoreResult<StoredCredential> RevokeCode(const CredentialExam& exam, std::string_view judge,
                                           const ChiefAction& action, const std::string& now);
  std::vector<StoredCredential> ListCodes(const CredentialExam& exam);
  std::optional<StoredCredential> CurrentCode(const CredentialExam& exam, std::string_view judge);
  bool PinRequired(const CredentialExam& exam);
  Change SetPinRequired(const CredentialExam& exam, bool required, const ChiefAction& action,
                        const std::string& now);
  StoreResult<void> CreateAdmin(const StoredAdmin& admin, bool only_first, const std::string& now);
  std::optional<StoredAdmin> GetAdmin(std::string_view name);
  std::size_t CountAdmins();

 private:
  Database& db_;
  audit::AuditLog& log_;
};

}  // namespace skillscore::sqlite
