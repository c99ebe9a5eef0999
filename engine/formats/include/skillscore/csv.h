// Reading CSV files as spreadsheets write them (shared/spec/cli.md, "CSV input"): UTF-8 with or
// without a BOM, RFC 4180 quoting (quoted fields may hold the delimiter, "" and line breaks), the
// delimiter ',' or ';' detected from the header line, CRLF or LF line ends. A header row is
// required; every row must have as many fields as the header.
//
// The details, for users and for the readers built on this:
//   - Delimiter: ';' when the header line holds a ';' outside quotes, else ','. A ';' header
//     means a spreadsheet set to Russian, whose numbers use a decimal comma; a header with both
//     characters outside quotes is therefore read as ';'.
//   - Unquoted fields are trimmed of surrounding spaces (not tabs: a tab is data, so "\t=1+1"
//     stays as written, and the readers of ids and names refuse it as a control character);
//     quoted fields are kept as written, and spaces around the quotes are ignored. Column names
//     are trimmed of spaces and tabs. A '"' inside an unquoted field is kept
//     as text; text after a closing quote is an error. CRLF inside a quoted field becomes LF.
//   - Blank lines, and rows whose fields are all empty (spreadsheets write ";;;" for rows that
//     once held formatting), are skipped. The header is the first row that is not skipped.
//   - Values are text: "0,5" stays "0,5" (the mark readers parse numbers).
//   - Bytes that are not UTF-8 (a file saved as Windows-1251) are reported, one error per line.
//   - A field holds at most kMaxCsvFieldBytes bytes and, when read from a stream, a line at most
//     kMaxCsvLineBytes: longer ones are errors quoting a short excerpt (an endless line such as
//     /dev/zero stops the reading there instead of filling memory).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"

namespace skillscore {

inline constexpr std::size_t kMaxCsvFieldBytes = std::size_t{64} << 10;
inline constexpr std::size_t kMaxCsvLineBytes = std::size_t{1} << 20;

struct CsvRow {
  int line = 0;  // 1-based line where the row starts in the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;
  char delimiter = ',';
  int header_line = 1;              // line of the header row (after any skipped blank lines)
  std::vector<std::string> header;  // trimmed column names
  std::vector<CsvRow> rows;         // data rows; blank lines are skipped

  // Index of a column by name, or nullopt.
  std::optional<std::size_t> Column(std::string_view name) const;
};

// Parses the whole text. Errors (invalid UTF-8, unterminated quote, text after a closing quote,
// wrong number of fields, empty file) are Diagnostics with the file name and line (0 for an empty
// file), in line order; all of them are reported, except that an unterminated quote swallows the
// rest of the file.
tl::expected<CsvTable, std::vector<Diagnostic>> ParseCsv(std::string_view text,
                                                         const std::string& file_name);

// Checks the header against the columns a file kind allows: every required column present,
// no unknown or repeated column. One diagnostic per problem, at the header's line.
std::vector<Diagnostic> CheckColumns(const CsvTable& table,
                                     const std::vector<std::string>& required,
                                     const std::vector<std::string>& optional);

}  // namespace skillscore
