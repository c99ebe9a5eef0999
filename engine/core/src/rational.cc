#include "skillscore/rational.h"

#include <boost/multiprecision/cpp_int.hpp>
#include <numeric>
#include <stdexcept>

namespace skillscore {

struct BigRational {
  boost::multiprecision::cpp_rational value;
};

namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

__extension__ typedef __int128 Wide;  // GCC's 128-bit integer, for exact products
__extension__ typedef unsigned __int128 UnsignedWide;

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

// The 64-bit range without INT64_MIN, so that every small value can be negated.
bool FitsInt64(Wide value) { return value >= -INT64_MAX && value <= INT64_MAX; }
bool FitsInt64(const cpp_int& value) { return value >= -INT64_MAX && value <= INT64_MAX; }

cpp_int ToBigInt(Wide value) {
  const bool negative = value < 0;
  // The magnitude as unsigned, so that the most negative value has one too.
  UnsignedWide magnitude =
      negative ? -static_cast<UnsignedWide>(value) : static_cast<UnsignedWide>(value);
  cpp_int result = static_cast<std::uint64_t>(magnitude >> 64);
  result <<= 64;
  result += static_cast<std::uint64_t>(magnitude);
  return negative ? cpp_int(-result) : result;
}

cpp_int PowerOfTenBig(int exponent) { return boost::multiprecision::pow(cpp_int(10), exponent); }

Wide PowerOfTen(int exponent) {
  Wide result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// 10^18 times a 64-bit numerator still fits in 128 bits; more decimals take the big path.
constexpr int kWideDecimals = 18;

// Rounds numerator/denominator (denominator > 0) to an integer, half away from zero.
template <typename Integer>
Integer RoundHalfAwayFromZero(const Integer& numerator, const Integer& denominator) {
  Integer magnitude = numerator < 0 ? Integer(-numerator) : numerator;
  Integer rounded = (2 * magnitude + denominator) / (2 * denominator);
  return numerator < 0 ? Integer(-rounded) : rounded;
}

// Fixed-point text of the integer `scaled` / 10^decimals, given its sign and decimal digits.
std::string FixedPoint(bool negative, std::string digits, int decimals) {
  if (digits.size() <= static_cast<std::size_t>(decimals)) {
    digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
  }
  if (decimals > 0) digits.insert(digits.size() - static_cast<std::size_t>(decimals), ".");
  return negative ? "-" + digits : digits;
}

std::string Digits(Wide magnitude) {
  std::string reversed;
  do {
    reversed += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  return std::string(reversed.rbegin(), reversed.rend());
}

}  // namespace

// What the free helpers below need of Rational's private members.
struct RationalAccess {
  // numerator/denominator in lowest terms, both within FitsInt64, denominator > 0 or not.
  static Rational Small(std::int64_t numerator, std::int64_t denominator) {
    Rational result;
    std::int64_t divisor = std::gcd(numerator, denominator);
    if (denominator < 0) divisor = -divisor;
    result.numerator_ = numerator / divisor;
    result.denominator_ = denominator / divisor;
    return result;
  }

  static Rational Normalised(Wide numerator, Wide denominator) {
    if (denominator == 0) throw std::domain_error("rational with zero denominator");
    // Marks keep small numerators and denominators, and a 64-bit gcd is several times faster
    // than the 128-bit Euclid below (re-scoring a national year of marks spends most of its time
    // here).
    if (FitsInt64(numerator) && FitsInt64(denominator)) {
      return Small(static_cast<std::int64_t>(numerator), static_cast<std::int64_t>(denominator));
    }
    if (denominator < 0) {  // |values| stay below 2^127: products of two 64-bit integers
      numerator = -numerator;
      denominator = -denominator;
    }
    Wide divisor = WideGcd(numerator, denominator);
    if (divisor > 1) {
      numerator /= divisor;
      denominator /= divisor;
    }
    if (FitsInt64(numerator) && FitsInt64(denominator)) {
      return Small(static_cast<std::int64_t>(numerator), static_cast<std::int64_t>(denominator));
    }
    return Rational::FromBig(BigRational{cpp_rational(ToBigInt(numerator), ToBigInt(denominator))});
  }
};

Rational Rational::FromBig(BigRational big) {
  const cpp_int& numerator = boost::multiprecision::numerator(big.value);
  const cpp_int& denominator = boost::multiprecision::denominator(big.value);
  if (FitsInt64(numerator) && FitsInt64(denominator)) {
    return RationalAccess::Small(numerator.convert_to<std::int64_t>(),
                                 denominator.convert_to<std::int64_t>());
  }
  return Rational(std::make_shared<const BigRational>(std::move(big)));
}

BigRational Rational::Big() const {
  if (big_) return *big_;
  return BigRational{cpp_rational(numerator_, denominator_)};
}

Rational Rational::Of(std::int64_t numerator, std::int64_t denominator) {
  return RationalAccess::Normalised(numerator, denominator);
}

Rational Rational::OfWide(Wide numerator, Wide denominator) {
  return RationalAccess::Normalised(numerator, denominator);
}

std::int64_t Rational::numerator() const {
  if (big_) throw std::overflow_error("rational numerator beyond 64 bits");
  return numerator_;
}

std::int64_t Rational::denominator() const {
  if (big_) throw std::overflow_error("rational denominator beyond 64 bits");
  return denominator_;
}

std::string Rational::ToFractionText() const {
  if (big_) {
    const cpp_rational& value = big_->value;
    std::string text = boost::multiprecision::numerator(value).str();
    if (boost::multiprecision::denominator(value) == 1) return text;
    return text + "/" + boost::multiprecision::denominator(value).str();
  }
  if (denominator_ == 1) return std::to_string(numerator_);
  return std::to_string(numerator_) + "/" + std::to_string(denominator_);
}

bool Rational::IsInteger() const {
  return big_ ? boost::multiprecision::denominator(big_->value) == 1 : denominator_ == 1;
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
  return RationalAccess::Normalised(negative ? -numerator : numerator, PowerOfTen(fraction_digits));
}

bool Rational::HasAtMostDecimals(int decimals) const {
  if (big_ || decimals > kWideDecimals) {
    const cpp_rational value = Big().value;
    return (boost::multiprecision::numerator(value) * PowerOfTenBig(decimals)) %
               boost::multiprecision::denominator(value) ==
           0;
  }
  return (Wide{numerator_} * PowerOfTen(decimals)) % denominator_ == 0;
}

Rational Rational::RoundedTo(int decimals) const {
  if (big_ || decimals > kWideDecimals) {
    const cpp_rational value = Big().value;
    const cpp_int scale = PowerOfTenBig(decimals);
    const cpp_int rounded = RoundHalfAwayFromZero<cpp_int>(
        boost::multiprecision::numerator(value) * scale, boost::multiprecision::denominator(value));
    return FromBig(BigRational{cpp_rational(rounded, scale)});
  }
  Wide scale = PowerOfTen(decimals);
  return RationalAccess::Normalised(
      RoundHalfAwayFromZero<Wide>(Wide{numerator_} * scale, denominator_), scale);
}

std::int64_t Rational::RoundedToInteger() const {
  const Rational rounded = RoundedTo(0);
  if (rounded.big_) throw std::overflow_error("rounded rational beyond 64 bits");
  return rounded.numerator_;
}

std::string Rational::ToDecimal(int decimals) const {
  if (big_ || decimals > kWideDecimals) {
    const cpp_rational value = Big().value;
    const cpp_int scaled = RoundHalfAwayFromZero<cpp_int>(
        boost::multiprecision::numerator(value) * PowerOfTenBig(decimals),
        boost::multiprecision::denominator(value));
    return FixedPoint(scaled < 0, cpp_int(boost::multiprecision::abs(scaled)).str(), decimals);
  }
  Wide scaled = RoundHalfAwayFromZero<Wide>(Wide{numerator_} * PowerOfTen(decimals), denominator_);
  // "-0.00" is never produced: a value that rounds to zero has no sign.
  return FixedPoint(scaled < 0, Digits(scaled < 0 ? -scaled : scaled), decimals);
}

double Rational::ToDouble() const {
  if (big_) return big_->value.convert_to<double>();
  return static_cast<double>(numerator_) / static_cast<double>(denominator_);
}

long double Rational::ToLongDouble() const {
  if (big_) return big_->value.convert_to<long double>();
  return static_cast<long double>(numerator_) / static_cast<long double>(denominator_);
}

Rational Rational::operator-() const {
  if (big_) return FromBig(BigRational{-big_->value});
  Rational result = *this;
  result.numerator_ = -numerator_;
  return result;
}

Rational operator+(const Rational& a, const Rational& b) {
  if (a.big_ || b.big_) return Rational::FromBig(BigRational{a.Big().value + b.Big().value});
  if (a.denominator_ == b.denominator_) {  // sums of marks mostly share their denominators
    return RationalAccess::Normalised(Wide{a.numerator_} + b.numerator_, a.denominator_);
  }
  return RationalAccess::Normalised(
      Wide{a.numerator_} * b.denominator_ + Wide{b.numerator_} * a.denominator_,
      Wide{a.denominator_} * b.denominator_);
}

Rational operator-(const Rational& a, const Rational& b) { return a + (-b); }

Rational operator*(const Rational& a, const Rational& b) {
  if (a.big_ || b.big_) return Rational::FromBig(BigRational{a.Big().value * b.Big().value});
  return RationalAccess::Normalised(Wide{a.numerator_} * b.numerator_,
                                    Wide{a.denominator_} * b.denominator_);
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b == 0) throw std::domain_error("division of a rational by zero");
  if (a.big_ || b.big_) return Rational::FromBig(BigRational{a.Big().value / b.Big().value});
  return RationalAccess::Normalised(Wide{a.numerator_} * b.denominator_,
                                    Wide{a.denominator_} * b.numerator_);
}

bool operator==(const Rational& a, const Rational& b) {
  if (a.big_ || b.big_) return a.big_ && b.big_ && a.big_->value == b.big_->value;
  return a.numerator_ == b.numerator_ && a.denominator_ == b.denominator_;
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  if (a.big_ || b.big_) {
    const cpp_rational left = a.Big().value;
    const cpp_rational right = b.Big().value;
    if (left < right) return std::strong_ordering::less;
    return left == right ? std::strong_ordering::equal : std::strong_ordering::greater;
  }
  return Wide{a.numerator_} * b.denominator_ <=> Wide{b.numerator_} * a.denominator_;
}

}  // namespace skillscore
