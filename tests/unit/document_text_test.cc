#include "skillscore/document_text.h"

#include <gtest/gtest.h>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

class DocumentTextTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }
};

TEST_F(DocumentTextTest, NumbersHaveTheSameDecimalsEverywhere) {
  EXPECT_EQ(LocalDecimal(Rational::Of(117, 10), 2), "11.70");
  EXPECT_EQ(LocalDecimal(Rational::Of(1714, 100), 2), "17.14");
  EXPECT_EQ(LocalDecimal(Rational::Of(2, 3), 2), "0.67");
  EXPECT_EQ(LocalDecimal(Rational(25), 1), "25.0");
  EXPECT_EQ(LocalDecimal("18.5", 2), "18.50");
  EXPECT_EQ(LocalDecimal("25", 2), "25.00");
  EXPECT_EQ(LocalDecimal("n/a", 2), "n/a");
  SetLanguage(Language::kRussian);
  EXPECT_EQ(LocalDecimal(Rational::Of(117, 10), 2), "11,70");
  EXPECT_EQ(LocalDecimal("52.17", 2), "52,17");
}

TEST_F(DocumentTextTest, DecimalPlacesOfARecordNumber) {
  EXPECT_EQ(DecimalPlaces("52.17"), 2);
  EXPECT_EQ(DecimalPlaces("18.5"), 1);
  EXPECT_EQ(DecimalPlaces("25"), 0);
}

TEST_F(DocumentTextTest, RussianDatesAreDayMonthYear) {
  EXPECT_EQ(LocalDate("2026-04-12"), "2026-04-12");
  EXPECT_EQ(LocalTimestamp("2026-04-20T10:15:00Z"), "2026-04-20 10:15 UTC");
  SetLanguage(Language::kRussian);
  EXPECT_EQ(LocalDate("2026-04-12"), "12.04.2026");
  EXPECT_EQ(LocalDate(""), "");
  EXPECT_EQ(LocalDate("весной"), "весной");
  EXPECT_EQ(LocalTimestamp("2026-04-20T10:15:00Z"), "20.04.2026 10:15 UTC");
}

TEST_F(DocumentTextTest, GradesInWords) {
  EXPECT_EQ(GradeText(5), "5 (excellent)");
  EXPECT_EQ(GradeText(2), "2 (unsatisfactory)");
  EXPECT_EQ(GradeText(7), "7");
  EXPECT_EQ(GradeWord(1), std::nullopt);
  SetLanguage(Language::kRussian);
  EXPECT_EQ(GradeText(5), "5 (отлично)");
  EXPECT_EQ(GradeText(4), "4 (хорошо)");
  EXPECT_EQ(GradeText(3), "3 (удовлетворительно)");
  EXPECT_EQ(GradeText(2), "2 (неудовлетворительно)");
}

}  // namespace
}  // namespace skillscore
