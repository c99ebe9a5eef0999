// A small rubric with every kind of aspect, for the fuzz targets that need one to check marks.
#pragma once

#include "skillscore/rubric.h"

namespace skillscore::fuzz {

// A1.1 pass_fail, A1.2 number_completed of 7, A1.3 choice (three options, one deducting
// 57.142857 %), A1.4 ranged 0…10 in two ranges, A1.5 judgement.
Rubric SmallRubric();

}  // namespace skillscore::fuzz
