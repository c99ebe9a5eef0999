// What a judge types for an aspect (shared/spec/cli.md, VALUE) → a checked MarkValue.
//
//   measurement pass_fail        yes / no, 1 / 0, да / нет (case-insensitive)
//   measurement number_completed a whole number k, 0 ≤ k ≤ n
//   measurement choice           option number (1-based) or the exact label
//   measurement ranged           a number (decimal point or comma) inside one of the ranges
//   judgement                    0, 1, 2 or 3
//   any measurement              na (not attempted)
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"

namespace skillscore {

// The value, or a message in the current language saying what was wrong and what is expected
// (e.g. `value "7" for A1.2 is out of range: expected a whole number from 0 to 5`).
tl::expected<MarkValue, std::string> ParseMarkValue(const Aspect& aspect, std::string_view text);

// The value as a person would type it back (inverse of ParseMarkValue): "yes", "4", "2", "79.99",
// "na"; used in history and audit output.
std::string MarkValueText(const Aspect& aspect, const MarkValue& value);

}  // namespace skillscore
