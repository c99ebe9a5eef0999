#include "skillscore/results_workbook.h"

#include <cstdlib>

#include "skillscore/csv.h"
#include "skillscore/xlsx_writer.h"

namespace skillscore {
namespace {

// The number a report shows, as the double a spreadsheet holds: parsed from the rounded decimal,
// so that the cell is exactly the number JSON prints.
double ReportValue(const Rational& value, int decimals) {
  return std::strtod(ReportNumber(value, decimals).c_str(), nullptr);
}

const PartMark* FindPart(const std::vector<PartMark>& parts, const std::string& id) {
  for (const PartMark& part : parts) {
    if (part.id == id) return &part;
  }
  return nullptr;
}

std::string ProblemsText(const std::vector<Problem>& problems) {
  std::string text;
  for (const Problem& problem : problems) {
    if (!text.empty()) text += "; ";
    text += ProblemText(problem);
  }
  return text;
}

void WriteResultsSheet(const ResultsView& view, XlsxWriter& out) {
  const Rubric& rubric = view.rubric;
  const int decimals = rubric.policy.report_decimals;
  out.AddSheet(Tr("Results"));
  std::vector<std::string> header = {Tr("ID"),    Tr("Name"), Tr("Organisation"), Tr("Status"),
                                     Tr("Total"), "%",        Tr("Grade"),        Tr("Rank"),
                                     Tr("Scale"), Tr("Award")};
  for (const Module& module : rubric.modules) header.push_back(Tr("Module {0}", module.id));
  for (const Section& section : rubric.sections) header.push_back(Tr("Section {0}", section.id));
  header.push_back(Tr("Problems"));
  for (std::size_t c = 0; c < header.size(); ++c) out.Header(1, static_cast<int>(c) + 1, header[c]);
  int row = 1;
  for (const CandidateResult& result : view.result.candidates) {
    ++row;
    int column = 0;
    out.Text(row, ++column, result.candidate.id);
    out.Text(row, ++column, result.candidate.name);
    out.Text(row, ++column, result.candidate.organization);
    out.Text(row, ++column, Tr(CandidateStatusName(result.candidate.status)));
    out.Number(row, ++column, ReportValue(result.total, decimals), decimals);
    out.Number(row, ++column, ReportValue(result.percent, decimals), decimals);
    for (const std::optional<int>& whole : {result.grade, result.rank, result.scale}) {
      ++column;
      if (whole) out.Number(row, column, *whole, 0);
    }
    out.Text(row, ++column, result.award ? AwardWord(*result.award) : std::string());
    for (const Module& module : rubric.modules) {
      ++column;
      if (const PartMark* part = FindPart(result.modules, module.id)) {
        out.Number(row, column, ReportValue(part->mark, decimals), decimals);
      }
    }
    for (const Section& section : rubric.sections) {
      ++column;
      if (const PartMark* part = FindPart(result.sections, section.id)) {
        out.Number(row, column, ReportValue(part->mark, decimals), decimals);
      }
    }
    out.Text(row, ++column, ProblemsText(result.problems));
  }
  out.ColumnWidth(2, 3, 24);
  out.FreezeHeader(row, static_cast<int>(header.size()));
}

void WriteSubcriteriaSheet(const ResultsView& view, XlsxWriter& out) {
  const int decimals = view.rubric.policy.report_decimals;
  out.AddSheet(Tr("Sub-criteria"));
  out.Header(1, 1, Tr("ID"));
  out.Header(1, 2, Tr("Name"));
  int columns = 2;
  for (const Module& module : view.rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      out.Header(1, ++columns, subcriterion.id);
    }
  }
  int row = 1;
  for (const CandidateResult& result : view.result.candidates) {
    ++row;
    out.Text(row, 1, result.candidate.id);
    out.Text(row, 2, result.candidate.name);
    int column = 2;
    for (const Module& module : view.rubric.modules) {
      for (const Subcriterion& subcriterion : module.subcriteria) {
        ++column;
        if (const PartMark* part = FindPart(result.subcriteria, subcriterion.id)) {
          out.Number(row, column, ReportValue(part->mark, decimals), decimals);
        }
      }
    }
  }
  out.ColumnWidth(2, 2, 24);
  out.FreezeHeader(row, columns);
}

void WriteProblemsSheet(const ResultsView& view, XlsxWriter& out) {
  out.AddSheet(Tr("Problems"));
  const std::vector<std::string> header = {Tr("ID"), Tr("Name"), Tr("Aspect"), Tr("Problem")};
  for (std::size_t c = 0; c < header.size(); ++c) out.Header(1, static_cast<int>(c) + 1, header[c]);
  int row = 1;
  for (const CandidateResult& result : view.result.candidates) {
    for (const Problem& problem : result.problems) {
      ++row;
      out.Text(row, 1, result.candidate.id);
      out.Text(row, 2, result.candidate.name);
      out.Text(row, 3, problem.aspect);
      out.Text(row, 4, ProblemText(problem));
    }
  }
  out.ColumnWidth(2, 2, 24);
  out.ColumnWidth(4, 4, 40);
  out.FreezeHeader(row, static_cast<int>(header.size()));
}

// The judge report's CSV table, its numbers as numbers.
void WriteJudgesSheet(const JudgeReportView& judges, XlsxWriter& out) {
  out.AddSheet(Tr("Judges"));
  auto table = ParseCsv(JudgeReportCsv(judges), "judges");
  if (!table) return;
  for (std::size_t c = 0; c < table->header.size(); ++c) {
    out.Header(1, static_cast<int>(c) + 1, table->header[c]);
  }
  int row = 1;
  for (const CsvRow& record : table->rows) {
    ++row;
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      const std::string& field = record.fields[c];
      char* end = nullptr;
      double number = std::strtod(field.c_str(), &end);
      if (!field.empty() && end == field.c_str() + field.size() && Rational::ParseDecimal(field)) {
        out.Number(row, static_cast<int>(c) + 1, number);
      } else {
        out.Text(row, static_cast<int>(c) + 1, field);
      }
    }
  }
  out.FreezeHeader(row, static_cast<int>(table->header.size()));
}

}  // namespace

tl::expected<void, std::string> WriteResultsWorkbook(const ResultsView& view,
                                                     const JudgeReportView* judges,
                                                     const std::string& path) {
  XlsxWriter out(path);
  WriteResultsSheet(view, out);
  WriteSubcriteriaSheet(view, out);
  WriteProblemsSheet(view, out);
  if (judges) WriteJudgesSheet(*judges, out);
  return out.Close();
}

}  // namespace skillscore
