// FoldCase (case_fold.h): the one comparison of keywords and column names without letter case.
#include "skillscore/case_fold.h"

#include <gtest/gtest.h>

namespace skillscore {
namespace {

TEST(CaseFoldTest, LatinAndCyrillicCapitalsBecomeSmall) {
  EXPECT_EQ(FoldCase("ГЛАВНЫЙ ЭКСПЕРТ"), "главный эксперт");
  EXPECT_EQ(FoldCase("Группы Оценки"), "группы оценки");
  EXPECT_EQ(FoldCase("UTF-8"), "utf-8");
  EXPECT_EQ(FoldCase("Windows-1251"), "windows-1251");
  EXPECT_EQ(FoldCase("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"), "абвгдежзийклмнопрстуфхцчшщъыьэюя");
}

TEST(CaseFoldTest, YoIsReadAsYe) {
  EXPECT_EQ(FoldCase("Ё"), "е");
  EXPECT_EQ(FoldCase("ёлка"), "елка");
  EXPECT_EQ(FoldCase("Ф.И.О."), "ф.и.о.");
}

TEST(CaseFoldTest, EverythingElseIsKept) {
  EXPECT_EQ(FoldCase(""), "");
  EXPECT_EQ(FoldCase("№ 54, «Ω» — 3,5"), "№ 54, «Ω» — 3,5");  // Greek is not folded
  EXPECT_EQ(FoldCase("already small"), "already small");
}

}  // namespace
}  // namespace skillscore
