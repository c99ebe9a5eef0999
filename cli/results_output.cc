#include "results_output.h"

#include <iostream>

#include "io.h"
#include "output.h"
#include "skillscore/judge_analytics.h"
#include "skillscore/judge_report.h"
#include "skillscore/results_workbook.h"

namespace skillscore::cli {
namespace po = boost::program_options;

void DefineResultsOutput(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("out", po::value<std::string>()->value_name("FILE"),
       Tr("the workbook to write with --format xlsx").c_str());
}

ExitCode EmitResults(const ResultsView& view, const std::vector<CandidateSheet>& sheets,
                     const std::vector<Judge>& judges, const Invocation& invocation) {
  bool workbook = invocation.global.format == OutputFormat::kXlsx;
  if (workbook != static_cast<bool>(invocation.options.count("out"))) {
    throw UsageError(Tr("--format xlsx and --out FILE go together"));
  }
  if (!workbook) {
    invocation.out << RenderResults(view, invocation.global);
    return ExitCode::kOk;
  }
  JudgeAnalytics analytics = AnalyseJudges(view.rubric, sheets, judges);
  JudgeReportView judge_view{view.exam, view.rubric, analytics, judges};
  const std::string out = invocation.options["out"].as<std::string>();
  if (auto written = WriteResultsWorkbook(view, &judge_view, out); !written) {
    PrintError(written.error(), invocation.err);
    return ExitCode::kStorage;
  }
  return ExitCode::kOk;
}

void RefuseWorkbookFormat() {
  throw UsageError(Tr("--format xlsx is available for results and score (with --out FILE)"));
}

}  // namespace skillscore::cli
