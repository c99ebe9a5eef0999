// Pieces shared by the results renderers (report_*.cc); see skillscore/report.h.
#pragma once

#include <string_view>

#include "skillscore/exam.h"

namespace skillscore {

// present | absent | withdrawn | disqualified, as in the candidates file.
std::string_view CandidateStatusName(CandidateStatus status);

}  // namespace skillscore
