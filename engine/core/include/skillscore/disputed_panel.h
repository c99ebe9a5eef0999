// When a judgement panel is disputed (scoring.md §2): the one statement of the rule, asked by the
// results, the progress and status counts, judge analytics, `enter` and the web's judge page.
//
// Thread safety: a pure function.
#pragma once

#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"

namespace skillscore {

// Whether the panel's scores differ by more than policy.max_spread (PanelSpread, scoring.h).
bool PanelDisputed(const Policy& policy, const std::vector<PanelScore>& panel);

}  // namespace skillscore
