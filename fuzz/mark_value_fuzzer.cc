// libFuzzer target: mark values (mark_value.h) for every kind of aspect, and rational decimals
// (rational.h). A value that parses must be shown back as text that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_rubric.h"
#include "skillscore/mark_value.h"
#include "skillscore/rational.h"
#include "skillscore/scoring.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillscore;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const Rubric rubric = fuzz::SmallRubric();
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    const Aspect& aspect = rubric.AspectAt(ordinal);
    auto value = ParseMarkValue(aspect, text);
    if (!value) continue;
    auto again = ParseMarkValue(aspect, MarkValueText(aspect, *value));
    if (!again || !(*again == *value)) __builtin_trap();
    if (aspect.type == AspectType::kMeasurement) {
      const Rational mark = MeasurementMark(aspect, *value);
      if (mark < 0 || mark > aspect.max) __builtin_trap();
    }
  }
  if (auto number = Rational::ParseDecimal(text)) {
    // Exact arithmetic on any parsed value, far beyond 64 bits, must not fail.
    const Rational cube = *number * *number * *number;
    const Rational back = number->IsInteger() || *number == 0 ? *number : cube / *number / *number;
    if (!(back == *number)) __builtin_trap();
    int decimals = 0;
    while (!number->HasAtMostDecimals(decimals)) ++decimals;
    if (Rational::ParseDecimal(number->ToDecimal(decimals)) != number) __builtin_trap();
  }
  return 0;
}
