// Who is acting, proven: judges' sign-in codes (one secret per judge and exam, printed on the
// judge's card; the same code is the judge's PIN for command-line writes on an exam that requires
// PINs) and administrators (a name and a secret, created by `skillscore admin init`).
//
// Secrets are kept only as Argon2id hashes (libsodium crypto_pwhash_str, verified with
// crypto_pwhash_str_verify); codes are drawn with randombytes_buf. No secret is logged, audited or
// returned, except a code once, as it is issued. The audit log records who issued or revoked
// whose code, and who created an administrator — never a code, a secret or a hash.
//
// Errors: a wrong, revoked or unknown code or secret is ServiceError::Code::kUnauthenticated with
// a message that never says which part was wrong (the web answers 401, the CLI exits 2).
//
// Cost (docs/security.md): each verification costs kHashOpsLimit passes over kHashMemLimit bytes,
// about 0.1 s on one core of a 2-core exam laptop, so guessing a 40-bit code offline from a stolen
// database takes centuries; tests pass a cheaper CredentialOptions.
//
// Thread safety: as ExamService (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/exam_service.h"

namespace skillscore {

// A judge's sign-in code as issued: shown once (printed on the judge's card), then only its hash is
// kept. The same code is the judge's PIN for command-line writes on an exam that requires PINs.
struct IssuedCode {
  std::string judge;
  std::string code;             // e.g. "7KQ4-M2XP" (unambiguous alphabet, >= 40 bits)
  std::int64_t credential = 0;  // the credential's number, to notice its revocation later
};

struct AuthenticatedJudge {
  std::string exam;
  std::string judge;
  bool chief = false;           // a chief expert of the exam (IsChiefExpert)
  std::int64_t credential = 0;  // which issued code signed in
};

struct AuthenticatedAdmin {
  std::string name;
};

// The alphabet of codes: digits and capitals without I, L, O and U (Crockford's base 32), so that
// nothing on a card can be read as something else; 8 symbols carry 40 bits.
inline constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kCodeSymbols = 8;

// Argon2id cost of every stored secret (measured in docs/security.md).
inline constexpr unsigned long long kHashOpsLimit = 2;
inline constexpr std::size_t kHashMemLimit = 64u << 20;  // 64 MiB

// Administrators' secrets are chosen by people: at least this many characters.
inline constexpr std::size_t kMinAdminSecret = 10;

struct CredentialOptions {
  unsigned long long ops_limit = kHashOpsLimit;
  std::size_t mem_limit = kHashMemLimit;
};

// A code as a person may type it: without dashes and spaces, in capitals, with O read as 0 and
// I, L as 1 (the letters the alphabet leaves out for being mistaken for those digits).
std::string NormalizedCode(std::string_view typed);

// The acting person of a front end once it has proven who it is.
Actor JudgeActor(const AuthenticatedJudge& judge);
Actor AdminActor(const AuthenticatedAdmin& admin);

class Credentials {
 public:
  explicit Credentials(ExamService& service, CredentialOptions options = {});

  // A chief expert (or an administrator, actor = admin name) issues fresh codes to the named
  // judges of the exam, or to all when `judges` is empty; a judge's earlier code stops working.
  // Audited ("code issue", one event per judge: who, for whom — never the code).
  ServiceResult<std::vector<IssuedCode>> IssueCodes(const Actor& actor, std::string_view exam,
                                                    std::span<const std::string> judges);
  // Ends a judge's code (audited, with reason). Web sessions opened with it end too: the web
  // asks CredentialCurrent on every request.
  ServiceResult<void> RevokeCode(const Actor& actor, std::string_view exam, std::string_view judge,
                                 const std::string& reason);
  // kUnauthenticated unless `code` is the judge's current code for the exam.
  ServiceResult<AuthenticatedJudge> AuthenticateJudge(std::string_view exam, std::string_view judge,
                                                      std::string_view code);
  // Whether a credential is still the judge's current, unrevoked one (cheap: no hashing).
  ServiceResult<bool> CredentialCurrent(std::string_view exam, std::string_view judge,
                                        std::int64_t credential);

  // The first administrator is created by `skillscore admin init NAME` (secret from the terminal
  // or $SKILLSCORE_ADMIN_SECRET); refused (kConflict) once one exists.
  ServiceResult<void> InitAdmin(std::string_view name, std::string_view secret);
  // Later administrators only by an authenticated administrator.
  ServiceResult<void> AddAdmin(const AuthenticatedAdmin& by, std::string_view name,
                               std::string_view secret);
  ServiceResult<AuthenticatedAdmin> AuthenticateAdmin(std::string_view name,
                                                      std::string_view secret);
  // Whether any administrator was ever created: until then the rules that name administrators
  // fall back to what they were before administrators existed (docs/security.md).
  ServiceResult<bool> AdminsExist();

  // Whether command-line writes to the exam need the acting judge's PIN (the exam requires PINs;
  // the rule takes effect with the first code issued in the exam, as no judge has a PIN before).
  ServiceResult<bool> PinNeeded(std::string_view exam);
  // A chief expert of the exam (or an administrator) requires PINs, or stops requiring them.
  ServiceResult<Change> RequirePins(const Actor& actor, std::string_view exam, bool required);

 private:
  // The roster, for a chief expert of the exam or an administrator (with the PIN the exam needs).
  ServiceResult<ExamData> LoadForCodes(const Actor& actor, std::string_view exam);
  ServiceResult<void> CreateAdmin(std::string_view name, std::string_view secret,
                                  const std::string& by, bool first);
  std::string Hash(std::string_view secret) const;
  // A hash of no one's secret, verified when the named judge or administrator has none, so that
  // a wrong name takes as long as a wrong secret.
  const std::string& DecoyHash();

  ExamService& service_;
  CredentialOptions options_;
  std::string decoy_hash_;
};

}  // namespace skillscore
