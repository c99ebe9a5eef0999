// An exam read from files instead of the database, for the commands that work without one
// (`score`, `report judges --marks …`): their common options and the loading of the files.
//
// Everything is read and checked before the caller computes anything, and every problem of every
// file is reported at once. Without --candidates the candidates are those named in the marks
// file; the conflict-of-interest rule applies only when both --candidates and --judges are given
// (it needs both organisations) and the rubric's policy asks for it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app.h"
#include "skillscore/exam.h"
#include "skillscore/exam_files.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore::cli {

// Whether --rubric and --marks must be given: always for `score`; `report judges` reads the
// database unless they are.
enum class ExamFiles { kRequired, kOptional };

// Adds --rubric, --marks, --candidates, --judges and --exam to a command's options.
void DefineExamFileOptions(CommandSyntax& syntax, ExamFiles files);

// True when the command line names any of those options.
bool HasExamFileOptions(const Invocation& invocation);

struct ExamInput {
  Rubric rubric;
  std::optional<std::string> exam;  // --exam, else the marks' exam column, else unknown
  std::vector<Judge> judges;        // empty without --judges
  // One per candidate (of --candidates, else as named in the marks), in their order.
  std::vector<CandidateSheet> sheets;
  std::size_t marks = 0;  // rows of the marks file
};

// Reads and checks the files named by the options (--rubric and --marks must be there); every
// diagnostic (and, with -v, the rubric's warnings) ends up in `diagnostics`. nullopt when any
// is an error. A usage error when more than one file is standard input. The marks go straight
// into the sheets as they are read and checked: a file of a million marks is never held whole.
std::optional<ExamInput> LoadExamFiles(const Invocation& invocation, Diagnostics& diagnostics);

// The files read as LoadExamFiles reads them, and scored (`score`). Unless `keep_sheets`,
// input.sheets stays empty and each candidate is scored as the marks file moves on to the next,
// so that memory never holds the exam's sheets; a file that does not keep each candidate's rows
// together is then read a second time, into sheets.
struct ScoredExamInput {
  ExamInput input;
  ExamResult result;
};
std::optional<ScoredExamInput> ScoreExamFiles(const Invocation& invocation,
                                              Diagnostics& diagnostics, bool keep_sheets);

}  // namespace skillscore::cli
