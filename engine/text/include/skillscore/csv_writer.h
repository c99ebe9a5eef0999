// Writing CSV for spreadsheets (the counterpart of csv.h): RFC 4180 quoting, any delimiter.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skillscore {

// One record: fields joined by the delimiter and ended by '\n'. A field that holds the delimiter,
// a double quote, CR or LF, or starts or ends with a space, is enclosed in double quotes with each
// inner quote doubled. A field that a spreadsheet would run as a formula — it starts with '=',
// '+', '-', '@', a tab or CR, and is not a plain number such as "-2.5" — is written with a leading
// "'" (so a name "=cmd|' /C calc'!A0" stays text); numbers are written as they are.
std::string CsvRecord(const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace skillscore
