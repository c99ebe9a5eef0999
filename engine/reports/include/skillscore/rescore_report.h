// Presenting a re-score (rescore.h): the candidates whose outcome changed, exam by exam, and a
// summary. Written as a stream — Begin, then Exam for every exam, then End — so that a national
// re-score holds one exam in memory whatever the number of exams.
//
//   JSON   { "rubric": "CODE@VERSION", "changes": [ one object per changed candidate ],
//            "summary": { counts, "applied", "exams_rebound", "passports_superseded",
//            "passports_awaiting" } }
//          A change: exam, from (its rubric before), candidate, name, organization, status,
//          before and after { total, percent, grade, rank, scale, award, provisional }, dropped
//          [{ aspect, reason (removed | retyped | invalid), marks }].
//   CSV    one row per changed candidate: exam, from, candidate, name, organization, status,
//          then total, percent, grade, rank, scale, award and provisional before and after, and
//          dropped ("B1.2 removed 3; …"). No summary: the rows are the data.
//   table  for people: per exam with changes, a heading and a table showing "old → new" where a
//          value changed; then the summary. In the current language.
//
// Numbers as in results (report.h): exact values rounded once, to the report_decimals of the
// rubric version they were computed under. JSON and CSV are in English.
//
// Thread safety: an ordinary object; use one per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/report.h"
#include "skillscore/rescore.h"
#include "skillscore/rubric.h"

namespace skillscore {

struct RescoreExamView {
  std::string_view exam;
  const Rubric& from;
  const Rubric& to;
  const ExamRescore& rescore;
};

// What --apply did to the signed passports of the exams it re-bound.
struct PassportCounts {
  std::size_t superseded = 0;  // replaced by records under the new version
  std::size_t awaiting = 0;    // left in force: the exam's new result is not final yet
};

struct RescoreEnd {
  const RescoreSummary& summary;
  bool applied = false;             // --apply: the exams were bound to the new version
  std::size_t exams_rebound = 0;    // exams bound to it by this run
  std::size_t already_current = 0;  // exams left out because they already use it
  PassportCounts passports = {};
};

class RescoreReport {
 public:
  virtual ~RescoreReport() = default;
  // `target` is the new version, "CODE@VERSION".
  virtual std::string Begin(std::string_view target) = 0;
  // The exam's changed candidates; empty text when none changed.
  virtual std::string Exam(const RescoreExamView& view) = 0;
  virtual std::string End(const RescoreEnd& end) = 0;
};

std::unique_ptr<RescoreReport> RescoreJsonReport();
std::unique_ptr<RescoreReport> RescoreCsvReport(const CsvStyle& style);
std::unique_ptr<RescoreReport> RescoreTableReport();

// removed | retyped | invalid
std::string_view DropReasonName(DropReason reason);

// For people, in the current language (the CSV of --lang ru and the workbook): the column names
// of a change ("Exam", "From", … "Total before", "Total after", … "Dropped marks") and the dropped
// marks in words ("B1.2: 3 mark(s) dropped (aspect removed)").
std::vector<std::string> RescorePeopleHeader();
std::string DroppedMarksWords(const std::vector<DroppedMarks>& dropped);

}  // namespace skillscore
