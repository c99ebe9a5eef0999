#include "skillscore/page_layout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

constexpr char kFontFamily[] = "DejaVu Sans";
constexpr double kBottom = kContentBottom;
constexpr double kCellPadding = 3;
constexpr int kQrQuietZone = 4;  // modules of white around the code, as the standard asks

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

PangoAlignment PangoAlignmentOf(PageAlign align) {
  switch (align) {
    case PageAlign::kCenter:
      return PANGO_ALIGN_CENTER;
    case PageAlign::kRight:
      return PANGO_ALIGN_RIGHT;
    case PageAlign::kLeft:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

LayoutPtr MakeLayout(cairo_t* cairo, const std::string& text, const TextStyle& style,
                     double width) {
  LayoutPtr layout(pango_cairo_create_layout(cairo));
  FontPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kFontFamily);
  pango_font_description_set_weight(font.get(),
                                    style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font.get(),
                                   style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), PangoAlignmentOf(style.align));
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double HeightOf(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

void Show(cairo_t* cairo, PangoLayout* layout, const TextStyle& style, double x, double y) {
  cairo_set_source_rgb(cairo, style.grey, style.grey, style.grey);
  cairo_move_to(cairo, x, y);
  pango_cairo_show_layout(cairo, layout);
}

void Line(cairo_t* cairo, double x1, double y1, double x2, double y2, double width, double grey) {
  cairo_set_source_rgb(cairo, grey, grey, grey);
  cairo_set_line_width(cairo, width);
  cairo_move_to(cairo, x1, y1);
  cairo_line_to(cairo, x2, y2);
  cairo_stroke(cairo);
}

void FillRectangle(cairo_t* cairo, double x, double y, double width, double height, double grey) {
  cairo_set_source_rgb(cairo, grey, grey, grey);
  cairo_rectangle(cairo, x, y, width, height);
  cairo_fill(cairo);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  if (closure != nullptr) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  }
  return CAIRO_STATUS_SUCCESS;
}

// Draws the document on a PDF surface; `pdf` null discards the bytes (the counting pass).
tl::expected<int, std::string> DrawPdf(const PdfMetadata& metadata, const std::string& footer,
                                       int total_pages,
                                       const std::function<void(PageWriter&)>& draw,
                                       std::string* pdf) {
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(AppendToString, pdf, kPageWidth, kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, metadata.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, metadata.author.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "skillscore");
  if (!metadata.created_at.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                   metadata.created_at.c_str());
  }
  int pages = 0;
  {
    CairoPtr cairo(cairo_create(surface.get()));
    PageWriter writer(cairo.get(), footer, total_pages);
    draw(writer);
    writer.Finish();
    pages = writer.page();
  }
  cairo_surface_finish(surface.get());
  if (cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
    return tl::make_unexpected(cairo_status_to_string(status));
  }
  return pages;
}

}  // namespace

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

tl::expected<PngImage, std::string> LoadPng(const std::string& path) {
  std::shared_ptr<cairo_surface_t> surface(cairo_image_surface_create_from_png(path.c_str()),
                                           cairo_surface_destroy);
  if (cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
    return tl::make_unexpected(
        Tr("{0}: not a readable PNG image: {1}", path, cairo_status_to_string(status)));
  }
  return PngImage{surface, cairo_image_surface_get_width(surface.get()),
                  cairo_image_surface_get_height(surface.get())};
}

PageWriter::PageWriter(cairo_t* cairo, std::string footer, int total_pages)
    : cairo_(cairo), footer_(std::move(footer)), total_pages_(total_pages) {}

void PageWriter::EnsureRoom(double height) {
  if (y_ + height > kBottom) NewPage();
}

void PageWriter::NewPage() {
  DrawFooter();
  cairo_show_page(cairo_);
  ++page_;
  y_ = kPageMargin;
}

void PageWriter::Finish() {
  DrawFooter();
  cairo_show_page(cairo_);
}

void PageWriter::DrawFooter() {
  double y = kBottom + 14;
  Line(cairo_, kPageMargin, y - 4, kPageMargin + kContentWidth, y - 4, 0.3, 0.7);
  TextAt(footer_, styles::kSmall, kPageMargin, y, kContentWidth * 0.75);
  TextStyle right = styles::kSmall;
  right.align = PageAlign::kRight;
  std::string number =
      total_pages_ > 0 ? Tr("page {0} of {1}", page_, total_pages_) : Tr("page {0}", page_);
  TextAt(number, right, kPageMargin + kContentWidth * 0.75, y, kContentWidth * 0.25);
}

double PageWriter::Paragraph(const std::string& text, const TextStyle& style) {
  LayoutPtr layout = MakeLayout(cairo_, text, style, kContentWidth);
  double height = HeightOf(layout.get());
  EnsureRoom(height);
  Show(cairo_, layout.get(), style, kPageMargin, y_);
  y_ += height;
  return height;
}

double PageWriter::TextAt(const std::string& text, const TextStyle& style, double x, double y,
                          double width) {
  LayoutPtr layout = MakeLayout(cairo_, text, style, width);
  Show(cairo_, layout.get(), style, x, y);
  return HeightOf(layout.get());
}

double PageWriter::TextHeight(const std::string& text, const TextStyle& style, double width) const {
  LayoutPtr layout = MakeLayout(cairo_, text, style, width);
  return HeightOf(layout.get());
}

void PageWriter::Heading(const std::string& text) {
  EnsureRoom(70);
  Skip(6);
  Paragraph(text, styles::kHeading);
  Skip(4);
}

void PageWriter::Fields(const std::vector<std::pair<std::string, std::string>>& fields,
                        double label_width) {
  TextStyle label = styles::kBody;
  label.grey = 0.35;
  for (const auto& [name, value] : fields) {
    double height = std::max(TextHeight(name, label, label_width - 6),
                             TextHeight(value, styles::kBody, kContentWidth - label_width));
    EnsureRoom(height);
    TextAt(name, label, kPageMargin, y_, label_width - 6);
    TextAt(value, styles::kBody, kPageMargin + label_width, y_, kContentWidth - label_width);
    y_ += height + 2;
  }
}

void PageWriter::Rule(double width, double grey) {
  Line(cairo_, kPageMargin, y_, kPageMargin + kContentWidth, y_, width, grey);
}

void PageWriter::Table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows,
                       TableLines lines) {
  auto cell_style = [&](TextStyle style, const TableColumn& column) {
    style.align = column.align;
    if (column.font_size > 0) style.size = column.font_size;
    return style;
  };
  auto row_height = [&](const std::vector<std::string>& cells, const TextStyle& base) {
    double height = 0;
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
      height = std::max(height, TextHeight(cells[i], cell_style(base, columns[i]),
                                           columns[i].width - 2 * kCellPadding));
    }
    return height + 2 * kCellPadding;
  };
  auto draw_cells = [&](const std::vector<std::string>& cells, TextStyle base, double height,
                        double shade) {
    if (shade < 1) FillRectangle(cairo_, kPageMargin, y_, kContentWidth, height, shade);
    double x = kPageMargin;
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
      TextAt(cells[i], cell_style(base, columns[i]), x + kCellPadding, y_ + kCellPadding,
             columns[i].width - 2 * kCellPadding);
      x += columns[i].width;
    }
    if (lines == TableLines::kGrid) {
      cairo_set_source_rgb(cairo_, 0, 0, 0);
      cairo_set_line_width(cairo_, 0.6);
      double left = kPageMargin;
      for (const TableColumn& column : columns) {
        cairo_rectangle(cairo_, left, y_, column.width, height);
        left += column.width;
      }
      cairo_stroke(cairo_);
    }
    y_ += height;
  };
  std::vector<std::string> headings;
  for (const TableColumn& column : columns) headings.push_back(column.heading);
  TextStyle header_style = styles::kHeaderCell;
  double header_height = row_height(headings, header_style);
  auto draw_header = [&] {
    draw_cells(headings, header_style, header_height, 0.88);
    Line(cairo_, kPageMargin, y_, kPageMargin + kContentWidth, y_, 0.8, 0);
  };
  EnsureRoom(header_height + (rows.empty() ? 0 : row_height(rows.front().cells, styles::kCell)));
  draw_header();
  for (const TableRow& row : rows) {
    TextStyle style = styles::kCell;
    style.bold = row.bold;
    double height = std::max(row_height(row.cells, style), row.min_height);
    if (y_ + height > kBottom) {
      NewPage();
      draw_header();
    }
    draw_cells(row.cells, style, height, row.shaded ? 0.94 : 1);
    Line(cairo_, kPageMargin, y_, kPageMargin + kContentWidth, y_, 0.3, 0.6);
  }
  Skip(8);
}

void PageWriter::BarChart(const std::vector<Bar>& bars, double label_width) {
  constexpr double kBarHeight = 10;
  constexpr double kRowHeight = 15;
  constexpr double kTextWidth = 90;
  double bar_width = kContentWidth - label_width - kTextWidth - 12;
  double bar_x = kPageMargin + label_width + 6;
  for (const Bar& bar : bars) {
    double label_height = TextHeight(bar.label, styles::kCell, label_width);
    double height = std::max(kRowHeight, label_height + 4);
    EnsureRoom(height);
    TextAt(bar.label, styles::kCell, kPageMargin, y_ + 2, label_width);
    double top = y_ + (kRowHeight - kBarHeight) / 2;
    FillRectangle(cairo_, bar_x, top, bar_width, kBarHeight, 0.92);
    double fraction = bar.max > 0 ? std::clamp(bar.value / bar.max, 0.0, 1.0) : 0;
    cairo_set_source_rgb(cairo_, 0.18, 0.36, 0.6);
    cairo_rectangle(cairo_, bar_x, top, bar_width * fraction, kBarHeight);
    cairo_fill(cairo_);
    cairo_set_source_rgb(cairo_, 0.5, 0.5, 0.5);
    cairo_set_line_width(cairo_, 0.4);
    cairo_rectangle(cairo_, bar_x, top, bar_width, kBarHeight);
    cairo_stroke(cairo_);
    TextAt(bar.text, styles::kCell, bar_x + bar_width + 6, y_ + 2, kTextWidth);
    y_ += height;
  }
  Skip(6);
}

void PageWriter::Signatures(const std::vector<SignatureLine>& lines, double width) {
  constexpr double kGap = 24;
  constexpr double kCaption = 12;
  double column_width = (width - kGap) / 2;
  double signature_width = column_width * 0.36;
  double name_x = signature_width + 8;
  double name_width = column_width - name_x;
  for (std::size_t i = 0; i < lines.size(); i += 2) {
    std::size_t end = std::min(i + 2, lines.size());
    double role_height = 0;
    double name_height = 0;
    for (std::size_t j = i; j < end; ++j) {
      role_height = std::max(role_height, TextHeight(lines[j].role, styles::kCell, column_width));
      name_height =
          std::max(name_height, TextHeight(lines[j].name, styles::kCellCentre, name_width));
    }
    double rule_y = role_height + std::max(name_height, 10.0) + 10;
    EnsureRoom(rule_y + kCaption);
    rule_y += y_;
    for (std::size_t j = i; j < end; ++j) {
      double x = kPageMargin + static_cast<double>(j - i) * (column_width + kGap);
      const SignatureLine& line = lines[j];
      TextAt(line.role, styles::kCell, x, y_, column_width);
      Line(cairo_, x, rule_y, x + signature_width, rule_y, 0.5, 0);
      Line(cairo_, x + name_x, rule_y, x + column_width, rule_y, 0.5, 0);
      double height = TextHeight(line.name, styles::kCellCentre, name_width);
      TextAt(line.name, styles::kCellCentre, x + name_x, rule_y - height - 1, name_width);
      TextAt(Tr("signature"), styles::kCaption, x, rule_y + 1, signature_width);
      TextAt(Tr("full name"), styles::kCaption, x + name_x, rule_y + 1, name_width);
    }
    y_ = rule_y + kCaption + 6;
  }
}

void PageWriter::Box(double x, double y, double width, double height) {
  cairo_set_source_rgb(cairo_, 0, 0, 0);
  cairo_set_line_width(cairo_, 0.7);
  cairo_rectangle(cairo_, x, y, width, height);
  cairo_stroke(cairo_);
}

void PageWriter::Qr(const QrMatrix& qr, double x, double y, double module_size) {
  double side = (qr.size + 2 * kQrQuietZone) * module_size;
  FillRectangle(cairo_, x, y, side, side, 1);
  cairo_set_source_rgb(cairo_, 0, 0, 0);
  for (int row = 0; row < qr.size; ++row) {
    for (int column = 0; column < qr.size; ++column) {
      if (!qr.Dark(column, row)) continue;
      cairo_rectangle(cairo_, x + (column + kQrQuietZone) * module_size,
                      y + (row + kQrQuietZone) * module_size, module_size, module_size);
    }
  }
  cairo_fill(cairo_);
}

double PageWriter::Image(const PngImage& image, double x, double y, double width, double height) {
  if (image.width <= 0 || image.height <= 0) return 0;
  double scale = std::min(width / image.width, height / image.height);
  cairo_save(cairo_);
  cairo_translate(cairo_, x, y);
  cairo_scale(cairo_, scale, scale);
  cairo_set_source_surface(cairo_, image.surface.get(), 0, 0);
  cairo_paint(cairo_);
  cairo_restore(cairo_);
  return image.width * scale;
}

void PageWriter::Link(const std::string& uri, double x, double y, double width, double height) {
  std::string attributes = fmt::format("rect=[{} {} {} {}] uri='", x, y, width, height);
  for (char c : uri) attributes += c == '\'' ? std::string("\\'") : std::string(1, c);
  attributes += "'";
  cairo_tag_begin(cairo_, CAIRO_TAG_LINK, attributes.c_str());
  cairo_tag_end(cairo_, CAIRO_TAG_LINK);
}

tl::expected<std::string, std::string> RenderPdf(const PdfMetadata& metadata,
                                                 const std::string& footer,
                                                 const std::function<void(PageWriter&)>& draw) {
  auto pages = DrawPdf(metadata, footer, 0, draw, nullptr);
  if (!pages) return tl::make_unexpected(pages.error());
  std::string pdf;
  auto drawn = DrawPdf(metadata, footer, *pages, draw, &pdf);
  if (!drawn) return tl::make_unexpected(drawn.error());
  return pdf;
}

}  // namespace skillscore
