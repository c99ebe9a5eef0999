// Passports on the administrator's pages (docs/web.md, "Passports"): each candidate's passport
// state, what issuing and revoking answer, and the certificates of an exam in one ZIP. Issuing
// and revoking are the exam service's (ExamService::IssuePassports, RevokePassport): the same
// call, rules and words as `skillscore passport issue` and `passport revoke`. These functions only
// render what the service and the register say.
//
// Thread safety: pure functions; messages in the calling thread's language.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/certificate.h"
#include "skillscore/exam_service.h"
#include "skillscore/passport_register.h"
#include "skillscore/signing.h"
#include "skillscore/store.h"

namespace skillscore::web {

// What the server holds to sign passports: the issuer's secret key of `serve --keys DIR` (read
// once at start, never logged), or why there is none; certificates' logo and verification URL
// from the same directory (certificate_settings.h).
struct PassportIssuing {
  std::optional<SecretKey> key;
  std::string unavailable;  // why issuing is unavailable, when there is no key
  CertificateOptions certificate;
};

// The refusal message of an issue request while the server has no key.
std::string IssuingUnavailable(const PassportIssuing& issuing);

// The Passports tab: for every candidate of the exam its state — "not_issuable" (results
// provisional, or the candidate was not present), "issuable" (final; issuing now would sign one,
// perhaps replacing the one in force), "issued", "revoked" — and its passports in order of issue,
// each "in_force", "superseded" (with the number that replaced it) or "revoked". `planned` is
// what issuing would sign now (PlanPassports with the server's key), nullopt without a key: then
// a present candidate of a final exam without any passport is "issuable", and one in force stays
// "issued".
std::string PassportsJson(const ExamResults& exam, const std::vector<StoredPassport>& passports,
                          const std::optional<std::vector<PlannedPassport>>& planned,
                          const PassportIssuing& issuing);

// What an issue request signed, with the lines `passport issue` prints.
std::string IssuedJson(std::string_view exam, const std::vector<PlannedPassport>& plan);

// A passport after revocation, with the line `passport revoke` prints.
std::string RevokedJson(const StoredPassport& passport);

// The passport of `number` in the exam's register, or nullptr.
const StoredPassport* FindPassport(const std::vector<StoredPassport>& passports,
                                   std::string_view number);

// Whether a later passport of the register names `passport` as the one it supersedes.
bool Superseded(const std::vector<StoredPassport>& passports, const StoredPassport& passport);

// One file of an archive.
struct ArchiveFile {
  std::string name;
  std::string bytes;
};

// The certificate (PDF) and signed record (JSON) of every passport in force — neither revoked
// nor superseded — named as `passport export` names them, as the bytes of a ZIP archive; or what
// went wrong.
tl::expected<std::string, std::string> CertificatesZip(const std::vector<StoredPassport>& passports,
                                                       const CertificateOptions& options);

// A ZIP archive of `files` (libzip, in memory); or what went wrong.
tl::expected<std::string, std::string> ZipArchive(const std::vector<ArchiveFile>& files);

}  // namespace skillscore::web
