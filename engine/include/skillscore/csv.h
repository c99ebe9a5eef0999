// Reading CSV files as spreadsheets write them (shared/spec/cli.md, "CSV input"): UTF-8 with or
// without a BOM, RFC 4180 quoting (quoted fields may hold the delimiter, "" and line breaks), the
// delimiter ',' or ';' detected from the header line, CRLF or LF line ends. A header row is
// required; every row must have as many fields as the header.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"

namespace skillscore {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts in the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;
  char delimiter = ',';
  std::vector<std::string> header;  // trimmed column names
  std::vector<CsvRow> rows;         // data rows; blank lines are skipped

  // Index of a column by name, or nullopt.
  std::optional<std::size_t> Column(std::string_view name) const;
};

// Parses the whole text. Errors (unterminated quote, wrong number of fields, empty file) are
// Diagnostics with the file name and line; all of them are reported.
tl::expected<CsvTable, std::vector<Diagnostic>> ParseCsv(std::string_view text,
                                                          const std::string& file_name);

// Checks the header against the columns a file kind allows: every required column present,
// no unknown or repeated column. One diagnostic per problem, at line 1.
std::vector<Diagnostic> CheckColumns(const CsvTable& table,
                                     const std::vector<std::string>& required,
                                     const std::vector<std::string>& optional);

}  // namespace skillscore
