// skillscore status, results: where the marking of an exam stands, and its results
// (shared/spec/cli.md). Both compute from the stored marks with the pure core (BuildSheets, then
// MarkingProgress or ScoreExam), so `results` prints exactly what `score` prints for the same
// rubric, people and marks.
#include <iostream>

#include "commands.h"
#include "db_support.h"
#include "output.h"
#include "skillscore/progress.h"
#include "skillscore/progress_report.h"
#include "skillscore/report.h"
#include "skillscore/scoring.h"

namespace skillscore::cli {
namespace {

std::string RenderProgress(const ProgressView& view, const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return ProgressJson(view);
    case OutputFormat::kCsv:
      return ProgressCsv(view, CsvStyleFor(global.language));
    case OutputFormat::kTable:
      return ProgressTable(view);
  }
  return {};
}

// The exam's data and its locked sub-criteria.
struct StoredExam {
  ExamData data;
  std::vector<SubcriterionLock> locks;
};

tl::expected<StoredExam, ExitCode> LoadExam(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return tl::make_unexpected(store.error());
  auto data = (*store)->LoadExamData(exam);
  if (!data) return tl::make_unexpected(Fail(data.error(), invocation.err));
  auto locks = (*store)->LockedSubcriteria(exam);
  if (!locks) return tl::make_unexpected(Fail(locks.error(), invocation.err));
  return StoredExam{std::move(*data), std::move(*locks)};
}

ExitCode Status(const Invocation& invocation) {
  auto exam = LoadExam(invocation);
  if (!exam) return exam.error();
  const ExamData& data = exam->data;
  std::vector<SubcriterionProgress> progress =
      MarkingProgress(data.rubric, BuildSheets(data.rubric, data.candidates, data.entries));
  ProgressView view{data.exam.id, data.rubric, progress, {}};
  for (const SubcriterionLock& lock : exam->locks) view.locked.push_back(lock.subcriterion);
  invocation.out << RenderProgress(view, invocation.global);
  return ExitCode::kOk;
}

// Results from the database are final once nothing is missing or disputed and the chief expert
// has locked every sub-criterion (scoring.md §7).
ExitCode Results(const Invocation& invocation) {
  auto exam = LoadExam(invocation);
  if (!exam) return exam.error();
  const ExamData& data = exam->data;
  ExamResult result =
      ScoreExam(data.rubric, BuildSheets(data.rubric, data.candidates, data.entries));
  bool final = result.complete && UnlockedSubcriteria(data.rubric, exam->locks).empty();
  ResultsView view{.exam = data.exam.id,
                   .rubric = data.rubric,
                   .result = result,
                   .status = final ? ResultsStatus::kFinal : ResultsStatus::kProvisional};
  invocation.out << RenderResults(view, invocation.global);
  return ExitCode::kOk;
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
          .define = DefineExam,
          .run = Results,
      },
  };
}

}  // namespace skillscore::cli
