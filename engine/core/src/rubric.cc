#include "skillscore/rubric.h"

namespace skillscore {

void Rubric::IndexAspects() {
  aspect_order.clear();
  aspect_ordinal_by_id.clear();
  for (std::size_t m = 0; m < modules.size(); ++m) {
    for (std::size_t s = 0; s < modules[m].subcriteria.size(); ++s) {
      for (std::size_t a = 0; a < modules[m].subcriteria[s].aspects.size(); ++a) {
        aspect_ordinal_by_id.emplace(modules[m].subcriteria[s].aspects[a].id, aspect_order.size());
        aspect_order.push_back({m, s, a});
      }
    }
  }
}

const Aspect& Rubric::AspectAt(std::size_t ordinal) const {
  const AspectLocation& at = aspect_order.at(ordinal);
  return modules[at.module].subcriteria[at.subcriterion].aspects[at.aspect];
}

std::optional<std::size_t> Rubric::FindAspect(std::string_view id) const {
  auto found = aspect_ordinal_by_id.find(std::string(id));
  if (found == aspect_ordinal_by_id.end()) return std::nullopt;
  return found->second;
}

std::vector<GradeRow> DefaultGradeTable() { return {{5, 70}, {4, 40}, {3, 20}, {2, 0}}; }

}  // namespace skillscore
