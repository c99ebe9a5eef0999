#include "skillscore/certificate.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

// A4 in points, and the printable area inside 20 mm margins.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.7;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin;

constexpr double kQrModule = 2.6;  // points per QR module: about 0.9 mm, easy for a phone camera
constexpr int kQrQuietZone = 4;    // modules of white around the code, as the standard asks

constexpr char kFontFamily[] = "DejaVu Sans";

struct Style {
  double size = 10;
  bool bold = false;
  PangoAlignment alignment = PANGO_ALIGN_LEFT;
  double grey = 0;  // 0 black … 1 white
};

constexpr Style kTitle{22, true, PANGO_ALIGN_CENTER};
constexpr Style kSubtitle{12, false, PANGO_ALIGN_CENTER, 0.25};
constexpr Style kName{20, true, PANGO_ALIGN_CENTER};
constexpr Style kBody{11};
constexpr Style kStrong{12, true};
constexpr Style kHeading{11, true};
constexpr Style kCell{9.5};
constexpr Style kCellRight{9.5, false, PANGO_ALIGN_RIGHT};
constexpr Style kHeaderCell{9.5, true};
constexpr Style kHeaderCellRight{9.5, true, PANGO_ALIGN_RIGHT};
constexpr Style kSmall{7.5, false, PANGO_ALIGN_LEFT, 0.3};

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* pointer) const { Free(pointer); }
};

void UnrefLayout(PangoLayout* layout) { g_object_unref(layout); }

using SurfacePtr =
    std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using LayoutPtr = std::unique_ptr<PangoLayout, Deleter<PangoLayout, UnrefLayout>>;
using FontPtr = std::unique_ptr<PangoFontDescription,
                                Deleter<PangoFontDescription, pango_font_description_free>>;
using QrPtr = std::unique_ptr<QRcode, Deleter<QRcode, QRcode_free>>;

// Numbers of the record ("52.17") as people of the current language write them.
std::string LocalNumber(std::string number) {
  if (CurrentLanguage() == Language::kRussian) std::replace(number.begin(), number.end(), '.', ',');
  return number;
}

std::string AwardText(const std::string& award) {
  if (award == "gold") return Tr("Gold medal");
  if (award == "silver") return Tr("Silver medal");
  if (award == "bronze") return Tr("Bronze medal");
  if (award == "medallion") return Tr("Medallion for Excellence");
  return award;
}

// "2026-04-12T09:30:00Z" → "2026-04-12 09:30 UTC"; anything else as it is.
std::string ReadableTime(const std::string& timestamp) {
  if (timestamp.size() != 20 || timestamp[10] != 'T' || timestamp.back() != 'Z') return timestamp;
  return timestamp.substr(0, 10) + " " + timestamp.substr(11, 5) + " UTC";
}

std::string JoinNonEmpty(std::initializer_list<std::string> parts) {
  std::string text;
  for (const std::string& part : parts) {
    if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
  }
  return text;
}

// Draws the certificate top to bottom, starting a new page when the next block does not fit.
class Page {
 public:
  explicit Page(cairo_t* cairo) : cairo_(cairo) {}

  double y() const { return y_; }
  void Skip(double points) { y_ += points; }

  void EnsureRoom(double height) {
    if (y_ + height <= kBottom) return;
    cairo_show_page(cairo_);
    y_ = kMargin;
  }

  // A paragraph across the content width; returns its height.
  double Paragraph(const std::string& text, const Style& style) {
    LayoutPtr layout = Layout(text, style, kContentWidth);
    double height = Height(layout.get());
    EnsureRoom(height);
    Draw(layout.get(), style, kMargin, y_);
    y_ += height;
    return height;
  }

  struct Cell {
    std::string text;
    const Style* style;
    double width;
  };

  // One table row; cells wrap within their widths and the row is as tall as its tallest cell.
  void Row(const std::vector<Cell>& cells, bool rule_below_bold) {
    constexpr double kPadding = 3;
    std::vector<LayoutPtr> layouts;
    double height = 0;
    for (const Cell& cell : cells) {
      layouts.push_back(Layout(cell.text, *cell.style, cell.width - 2 * kPadding));
      height = std::max(height, Height(layouts.back().get()));
    }
    height += 2 * kPadding;
    EnsureRoom(height);
    double x = kMargin;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Draw(layouts[i].get(), *cells[i].style, x + kPadding, y_ + kPadding);
      x += cells[i].width;
    }
    y_ += height;
    Rule(rule_below_bold ? 0.8 : 0.3, rule_below_bold ? 0 : 0.6);
  }

  void Rule(double width, double grey) {
    cairo_set_source_rgb(cairo_, grey, grey, grey);
    cairo_set_line_width(cairo_, width);
    cairo_move_to(cairo_, kMargin, y_);
    cairo_line_to(cairo_, kMargin + kContentWidth, y_);
    cairo_stroke(cairo_);
  }

  // The QR code with its quiet zone, its top left corner at (x, y).
  void Qr(const QrMatrix& qr, double x, double y) {
    double side = (qr.size + 2 * kQrQuietZone) * kQrModule;
    cairo_set_source_rgb(cairo_, 1, 1, 1);
    cairo_rectangle(cairo_, x, y, side, side);
    cairo_fill(cairo_);
    cairo_set_source_rgb(cairo_, 0, 0, 0);
    for (int row = 0; row < qr.size; ++row) {
      for (int column = 0; column < qr.size; ++column) {
        if (!qr.Dark(column, row)) continue;
        cairo_rectangle(cairo_, x + (column + kQrQuietZone) * kQrModule,
                        y + (row + kQrQuietZone) * kQrModule, kQrModule, kQrModule);
      }
    }
    cairo_fill(cairo_);
  }

  // Text in a box of `width` at (x, y), without moving the cursor; returns its height.
  double TextAt(const std::string& text, const Style& style, double x, double y, double width) {
    LayoutPtr layout = Layout(text, style, width);
    Draw(layout.get(), style, x, y);
    return Height(layout.get());
  }

 private:
  LayoutPtr Layout(const std::string& text, const Style& style, double width) const {
    LayoutPtr layout(pango_cairo_create_layout(cairo_));
    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFontFamily);
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.alignment);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  void Draw(PangoLayout* layout, const Style& style, double x, double y) {
    cairo_set_source_rgb(cairo_, style.grey, style.grey, style.grey);
    cairo_move_to(cairo_, x, y);
    pango_cairo_show_layout(cairo_, layout);
  }

  cairo_t* cairo_;
  double y_ = kMargin;
};

void DrawHeader(Page& page, const PassportRecord& record) {
  page.Paragraph(record.issuer, kSubtitle);
  page.Skip(12);
  page.Paragraph(Tr("Skills passport"), kTitle);
  page.Paragraph(Tr("No. {0}", record.number), kSubtitle);
  page.Skip(24);
  page.Paragraph(record.candidate.name, kName);
  page.Paragraph(record.candidate.organization, kSubtitle);
  page.Skip(20);
}

void DrawExam(Page& page, const PassportRecord& record) {
  const PassportExam& exam = record.exam;
  page.Paragraph(Tr("Competency: {0} {1}", exam.competency_code, exam.competency_title), kBody);
  page.Paragraph(exam.kind == "exam" ? Tr("Demonstration exam {0}", exam.id)
                                     : Tr("Skills competition {0}", exam.id),
                 kBody);
  std::string when_where = JoinNonEmpty({exam.date, exam.site});
  if (!when_where.empty()) page.Paragraph(when_where, kBody);
  page.Skip(10);
}

void DrawResult(Page& page, const PassportRecord& record) {
  const PassportResult& result = record.result;
  page.Paragraph(Tr("Total: {0} of {1} ({2} %)", LocalNumber(result.total), LocalNumber(result.max),
                    LocalNumber(result.percent)),
                 kStrong);
  if (result.grade) page.Paragraph(Tr("Grade: {0}", *result.grade), kStrong);
  if (result.scale) page.Paragraph(Tr("WorldSkills Scale: {0}", *result.scale), kStrong);
  if (result.award) page.Paragraph(Tr("Award: {0}", AwardText(*result.award)), kStrong);
  page.Skip(14);
}

void DrawParts(Page& page, const std::string& heading, const std::vector<PassportPart>& parts) {
  constexpr double kIdWidth = 48;
  constexpr double kNumberWidth = 62;
  constexpr double kTitleWidth = kContentWidth - kIdWidth - 2 * kNumberWidth;
  page.EnsureRoom(60);  // a heading is never left alone at the foot of a page
  page.Paragraph(heading, kHeading);
  page.Skip(4);
  page.Row({{"", &kHeaderCell, kIdWidth},
            {"", &kHeaderCell, kTitleWidth},
            {Tr("Mark"), &kHeaderCellRight, kNumberWidth},
            {Tr("Max"), &kHeaderCellRight, kNumberWidth}},
           true);
  for (const PassportPart& part : parts) {
    page.Row({{part.id, &kCell, kIdWidth},
              {part.title, &kCell, kTitleWidth},
              {LocalNumber(part.mark), &kCellRight, kNumberWidth},
              {LocalNumber(part.max), &kCellRight, kNumberWidth}},
             false);
  }
  page.Skip(14);
}

// The record's identity beside the QR code, which sits in the bottom right corner.
void DrawFooter(Page& page, const SignedPassport& passport, const QrMatrix& qr) {
  const PassportRecord& record = passport.record;
  double qr_side = (qr.size + 2 * kQrQuietZone) * kQrModule;
  std::vector<std::string> lines = {
      Tr("Passport No. {0}", record.number),
      Tr("Issued {0} by {1}", ReadableTime(record.issued_at), record.issuer),
      Tr("Rubric {0}@{1}, SHA-256 {2}", record.rubric.code, record.rubric.version,
         record.rubric.sha256),
      Tr("Marks digest (SHA-256): {0}", record.marks_sha256),
      Tr("Signed with key {0}", passport.public_key_id),
  };
  if (record.supersedes) lines.push_back(Tr("Supersedes passport No. {0}", *record.supersedes));
  lines.push_back(
      Tr("The QR code carries the passport number and its signature; the signed "
         "record (JSON) is checked with 'skillscore passport verify' and the issuer's "
         "public key."));
  page.EnsureRoom(qr_side);
  double top = std::max(page.y(), kBottom - qr_side);
  double text_width = kContentWidth - qr_side - 12;
  double y = top;
  for (const std::string& line : lines) {
    y +=
        page.TextAt(line, line == lines.front() ? kHeaderCell : kSmall, kMargin, y, text_width) + 2;
  }
  page.Qr(qr, kMargin + kContentWidth - qr_side, top);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string PassportQrPayload(const SignedPassport& passport) {
  return kPassportQrPrefix + passport.record.number + ":" + passport.signature;
}

tl::expected<QrMatrix, std::string> EncodeQr(std::string_view text) {
  std::string data(text);
  QrPtr code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
  if (!code) return tl::make_unexpected(Tr("cannot make the QR code: {0}", std::strerror(errno)));
  QrMatrix matrix{code->width, {}};
  std::size_t cells = static_cast<std::size_t>(code->width) * code->width;
  matrix.dark.reserve(cells);
  for (std::size_t i = 0; i < cells; ++i) matrix.dark.push_back((code->data[i] & 1) != 0);
  return matrix;
}

tl::expected<std::string, std::string> CertificatePdf(const SignedPassport& passport) {
  auto qr = EncodeQr(PassportQrPayload(passport));
  if (!qr) return tl::make_unexpected(qr.error());
  const PassportRecord& record = passport.record;
  std::string pdf;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 Tr("Skills passport No. {0}", record.number).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, record.issuer.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "skillscore");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                 record.issued_at.c_str());
  {
    CairoPtr cairo(cairo_create(surface.get()));
    Page page(cairo.get());
    DrawHeader(page, record);
    DrawExam(page, record);
    DrawResult(page, record);
    DrawParts(page, Tr("Marks by standards section"), record.sections);
    DrawParts(page, Tr("Marks by module"), record.modules);
    DrawFooter(page, passport, *qr);
    cairo_show_page(cairo.get());
  }
  cairo_surface_finish(surface.get());
  if (cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
    return tl::make_unexpected(
        Tr("cannot draw the certificate: {0}", cairo_status_to_string(status)));
  }
  return pdf;
}

}  // namespace skillscore
