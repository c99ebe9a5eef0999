#include "skillscore/exam_info.h"

#include <algorithm>
#include <utility>

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

StoreResult<void> ExamStore::StreamExamSheets(std::string_view exam, ExamData& roster,
                                              const SheetSink& take) {
  auto data = LoadExamData(exam);
  if (!data) return tl::unexpected(data.error());
  std::vector<CandidateSheet> sheets = std::move(data->sheets);
  roster = std::move(*data);
  for (const CandidateSheet& sheet : sheets) take(sheet);
  return {};
}

}  // namespace skillscore
