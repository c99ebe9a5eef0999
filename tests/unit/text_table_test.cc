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

}  // namespace
}  // namespace skillscore
