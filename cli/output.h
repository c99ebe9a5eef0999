// Printing data in the format chosen with --format (table, csv or json), the same way for every
// command: results (score and results print exactly the same for the same data) and plain lists
// of records (rubric list, exam list).
#pragma once

#include <string>
#include <vector>

#include "app.h"
#include "skillscore/report.h"
#include "skillscore/text_table.h"

namespace skillscore::cli {

std::string RenderResults(const ResultsView& view, const GlobalOptions& global);

// CSV as written for the language: in Russian it starts with the UTF-8 byte order mark, without
// which Excel reads UTF-8 as Windows-1251 mojibake.
std::string CsvForLanguage(std::string csv, const GlobalOptions& global);

// Records with one field per column. CSV has the keys as header (in the language's spreadsheet
// style, CsvStyleFor; in Russian the columns' translated headings), JSON is an array of objects
// with the keys as names and the fields as strings, the table has the columns' translated headings.
struct RecordList {
  std::vector<std::string> keys;
  std::vector<TextColumn> columns;  // parallel to keys
  std::vector<std::vector<std::string>> rows;
};

std::string RenderRecords(const RecordList& list, const GlobalOptions& global);

}  // namespace skillscore::cli
