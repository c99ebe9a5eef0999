// Presenting judge analytics (`skillscore report judges`, judge_analytics.h) in three forms:
//
//   JSON   for programs: one object with stable keys (below), null where a statistic is
//          undefined (too few panels, every score equal, a single deviation).
//   CSV    for spreadsheets: ONE table whose first column, `table`, says what a row describes:
//          `aspect`, `subcriterion`, `judge` or `conflict` (two rows per judge: `candidates` =
//          `own` or `other`). Every row has every column; a column that does not apply to its
//          table is empty, so any CSV reader loads it and a filter on `table` gives one section.
//   table  for people: a header, one aligned table per section in the current language and a
//          legend that says what the columns mean, with a decimal comma in Russian.
//
// Rounding, half away from zero, once, at output: percentages to 1 decimal (computed exactly
// from the panel counts), ICC, alpha and p-values to 3, severity, its standard error and the
// standard deviations of scores to 2. JSON and CSV trim trailing zeros (0.50 → 0.5); the table
// keeps every decimal place so that columns line up, and writes severity with its sign (+0.50).
//
// JSON shape (keys in this order):
//   { "exam": "DE-2026-0412" | null,
//     "rubric": { "code", "version", "sha256" | null },
//     "policy": { "judges": 3, "max_spread": 1, "conflict_of_interest": "organization" | "none" },
//     "aspects": [ { "id", "subcriterion", "panels", "disputed", "compared",
//                    "exact_percent", "adjacent_percent" } ],
//     "subcriteria": [ { "id", "panels", "disputed", "compared", "exact_percent",
//                        "adjacent_percent", "icc", "alpha_ordinal" } ],
//     "judges": [ { "id", "name", "organization", "scores", "compared", "severity",
//                   "standard_error", "p_value", "significant", "score_sd", "panel_sd" } ],
//     "conflict": null | [ { "judge", "own": DEVIATION | null, "other": DEVIATION | null } ] }
//   "icc": null | { "subjects", "raters", "single", "average", "single_ci": [lower, upper] | null,
//                   "average_ci": [lower, upper] | null, "p_value": number | null }
//   DEVIATION: { "compared", "severity", "standard_error", "p_value", "significant" }
// `compared` counts the panels with at least two scores (for a judge: those they scored in);
// `severity` is the mean deviation from the rest of the panel (negative = harsher, positive =
// more lenient); `standard_error`, `p_value` and `significant` (two-sided t test, 5 %) are null
// for a single deviation.
//
// Machine-facing output (JSON, CSV) stays in English; only the CSV delimiter and decimal
// separator follow the language (CsvStyleFor).
//
// Thread safety: pure functions of their arguments and the current language (i18n.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/judge_analytics.h"
#include "skillscore/report.h"
#include "skillscore/rubric.h"

namespace skillscore {

// What the report shows. It refers to data owned by the caller.
struct JudgeReportView {
  std::optional<std::string> exam;  // null in JSON and left out of the table if unknown
  const Rubric& rubric;
  const JudgeAnalytics& analytics;   // AnalyseJudges(rubric, …, judges)
  const std::vector<Judge>& judges;  // for the judges' names; unlisted judges have none
};

std::string JudgeReportJson(const JudgeReportView& view);
std::string JudgeReportCsv(const JudgeReportView& view, const CsvStyle& style = {});
std::string JudgeReportTable(const JudgeReportView& view);

}  // namespace skillscore
