// skillscore score: results straight from files, without a database (shared/spec/cli.md).
//
// The files are read and checked as exam_input.h describes. Results are final when nothing is
// missing or disputed: files have no locks.
#include <spdlog/spdlog.h>

#include <iostream>
#include <optional>

#include "commands.h"
#include "exam_input.h"
#include "io.h"
#include "output.h"
#include "results_output.h"
#include "skillscore/report.h"
#include "skillscore/scoring.h"

namespace skillscore::cli {
namespace {

ExitCode Score(const Invocation& invocation) {
  Diagnostics diagnostics;
  // Only the workbook needs the sheets (for its judge analytics).
  std::optional<ScoredExamInput> scored =
      ScoreExamFiles(invocation, diagnostics, invocation.global.format == OutputFormat::kXlsx);
  PrintDiagnostics(diagnostics, invocation.err);
  if (!scored) return ExitCode::kInvalidInput;
  const ExamInput& input = scored->input;
  spdlog::info(
      Tr("{0}: {1} marks", InputName(invocation.options["marks"].as<std::string>()), input.marks));
  const ExamResult& result = scored->result;
  ResultsView view{.exam = input.exam,
                   .rubric = input.rubric,
                   .result = result,
                   .status = result.complete ? ResultsStatus::kFinal : ResultsStatus::kProvisional};
  return EmitResults(view, input.sheets, input.judges, invocation);
}

void DefineScore(CommandSyntax& syntax) {
  DefineExamFileOptions(syntax, ExamFiles::kRequired);
  DefineResultsOutput(syntax);
}

}  // namespace

std::vector<Command> ScoreCommands() {
  return {
      Command{
          .words = {"score"},
          .arguments = "--rubric FILE --marks FILE [--candidates FILE] [--judges FILE] [--exam ID]",
          .summary = "Score an exam from files (no database needed)",
          .define = DefineScore,
          .run = Score,
      },
  };
}

}  // namespace skillscore::cli
