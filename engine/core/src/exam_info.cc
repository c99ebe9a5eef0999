#include "skillscore/exam_info.h"

#include <algorithm>

namespace skillscore {

std::vector<std::string> UnlockedSubcriteria(const Rubric& rubric,
                                             const std::vector<SubcriterionLock>& locks) {
  std::vector<std::string> unlocked;
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      bool locked = std::any_of(locks.begin(), locks.end(), [&](const SubcriterionLock& lock) {
        return lock.subcriterion == subcriterion.id;
      });
      if (!locked) unlocked.push_back(subcriterion.id);
    }
  }
  return unlocked;
}

}  // namespace skillscore
