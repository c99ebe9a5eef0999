// skillscore status, results: where the marking of an exam stands, and its results
// (shared/spec/cli.md), as the exam service computes them with their finality, so `results`
// prints exactly what `score` prints for the same rubric, people and marks.
#include <iostream>

#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "output.h"
#include "results_output.h"
#include "skillscore/progress_report.h"
#include "skillscore/report.h"

namespace skillscore::cli {
namespace {

std::string RenderProgress(const ProgressView& view, const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return ProgressJson(view);
    case OutputFormat::kCsv:
      return CsvForLanguage(ProgressCsv(view, CsvStyleFor(global.language)), global);
    case OutputFormat::kXlsx:
      RefuseWorkbookFormat();
    case OutputFormat::kTable:
      return ProgressTable(view);
  }
  return {};
}

// Results that are not final say why on stderr when the data does not match its audit log: a
// table that merely says "provisional" would hide that someone edited the database.
void WarnIfTampered(const Finality& finality, const std::string& exam, std::ostream& err) {
  if (!finality.tampered) return;
  PrintError(Tr("the data of exam {0} does not match its audit log ({1}): results stay "
                "provisional; run `skillscore audit verify {0}`",
                exam, *finality.tampered),
             err);
}

ExitCode Status(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto service = OpenService(invocation, DbAccess::kRead);
  if (!service) return service.error();
  // The table of progress needs the counts, not the sheets.
  auto status = (*service)->Status(exam, ExamService::Sheets::kDropped);
  if (!status) return Fail(status.error(), invocation.err);
  WarnIfTampered(status->finality, exam, invocation.err);
  ProgressView view{status->data.exam.id, status->data.rubric, status->progress, {}};
  for (const SubcriterionLock& lock : status->locks) view.locked.push_back(lock.subcriterion);
  invocation.out << RenderProgress(view, invocation.global);
  return ExitCode::kOk;
}

ExitCode Results(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto service = OpenService(invocation, DbAccess::kRead);
  if (!service) return service.error();
  // Only the workbook, with its sheet of judge analytics, reads every candidate's sheet.
  const bool workbook = invocation.global.format == OutputFormat::kXlsx;
  auto results = (*service)->Results(
      exam, workbook ? ExamService::Sheets::kKept : ExamService::Sheets::kDropped);
  if (!results) return Fail(results.error(), invocation.err);
  WarnIfTampered(results->finality, exam, invocation.err);
  ResultsView view{
      .exam = results->data.exam.id,
      .rubric = results->data.rubric,
      .result = results->result,
      .status = results->finality.Final() ? ResultsStatus::kFinal : ResultsStatus::kProvisional};
  return EmitResults(view, results->sheets, results->data.judges, invocation);
}

void DefineExam(CommandSyntax& syntax) { DefineArguments(syntax, {"exam"}); }

}  // namespace

std::vector<Command> ResultsCommands() {
  return {
      Command{
          .words = {"status"},
          .arguments = "EXAM",
          .summary = "Show the marks entered, missing and disputed, per sub-criterion",
          .define = DefineExam,
          .run = Status,
      },
      Command{
          .words = {"results"},
          .arguments = "EXAM",
          .summary = "Show an exam's results (as score does)",
          .define =
              [](CommandSyntax& syntax) {
                DefineExam(syntax);
                DefineResultsOutput(syntax);
              },
          .run = Results,
      },
  };
}

}  // namespace skillscore::cli
