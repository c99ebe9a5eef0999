// Small text helpers shared by the readers (CSV, rosters, mark values, entry) and the command
// line: one definition of what "trimmed" means.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace skillscore {

// Blanks within a line: a CSV field, a spreadsheet cell, an id typed on the command line.
inline constexpr std::string_view kBlanks = " \t";
// Blanks and line ends: free text that may have been typed or pasted over several lines.
inline constexpr std::string_view kWhitespace = " \t\r\n";

// `text` without the leading and trailing characters that are in `characters`. Every caller
// names the set, so that what a reader trims is visible where it reads.
constexpr std::string_view Trim(std::string_view text, std::string_view characters) {
  const std::size_t first = text.find_first_not_of(characters);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(characters) - first + 1);
}

}  // namespace skillscore
