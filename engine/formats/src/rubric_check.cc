// Pass two of the rubric loader: checks that span the whole rubric, then the warnings.
#include <map>
#include <unordered_map>

#include "rubric_internal.h"
#include "skillscore/i18n.h"

namespace skillscore::internal {
namespace {

// Reports an id seen before (`message` has {0} for the id and {1} for the first line); empty ids
// were reported as missing or malformed already.
class UniqueIds {
 public:
  UniqueIds(const char* message, DiagnosticSink& sink) : message_(message), sink_(sink) {}

  // False when the id was seen before.
  bool Add(const std::string& id, const YAML::Mark& mark) {
    if (id.empty()) return true;
    auto [first, inserted] = first_lines_.emplace(id, mark.line + 1);
    if (!inserted) sink_.Error(mark, Tr(message_, id, first->second));
    return inserted;
  }

 private:
  const char* message_;
  DiagnosticSink& sink_;
  std::unordered_map<std::string, int> first_lines_;
};

// Calls visit(aspect, its marks) for every aspect in rubric order.
template <typename Visit>
void ForEachAspect(const Rubric& rubric, const RubricMarks& marks, Visit visit) {
  for (std::size_t m = 0; m < rubric.modules.size(); ++m) {
    const std::vector<Subcriterion>& subcriteria = rubric.modules[m].subcriteria;
    for (std::size_t s = 0; s < subcriteria.size(); ++s) {
      for (std::size_t a = 0; a < subcriteria[s].aspects.size(); ++a) {
        visit(subcriteria[s].aspects[a], marks.modules[m].subcriteria[s].aspects[a]);
      }
    }
  }
}

// A duplicated sub-criterion also duplicates its defaulted aspect ids; only the sub-criterion is
// reported, as that is the one mistake.
void CheckUniqueIds(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink) {
  UniqueIds sections("duplicate section id '{0}' (first at line {1})", sink);
  for (std::size_t i = 0; i < rubric.sections.size(); ++i) {
    sections.Add(rubric.sections[i].id, marks.sections[i].id);
  }
  UniqueIds modules("duplicate module id '{0}' (first at line {1})", sink);
  UniqueIds subcriteria("duplicate sub-criterion id '{0}' (first at line {1})", sink);
  UniqueIds aspects("duplicate aspect id '{0}' (first at line {1})", sink);
  for (std::size_t m = 0; m < rubric.modules.size(); ++m) {
    modules.Add(rubric.modules[m].id, marks.modules[m].id);
    for (std::size_t s = 0; s < rubric.modules[m].subcriteria.size(); ++s) {
      const Subcriterion& subcriterion = rubric.modules[m].subcriteria[s];
      const SubcriterionMarks& at = marks.modules[m].subcriteria[s];
      bool unique = subcriteria.Add(subcriterion.id, at.id);
      for (std::size_t a = 0; a < subcriterion.aspects.size(); ++a) {
        if (unique || !at.aspects[a].default_id) {
          aspects.Add(subcriterion.aspects[a].id, at.aspects[a].id);
        }
      }
    }
  }
}

void CheckSectionReferences(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink) {
  if (!marks.sections_read) return;
  std::string declared;
  for (const Section& section : rubric.sections) {
    if (!section.id.empty()) declared += (declared.empty() ? "" : ", ") + section.id;
  }
  if (declared.empty()) return;  // every section id is in error already
  ForEachAspect(rubric, marks, [&](const Aspect& aspect, const AspectMarks& at) {
    if (aspect.section.empty()) return;
    for (const Section& section : rubric.sections) {
      if (section.id == aspect.section) return;
    }
    sink.Error(at.section, Tr("section '{0}' is not declared; declared sections: {1}",
                              aspect.section, declared));
  });
}

// The error names both totals and each module's sum, which usually shows where the slip is.
void CheckMaximaSum(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink) {
  if (!marks.max_valid || !marks.maxima_complete) return;
  Rational total;
  std::string per_module;
  for (const Module& module : rubric.modules) {
    Rational module_sum;
    for (const Subcriterion& subcriterion : module.subcriteria) {
      for (const Aspect& aspect : subcriterion.aspects) module_sum += aspect.max;
    }
    total += module_sum;
    per_module += (per_module.empty() ? "" : ", ") + module.id + ": " + MessageDecimal(module_sum);
  }
  if (total == rubric.max) return;
  sink.Error(marks.max, Tr("aspect maxima sum to {0}, but max is {1} ({2})", MessageDecimal(total),
                           MessageDecimal(rubric.max), per_module));
}

std::string SignedDecimalText(const Rational& value) {
  return (value > 0 ? "+" : "") + MessageDecimal(value);
}

void WarnAboutSections(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink) {
  std::map<std::string, Rational> actual;
  ForEachAspect(rubric, marks, [&](const Aspect& aspect, const AspectMarks&) {
    actual[aspect.section] += aspect.max;
  });
  for (std::size_t i = 0; i < rubric.sections.size(); ++i) {
    const Section& section = rubric.sections[i];
    auto found = actual.find(section.id);
    if (found == actual.end()) {
      sink.Warning(marks.sections[i].node, Tr("section '{0}' has no aspects", section.id));
    } else if (section.target && *section.target != found->second) {
      sink.Warning(marks.sections[i].target,
                   Tr("section '{0}': target {1}, actual {2} (variation {3})", section.id,
                      MessageDecimal(*section.target), MessageDecimal(found->second),
                      SignedDecimalText(found->second - *section.target)));
    }
  }
}

void WarnAboutModules(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink) {
  for (std::size_t m = 0; m < rubric.modules.size(); ++m) {
    bool has_judgement = false;
    for (const Subcriterion& subcriterion : rubric.modules[m].subcriteria) {
      for (const Aspect& aspect : subcriterion.aspects) {
        has_judgement = has_judgement || aspect.type == AspectType::kJudgement;
      }
    }
    if (!has_judgement) {
      sink.Warning(marks.modules[m].node,
                   Tr("module {0} has no judgement aspect", rubric.modules[m].id));
    }
  }
}

}  // namespace

void CheckRubric(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink) {
  CheckUniqueIds(rubric, marks, sink);
  CheckSectionReferences(rubric, marks, sink);
  CheckMaximaSum(rubric, marks, sink);
  if (sink.HasErrors()) return;
  WarnAboutSections(rubric, marks, sink);
  WarnAboutModules(rubric, marks, sink);
}

}  // namespace skillscore::internal
