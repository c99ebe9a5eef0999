// Text compared as a person reads it in a spreadsheet or on a command line: without letter case
// (Latin and Cyrillic) and with ё read as е. The one definition for every keyword and name that
// skillscore accepts in either case — column names, statuses and roles, encoding names.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skillscore {

// `text` (UTF-8) with A–Z, А–Я and Ё as small letters and ё as е; every other character as it is.
std::string FoldCase(std::string_view text);

}  // namespace skillscore
