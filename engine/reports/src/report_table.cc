#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "skillscore/i18n.h"
#include "skillscore/identifier.h"
#include "skillscore/report.h"
#include "skillscore/text_table.h"

namespace skillscore {
namespace {

// Russian writes a decimal comma.
char DecimalSeparator() { return CurrentLanguage() == Language::kRussian ? ',' : '.'; }

// Every decimal place kept, so that right-aligned numbers line up at the separator.
std::string Fixed(const Rational& value, int decimals) {
  std::string text = value.ToDecimal(decimals);
  std::replace(text.begin(), text.end(), '.', DecimalSeparator());
  return text;
}

std::string StatusWord(CandidateStatus status) {
  // The status names are the message ids of the translated words (po/ru/report.po).
  return Tr(CandidateStatusName(status));
}

std::vector<TextColumn> Columns(RubricKind kind) {
  std::vector<TextColumn> columns = {
      {Tr("Rank"), Align::kRight},  {Tr("ID")},          {Tr("Name")}, {Tr("Organisation")},
      {Tr("Total"), Align::kRight}, {"%", Align::kRight}};
  if (kind == RubricKind::kExam) {
    columns.push_back({Tr("Grade")});
  } else {
    columns.push_back({Tr("Scale"), Align::kRight});
    columns.push_back({Tr("Award")});
  }
  columns.push_back({Tr("Problems"), Align::kRight});
  return columns;
}

// A candidate who is not present shows their status where the grade or award would be.
std::vector<std::string> Row(RubricKind kind, const CandidateResult& result, int decimals) {
  bool present = result.candidate.status == CandidateStatus::kPresent;
  std::vector<std::string> row = {result.rank ? std::to_string(*result.rank) : "—",
                                  result.candidate.id,
                                  result.candidate.name,
                                  result.candidate.organization,
                                  Fixed(result.total, decimals),
                                  Fixed(result.percent, decimals)};
  if (kind == RubricKind::kExam) {
    row.push_back(!present       ? StatusWord(result.candidate.status)
                  : result.grade ? std::to_string(*result.grade)
                                 : "");
  } else {
    row.push_back(result.scale ? std::to_string(*result.scale) : "");
    row.push_back(!present       ? StatusWord(result.candidate.status)
                  : result.award ? AwardWord(*result.award)
                                 : "");
  }
  row.push_back(result.problems.empty() ? "" : std::to_string(result.problems.size()));
  return row;
}

std::string Header(const ResultsView& view) {
  std::string header;
  if (view.exam) header += Tr("Exam: {0}", EscapeControls(*view.exam)) + '\n';
  const Rubric& rubric = view.rubric;
  header += Tr("Rubric: {0}, max {1}", rubric.Identity(),
               ReportNumber(rubric.max, rubric.policy.report_decimals, DecimalSeparator())) +
            '\n';
  std::string status = view.status == ResultsStatus::kFinal ? Tr("final") : Tr("provisional");
  return header + Tr("Results: {0}", status) + '\n';
}

// One line per candidate with problems: who (the name only when it says more than the id), then
// each problem.
std::string ProblemList(const ExamResult& result) {
  std::string list;
  for (const CandidateResult& candidate : result.candidates) {
    if (candidate.problems.empty()) continue;
    // Escaped, as in the table: a stored name never sends the terminal an escape sequence.
    std::string who = EscapeControls(candidate.candidate.id);
    if (!candidate.candidate.name.empty() && candidate.candidate.name != candidate.candidate.id) {
      who += ' ' + EscapeControls(candidate.candidate.name);
    }
    std::vector<std::string> problems;
    for (const Problem& problem : candidate.problems) problems.push_back(ProblemText(problem));
    list += fmt::format("  {}: {}\n", who, fmt::join(problems, "; "));
  }
  return list.empty() ? list : '\n' + Tr("Problems:") + '\n' + list;
}

}  // namespace

std::string ProblemText(const Problem& problem) {
  switch (problem.kind) {
    case ProblemKind::kMissing:
      if (problem.scores_needed == 0) return Tr("{0} no mark", problem.aspect);
      return Tr("{0} incomplete ({1} of {2} scores)", problem.aspect, problem.scores.size(),
                problem.scores_needed);
    case ProblemKind::kDisputed: {
      std::vector<int> scores = problem.scores;
      std::sort(scores.begin(), scores.end());
      return Tr("{0} disputed (scores {1})", problem.aspect, fmt::join(scores, ", "));
    }
    case ProblemKind::kNotAttempted:
      return Tr("{0} not attempted", problem.aspect);
  }
  return {};
}

std::string ResultsTable(const ResultsView& view) {
  RubricKind kind = view.rubric.kind;
  int decimals = view.rubric.policy.report_decimals;
  std::vector<std::vector<std::string>> rows;
  for (const CandidateResult& result : view.result.candidates) {
    rows.push_back(Row(kind, result, decimals));
  }
  return Header(view) + '\n' + RenderTextTable(Columns(kind), rows) + ProblemList(view.result);
}

}  // namespace skillscore
