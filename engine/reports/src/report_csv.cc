#include <fmt/format.h>

#include "skillscore/csv_writer.h"
#include "skillscore/report.h"

namespace skillscore {
namespace {

std::string Field(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

// The part's mark, looked up by id so that a column always holds the part it is named after.
std::string PartField(const std::vector<PartMark>& parts, const std::string& id, int decimals,
                      char decimal_separator) {
  for (const PartMark& part : parts) {
    if (part.id == id) return ReportNumber(part.mark, decimals, decimal_separator);
  }
  return {};
}

std::string ProblemsField(const std::vector<Problem>& problems, bool for_people) {
  std::string text;
  for (const Problem& problem : problems) {
    if (!text.empty()) text += "; ";
    text += for_people ? ProblemText(problem)
                       : fmt::format("{} {} ({})", problem.aspect, ProblemKindName(problem.kind),
                                     ProblemDetail(problem));
  }
  return text;
}

std::vector<std::string> Header(const Rubric& rubric, bool for_people) {
  if (for_people) {
    std::vector<std::string> header = {Tr("ID"),    Tr("Name"), Tr("Organisation"), Tr("Status"),
                                       Tr("Total"), "%",        Tr("Grade"),        Tr("Rank"),
                                       Tr("Scale"), Tr("Award")};
    for (const Module& module : rubric.modules) header.push_back(Tr("Module {0}", module.id));
    for (const Section& section : rubric.sections) {
      header.push_back(Tr("Section {0}", section.id));
    }
    header.push_back(Tr("Problems"));
    return header;
  }
  std::vector<std::string> header = {"id",      "name",  "organization", "status", "total",
                                     "percent", "grade", "rank",         "scale",  "award"};
  for (const Module& module : rubric.modules) header.push_back(module.id);
  for (const Section& section : rubric.sections) header.push_back("section " + section.id);
  header.push_back("problems");
  return header;
}

std::vector<std::string> Row(const Rubric& rubric, const CandidateResult& result,
                             const CsvStyle& style) {
  int decimals = rubric.policy.report_decimals;
  char separator = style.decimal_separator;
  const char* status = CandidateStatusName(result.candidate.status);
  std::string award;
  if (result.award) {
    award = style.for_people ? AwardWord(*result.award) : std::string(AwardName(*result.award));
  }
  std::vector<std::string> row = {
      result.candidate.id,
      result.candidate.name,
      result.candidate.organization,
      style.for_people ? Tr(status) : std::string(status),
      ReportNumber(result.total, decimals, separator),
      ReportNumber(result.percent, decimals, separator),
      Field(result.grade),
      Field(result.rank),
      Field(result.scale),
      award,
  };
  for (const Module& module : rubric.modules) {
    row.push_back(PartField(result.modules, module.id, decimals, separator));
  }
  for (const Section& section : rubric.sections) {
    row.push_back(PartField(result.sections, section.id, decimals, separator));
  }
  row.push_back(ProblemsField(result.problems, style.for_people));
  return row;
}

}  // namespace

std::string ResultsCsv(const ResultsView& view, const CsvStyle& style) {
  std::string out = CsvRecord(Header(view.rubric, style.for_people), style.delimiter);
  for (const CandidateResult& result : view.result.candidates) {
    out += CsvRecord(Row(view.rubric, result, style), style.delimiter);
  }
  return out;
}

}  // namespace skillscore
