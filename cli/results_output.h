// Results for `results` and `score`: printed as table, CSV or JSON, or, with `--format xlsx --out
// FILE`, written as the results workbook (results_workbook.h) with the judge analytics sheet.
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "app.h"
#include "output.h"
#include "skillscore/exam.h"
#include "skillscore/report.h"
#include "skillscore/scoring.h"

namespace skillscore::cli {

// Adds --out FILE (the workbook of --format xlsx).
void DefineResultsOutput(CommandSyntax& syntax);

// `sheets` and `judges` feed the workbook's judge analytics.
ExitCode EmitResults(const ResultsView& view, const std::vector<CandidateSheet>& sheets,
                     const std::vector<Judge>& judges, const Invocation& invocation);

// A list of records (output.h) as a one-sheet workbook: the columns' headings in the current
// language, every field as text, the header row frozen with a filter. Written whole or not at all.
tl::expected<void, std::string> WriteRecordsWorkbook(const RecordList& list,
                                                     const std::string& sheet,
                                                     const std::string& path);

// The usage error of --format xlsx for a command without a workbook form.
[[noreturn]] void RefuseWorkbookFormat();

}  // namespace skillscore::cli
