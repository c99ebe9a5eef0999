// The input files of candidates, judges and marks as CSV text, whatever form they come in: a
// workbook (.xlsx, its first sheet or --sheet) becomes the CSV its sheet stands for
// (sheet_table.h), a CSV file in Windows-1251 is converted to UTF-8 (text_encoding.h; detected, or
// --encoding), so that every reader after this sees UTF-8 CSV and checks it by the same rules.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "skillscore/exam_files.h"
#include "skillscore/text_encoding.h"

namespace skillscore::cli {

// How tables are read: --sheet and --encoding.
struct TableReading {
  std::optional<std::string> sheet;             // the sheet of workbook inputs, else the first
  TextEncoding encoding = TextEncoding::kAuto;  // of CSV inputs
};

struct TableInput {
  std::string name;  // for messages: the path, or "book.xlsx:Sheet"
  std::string text;  // UTF-8 CSV
};

// Reads `path` ("-" is `in`). A note on stderr says when a file was read as Windows-1251.
tl::expected<TableInput, Diagnostics> ReadTableInput(const std::string& path, std::istream& in,
                                                     const TableReading& reading);

// Whether the file at `path` must be read whole by ReadTableInput rather than streamed as UTF-8
// CSV: a workbook, --encoding cp1251, or a first piece that is not UTF-8.
bool NeedsConversion(const std::string& path, const TableReading& reading);

}  // namespace skillscore::cli
