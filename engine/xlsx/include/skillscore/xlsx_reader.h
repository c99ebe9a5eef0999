// Reading Office Open XML workbooks (.xlsx) as plain cells: libzip opens the package, pugixml
// parses its parts. Only what skillscore's readers need is kept: each cell's kind, its text (shared
// strings resolved, rich text runs joined), whether it holds a formula, and the merged ranges.
//
// Refused with a message naming the file or part (XlsxError):
//   - a password-protected workbook (Excel stores it as an encrypted OLE2 compound file, as it
//     does an old .xls), or a ZIP entry that is itself encrypted;
//   - a corrupt package or part (not a ZIP, a part missing, XML that does not parse);
//   - a part that unpacks to more than XlsxReadOptions::max_unpacked_bytes: a ZIP bomb is
//     refused before it fills memory, counted as bytes are actually unpacked, not as the
//     archive's directory claims.
//
// Numbers are kept as the text of the stored value ("24.749999999999993"); DisplayedDecimal()
// turns that into the decimal Excel shows (15 significant digits: "24.75").
//
// Thread safety: a workbook is an immutable value once read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace skillscore {

// Rows and columns are 1-based, as Excel numbers them.
struct CellPosition {
  int row = 0;
  int column = 0;
};

// "A1", "K57", "AA3".
std::string CellName(CellPosition position);
// "K" for column 11.
std::string ColumnName(int column);

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber, kBoolean, kError };
  Kind kind = Kind::kEmpty;
  std::string value;     // text; a number as stored; "TRUE"/"FALSE"; an error such as "#DIV/0!"
  bool formula = false;  // the cell is computed; `value` is then Excel's cached result, if any
};

struct MergedRange {
  CellPosition first;
  CellPosition last;
  bool Contains(CellPosition position) const;
};

class XlsxSheet {
 public:
  XlsxSheet(std::string name, std::vector<std::vector<XlsxCell>> rows,
            std::vector<MergedRange> merged)
      : name_(std::move(name)), rows_(std::move(rows)), merged_(std::move(merged)) {}

  const std::string& name() const { return name_; }
  // The number of the last row that has any cell; 0 for an empty sheet.
  int RowCount() const { return static_cast<int>(rows_.size()); }
  // The number of the row's last column that has a cell; 0 for an empty row.
  int ColumnCount(int row) const;
  // The cell, or an empty one outside the used area.
  const XlsxCell& At(CellPosition position) const;
  // The merged range that covers the cell, if any.
  std::optional<MergedRange> MergedAt(CellPosition position) const;
  const std::vector<MergedRange>& merged() const { return merged_; }

 private:
  std::string name_;
  std::vector<std::vector<XlsxCell>> rows_;  // rows_[row - 1][column - 1]
  std::vector<MergedRange> merged_;
};

struct XlsxReadOptions {
  // The most a single part may unpack to; the largest legitimate sheet skillscore reads (a
  // million marks) stays well below it.
  std::uint64_t max_unpacked_bytes = std::uint64_t{512} << 20;
};

class XlsxWorkbook {
 public:
  // The sheets' names, in the workbook's tab order.
  const std::vector<std::string>& sheet_names() const { return sheet_names_; }
  // The sheet of that name, or why it cannot be read (absent, corrupt, too large).
  tl::expected<XlsxSheet, std::string> Sheet(std::string_view name) const;

  // Reads the package's directory, workbook part and shared strings; sheets are read on demand.
  static tl::expected<XlsxWorkbook, std::string> Open(std::string bytes,
                                                      const XlsxReadOptions& options = {});

 private:
  std::string bytes_;
  XlsxReadOptions options_;
  std::vector<std::string> sheet_names_;
  std::vector<std::string> sheet_parts_;  // "xl/worksheets/sheet1.xml", parallel to the names
  std::vector<std::string> shared_strings_;
};

// Whether bytes look like a workbook: a ZIP package ("PK\3\4") or an OLE2 compound file (an
// encrypted .xlsx or an old .xls), as opposed to text.
bool LooksLikeWorkbook(std::string_view bytes);

// A stored number as the decimal Excel displays: rounded to 15 significant digits, without
// exponent or trailing zeros ("24.749999999999993" → "24.75", "0E-8" → "0", "1e21" →
// "1000000000000000000000"); nullopt when the text is not a number.
std::optional<std::string> DisplayedDecimal(std::string_view stored);

}  // namespace skillscore
