// libFuzzer target: the XLSX reader (xlsx_reader.h) and the readers built on it — a sheet of
// people or marks as CSV text (sheet_table.h) and the CIS marking-scheme workbook
// (cis_workbook.h). Whatever the bytes, each returns a workbook, a sheet, a rubric or a message —
// no crash, no hang, no unbounded memory (a part is capped as XlsxReadOptions says) — and every
// cell of a sheet that reads lies within the sheet's used area.
#include <cstddef>
#include <cstdint>
#include <string>

#include "skillscore/cis_workbook.h"
#include "skillscore/sheet_table.h"
#include "skillscore/xlsx_reader.h"

namespace {

void ReadEverySheet(const skillscore::XlsxWorkbook& workbook) {
  for (const std::string& name : workbook.sheet_names()) {
    auto sheet = workbook.Sheet(name);
    if (!sheet) continue;
    for (int row = 1; row <= sheet->RowCount(); ++row) {
      for (int column = 1; column <= sheet->ColumnCount(row); ++column) {
        const skillscore::CellPosition position{row, column};
        (void)skillscore::CellName(position);
        (void)sheet->MergedAt(position);
        const skillscore::XlsxCell& cell = sheet->At(position);
        if (cell.kind == skillscore::XlsxCell::Kind::kNumber) {
          (void)skillscore::DisplayedDecimal(cell.value);
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillscore;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  if (auto workbook = XlsxWorkbook::Open(bytes)) ReadEverySheet(*workbook);
  (void)SheetAsCsv(bytes, "fuzz.xlsx", std::nullopt);
  (void)ReadCisWorkbook(bytes, "fuzz.xlsx", CisReadOptions{});
  return 0;
}
