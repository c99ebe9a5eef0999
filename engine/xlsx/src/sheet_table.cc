#include "skillscore/sheet_table.h"

#include <algorithm>
#include <set>

#include "skillscore/i18n.h"
#include "skillscore/xlsx_reader.h"

namespace skillscore {
namespace {

std::string CsvField(std::string text) {
  std::replace(text.begin(), text.end(), '\r', ' ');
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::string field = "\"";
  for (char c : text) {
    if (c == '"') field += '"';
    field += c;
  }
  return field + '"';
}

// The last column with a value or a formula; 0 for a row without any.
int LastUsedColumn(const XlsxSheet& sheet, int row) {
  for (int column = sheet.ColumnCount(row); column > 0; --column) {
    const XlsxCell& cell = sheet.At({row, column});
    if (!cell.value.empty() || cell.formula) return column;
  }
  return 0;
}

}  // namespace

tl::expected<SheetText, std::vector<Diagnostic>> SheetAsCsv(
    std::string bytes, const std::string& file_name, const std::optional<std::string>& sheet_name) {
  auto fail = [&](const std::string& where, std::string message) {
    return tl::make_unexpected(
        std::vector<Diagnostic>{{Severity::kError, where, 0, 0, std::move(message)}});
  };
  auto workbook = XlsxWorkbook::Open(std::move(bytes));
  if (!workbook) return fail(file_name, workbook.error());
  std::string name = sheet_name.value_or(workbook->sheet_names().front());
  auto sheet = workbook->Sheet(name);
  if (!sheet) return fail(file_name, sheet.error());

  std::vector<Diagnostic> problems;
  std::set<std::string> reported_merges;
  auto problem = [&](CellPosition position, std::string message) {
    problems.push_back({Severity::kError, file_name + ":" + name + "!" + CellName(position), 0, 0,
                        std::move(message)});
  };
  SheetText text{file_name + ":" + name, {}};
  int width = 0;
  for (int row = 1; row <= sheet->RowCount(); ++row) {
    int last = LastUsedColumn(*sheet, row);
    if (width == 0) width = last;  // the header: the first row with a cell
    if (last == 0) {
      text.csv += '\n';  // a blank line, which the CSV reader skips
      continue;
    }
    for (int column = 1; column <= std::max(width, last); ++column) {
      CellPosition position{row, column};
      const XlsxCell& cell = sheet->At(position);
      if (auto range = sheet->MergedAt(position)) {
        if (reported_merges.insert(CellName(range->first)).second) {
          problem(range->first, Tr("merged cells {0}:{1}; unmerge them, every value in its own "
                                   "cell",
                                   CellName(range->first), CellName(range->last)));
        }
      } else if (cell.formula) {
        problem(position, Tr("a formula where a value is expected; enter the value itself (paste "
                             "values only)"));
      } else if (cell.kind == XlsxCell::Kind::kError) {
        problem(position, Tr("the cell holds the error {0}", cell.value));
      }
      if (column > 1) text.csv += ',';
      text.csv += CsvField(cell.kind == XlsxCell::Kind::kNumber
                               ? DisplayedDecimal(cell.value).value_or(cell.value)
                               : cell.value);
    }
    text.csv += '\n';
  }
  if (!problems.empty()) return tl::make_unexpected(std::move(problems));
  return text;
}

}  // namespace skillscore
