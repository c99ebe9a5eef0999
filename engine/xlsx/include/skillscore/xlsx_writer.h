// Writing workbooks (.xlsx) through libxlsxwriter, for the CIS marking scheme and the results
// workbooks. A thin layer that keeps libxlsxwriter's C interface out of the rest of the code and
// makes writing all-or-nothing: the workbook is written to a temporary file next to the target
// and renamed over it only when complete, so a failed write leaves no partial file.
//
// Thread safety: one writer per thread.
#pragma once

#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace skillscore {

class XlsxWriter {
 public:
  explicit XlsxWriter(std::string path);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Adds a sheet and makes it the one written to. Names longer than Excel's 31 characters are
  // cut; characters Excel forbids in sheet names ([]:*?/\) become spaces.
  void AddSheet(const std::string& name);
  // Bold text, for header rows.
  void Header(int row, int column, const std::string& text);
  void Text(int row, int column, const std::string& text);
  // A number shown with `decimals` places (Excel's "0.00"), or as Excel's General when negative.
  void Number(int row, int column, double value, int decimals = -1);
  // The header row stays in view while scrolling, with a filter over the columns in use.
  void FreezeHeader(int last_row, int last_column);
  void ColumnWidth(int first_column, int last_column, double width);

  // Finishes the file; the error says why it could not be written.
  tl::expected<void, std::string> Close();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace skillscore
