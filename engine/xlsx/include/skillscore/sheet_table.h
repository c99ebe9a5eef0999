// A workbook sheet of candidates, judges or marks as the CSV text it stands for, so that the CSV
// readers (csv.h, exam_files.h) check it by exactly the same rules. Row N of the sheet is line N of
// the text, so the readers' line numbers are the sheet's row numbers; the text's name is
// "file.xlsx:Sheet", which makes diagnostics read "marks.xlsx:Лист1:5: error: …".
//
// Cells become fields as Excel shows them: numbers as the decimal displayed (15 significant
// digits: 0.30000000000000004 → 0.3), TRUE / FALSE as such, line breaks inside a cell as spaces.
// Refused, each naming sheet and cell: a formula (its stored result may be stale: enter values),
// an error value (#DIV/0!…), a merged cell.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"

namespace skillscore {

struct SheetText {
  std::string name;  // "marks.xlsx:Лист1"
  std::string csv;
};

// The sheet `sheet` of the workbook, or its first sheet.
tl::expected<SheetText, std::vector<Diagnostic>> SheetAsCsv(
    std::string bytes, const std::string& file_name, const std::optional<std::string>& sheet);

}  // namespace skillscore
