// Marking groups (docs/panels.md): an exam may assign its judges to the sub-criteria they mark, as
// CIS does. The judges who list a sub-criterion form its marking group; a sub-criterion that no
// judge lists has no group, and any judge of the exam may sit on its panels. A group decides who
// may score a judgement panel, never how many: a panel still takes policy.judges scores (any
// policy.judges members of a larger group), so the scoring of the rubric is unchanged.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"

namespace skillscore {

// The ids of the judges in the marking group of `subcriterion`, in the order of `judges`; empty
// when it has no group.
std::vector<std::string> MarkingGroup(const std::vector<Judge>& judges,
                                      std::string_view subcriterion);

// The sub-criteria as a store keeps them: ids separated by one space ("B1 B2"); and back.
std::string JoinSubcriteria(const std::vector<std::string>& subcriteria);
std::vector<std::string> SplitSubcriteria(std::string_view text);

// A marking group too small to fill a judgement panel of policy.judges scores: its panels could
// never be complete. The first such group of `judges` in rubric order, or nullopt. A sub-criterion
// with measurement aspects only may have a group of any size.
struct SmallGroup {
  std::string subcriterion;
  std::vector<std::string> group;  // its members, in the order of `judges`
};
std::optional<SmallGroup> FindSmallGroup(const Rubric& rubric, const std::vector<Judge>& judges);

// The sub-criterion of the aspect with ordinal `ordinal` (< rubric.AspectCount()).
const Subcriterion& SubcriterionOf(const Rubric& rubric, std::size_t ordinal);

}  // namespace skillscore
