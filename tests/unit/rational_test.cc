#include "skillscore/rational.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace skillscore {
namespace {

Rational Dec(const char* text) { return Rational::ParseDecimal(text).value(); }

TEST(RationalTest, FloatDriftingSumsAreExact) {
  Rational sum;
  for (int i = 0; i < 165; ++i) sum += Dec("0.15");
  EXPECT_EQ(sum, Dec("24.75"));
  EXPECT_EQ(sum.ToDecimal(2), "24.75");
}

TEST(RationalTest, NormalisesToLowestTerms) {
  Rational r = Rational::Of(6, -4);
  EXPECT_EQ(r.numerator(), -3);
  EXPECT_EQ(r.denominator(), 2);
}

TEST(RationalTest, ParsesDecimalPointAndComma) {
  EXPECT_EQ(Dec("0,5"), Rational::Of(1, 2));
  EXPECT_EQ(Dec("33.3"), Rational::Of(333, 10));
  EXPECT_EQ(Dec("-2"), Rational(-2));
  EXPECT_EQ(Dec("+1.50"), Rational::Of(3, 2));
}

TEST(RationalTest, RejectsMalformedDecimals) {
  for (const char* bad : {"", "-", ".5", "5.", "1.2.3", "1,2,3", "1e3", " 1", "1 ", "abc", "0x10",
                          "99999999999999999999"}) {
    EXPECT_FALSE(Rational::ParseDecimal(bad).has_value()) << bad;
  }
}

TEST(RationalTest, RoundsHalfAwayFromZeroOnlyAtOutput) {
  EXPECT_EQ(Dec("2.345").ToDecimal(2), "2.35");
  EXPECT_EQ(Dec("-2.345").ToDecimal(2), "-2.35");
  EXPECT_EQ(Dec("2.344").ToDecimal(2), "2.34");
  EXPECT_EQ(Rational::Of(7, 6).ToDecimal(2), "1.17");
  EXPECT_EQ(Rational::Of(78409, 18000).ToDecimal(2), "4.36");
  EXPECT_EQ(Dec("-0.004").ToDecimal(2), "0.00");
  EXPECT_EQ(Rational(5).ToDecimal(0), "5");
  EXPECT_EQ(Dec("0.5").ToDecimal(0), "1");
  EXPECT_EQ(Dec("0.05").ToDecimal(3), "0.050");
}

TEST(RationalTest, RoundedToKeepsExactValue) {
  EXPECT_EQ(Rational::Of(7, 6).RoundedTo(2), Dec("1.17"));
  EXPECT_EQ(Dec("-1.005").RoundedTo(2), Dec("-1.01"));
  EXPECT_EQ(Dec("2.5").RoundedToInteger(), 3);
  EXPECT_EQ(Dec("-2.5").RoundedToInteger(), -3);
}

TEST(RationalTest, DecimalPlaces) {
  EXPECT_TRUE(Dec("0.15").HasAtMostDecimals(2));
  EXPECT_TRUE(Dec("0.150").HasAtMostDecimals(2));
  EXPECT_FALSE(Dec("0.155").HasAtMostDecimals(2));
  EXPECT_FALSE(Rational::Of(1, 3).HasAtMostDecimals(2));
}

TEST(RationalTest, ComparesExactly) {
  EXPECT_LT(Dec("69.98"), Rational(70));
  EXPECT_GT(Rational::Of(1, 3), Dec("0.333333"));
  EXPECT_EQ(Rational::Of(2, 4), Dec("0.5"));
}

TEST(RationalTest, ValuesBeyond64BitsStayExact) {
  const Rational big = Rational(INT64_MAX) * Rational(INT64_MAX);
  EXPECT_TRUE(big.IsBig());
  EXPECT_EQ(big.ToFractionText(), "85070591730234615847396907784232501249");
  EXPECT_THROW(big.numerator(), std::overflow_error);
  EXPECT_GT(big, Rational(INT64_MAX));
  EXPECT_LT(-big, Rational(-INT64_MAX));
  // Back in 64 bits as soon as the value fits.
  const Rational back = big / Rational(INT64_MAX);
  EXPECT_FALSE(back.IsBig());
  EXPECT_EQ(back, Rational(INT64_MAX));
  const Rational tiny = Rational::Of(1, 999999937) * Rational::Of(1, 2147483647) *
                        Rational::Of(1, 4611686018427387847LL);
  EXPECT_TRUE(tiny.IsBig());
  EXPECT_EQ(tiny.ToDecimal(2), "0.00");
  EXPECT_EQ((tiny * Rational(999999937) * Rational(2147483647)).ToFractionText(),
            "1/4611686018427387847");
  EXPECT_EQ((big + Rational::Of(1, 2)).ToDecimal(1), "85070591730234615847396907784232501249.5");
  EXPECT_EQ((-big - Rational::Of(1, 2)).ToDecimal(0), "-85070591730234615847396907784232501250");
  EXPECT_EQ((big + Rational::Of(1, 3)).RoundedTo(2) - big, Rational::Of(33, 100));
}

TEST(RationalTest, BigValuesKeepTheSignOnTheNumerator) {
  // 13 · (−(2^63 − 1)) does not fit in 64 bits: the quotient's denominator is made positive.
  const Rational quotient = Rational::Of(99999999999, 13) / Rational::Of(-INT64_MAX, 19);
  EXPECT_EQ(quotient.ToFractionText(), "-1899999999981/119903836479112085491");
  EXPECT_LT(quotient, Rational(0));
  EXPECT_EQ(quotient * Rational::Of(-INT64_MAX, 19), Rational::Of(99999999999, 13));
}

TEST(RationalTest, MostNegative64BitValueIsKeptExactly) {
  const Rational lowest = Rational(INT64_MIN);
  EXPECT_EQ(lowest.ToFractionText(), "-9223372036854775808");
  EXPECT_EQ((-lowest).ToFractionText(), "9223372036854775808");
  EXPECT_EQ(lowest + Rational(1), Rational(-INT64_MAX));
}

TEST(RationalTest, DivisionByZeroThrows) {
  EXPECT_THROW(Rational(1) / Rational(0), std::domain_error);
  EXPECT_THROW(Rational(INT64_MAX) * Rational(INT64_MAX) / Rational(0), std::domain_error);
}

}  // namespace
}  // namespace skillscore
