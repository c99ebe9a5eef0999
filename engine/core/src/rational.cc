#include "skillscore/rational.h"

#include <numeric>
#include <stdexcept>

namespace skillscore {
namespace {

__extension__ typedef __int128 Wide;  // GCC's 128-bit integer, for exact products

Wide WideGcd(Wide a, Wide b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    Wide rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

std::int64_t Narrow(Wide value) {
  if (value > INT64_MAX || value < INT64_MIN) {
    throw std::overflow_error("rational arithmetic overflow");
  }
  return static_cast<std::int64_t>(value);
}

bool FitsInt64(Wide value) { return value >= -INT64_MAX && value <= INT64_MAX; }

Rational Normalised(Wide numerator, Wide denominator) {
  if (denominator == 0) throw std::domain_error("rational with zero denominator");
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  // Marks keep small numerators and denominators, and a 64-bit gcd is several times faster than
  // the 128-bit Euclid below (re-scoring a national year of marks spends most of its time here).
  if (FitsInt64(numerator) && FitsInt64(denominator)) {
    return Rational::Of(static_cast<std::int64_t>(numerator),
                        static_cast<std::int64_t>(denominator));
  }
  Wide divisor = WideGcd(numerator, denominator);
  if (divisor > 1) {
    numerator /= divisor;
    denominator /= divisor;
  }
  return Rational::Of(Narrow(numerator), Narrow(denominator));
}

Wide PowerOfTen(int exponent) {
  Wide result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// Rounds numerator/denominator (denominator > 0) to an integer, half away from zero.
Wide RoundHalfAwayFromZero(Wide numerator, Wide denominator) {
  Wide magnitude = numerator < 0 ? -numerator : numerator;
  Wide rounded = (2 * magnitude + denominator) / (2 * denominator);
  return numerator < 0 ? -rounded : rounded;
}

}  // namespace

Rational Rational::Of(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) throw std::domain_error("rational with zero denominator");
  Rational result;
  std::int64_t divisor = std::gcd(numerator, denominator);
  if (denominator < 0) divisor = -divisor;
  result.numerator_ = numerator / divisor;
  result.denominator_ = denominator / divisor;
  return result;
}

std::optional<Rational> Rational::ParseDecimal(std::string_view text) {
  std::size_t position = 0;
  bool negative = false;
  if (position < text.size() && (text[position] == '-' || text[position] == '+')) {
    negative = text[position] == '-';
    ++position;
  }
  Wide numerator = 0;
  int integer_digits = 0;
  int fraction_digits = 0;
  bool seen_separator = false;
  for (; position < text.size(); ++position) {
    char c = text[position];
    if (c == '.' || c == ',') {
      if (seen_separator) return std::nullopt;
      seen_separator = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    numerator = numerator * 10 + (c - '0');
    if (numerator > INT64_MAX) return std::nullopt;
    (seen_separator ? fraction_digits : integer_digits) += 1;
    if (fraction_digits > 18) return std::nullopt;
  }
  if (integer_digits == 0 || (seen_separator && fraction_digits == 0)) return std::nullopt;
  try {
    return Normalised(negative ? -numerator : numerator, PowerOfTen(fraction_digits));
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

bool Rational::HasAtMostDecimals(int decimals) const {
  return (Wide{numerator_} * PowerOfTen(decimals)) % denominator_ == 0;
}

Rational Rational::RoundedTo(int decimals) const {
  Wide scale = PowerOfTen(decimals);
  return Normalised(RoundHalfAwayFromZero(Wide{numerator_} * scale, denominator_), scale);
}

std::int64_t Rational::RoundedToInteger() const {
  return Narrow(RoundHalfAwayFromZero(numerator_, denominator_));
}

std::string Rational::ToDecimal(int decimals) const {
  Wide scaled = RoundHalfAwayFromZero(Wide{numerator_} * PowerOfTen(decimals), denominator_);
  bool negative = scaled < 0;
  Wide magnitude = negative ? -scaled : scaled;
  // Digits are produced least significant first, then the string is reversed.
  std::string reversed;
  for (int position = 0; position <= decimals || magnitude != 0; ++position) {
    if (position == decimals && decimals > 0) reversed += '.';
    reversed += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  }
  if (negative) reversed += '-';
  return std::string(reversed.rbegin(), reversed.rend());
}

Rational operator+(const Rational& a, const Rational& b) {
  if (a.denominator_ == b.denominator_) {  // sums of marks mostly share their denominators
    return Normalised(Wide{a.numerator_} + b.numerator_, a.denominator_);
  }
  return Normalised(Wide{a.numerator_} * b.denominator_ + Wide{b.numerator_} * a.denominator_,
                    Wide{a.denominator_} * b.denominator_);
}

Rational operator-(const Rational& a, const Rational& b) { return a + (-b); }

Rational operator*(const Rational& a, const Rational& b) {
  return Normalised(Wide{a.numerator_} * b.numerator_, Wide{a.denominator_} * b.denominator_);
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.numerator_ == 0) throw std::domain_error("division of a rational by zero");
  return Normalised(Wide{a.numerator_} * b.denominator_, Wide{a.denominator_} * b.numerator_);
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  return Wide{a.numerator_} * b.denominator_ <=> Wide{b.numerator_} * a.denominator_;
}

}  // namespace skillscore
