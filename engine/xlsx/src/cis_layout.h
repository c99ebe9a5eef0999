// What ReadCisWorkbook and WriteCisWorkbook share about the CIS workbook's layout.
#pragma once

#include <string>

#include "skillscore/rational.h"

namespace skillscore::cis {

inline constexpr char kSchemeSheet[] = "CIS Marking Scheme Import";
inline constexpr char kCalculationsSheet[] = "Calculations";
inline constexpr char kSkillscoreSheet[] = "skillscore";
// A ranged calculation's range without an upper limit: the largest number the rubric allows.
inline constexpr char kUnboundedUpper[] = "1000000000";

// The shortest exact decimal of a rubric number (at most 6 decimals): "0.5", "100".
inline std::string DecimalText(const Rational& value) {
  std::string text = value.ToDecimal(6);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

}  // namespace skillscore::cis
