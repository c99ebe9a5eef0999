#include "skillscore/text_table.h"

#include <algorithm>

#include "skillscore/identifier.h"
#include "skillscore/utf8.h"

namespace skillscore {
namespace {

struct CodePointRange {
  char32_t first;
  char32_t last;
};

bool InRanges(char32_t c, const CodePointRange* begin, const CodePointRange* end) {
  return std::any_of(begin, end,
                     [c](const CodePointRange& r) { return c >= r.first && c <= r.last; });
}

// Combining marks (Latin and Cyrillic accents, e.g. the stress mark U+0301) and zero-width
// characters take no column of their own.
bool IsZeroWidth(char32_t c) {
  static constexpr CodePointRange kRanges[] = {
      {0x0300, 0x036F}, {0x0483, 0x0489}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
      {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
  };
  return InRanges(c, std::begin(kRanges), std::end(kRanges));
}

// East Asian wide and fullwidth characters take two columns.
bool IsWide(char32_t c) {
  static constexpr CodePointRange kRanges[] = {
      {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF}, {0x3400, 0x4DBF},
      {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
      {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
      {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
  };
  return InRanges(c, std::begin(kRanges), std::end(kRanges));
}

std::string Pad(const std::string& cell, int width, Align align) {
  std::string padding(static_cast<std::size_t>(std::max(0, width - DisplayWidth(cell))), ' ');
  return align == Align::kLeft ? cell + padding : padding + cell;
}

void AppendLine(const std::vector<TextColumn>& columns, const std::vector<int>& widths,
                const std::vector<std::string>& cells, std::string& out) {
  std::string line;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += "  ";
    line += Pad(i < cells.size() ? cells[i] : "", widths[i], columns[i].align);
  }
  line.erase(line.find_last_not_of(' ') + 1);
  out += line + '\n';
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  int width = 0;
  for (std::size_t position = 0; position < utf8.size();) {
    char32_t c = DecodeUtf8(utf8, position);
    width += IsZeroWidth(c) ? 0 : IsWide(c) ? 2 : 1;
  }
  return width;
}

std::string RenderTextTable(const std::vector<TextColumn>& columns,
                            const std::vector<std::vector<std::string>>& raw_rows) {
  // Control characters never reach the terminal: an escape sequence in a name could recolour,
  // retitle or clear it.
  std::vector<std::vector<std::string>> rows;
  rows.reserve(raw_rows.size());
  for (const auto& raw_row : raw_rows) {
    std::vector<std::string>& row = rows.emplace_back();
    for (const std::string& cell : raw_row) row.push_back(EscapeControls(cell));
  }
  std::vector<int> widths;
  for (const TextColumn& column : columns) widths.push_back(DisplayWidth(column.heading));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < std::min(row.size(), widths.size()); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::vector<std::string> headings;
  for (const TextColumn& column : columns) headings.push_back(column.heading);
  std::string out;
  AppendLine(columns, widths, headings, out);
  for (const auto& row : rows) AppendLine(columns, widths, row, out);
  return out;
}

}  // namespace skillscore
