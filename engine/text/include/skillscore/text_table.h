// Aligned plain-text tables for people (results, status, history on a terminal).
//
// Columns are as wide as their widest cell measured in terminal columns, not bytes, so that
// Cyrillic names line up: one column per code point, none for combining marks and zero-width
// characters, two for East Asian wide characters. Columns are separated by two spaces; lines
// carry no trailing spaces. No colour and no box drawing, so output is the same on a dumb
// terminal, under NO_COLOR and in a file.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skillscore {

// Terminal columns taken by UTF-8 text (invalid bytes count one column each).
int DisplayWidth(std::string_view utf8);

enum class Align { kLeft, kRight };

struct TextColumn {
  std::string heading;
  Align align = Align::kLeft;  // numbers are right-aligned
};

// The heading line, then one line per row; each row has one cell per column (missing cells are
// blank). Every line ends with '\n'. Control characters in cells are shown escaped ("\x1B",
// "\n"), so that text from files never sends a terminal an escape sequence.
std::string RenderTextTable(const std::vector<TextColumn>& columns,
                            const std::vector<std::vector<std::string>>& rows);

}  // namespace skillscore
