#include "skillscore/sign_in_cards.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "skillscore/i18n.h"
#include "skillscore/page_layout.h"

namespace skillscore {
namespace {

// Five cards down each page, as strips across the content width to cut apart.
constexpr int kCardsPerPage = 5;
constexpr double kCardHeight = (kContentBottom - kPageMargin) / kCardsPerPage;
constexpr double kCardGap = 8;  // between cards, for the scissors
constexpr double kPadding = 12;
constexpr int kQrQuietZone = 4;  // as PageWriter::Qr draws it
constexpr double kMaxQrModule = 3;

constexpr TextStyle kCardHeading{7.5, true, PageAlign::kLeft, 0.35};
constexpr TextStyle kJudgeName{13, true};
constexpr TextStyle kDetail{9};
constexpr TextStyle kCodeLabel{7.5, false, PageAlign::kLeft, 0.35};
constexpr TextStyle kCodeText{26, true};
constexpr TextStyle kHint{7, false, PageAlign::kLeft, 0.3};

// RFC 3986 unreserved characters stay; every other byte is %XX.
std::string PercentEncoded(std::string_view text) {
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return encoded;
}

void DrawCard(PageWriter& page, const SignInSheet& sheet, const SignInCard& card,
              const QrMatrix& qr, double top) {
  const double height = kCardHeight - kCardGap;
  page.Box(kPageMargin, top, kContentWidth, height);
  const double module =
      std::min(kMaxQrModule, (height - 2 * kPadding) / (qr.size + 2 * kQrQuietZone));
  const double qr_side = module * (qr.size + 2 * kQrQuietZone);
  const double qr_x = kPageMargin + kContentWidth - kPadding - qr_side;
  page.Qr(qr, qr_x, top + (height - qr_side) / 2, module);
  const double x = kPageMargin + kPadding;
  const double width = qr_x - x - kPadding;
  double y = top + kPadding;
  std::string where = sheet.site.empty() ? sheet.exam : sheet.exam + " · " + sheet.site;
  y += page.TextAt(Tr("SIGN-IN CARD · exam {0}", where), kCardHeading, x, y, width) + 4;
  y += page.TextAt(card.name.empty() ? card.judge : card.name, kJudgeName, x, y, width) + 1;
  y += page.TextAt(Tr("Judge id: {0}", card.judge), kDetail, x, y, width) + 6;
  y += page.TextAt(Tr("Code"), kCodeLabel, x, y, width);
  y += page.TextAt(card.code, kCodeText, x, y, width) + 4;
  page.TextAt(Tr("Scan the QR code, or open {0} and type the code. It is your personal PIN too: "
                 "keep this card to yourself; a lost card is revoked by the chief expert.",
                 sheet.url),
              kHint, x, y, width);
}

}  // namespace

std::string SignInUrlProblem(std::string_view url) {
  bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!http) return Tr("the sign-in address must start with http:// or https://");
  if (url.find('#') != std::string_view::npos) {
    return Tr("the sign-in address must not have a '#' part: the card adds its own");
  }
  bool plain =
      std::all_of(url.begin(), url.end(), [](unsigned char c) { return c > 0x20 && c < 0x7F; });
  if (!plain) return Tr("the sign-in address must not hold spaces or control characters");
  return {};
}

std::string SignInLink(std::string_view url, std::string_view exam, std::string_view judge,
                       std::string_view code) {
  std::string base(url);
  if (base.back() != '/') base.push_back('/');
  return fmt::format("{}#exam={}&judge={}&code={}", base, PercentEncoded(exam),
                     PercentEncoded(judge), PercentEncoded(code));
}

tl::expected<std::string, std::string> SignInCardsPdf(const SignInSheet& sheet) {
  std::vector<QrMatrix> codes;
  for (const SignInCard& card : sheet.cards) {
    auto qr = EncodeQr(SignInLink(sheet.url, sheet.exam, card.judge, card.code));
    if (!qr) return tl::make_unexpected(qr.error());
    codes.push_back(std::move(*qr));
  }
  PdfMetadata metadata{Tr("Sign-in cards, exam {0}", sheet.exam), "skillscore", ""};
  std::string footer =
      Tr("Sign-in cards, exam {0}, issued {1}: each code is secret", sheet.exam, sheet.issued);
  return RenderPdf(metadata, footer, [&](PageWriter& page) {
    for (std::size_t i = 0; i < sheet.cards.size(); ++i) {
      int slot = static_cast<int>(i % kCardsPerPage);
      if (i > 0 && slot == 0) page.NewPage();
      DrawCard(page, sheet, sheet.cards[i], codes[i], kPageMargin + slot * kCardHeight);
    }
  });
}

}  // namespace skillscore
