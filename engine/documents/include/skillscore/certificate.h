// The printable certificate of a skills passport: an A4 PDF a college hands out, drawn with the
// shared page layout (page_layout.h).
//
// It shows the issuer (with its logo, when one is given), the candidate and organisation, the
// competency and the exam (id, date, site), the total out of the maximum with the percent, the
// grade in words (exam) or the WorldSkills Scale score and award (competition), the competency
// profile (a bar per module against its maximum), the marks per standards section, the date of
// issue, signature lines for the chief expert (named, when known) and the head of the issuing
// organisation, and at the foot the record's identity (rubric and its hash, marks digest, key,
// the record it supersedes) beside a QR code. Every number has the same count of decimals (the
// most any number of the record has), with a decimal comma in Russian; dates are ДД.ММ.ГГГГ in
// Russian.
//
// The QR code holds the verification URL made from CertificateOptions::verify_url, so that a
// phone opens the issuer's page for this passport; without a template it holds
// "SKILLSCORE-PASSPORT:<number>:<signature>" (PassportQrPayload). The paper itself is never the
// proof: the signed record (signing.h) is, and `skillscore passport verify` checks it offline.
//
// Thread safety: functions may be called from several threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "skillscore/page_layout.h"
#include "skillscore/signing.h"

namespace skillscore {

inline constexpr char kPassportQrPrefix[] = "SKILLSCORE-PASSPORT:";

std::string PassportQrPayload(const SignedPassport& passport);

// A verification URL template is an http(s) URL with "{number}" and optionally "{signature}"
// in it ("https://college.example/passports/{number}?sig={signature}"); the message says what is
// wrong with one that is not.
tl::expected<void, std::string> CheckVerifyUrlTemplate(std::string_view url_template);

// The template with the passport's number and signature put in, both percent-encoded.
std::string VerifyUrl(std::string_view url_template, const SignedPassport& passport);

// What the certificate shows beyond the signed record.
struct CertificateOptions {
  std::optional<PngImage> logo = {};  // the issuer's logo
  std::string chief_expert = {};      // the chief expert's name, under the signature line
  std::string verify_url = {};        // a CheckVerifyUrlTemplate template; empty: the payload
};

// What the QR code of the certificate holds.
std::string CertificateQrText(const SignedPassport& passport, const CertificateOptions& options);

// The certificate as PDF bytes, or what went wrong in drawing it.
tl::expected<std::string, std::string> CertificatePdf(const SignedPassport& passport,
                                                      const CertificateOptions& options = {});

}  // namespace skillscore
