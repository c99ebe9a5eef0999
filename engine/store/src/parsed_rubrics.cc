#include "skillscore/parsed_rubrics.h"

namespace skillscore {

StoreResult<Rubric> ParsedRubrics::Get(const RubricInfo& info,
                                       const std::function<StoreResult<Rubric>()>& parse) {
  std::string key = info.code + "@" + info.version + "#" + info.sha256;
  if (auto found = parsed_.find(key); found != parsed_.end()) return found->second;
  auto rubric = parse();
  if (!rubric) return rubric;
  if (parsed_.size() >= kKept) parsed_.clear();
  parsed_.emplace(std::move(key), *rubric);
  return rubric;
}

}  // namespace skillscore
