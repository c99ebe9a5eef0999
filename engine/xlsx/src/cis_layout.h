// What ReadCisWorkbook and WriteCisWorkbook share about the CIS workbook's layout.
#pragma once

#include <string>

#include "skillscore/rational.h"
#include "skillscore/report.h"

namespace skillscore::cis {

inline constexpr char kSchemeSheet[] = "CIS Marking Scheme Import";
inline constexpr char kCalculationsSheet[] = "Calculations";
inline constexpr char kSkillscoreSheet[] = "skillscore";
// A ranged calculation's range without an upper limit: the largest number the rubric allows.
inline constexpr char kUnboundedUpper[] = "1000000000";

// The shortest exact decimal of a rubric number (at most 6 decimals): "0.5", "100".
inline std::string DecimalText(const Rational& value) { return ReportNumber(value, 6); }

}  // namespace skillscore::cis
