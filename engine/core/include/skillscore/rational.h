// Exact rational numbers for marks.
//
// Every mark, maximum, deduction and total in skillscore is a Rational: real marking schemes use
// maxima such as 0.15 and 0.1 whose binary floating-point sums drift, and grade boundaries must be
// compared exactly (69.98 % is not 70 %). Values are kept normalised (lowest terms, positive
// denominator) in 64-bit integers; intermediate products use 128 bits. A value whose numerator or
// denominator does not fit in 64 bits is kept in arbitrary precision instead
// (Boost.Multiprecision's cpp_rational, behind a shared immutable pointer), so arithmetic is never
// refused or wrong: a rubric with deductions such as 57.142857 and a 14/11/8 robust scale reaches
// such values. Values go back to 64 bits as soon as they fit, so the fast path is the usual one.
//
// Rounding happens only when a value is shown (ToDecimal) or when a rubric policy asks for it
// (RoundedTo); both round half away from zero.
//
// Thread safety: a value type; distinct objects may be used from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace skillscore {

struct BigRational;  // rational.cc: Boost's cpp_rational, kept out of this header

class Rational {
 public:
  Rational() = default;
  // Implicit on purpose: whole numbers are rationals, and `mark == 0` reads naturally.
  Rational(std::int64_t integer) : numerator_(integer) {  // NOLINT(runtime/explicit)
    if (integer == INT64_MIN) *this = Of(integer, 1);     // its negation needs more than 64 bits
  }

  // numerator / denominator in lowest terms; the denominator must not be 0.
  static Rational Of(std::int64_t numerator, std::int64_t denominator);
  // numerator / denominator of 128-bit integers (exact sums kept wide, scoring.cc).
  __extension__ static Rational OfWide(__int128 numerator, __int128 denominator);

  // Parses a plain decimal: optional sign, digits, optional '.' or ',' and digits ("0,5", "-2",
  // "33.3"). No exponent, no thousands separators, no surrounding spaces. nullopt when malformed
  // or out of range.
  static std::optional<Rational> ParseDecimal(std::string_view text);

  // Whether the value is kept in arbitrary precision (numerator or denominator beyond 64 bits).
  bool IsBig() const { return big_ != nullptr; }
  // The 64-bit numerator and denominator; std::overflow_error when IsBig().
  std::int64_t numerator() const;
  std::int64_t denominator() const;
  // "3", "-3/4": exact, of any size.
  std::string ToFractionText() const;

  bool IsInteger() const;
  // True when the value has at most `decimals` digits after the decimal point (0.15 has 2).
  bool HasAtMostDecimals(int decimals) const;

  Rational Abs() const { return *this < 0 ? -*this : *this; }
  // Rounded to `decimals` places, half away from zero (2.345 → 2.35, −2.345 → −2.35).
  Rational RoundedTo(int decimals) const;
  // Rounded to a whole number, half away from zero; std::overflow_error beyond 64 bits.
  std::int64_t RoundedToInteger() const;
  // Fixed-point text with exactly `decimals` places and '.' as separator, rounded half away from
  // zero; "-0.00" is never produced.
  std::string ToDecimal(int decimals) const;
  // For statistics only (never for marks or results).
  double ToDouble() const;
  long double ToLongDouble() const;

  Rational operator-() const;
  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // Throws std::domain_error on division by zero.
  friend Rational operator/(const Rational& a, const Rational& b);
  Rational& operator+=(const Rational& other) { return *this = *this + other; }
  Rational& operator-=(const Rational& other) { return *this = *this - other; }
  Rational& operator*=(const Rational& other) { return *this = *this * other; }
  Rational& operator/=(const Rational& other) { return *this = *this / other; }

  friend bool operator==(const Rational& a, const Rational& b);
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

 private:
  explicit Rational(std::shared_ptr<const BigRational> big) : big_(std::move(big)) {}
  // The value as a BigRational, for arithmetic with a big operand.
  BigRational Big() const;
  // The value of `big`, in 64 bits when it fits.
  static Rational FromBig(BigRational big);
  friend struct RationalAccess;

  // When big_ is set, the value is *big_ and does not fit in 64 bits; numerator_ and
  // denominator_ are then unused. Either way the representation is unique, so that equal values
  // compare equal member by member.
  std::int64_t numerator_ = 0;
  std::int64_t denominator_ = 1;
  std::shared_ptr<const BigRational> big_;
};

}  // namespace skillscore
