#include "skillscore/text_table.h"

#include <gtest/gtest.h>

namespace skillscore {
namespace {

TEST(TextTableTest, DisplayWidthCountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("Ivanov"), 6);
  EXPECT_EQ(DisplayWidth("Иванов"), 6);
  EXPECT_EQ(DisplayWidth("Колледж №1 — «Ёлка»"), 19);
}

TEST(TextTableTest, CombiningMarksAndZeroWidthCharactersTakeNoColumn) {
  EXPECT_EQ(DisplayWidth("Ива\xCC\x81нов"), 6);  // и with U+0301 COMBINING ACUTE ACCENT
  EXPECT_EQ(DisplayWidth("a\xE2\x80\x8B"
                         "b"),
            2);  // U+200B ZERO WIDTH SPACE
}

TEST(TextTableTest, EastAsianWideCharactersTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("日本"), 4);
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4);
}

TEST(TextTableTest, InvalidBytesTakeOneColumnEach) { EXPECT_EQ(DisplayWidth("a\xFF\xFE"), 3); }

TEST(TextTableTest, AlignsCyrillicAndNumbersByDisplayWidth) {
  std::vector<TextColumn> columns = {{"Rank", Align::kRight}, {"Name"}, {"Total", Align::kRight}};
  std::vector<std::vector<std::string>> rows = {
      {"1", "Иванов Иван", "52.17"},
      {"10", "Li", "7.00"},
  };
  EXPECT_EQ(RenderTextTable(columns, rows),
            "Rank  Name         Total\n"
            "   1  Иванов Иван  52.17\n"
            "  10  Li            7.00\n");
}

TEST(TextTableTest, LinesHaveNoTrailingSpacesAndShortRowsAreBlank) {
  std::vector<TextColumn> columns = {{"A"}, {"Long heading"}};
  EXPECT_EQ(RenderTextTable(columns, {{"x"}, {"yyyy", ""}}),
            "A     Long heading\n"
            "x\n"
            "yyyy\n");
}

// Issue 17, item 10: names with terminal escapes (colour, OSC title, clear screen) are shown
// escaped, and the columns are aligned on what is shown.
TEST(TextTableTest, ControlCharactersAreShownEscaped) {
  std::vector<TextColumn> columns = {{"Name"}, {"Total", Align::kRight}};
  EXPECT_EQ(RenderTextTable(columns, {{"\x1b[31mRed", "1"}, {"\x1b]0;pwned\a\x1b[2J", "2"}}),
            "Name                     Total\n"
            "\\x1B[31mRed                  1\n"
            "\\x1B]0;pwned\\x07\\x1B[2J      2\n");
}

}  // namespace
}  // namespace skillscore
