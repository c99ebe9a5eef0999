// Presenting the progress of marking (progress.h), as `skillscore status` prints it, in the same
// three forms and with the same conventions as results (report.h): JSON and CSV are
// machine-facing and in English, the table is for people and in the current language.
//
//   JSON   { "exam", "rubric": { code, version, sha256 }, "complete", "expected", "entered",
//            "missing", "disputed", "subcriteria": [ { "id", "expected", "entered", "missing",
//            "disputed", "complete", "locked", "problems": [ { candidate, aspect, kind,
//            detail, owed_by: [ judge ids ] } ] } ] }
//   CSV    one row per sub-criterion: subcriterion, expected, entered, missing, disputed,
//          complete and locked (yes/no), problems ("C1 A1.1 missing (no mark); …")
//   table  a header with the totals, one line per sub-criterion, then the missing and disputed
//          marks, one line per sub-criterion and candidate, an incomplete panel naming the judges
//          who owe a score ("B1.2 incomplete (2 of 3 scores), owed by E2, E4")
//   owed_by (MarkGap::owed_by) is in JSON and the table; the CSV keeps its problems column as it
//   was, for the spreadsheets that read it.
//
// Thread safety: pure functions of their arguments and the current language (i18n.h).
#pragma once

#include <string>
#include <vector>

#include "skillscore/progress.h"
#include "skillscore/report.h"
#include "skillscore/rubric.h"

namespace skillscore {

// What a status report shows. It refers to data owned by the caller.
struct ProgressView {
  std::string exam;
  const Rubric& rubric;
  const std::vector<SubcriterionProgress>& progress;
  std::vector<std::string> locked;  // ids of the sub-criteria the chief expert has locked
};

std::string ProgressJson(const ProgressView& view);
std::string ProgressCsv(const ProgressView& view, const CsvStyle& style = {});
std::string ProgressTable(const ProgressView& view);

}  // namespace skillscore
