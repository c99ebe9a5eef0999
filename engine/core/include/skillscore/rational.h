// Exact rational numbers for marks.
//
// Every mark, maximum, deduction and total in skillscore is a Rational: real marking schemes use
// maxima such as 0.15 and 0.1 whose binary floating-point sums drift, and grade boundaries must be
// compared exactly (69.98 % is not 70 %). Values are kept normalised (lowest terms, positive
// denominator) in 64-bit integers; intermediate products use 128 bits. A result that does not fit
// in 64 bits throws std::overflow_error: no marking scheme comes near that, so it signals a bug or
// absurd input rather than an expected failure.
//
// Rounding happens only when a value is shown (ToDecimal) or when a rubric policy asks for it
// (RoundedTo); both round half away from zero.
//
// Thread safety: a value type; distinct objects may be used from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillscore {

class Rational {
 public:
  constexpr Rational() = default;
  // Implicit on purpose: whole numbers are rationals, and `mark == 0` reads naturally.
  constexpr Rational(std::int64_t integer) : numerator_(integer) {}  // NOLINT(runtime/explicit)

  // numerator / denominator in lowest terms; the denominator must not be 0.
  static Rational Of(std::int64_t numerator, std::int64_t denominator);

  // Parses a plain decimal: optional sign, digits, optional '.' or ',' and digits ("0,5", "-2",
  // "33.3"). No exponent, no thousands separators, no surrounding spaces. nullopt when malformed
  // or out of range.
  static std::optional<Rational> ParseDecimal(std::string_view text);

  std::int64_t numerator() const { return numerator_; }
  std::int64_t denominator() const { return denominator_; }

  bool IsInteger() const { return denominator_ == 1; }
  // True when the value has at most `decimals` digits after the decimal point (0.15 has 2).
  bool HasAtMostDecimals(int decimals) const;

  Rational Abs() const { return numerator_ < 0 ? -*this : *this; }
  // Rounded to `decimals` places, half away from zero (2.345 → 2.35, −2.345 → −2.35).
  Rational RoundedTo(int decimals) const;
  // Rounded to a whole number, half away from zero.
  std::int64_t RoundedToInteger() const;
  // Fixed-point text with exactly `decimals` places and '.' as separator, rounded half away from
  // zero; "-0.00" is never produced.
  std::string ToDecimal(int decimals) const;
  // For statistics only (never for marks or results).
  double ToDouble() const { return static_cast<double>(numerator_) / denominator_; }

  Rational operator-() const { return Of(-numerator_, denominator_); }
  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // Throws std::domain_error on division by zero.
  friend Rational operator/(const Rational& a, const Rational& b);
  Rational& operator+=(const Rational& other) { return *this = *this + other; }
  Rational& operator-=(const Rational& other) { return *this = *this - other; }
  Rational& operator*=(const Rational& other) { return *this = *this * other; }
  Rational& operator/=(const Rational& other) { return *this = *this / other; }

  friend bool operator==(const Rational& a, const Rational& b) = default;
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

 private:
  std::int64_t numerator_ = 0;
  std::int64_t denominator_ = 1;
};

}  // namespace skillscore
