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

// Whether `judge` may score a panel of `subcriterion`: it has no group, or the judge is in it.
bool MaySitOnPanel(const std::vector<Judge>& judges, const Judge& judge,
                   std::string_view subcriterion);

// The sub-criteria as a store keeps them: ids separated by one space ("B1 B2"); and back.
std::string JoinSubcriteria(const std::vector<std::string>& subcriteria);
std::vector<std::string> SplitSubcriteria(std::string_view text);

// Why `judges` cannot be the exam's judges under `rubric`: a listed sub-criterion the rubric does
// not have, or a group too small to fill a judgement panel of policy.judges scores (its panels
// could never be complete). The first problem, in rubric order; nullopt when there is none.
struct GroupProblem {
  enum class Kind { kUnknownSubcriterion, kGroupTooSmall };
  Kind kind = Kind::kUnknownSubcriterion;
  std::string subcriterion;             // the id at fault
  std::string judge = {};               // kUnknownSubcriterion: whose list names it
  std::vector<std::string> group = {};  // kGroupTooSmall: its members
};
std::optional<GroupProblem> FindGroupProblem(const Rubric& rubric,
                                             const std::vector<Judge>& judges);

// The sub-criterion of the aspect with ordinal `ordinal` (< rubric.AspectCount()).
const Subcriterion& SubcriterionOf(const Rubric& rubric, std::size_t ordinal);

// Whether the sub-criterion has a judgement aspect (a group then decides who scores its panels).
bool HasJudgement(const Subcriterion& subcriterion);

}  // namespace skillscore
