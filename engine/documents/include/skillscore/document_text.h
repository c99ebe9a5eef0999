// Numbers, dates and grades as the printed documents show them, in the current language (i18n.h):
// every number of a document with the same count of decimals, a decimal comma and ДД.ММ.ГГГГ
// dates in Russian, grades in words.
//
// Thread safety: pure functions of their arguments and the current language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skillscore/rational.h"

namespace skillscore {

// An exact mark rounded half away from zero to exactly `decimals` places ("52,17", "25,00").
std::string LocalDecimal(const Rational& value, int decimals);

// A decimal as a record holds it ("18.5", "25") with exactly `decimals` places; text that is not
// a decimal is returned as it is.
std::string LocalDecimal(std::string_view decimal, int decimals);

// Digits after the point of a decimal as a record holds it ("18.5" → 1, "25" → 0).
int DecimalPlaces(std::string_view decimal);

// "2026-04-12" → "12.04.2026" in Russian; other text, and every date in English, as it is.
std::string LocalDate(std::string_view iso_date);

// "2026-04-20T10:15:00Z" → "20.04.2026 10:15 UTC" (Russian) or "2026-04-20 10:15 UTC".
std::string LocalTimestamp(std::string_view timestamp);

// The grade of the five-point scale in words: 5 отлично / excellent, 4 хорошо / good,
// 3 удовлетворительно / satisfactory, 2 неудовлетворительно / unsatisfactory; nullopt for others.
std::optional<std::string> GradeWord(int grade);

// "4 (хорошо)", or just the number when the grade has no word.
std::string GradeText(int grade);

}  // namespace skillscore
