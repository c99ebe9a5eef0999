// Reading a CSV text row by row, for readers that check each row as it is read instead of keeping
// the whole table first (ReadMarksCsv, for files of millions of marks). ParseCsv is built on it,
// so both read a text by the same rules (csv.h).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/csv.h"
#include "skillscore/diagnostic.h"

namespace skillscore {

// ParseCsv without keeping the rows: sets the table's file, delimiter, header_line and header,
// and hands every data row that is as wide as the header to `take`, in file order, instead of
// adding it to table.rows. The header is set before the first row is taken. `take` may move from
// the row; otherwise its storage is reused for the next one. Returns ParseCsv's diagnostics, in
// line order: when there are any, the text is not a valid table.
std::vector<Diagnostic> ReadCsvRows(std::string_view text, const std::string& file_name,
                                    CsvTable& table, const std::function<void(CsvRow&)>& take);

// ReadCsvRows of the text read from `in` about `piece_size` bytes at a time (whole lines; longer
// when a line or a quoted field is), each piece dropped once its rows are taken, so that the
// memory it takes does not grow with the text. The same table, rows and diagnostics.
std::vector<Diagnostic> ReadCsvRows(std::istream& in, std::size_t piece_size,
                                    const std::string& file_name, CsvTable& table,
                                    const std::function<void(CsvRow&)>& take);

// The number of line ends in the text: at least the number of its data rows, to reserve room.
std::size_t CountLines(std::string_view text);

}  // namespace skillscore
