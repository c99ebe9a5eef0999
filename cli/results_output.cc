#include "results_output.h"

#include <iostream>

#include "io.h"
#include "output.h"
#include "skillscore/judge_analytics.h"
#include "skillscore/judge_report.h"
#include "skillscore/results_workbook.h"
#include "skillscore/xlsx_writer.h"

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

tl::expected<void, std::string> WriteRecordsWorkbook(const RecordList& list,
                                                     const std::string& sheet,
                                                     const std::string& path) {
  XlsxWriter out(path);
  out.AddSheet(sheet);
  for (std::size_t c = 0; c < list.columns.size(); ++c) {
    out.Header(1, static_cast<int>(c) + 1, list.columns[c].heading);
  }
  int row = 1;
  for (const std::vector<std::string>& record : list.rows) {
    ++row;
    for (std::size_t c = 0; c < record.size(); ++c)
      out.Text(row, static_cast<int>(c) + 1, record[c]);
  }
  out.FreezeHeader(row, static_cast<int>(list.columns.size()));
  return out.Close();
}

void RefuseWorkbookFormat() {
  throw UsageError(
      Tr("--format xlsx is available for results, score and rescore (with --out FILE)"));
}

}  // namespace skillscore::cli
