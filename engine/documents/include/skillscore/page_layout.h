// The page layout every printed document of skillscore shares (the exam protocol, score sheets,
// marking forms and the passport certificate): A4 pages drawn with cairo, text laid out by pango
// in DejaVu Sans (so Cyrillic prints as it is), tables whose header row repeats after a page
// break, a bar chart of values against their maxima, signature lines, a QR code, a PNG logo and
// a footer with the page number out of the total.
//
// A document is a drawing function over a PageWriter. RenderPdf runs it twice: once to count the
// pages, once to draw them with "page N of M" in the footer; the function must therefore draw the
// same thing both times (it is a pure function of its data).
//
// Thread safety: separate PageWriters may be used from separate threads (cairo, pango and
// fontconfig are thread-safe for separate surfaces); one PageWriter by one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace skillscore {

// A4 in points, and the printable area inside 18 mm margins.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;
inline constexpr double kPageMargin = 51;
inline constexpr double kContentWidth = kPageWidth - 2 * kPageMargin;
inline constexpr double kContentBottom = kPageHeight - kPageMargin;  // the footer sits below

enum class PageAlign { kLeft, kCenter, kRight };

struct TextStyle {
  double size = 10;
  bool bold = false;
  PageAlign align = PageAlign::kLeft;
  double grey = 0;  // 0 black … 1 white
  bool italic = false;
};

namespace styles {
inline constexpr TextStyle kTitle{18, true, PageAlign::kCenter};
inline constexpr TextStyle kSubtitle{11, false, PageAlign::kCenter, 0.25};
inline constexpr TextStyle kHeading{11.5, true};
inline constexpr TextStyle kBody{10};
inline constexpr TextStyle kStrong{10.5, true};
inline constexpr TextStyle kCell{8.5};
inline constexpr TextStyle kCellRight{8.5, false, PageAlign::kRight};
inline constexpr TextStyle kCellCentre{8.5, false, PageAlign::kCenter};
inline constexpr TextStyle kHeaderCell{8.5, true, PageAlign::kLeft, 0};
inline constexpr TextStyle kSmall{7.5, false, PageAlign::kLeft, 0.3};
inline constexpr TextStyle kCaption{6.5, false, PageAlign::kCenter, 0.4};
}  // namespace styles

// A table's column: its heading, width in points and how its cells are aligned.
struct TableColumn {
  std::string heading;
  double width = 0;
  PageAlign align = PageAlign::kLeft;
  double font_size = 0;  // 0: the size of styles::kCell
};

// Rules between rows only, or boxes around every cell (forms, where marks are written in).
enum class TableLines { kRows, kGrid };

struct TableRow {
  std::vector<std::string> cells;
  bool bold = false;
  bool shaded = false;    // a grey background, for group headings and totals
  double min_height = 0;  // at least this tall (room to write in, on forms)
};

// One bar: what it is, its value and the value that fills the bar, and the text at its end.
struct Bar {
  std::string label;
  double value = 0;  // drawing only: values come rounded from exact marks
  double max = 0;
  std::string text;
};

// A line for a signature, with the signer's role before it and name (may be empty) after it.
struct SignatureLine {
  std::string role;
  std::string name;
};

// The modules of a QR code, row by row, without the quiet zone.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;  // size × size

  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Byte-mode QR code with error correction level M; the message says why it could not be made.
tl::expected<QrMatrix, std::string> EncodeQr(std::string_view text);

// A decoded PNG image, shared between drawings; see LoadPng.
struct PngImage {
  std::shared_ptr<cairo_surface_t> surface;
  int width = 0;
  int height = 0;
};

// A PNG file read by cairo; the message names the file and says why it is not a usable PNG.
tl::expected<PngImage, std::string> LoadPng(const std::string& path);

// Draws one document top to bottom, starting a new page when the next block does not fit.
class PageWriter {
 public:
  PageWriter(cairo_t* cairo, std::string footer, int total_pages);

  double y() const { return y_; }
  void Skip(double points) { y_ += points; }
  int page() const { return page_; }
  // Leaves room for `height` points, starting a new page when they do not fit on this one.
  void EnsureRoom(double height);
  void NewPage();
  // Closes the last page (draws its footer); RenderPdf calls it.
  void Finish();

  // A paragraph across the content width; returns its height.
  double Paragraph(const std::string& text, const TextStyle& style);
  // Text in a box of `width` at (x, y), without moving the cursor; returns its height.
  double TextAt(const std::string& text, const TextStyle& style, double x, double y, double width);
  double TextHeight(const std::string& text, const TextStyle& style, double width) const;
  // A heading that is never left alone at the foot of a page.
  void Heading(const std::string& text);
  // Label: value lines, labels in grey in a column of `label_width`.
  void Fields(const std::vector<std::pair<std::string, std::string>>& fields,
              double label_width = 150);
  void Rule(double width = 0.4, double grey = 0.6);

  // A table across the content width; its header repeats at the top of every page it spans.
  void Table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows,
             TableLines lines = TableLines::kRows);
  // Horizontal bars of values against their maxima: label, bar, text.
  void BarChart(const std::vector<Bar>& bars, double label_width = 150);
  // Signature lines side by side in two columns across `width` from the left margin, each with
  // "signature" and "full name" captions under it.
  void Signatures(const std::vector<SignatureLine>& lines, double width = kContentWidth);
  // An empty box to write in, at (x, y).
  void Box(double x, double y, double width, double height);
  void Qr(const QrMatrix& qr, double x, double y, double module_size);
  // The image scaled to fit `width` × `height` at (x, y), keeping its proportions; returns the
  // width it takes.
  double Image(const PngImage& image, double x, double y, double width, double height);
  // Link annotation over a rectangle (a PDF reader opens `uri` when it is clicked).
  void Link(const std::string& uri, double x, double y, double width, double height);

 private:
  void DrawFooter();

  cairo_t* cairo_;
  std::string footer_;
  int total_pages_;
  int page_ = 1;
  double y_ = kPageMargin;
};

struct PdfMetadata {
  std::string title;
  std::string author;
  std::string created_at;  // ISO 8601, may be empty
};

// The PDF of a document: `draw` fills the pages, `footer` is shown at the foot of each with the
// page number; the message says why drawing failed.
tl::expected<std::string, std::string> RenderPdf(const PdfMetadata& metadata,
                                                 const std::string& footer,
                                                 const std::function<void(PageWriter&)>& draw);

}  // namespace skillscore
