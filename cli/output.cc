#include "output.h"

#include "results_output.h"
#include "skillscore/csv_writer.h"
#include "skillscore/json_writer.h"

namespace skillscore::cli {
namespace {

std::string RecordsJson(const RecordList& list) {
  JsonWriter json;
  json.BeginArray();
  for (const std::vector<std::string>& row : list.rows) {
    json.BeginObject(JsonWriter::Layout::kInline);
    for (std::size_t i = 0; i < list.keys.size(); ++i) {
      json.Key(list.keys[i]);
      json.String(i < row.size() ? row[i] : "");
    }
    json.EndObject();
  }
  json.EndArray();
  return json.text() + '\n';
}

std::string RecordsCsv(const RecordList& list, const CsvStyle& style) {
  std::vector<std::string> header = list.keys;
  if (style.for_people) {
    for (std::size_t i = 0; i < header.size() && i < list.columns.size(); ++i) {
      header[i] = list.columns[i].heading;
    }
  }
  char delimiter = style.delimiter;
  std::string out = CsvRecord(header, delimiter);
  for (const std::vector<std::string>& row : list.rows) out += CsvRecord(row, delimiter);
  return out;
}

}  // namespace

std::string CsvForLanguage(std::string csv, const GlobalOptions& global) {
  if (global.language != Language::kRussian) return csv;
  return kUtf8Bom + csv;
}

std::string RenderResults(const ResultsView& view, const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return ResultsJson(view);
    case OutputFormat::kCsv:
      return CsvForLanguage(ResultsCsv(view, CsvStyleFor(global.language)), global);
    case OutputFormat::kXlsx:
      RefuseWorkbookFormat();
    case OutputFormat::kTable:
      return ResultsTable(view);
  }
  return {};
}

std::string RenderRecords(const RecordList& list, const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return RecordsJson(list);
    case OutputFormat::kCsv:
      return CsvForLanguage(RecordsCsv(list, CsvStyleFor(global.language)), global);
    case OutputFormat::kXlsx:
      RefuseWorkbookFormat();
    case OutputFormat::kTable:
      return RenderTextTable(list.columns, list.rows);
  }
  return {};
}

}  // namespace skillscore::cli
