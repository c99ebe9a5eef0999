// An exam's results as a workbook for the education authority (`results --format xlsx`, `score
// --format xlsx`): the same numbers as the JSON and CSV reports, as numbers.
//
// Sheets, headers and words in the current language (i18n.h):
//   1. Results: one row per candidate in report order — id, name, organisation, status, total,
//      percent, grade, rank, scale, award, a column per module and per section, the problems.
//   2. Sub-criteria: one row per candidate, a column per sub-criterion.
//   3. Problems: one row per problem — candidate, aspect, what is wrong.
//   4. Judges (when analytics are given): the judge report's table (judge_report.h, CSV form).
// Every mark is the report's rounded number (ReportNumber) written as a number, shown with
// policy.report_decimals places; every sheet has its header row frozen and a filter.
//
// Thread safety: pure function of its arguments and the current language.
#pragma once

#include <string>
#include <tl/expected.hpp>

#include "skillscore/judge_report.h"
#include "skillscore/report.h"

namespace skillscore {

// Written all-or-nothing (xlsx_writer.h); `judges` may be null.
tl::expected<void, std::string> WriteResultsWorkbook(const ResultsView& view,
                                                     const JudgeReportView* judges,
                                                     const std::string& path);

}  // namespace skillscore
