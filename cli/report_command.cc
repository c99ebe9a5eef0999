// skillscore report judges: how well the judges of an exam agree with each other and who marks
// harder or softer than their colleagues (judge_analytics.h; the output is judge_report.h's). It
// reads the exam from the database (EXAM) or, like `score`, straight from files (--rubric and
// --marks, exam_input.h), so that it works without a database.
#include <iostream>
#include <optional>

#include "commands.h"
#include "db_support.h"
#include "exam_input.h"
#include "io.h"
#include "output.h"
#include "results_output.h"
#include "skillscore/judge_analytics.h"
#include "skillscore/judge_report.h"

namespace skillscore::cli {
namespace {

// What the analysis needs, wherever it comes from.
struct JudgedExam {
  std::optional<std::string> exam;
  Rubric rubric;
  std::vector<Judge> judges;
  std::vector<CandidateSheet> sheets;
};

std::string Render(const JudgeReportView& view, const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return JudgeReportJson(view);
    case OutputFormat::kCsv:
      return CsvForLanguage(JudgeReportCsv(view, CsvStyleFor(global.language)), global);
    case OutputFormat::kXlsx:
      RefuseWorkbookFormat();
    case OutputFormat::kTable:
      return JudgeReportTable(view);
  }
  return {};
}

ExitCode Report(const JudgedExam& exam, const Invocation& invocation) {
  JudgeAnalytics analytics = AnalyseJudges(exam.rubric, exam.sheets, exam.judges);
  invocation.out << Render({exam.exam, exam.rubric, analytics, exam.judges}, invocation.global);
  return ExitCode::kOk;
}

ExitCode ReportFromDatabase(const std::string& exam, const Invocation& invocation) {
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return store.error();
  // Each sheet is analysed as it is read, and only its panels are kept, in a few bytes a score.
  ExamData data;
  std::optional<JudgeAnalyser> analyser;  // made once the store has filled in the rubric
  auto read = (*store)->StreamExamSheets(exam, data, [&](const CandidateSheet& sheet) {
    if (!analyser) analyser.emplace(data.rubric, data.judges);
    analyser->Add(sheet);
  });
  if (!read) return Fail(read.error(), invocation.err);
  if (!analyser) analyser.emplace(data.rubric, data.judges);
  JudgeAnalytics analytics = std::move(*analyser).Finish();
  invocation.out << Render({data.exam.id, data.rubric, analytics, data.judges}, invocation.global);
  return ExitCode::kOk;
}

ExitCode ReportFromFiles(const Invocation& invocation) {
  for (const char* option : {"rubric", "marks"}) {
    if (!invocation.options.count(option)) {
      throw UsageError(Tr("missing option '{0}'", std::string("--") + option));
    }
  }
  Diagnostics diagnostics;
  std::optional<ExamInput> input = LoadExamFiles(invocation, diagnostics);
  PrintDiagnostics(diagnostics, invocation.err);
  if (!input) return ExitCode::kInvalidInput;
  return Report(
      {input->exam, std::move(input->rubric), std::move(input->judges), std::move(input->sheets)},
      invocation);
}

// EXAM reads the database; the file options read files. Exactly one of the two.
ExitCode ReportJudges(const Invocation& invocation) {
  std::optional<std::string> exam = OptionValue(invocation, "database-exam");
  bool files = HasExamFileOptions(invocation);
  if (exam && files) {
    throw UsageError(
        Tr("give either EXAM (from the database) or --rubric and --marks (from "
           "files), not both"));
  }
  if (exam) return ReportFromDatabase(*exam, invocation);
  if (files) return ReportFromFiles(invocation);
  throw UsageError(Tr("missing EXAM, or --rubric and --marks to read files"));
}

void DefineReportJudges(CommandSyntax& syntax) {
  DefineArguments(syntax, {"database-exam"});
  DefineExamFileOptions(syntax, ExamFiles::kOptional);
}

}  // namespace

std::vector<Command> ReportCommands() {
  return {
      Command{
          .words = {"report", "judges"},
          .arguments = "EXAM | --rubric FILE --marks FILE [--candidates FILE] [--judges FILE] "
                       "[--exam ID]",
          .summary = "Judge analytics: panel agreement, reliability and each judge's severity",
          .define = DefineReportJudges,
          .run = ReportJudges,
      },
  };
}

}  // namespace skillscore::cli
