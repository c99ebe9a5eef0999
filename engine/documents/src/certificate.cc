#include "skillscore/certificate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "skillscore/document_text.h"
#include "skillscore/i18n.h"

namespace skillscore {
namespace {

constexpr double kQrModule = 1.8;  // points per QR module: 0.64 mm, easy for a phone camera
constexpr int kQrQuietZone = 4;
constexpr double kLogoSide = 50;

constexpr TextStyle kIssuer{12, true, PageAlign::kLeft};
constexpr TextStyle kCertificateTitle{24, true, PageAlign::kCenter, 0.12};
constexpr TextStyle kAwardedTo{10, false, PageAlign::kCenter, 0.35, true};
constexpr TextStyle kName{20, true, PageAlign::kCenter};
constexpr TextStyle kCentred{10.5, false, PageAlign::kCenter};
constexpr TextStyle kCentredStrong{11, true, PageAlign::kCenter};
constexpr TextStyle kResult{14, true, PageAlign::kCenter};
constexpr TextStyle kIdentity{6.5, false, PageAlign::kLeft, 0.3};

std::string AwardText(const std::string& award) {
  if (award == "gold") return Tr("Gold medal");
  if (award == "silver") return Tr("Silver medal");
  if (award == "bronze") return Tr("Bronze medal");
  if (award == "medallion") return Tr("Medallion for Excellence");
  return award;
}

std::string JoinNonEmpty(std::initializer_list<std::string> parts) {
  std::string text;
  for (const std::string& part : parts) {
    if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
  }
  return text;
}

// The most decimals any number of the record has: every number is shown with that many.
int RecordDecimals(const PassportRecord& record) {
  int decimals = std::max({DecimalPlaces(record.result.total), DecimalPlaces(record.result.max),
                           DecimalPlaces(record.result.percent)});
  for (const auto* parts : {&record.sections, &record.modules}) {
    for (const PassportPart& part : *parts) {
      decimals = std::max({decimals, DecimalPlaces(part.mark), DecimalPlaces(part.max)});
    }
  }
  return decimals;
}

std::string PercentEncoded(std::string_view text) {
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return encoded;
}

std::string Replaced(std::string text, std::string_view placeholder, const std::string& value) {
  for (std::size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

class CertificateDrawing {
 public:
  CertificateDrawing(const SignedPassport& passport, const CertificateOptions& options,
                     const QrMatrix& qr)
      : passport_(passport),
        record_(passport.record),
        options_(options),
        qr_(qr),
        decimals_(RecordDecimals(passport.record)) {}

  void Draw(PageWriter& page) const {
    Issuer(page);
    Title(page);
    Exam(page);
    Result(page);
    Profile(page);
    Sections(page);
    Foot(page);
  }

 private:
  std::string Number(const std::string& decimal) const { return LocalDecimal(decimal, decimals_); }

  // The logo and the issuer's name across the top, above a rule.
  void Issuer(PageWriter& page) const {
    double top = page.y();
    double x = kPageMargin;
    double height = page.TextHeight(record_.issuer, kIssuer, kContentWidth);
    if (options_.logo) {
      x += page.Image(*options_.logo, x, top, kLogoSide, kLogoSide) + 12;
      height = std::max(height, kLogoSide);
    }
    double text_height = page.TextHeight(record_.issuer, kIssuer, kPageMargin + kContentWidth - x);
    page.TextAt(record_.issuer, kIssuer, x, top + (height - text_height) / 2,
                kPageMargin + kContentWidth - x);
    page.Skip(height + 6);
    page.Rule(1.2, 0.2);
    page.Skip(18);
  }

  void Title(PageWriter& page) const {
    page.Paragraph(Tr("Skills passport"), kCertificateTitle);
    page.Paragraph(Tr("No. {0}", record_.number), styles::kSubtitle);
    page.Skip(14);
    page.Paragraph(Tr("is awarded to"), kAwardedTo);
    page.Skip(6);
    page.Paragraph(record_.candidate.name, kName);
    if (!record_.candidate.organization.empty()) {
      page.Paragraph(record_.candidate.organization, styles::kSubtitle);
    }
    page.Skip(12);
  }

  void Exam(PageWriter& page) const {
    const PassportExam& exam = record_.exam;
    page.Paragraph(exam.kind == "exam" ? Tr("for passing the demonstration exam in the competency")
                                       : Tr("for taking part in the skills competition in"),
                   kAwardedTo);
    page.Skip(4);
    page.Paragraph(exam.competency_code + " " + exam.competency_title, kCentredStrong);
    page.Skip(4);
    page.Paragraph(exam.kind == "exam" ? Tr("Demonstration exam {0}", exam.id)
                                       : Tr("Skills competition {0}", exam.id),
                   kCentred);
    std::string when_where = JoinNonEmpty({LocalDate(exam.date), exam.site});
    if (!when_where.empty()) page.Paragraph(when_where, kCentred);
    page.Skip(10);
  }

  void Result(PageWriter& page) const {
    const PassportResult& result = record_.result;
    page.Paragraph(Tr("Total: {0} of {1} ({2} %)", Number(result.total), Number(result.max),
                      Number(result.percent)),
                   kResult);
    if (result.grade) page.Paragraph(Tr("Grade: {0}", GradeText(*result.grade)), kResult);
    if (result.scale) page.Paragraph(Tr("WorldSkills Scale: {0}", *result.scale), kResult);
    if (result.award) page.Paragraph(Tr("Award: {0}", AwardText(*result.award)), kResult);
    page.Skip(10);
  }

  // The modules against their maxima.
  void Profile(PageWriter& page) const {
    page.Heading(Tr("Competency profile (marks by module)"));
    std::vector<Bar> bars;
    for (const PassportPart& module : record_.modules) {
      auto mark = Rational::ParseDecimal(module.mark);
      auto max = Rational::ParseDecimal(module.max);
      bars.push_back({module.id + "  " + module.title, mark ? mark->ToDouble() : 0,
                      max ? max->ToDouble() : 0,
                      Tr("{0} of {1}", Number(module.mark), Number(module.max))});
    }
    page.BarChart(bars, 215);
  }

  void Sections(PageWriter& page) const {
    if (record_.sections.empty()) return;
    page.Heading(Tr("Marks by standards section"));
    std::vector<TableRow> rows;
    for (const PassportPart& part : record_.sections) {
      rows.push_back({{part.id, part.title, Number(part.mark), Number(part.max)}});
    }
    page.Table({{"", 24},
                {"", kContentWidth - 24 - 2 * 52},
                {Tr("Mark"), 52, PageAlign::kRight},
                {Tr("Max"), 52, PageAlign::kRight}},
               rows);
  }

  // The foot of the last page: date of issue and signature lines beside the QR code, and the
  // record's identity under them.
  void Foot(PageWriter& page) const {
    double qr_side = (qr_.size + 2 * kQrQuietZone) * kQrModule;
    double left_width = kContentWidth - qr_side - 16;
    std::vector<std::string> identity = IdentityLines();
    double identity_height = 0;
    for (const std::string& line : identity) {
      identity_height += page.TextHeight(line, kIdentity, kContentWidth) + 1;
    }
    double band = qr_side + 4 + identity_height;
    page.EnsureRoom(band);
    double top = std::max(page.y(), kContentBottom - band);
    page.Skip(top - page.y());
    page.Paragraph(Tr("Date of issue: {0}", LocalDate(record_.issued_at.substr(0, 10))),
                   styles::kBody);
    page.Skip(10);
    page.Signatures(
        {{Tr("Chief expert"), options_.chief_expert}, {Tr("Head of the issuing organisation"), ""}},
        left_width);
    page.TextAt(Tr("Seal"), styles::kSmall, kPageMargin + left_width * 0.75, page.y(),
                left_width * 0.25);
    double qr_x = kPageMargin + kContentWidth - qr_side;
    page.Qr(qr_, qr_x, top, kQrModule);
    if (!options_.verify_url.empty()) {
      page.Link(CertificateQrText(passport_, options_), qr_x, top, qr_side, qr_side);
    }
    double y = top + qr_side + 4;
    for (const std::string& line : identity) {
      y += page.TextAt(line, kIdentity, kPageMargin, y, kContentWidth) + 1;
    }
  }

  std::vector<std::string> IdentityLines() const {
    std::vector<std::string> lines = {
        Tr("Passport No. {0}", record_.number) + " · " +
            Tr("Issued {0} by {1}", LocalTimestamp(record_.issued_at), record_.issuer) + " · " +
            Tr("Signed with key {0}", passport_.public_key_id),
        Tr("Rubric {0}@{1}, SHA-256 {2}", record_.rubric.code, record_.rubric.version,
           record_.rubric.sha256),
        Tr("Marks digest (SHA-256): {0}", record_.marks_sha256),
    };
    if (record_.supersedes) lines.push_back(Tr("Supersedes passport No. {0}", *record_.supersedes));
    lines.push_back(options_.verify_url.empty()
                        ? Tr("The QR code carries the passport number and its signature; the "
                             "signed record (JSON) is checked with 'skillscore passport verify' "
                             "and the issuer's public key.")
                        : Tr("The QR code opens the issuer's page for this passport; the signed "
                             "record (JSON) is also checked offline with 'skillscore passport "
                             "verify' and the issuer's public key."));
    return lines;
  }

  const SignedPassport& passport_;
  const PassportRecord& record_;
  const CertificateOptions& options_;
  const QrMatrix& qr_;
  int decimals_;
};

}  // namespace

std::string PassportQrPayload(const SignedPassport& passport) {
  return kPassportQrPrefix + passport.record.number + ":" + passport.signature;
}

tl::expected<void, std::string> CheckVerifyUrlTemplate(std::string_view url_template) {
  if (!url_template.starts_with("https://") && !url_template.starts_with("http://")) {
    return tl::make_unexpected(
        Tr("the verification URL must start with https:// or http://, not '{0}'", url_template));
  }
  if (url_template.find("{number}") == std::string_view::npos) {
    return tl::make_unexpected(
        Tr("the verification URL '{0}' must hold {{number}}, where the passport number goes",
           url_template));
  }
  return {};
}

std::string VerifyUrl(std::string_view url_template, const SignedPassport& passport) {
  std::string url =
      Replaced(std::string(url_template), "{number}", PercentEncoded(passport.record.number));
  return Replaced(std::move(url), "{signature}", PercentEncoded(passport.signature));
}

std::string CertificateQrText(const SignedPassport& passport, const CertificateOptions& options) {
  return options.verify_url.empty() ? PassportQrPayload(passport)
                                    : VerifyUrl(options.verify_url, passport);
}

tl::expected<std::string, std::string> CertificatePdf(const SignedPassport& passport,
                                                      const CertificateOptions& options) {
  auto qr = EncodeQr(CertificateQrText(passport, options));
  if (!qr) return tl::make_unexpected(qr.error());
  const PassportRecord& record = passport.record;
  CertificateDrawing drawing(passport, options, *qr);
  auto pdf = RenderPdf(
      {Tr("Skills passport No. {0}", record.number), record.issuer, record.issued_at},
      Tr("Skills passport No. {0}", record.number), [&](PageWriter& page) { drawing.Draw(page); });
  if (!pdf) return tl::make_unexpected(Tr("cannot draw the certificate: {0}", pdf.error()));
  return pdf;
}

}  // namespace skillscore
