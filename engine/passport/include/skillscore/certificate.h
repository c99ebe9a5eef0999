// The printable certificate of a skills passport: an A4 PDF drawn with cairo, text laid out by
// pango in DejaVu Sans (so Cyrillic names print as they are), and a QR code (libqrencode).
//
// The certificate shows the candidate and organisation, the competency, the kind of event, the
// exam's id, date and site, the total out of the maximum with the percent, the grade (exam) or
// WorldSkills Scale score and award (competition), a table of marks per standards section and one
// per module, the rubric's identity and hash, the marks digest, the issue time, the issuer, the
// record it supersedes and the passport number. Labels are in the current language (i18n.h),
// numbers with a decimal comma in Russian. Long tables continue on further pages.
//
// The QR code carries "SKILLSCORE-PASSPORT:<number>:<signature>" (PassportQrPayload), the
// signature in base64 as in the signed record: a phone shows which passport the paper claims to
// be and with which signature, and the employer checks the signed record (signing.h) for it. The
// paper itself is never the proof.
//
// Thread safety: functions may be called from several threads at once (cairo, pango and
// fontconfig are thread-safe for separate surfaces).
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/signing.h"

namespace skillscore {

inline constexpr char kPassportQrPrefix[] = "SKILLSCORE-PASSPORT:";

std::string PassportQrPayload(const SignedPassport& passport);

// The modules of a QR code, row by row, without the quiet zone.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;  // size × size

  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Byte-mode QR code with error correction level M; the message says why it could not be made.
tl::expected<QrMatrix, std::string> EncodeQr(std::string_view text);

// The certificate as PDF bytes, or what went wrong in drawing it.
tl::expected<std::string, std::string> CertificatePdf(const SignedPassport& passport);

}  // namespace skillscore
