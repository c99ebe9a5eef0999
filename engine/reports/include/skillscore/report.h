// Presenting an exam's results (shared/spec/cli.md, "Results") in three forms:
//
//   JSON   for programs: the documented shape, keys in the documented order.
//   CSV    for spreadsheets: one row per candidate, one column per module and per section.
//   table  for people: aligned columns in the current language, with a list of problems.
//
// Numbers are exact marks rounded once, at output, half away from zero to the rubric's
// policy.report_decimals (scoring.md §3). JSON and CSV trim trailing zeros (18.50 → 18.5,
// 25.00 → 25), as a program reading the number sees it anyway; the table keeps every decimal place
// so that columns line up at the decimal point.
//
// JSON is machine-facing and stays in English whatever the language. CSV follows the spreadsheet
// convention of the language (CsvStyleFor): in Russian its delimiter is ';', its decimal
// separator ',', and its column names and words (status, award, problems) are Russian, as the
// table's are; in English it keeps the machine-facing names. The table is translated.
//
// Thread safety: pure functions of their arguments and the current language (i18n.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skillscore/i18n.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {

enum class ResultsStatus { kFinal, kProvisional };

// What a report shows. It refers to data owned by the caller.
struct ResultsView {
  std::optional<std::string>
      exam;  // the exam id; null in JSON and left out of the table if unknown
  const Rubric& rubric;
  const ExamResult& result;  // candidates in the order they are to be listed
  ResultsStatus status = ResultsStatus::kProvisional;
};

// A mark for output: rounded half away from zero to `decimals` places, trailing zeros and a
// trailing separator removed ("52.17", "18.5", "25").
std::string ReportNumber(const Rational& value, int decimals, char decimal_separator = '.');

// Machine-facing names, as they appear in JSON and CSV.
std::string_view ProblemKindName(ProblemKind kind);  // missing | disputed | not_attempted
std::string_view AwardName(Award award);             // gold | silver | bronze | medallion
// The award in words for people, in the current language ("золото").
std::string AwardWord(Award award);
// What exactly is wrong, in English: "no mark" (measurement), "2 of 3 scores" (incomplete panel),
// "scores 0,2,3" (disputed panel, ascending), "marked na" (not attempted).
std::string ProblemDetail(const Problem& problem);
// The aspect and what is wrong, for people, in the current language: "A1.1 no mark",
// "B2.4 incomplete (2 of 3 scores)", "B2.4 disputed (scores 1, 3, 3)", "A1.2 not attempted".
std::string ProblemText(const Problem& problem);

std::string ResultsJson(const ResultsView& view);

struct CsvStyle {
  char delimiter = ',';
  char decimal_separator = '.';
  // Column names and words (status, award, problems) for people, in the current language, as a
  // Russian spreadsheet user reads them; false keeps the machine-facing English names.
  bool for_people = false;
};

// English: ',' and '.'; Russian: ';' and ',' (what spreadsheets set to Russian read and write),
// with Russian column names and words.
CsvStyle CsvStyleFor(Language language);

// The UTF-8 byte order mark that makes Excel read a CSV file as UTF-8; Russian CSV starts with it.
inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

// Columns: id, name, organization, status, total, percent, grade, rank, scale, award, one per
// module (its id: "A"), one per section ("section 1"), problems ("A1.1 missing (no mark); …").
// Empty fields stand for JSON's null. For people (style.for_people) the names are the table's
// ("Код", "ФИО" … "Модуль A", "Раздел 1") and status, award and problems are words.
std::string ResultsCsv(const ResultsView& view, const CsvStyle& style = {});

// A header (exam, rubric code@version and max, final or provisional), the candidates' table
// (rank, id, name, organisation, total, percent, then grade for an exam or scale and award for a
// competition, number of problems) and, when any candidate has problems, a list of them. In the
// current language, with a decimal comma in Russian.
std::string ResultsTable(const ResultsView& view);

}  // namespace skillscore
