// The rubric loader's two passes, shared by rubric_read.cc, rubric_check.cc and rubric_loader.cc.
//
// ReadRubric walks the YAML tree once, fills the Rubric model and checks everything that concerns
// one value or one mapping (types, keys, ranges, id formats, calculations, levels, the grade
// table, the policy). It also records where each module, sub-criterion, aspect and section sits,
// in RubricMarks, parallel to the model. CheckRubric then checks what spans the whole rubric
// (unique ids, section references, the sum of maxima) and, for a rubric without errors, the
// warnings: warnings drawn from a broken model would mislead. Both passes carry on after errors;
// a part that could not be read is left empty and skipped by the later checks, so that one
// mistake is reported once.
//
// Thread safety: no shared state.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "rubric_yaml.h"
#include "skillscore/rubric.h"

namespace skillscore::internal {

struct AspectMarks {
  YAML::Mark node;
  YAML::Mark id;  // the explicit id, or the aspect itself for a defaulted id
  YAML::Mark section;
  bool default_id = true;
};

struct SubcriterionMarks {
  YAML::Mark node;
  YAML::Mark id;
  std::vector<AspectMarks> aspects;
};

struct ModuleMarks {
  YAML::Mark node;
  YAML::Mark id;
  std::vector<SubcriterionMarks> subcriteria;
};

struct SectionMarks {
  YAML::Mark node;
  YAML::Mark id;
  YAML::Mark target;
};

struct RubricMarks {
  YAML::Mark max;
  bool max_valid = false;              // the rubric's max was read and is positive
  bool maxima_complete = true;         // every aspect was read, each with a valid max
  bool sections_read = false;          // the sections list was read, so references can be checked
  std::vector<SectionMarks> sections;  // parallel to Rubric::sections
  std::vector<ModuleMarks> modules;    // parallel to Rubric::modules
};

// Pass one: the model and the marks from a document's root node.
void ReadRubric(const YAML::Node& root, Rubric& rubric, RubricMarks& marks, DiagnosticSink& sink);

// Pass two: checks across the whole rubric and the warnings.
void CheckRubric(const Rubric& rubric, const RubricMarks& marks, DiagnosticSink& sink);

}  // namespace skillscore::internal
