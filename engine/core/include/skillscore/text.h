// Small text helpers shared by the readers (CSV, rosters, mark values, entry), the service and the
// command line: one definition of what "trimmed" means. In the core, because the
// conflict-of-interest rule compares organisations trimmed; header-only, so the core still links
// nothing.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace skillscore {

// Spaces: what a CSV field is trimmed of. A tab is kept, so that `\t=1+1` is not turned into a
// formula and is refused in ids and names as a control character (identifier.h).
inline constexpr std::string_view kSpaces = " ";
// Blanks within a line: a column name, a spreadsheet cell, an id typed on the command line.
inline constexpr std::string_view kBlanks = " \t";
// Blanks and line ends: free text that may have been typed or pasted over several lines.
inline constexpr std::string_view kWhitespace = " \t\r\n";

// `text` without the leading and trailing characters that are in `characters`. Every caller
// names the set, so that what a reader trims is visible where it reads. (A plain loop: the
// readers trim every field of million-row files, and find_first_not_of calls memchr per byte.)
constexpr std::string_view Trim(std::string_view text, std::string_view characters) {
  auto trimmed = [characters](char c) {
    for (char trimmed_character : characters) {
      if (c == trimmed_character) return true;
    }
    return false;
  };
  while (!text.empty() && trimmed(text.front())) text.remove_prefix(1);
  while (!text.empty() && trimmed(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace skillscore
