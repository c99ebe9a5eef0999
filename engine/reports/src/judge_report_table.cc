#include <algorithm>

#include "judge_report_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/text_table.h"

namespace skillscore {
namespace {

// What an undefined statistic shows.
constexpr char kUndefined[] = "—";

// Russian writes a decimal comma.
char DecimalSeparator() { return CurrentLanguage() == Language::kRussian ? ',' : '.'; }

// Every decimal place kept, so that right-aligned numbers line up at the separator.
std::string Fixed(const Rational& value, int decimals) {
  std::string text = value.ToDecimal(decimals);
  std::replace(text.begin(), text.end(), '.', DecimalSeparator());
  return text;
}

std::string StatisticCell(const std::optional<double>& value, int decimals) {
  return value ? Fixed(RoundedStatistic(*value, decimals), decimals) : kUndefined;
}

// With its sign, as a severity reads: +0.50 lenient, -0.50 harsh, 0.00 neither.
std::string SeverityCell(const std::optional<DeviationSummary>& deviation) {
  if (!deviation) return kUndefined;
  Rational rounded = RoundedStatistic(deviation->mean, kSeverityDecimals);
  return (rounded > 0 ? "+" : "") + Fixed(rounded, kSeverityDecimals);
}

std::string PercentCell(std::size_t part, std::size_t whole) {
  std::optional<Rational> percent = Percent(part, whole);
  return percent ? Fixed(*percent, kPercentDecimals) : kUndefined;
}

std::string CountCell(std::size_t count) { return std::to_string(count); }

// harsh or lenient when the severity differs from 0 at the 5 % level; empty otherwise.
std::string FlagCell(const std::optional<DeviationSummary>& deviation) {
  std::optional<MeanTest> test = TestOf(deviation);
  if (!test || !test->significant) return {};
  return deviation->mean < 0 ? Tr("harsh") : Tr("lenient");
}

std::string Header(const JudgeReportView& view) {
  const Policy& policy = view.rubric.policy;
  std::string header = Tr("Judge analytics") + '\n';
  if (view.exam) header += Tr("Exam: {0}", *view.exam) + '\n';
  header += Tr("Rubric: {0}", view.rubric.Identity()) + '\n';
  return header +
         Tr("Judges per panel: {0}; maximum spread: {1}", policy.judges, policy.max_spread) + '\n';
}

std::vector<std::string> SummaryCells(const PanelSummary& summary) {
  const PanelAgreement& agreement = summary.agreement;
  return {CountCell(summary.panels), CountCell(summary.disputed),
          PercentCell(agreement.exact, agreement.compared),
          PercentCell(agreement.adjacent, agreement.compared)};
}

std::vector<TextColumn> SummaryColumns(std::string first) {
  return {{std::move(first)},
          {Tr("Panels"), Align::kRight},
          {Tr("Disputed"), Align::kRight},
          {Tr("Exact %"), Align::kRight},
          {Tr("Adjacent %"), Align::kRight}};
}

std::string AspectTable(const JudgeAnalytics& analytics) {
  std::vector<std::vector<std::string>> rows;
  for (const AspectPanels& aspect : analytics.aspects) {
    std::vector<std::string> row = {aspect.id};
    std::vector<std::string> summary = SummaryCells(aspect.summary);
    row.insert(row.end(), summary.begin(), summary.end());
    rows.push_back(std::move(row));
  }
  return Tr("Agreement per judgement aspect") + '\n' +
         RenderTextTable(SummaryColumns(Tr("Aspect")), rows);
}

std::string SubcriterionTable(const JudgeAnalytics& analytics, const Policy& policy) {
  std::vector<TextColumn> columns = SummaryColumns(Tr("Sub-criterion"));
  columns.push_back({"ICC(A,1)", Align::kRight});
  columns.push_back({"ICC(A," + std::to_string(policy.judges) + ")", Align::kRight});
  columns.push_back({"α", Align::kRight});
  std::vector<std::vector<std::string>> rows;
  for (const SubcriterionReliability& subcriterion : analytics.subcriteria) {
    std::vector<std::string> row = {subcriterion.id};
    std::vector<std::string> summary = SummaryCells(subcriterion.summary);
    row.insert(row.end(), summary.begin(), summary.end());
    const std::optional<IccResult>& icc = subcriterion.icc;
    row.push_back(
        StatisticCell(Map(icc, [](const IccResult& r) { return r.single; }), kReliabilityDecimals));
    row.push_back(StatisticCell(Map(icc, [](const IccResult& r) { return r.average; }),
                                kReliabilityDecimals));
    row.push_back(StatisticCell(subcriterion.ordinal_alpha, kReliabilityDecimals));
    rows.push_back(std::move(row));
  }
  return Tr("Reliability per sub-criterion") + '\n' + RenderTextTable(columns, rows);
}

std::string SeverityTable(const JudgeReportView& view) {
  std::vector<TextColumn> columns = {{Tr("Judge")},
                                     {Tr("Name")},
                                     {Tr("Organisation")},
                                     {Tr("Scores"), Align::kRight},
                                     {Tr("Compared"), Align::kRight},
                                     {Tr("Severity"), Align::kRight},
                                     {Tr("SE"), Align::kRight},
                                     {Tr("SD"), Align::kRight},
                                     {Tr("Panel SD"), Align::kRight},
                                     {Tr("Flag")}};
  std::vector<std::vector<std::string>> rows;
  for (const JudgeSeverity& judge : view.analytics.judges) {
    std::optional<MeanTest> test = TestOf(judge.deviation);
    rows.push_back({judge.judge, JudgeName(view.judges, judge.judge), judge.organization,
                    CountCell(judge.scores),
                    CountCell(judge.deviation ? judge.deviation->count : 0),
                    SeverityCell(judge.deviation),
                    StatisticCell(Map(test, [](const MeanTest& t) { return t.standard_error; }),
                                  kSeverityDecimals),
                    StatisticCell(judge.score_sd, kSeverityDecimals),
                    StatisticCell(judge.panel_sd, kSeverityDecimals), FlagCell(judge.deviation)});
  }
  return Tr("Judge severity") + '\n' + RenderTextTable(columns, rows);
}

// Two rows per judge, own organisation then the others, so that the two severities sit one
// above the other.
std::string ConflictTable(const std::vector<JudgeConflict>& conflict) {
  std::vector<TextColumn> columns = {{Tr("Judge")},
                                     {Tr("Candidates")},
                                     {Tr("Compared"), Align::kRight},
                                     {Tr("Severity"), Align::kRight},
                                     {Tr("SE"), Align::kRight},
                                     {Tr("Flag")}};
  std::vector<std::vector<std::string>> rows;
  for (const JudgeConflict& judge : conflict) {
    for (bool own : {true, false}) {
      const std::optional<DeviationSummary>& deviation =
          own ? judge.own_organization : judge.other_organizations;
      std::optional<MeanTest> test = TestOf(deviation);
      rows.push_back({judge.judge, own ? Tr("own organisation") : Tr("others"),
                      CountCell(deviation ? deviation->count : 0), SeverityCell(deviation),
                      StatisticCell(Map(test, [](const MeanTest& t) { return t.standard_error; }),
                                    kSeverityDecimals),
                      FlagCell(deviation)});
    }
  }
  return Tr("Conflict of interest: candidates of the judge's own organisation and the others") +
         '\n' + RenderTextTable(columns, rows);
}

// A paragraph broken into lines of at most kLegendWidth terminal columns (unless a single word
// is longer), each indented by two spaces.
std::string Wrapped(const std::string& paragraph) {
  constexpr int kLegendWidth = 80;
  constexpr char kIndent[] = "  ";
  std::string out;
  std::string line = kIndent;
  std::size_t start = 0;
  while (start < paragraph.size()) {
    std::size_t end = std::min(paragraph.find(' ', start), paragraph.size());
    std::string word = paragraph.substr(start, end - start);
    bool first = line == kIndent;
    if (!first && DisplayWidth(line) + 1 + DisplayWidth(word) > kLegendWidth) {
      out += line + '\n';
      line = kIndent;
      first = true;
    }
    line += (first ? "" : " ") + word;
    start = end + 1;
  }
  return out + line + '\n';
}

std::string Legend(const JudgeReportView& view) {
  const Policy& policy = view.rubric.policy;
  std::vector<std::string> lines = {
      Tr("Panel: the scores of one judgement aspect for one candidate. Disputed: spread above "
         "{0}. Exact %: panels whose scores are all equal; adjacent %: at most 1 point apart; "
         "of the panels with at least two scores.",
         policy.max_spread),
      Tr("ICC: two-way intraclass correlation, absolute agreement (McGraw & Wong), of one judge "
         "and of {0}, over the panels with exactly {0} scores; α: Krippendorff's ordinal alpha "
         "over every panel; {1}: not defined.",
         policy.judges, kUndefined),
      Tr("Severity: the judge's score minus the mean of the rest of the panel, averaged over the "
         "panels compared; negative = harsher, positive = more lenient than the colleagues. SE: "
         "its standard error."),
      Tr("Flag: the severity differs from 0 at the 95 % level (two-sided t test): harsh or "
         "lenient."),
      Tr("SD: spread of the judge's scores; panel SD: of the other judges' scores on the same "
         "panels.")};
  if (view.analytics.conflict) {
    lines.push_back(
        Tr("Own organisation: candidates of the judge's organisation, whom policy "
           "conflict_of_interest: none allows them to mark; others: all other candidates."));
  }
  std::string legend;
  for (const std::string& line : lines) legend += Wrapped(line);
  return Tr("Legend:") + '\n' + legend;
}

}  // namespace

std::string JudgeReportTable(const JudgeReportView& view) {
  const JudgeAnalytics& analytics = view.analytics;
  if (analytics.aspects.empty()) {
    return Header(view) + '\n' + Tr("The rubric has no judgement aspects.") + '\n';
  }
  std::string out = Header(view) + '\n' + AspectTable(analytics) + '\n' +
                    SubcriterionTable(analytics, view.rubric.policy) + '\n' + SeverityTable(view);
  if (analytics.conflict) out += '\n' + ConflictTable(*analytics.conflict);
  return out + '\n' + Legend(view);
}

}  // namespace skillscore
