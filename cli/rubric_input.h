// Rubric files as the rubric commands read them: YAML, or the CIS marking-scheme workbook
// (cis_workbook.h), told apart by their first bytes. A workbook has no code@version of its own:
// `--id CODE@VERSION` gives it (unless its skillscore sheet does), `--kind` its kind.
#pragma once

#include <string>

#include "app.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::cli {

struct RubricInput {
  RubricLoad load;
  std::string yaml;  // the rubric's YAML: the file's text, or what a workbook stands for
};

// Adds --id and --kind to a command that reads rubric files.
void DefineWorkbookOptions(CommandSyntax& syntax);

// Loads a rubric from the bytes of the file `name`.
RubricInput LoadRubricInput(std::string bytes, const std::string& name,
                            const Invocation& invocation);

}  // namespace skillscore::cli
