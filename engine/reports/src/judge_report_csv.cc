#include <array>

#include "judge_report_internal.h"
#include "skillscore/csv_writer.h"

namespace skillscore {
namespace {

// The columns of the one CSV table, in order (judge_report.h).
enum Column {
  kTable,
  kId,
  kSubcriterion,
  kName,
  kOrganization,
  kCandidates,
  kPanels,
  kDisputed,
  kCompared,
  kExactPercent,
  kAdjacentPercent,
  kIccSubjects,
  kIccSingle,
  kIccAverage,
  kAlphaOrdinal,
  kScores,
  kSeverity,
  kStandardError,
  kPValue,
  kSignificant,
  kScoreSd,
  kPanelSd,
  kColumnCount,
};

constexpr std::array<const char*, kColumnCount> kColumnNames = {"table",
                                                                "id",
                                                                "subcriterion",
                                                                "name",
                                                                "organization",
                                                                "candidates",
                                                                "panels",
                                                                "disputed",
                                                                "compared",
                                                                "exact_percent",
                                                                "adjacent_percent",
                                                                "icc_subjects",
                                                                "icc_single",
                                                                "icc_average",
                                                                "alpha_ordinal",
                                                                "scores",
                                                                "severity",
                                                                "standard_error",
                                                                "p_value",
                                                                "significant",
                                                                "score_sd",
                                                                "panel_sd"};

// The column names for people (CsvStyle::for_people), in the order of kColumnNames.
std::vector<std::string> PeopleColumnNames() {
  return {Tr("Table"),
          Tr("ID"),
          Tr("Sub-criterion"),
          Tr("Name"),
          Tr("Organisation"),
          Tr("Candidates"),
          Tr("Panels"),
          Tr("Disputed"),
          Tr("Compared"),
          Tr("Exact %"),
          Tr("Adjacent %"),
          Tr("ICC candidates"),
          Tr("ICC single"),
          Tr("ICC average"),
          Tr("Ordinal alpha"),
          Tr("Scores"),
          Tr("Severity"),
          Tr("SE"),
          "p",
          Tr("Significant"),
          Tr("SD"),
          Tr("Panel SD")};
}

// A word of a field: the code for machines, translated for people.
std::string Word(const char* code, const char* people_word, bool for_people) {
  return for_people ? Tr(people_word) : std::string(code);
}

// One record; the columns that do not apply to its table stay empty.
class Record {
 public:
  // `table` is the code of the record's table; `table_word` the same for people.
  Record(const char* table, const char* table_word, std::string id, const CsvStyle& style)
      : separator_(style.decimal_separator), for_people_(style.for_people) {
    fields_[kTable] = Word(table, table_word, for_people_);
    fields_[kId] = std::move(id);
  }

  void Set(Column column, std::string value) { fields_[column] = std::move(value); }
  void Count(Column column, std::size_t value) { fields_[column] = std::to_string(value); }
  void Statistic(Column column, const std::optional<double>& value, int decimals) {
    if (value)
      fields_[column] = ReportNumber(RoundedStatistic(*value, decimals), decimals, separator_);
  }
  void PercentOf(Column column, std::size_t part, std::size_t whole) {
    if (auto percent = Percent(part, whole)) {
      fields_[column] = ReportNumber(*percent, kPercentDecimals, separator_);
    }
  }

  void Summary(const PanelSummary& summary) {
    Count(kPanels, summary.panels);
    Count(kDisputed, summary.disputed);
    Count(kCompared, summary.agreement.compared);
    PercentOf(kExactPercent, summary.agreement.exact, summary.agreement.compared);
    PercentOf(kAdjacentPercent, summary.agreement.adjacent, summary.agreement.compared);
  }

  void Deviation(const std::optional<DeviationSummary>& deviation) {
    std::optional<MeanTest> test = TestOf(deviation);
    Count(kCompared, deviation ? deviation->count : 0);
    Statistic(kSeverity, Map(deviation, [](const DeviationSummary& d) { return d.mean; }),
              kSeverityDecimals);
    Statistic(kStandardError, Map(test, [](const MeanTest& t) { return t.standard_error; }),
              kSeverityDecimals);
    Statistic(kPValue, Map(test, [](const MeanTest& t) { return t.p_value; }),
              kReliabilityDecimals);
    if (test) {
      Set(kSignificant,
          test->significant ? Word("true", "yes", for_people_) : Word("false", "no", for_people_));
    }
  }

  std::string Text(char delimiter) const {
    return CsvRecord(std::vector<std::string>(fields_.begin(), fields_.end()), delimiter);
  }

 private:
  std::array<std::string, kColumnCount> fields_;
  char separator_;
  bool for_people_;
};

std::string AspectRecords(const JudgeReportView& view, const CsvStyle& style) {
  std::string out;
  for (const AspectPanels& aspect : view.analytics.aspects) {
    Record record("aspect", "Aspect", aspect.id, style);
    record.Set(kSubcriterion, SubcriterionOf(view.rubric, aspect.aspect));
    record.Summary(aspect.summary);
    out += record.Text(style.delimiter);
  }
  return out;
}

std::string SubcriterionRecords(const JudgeReportView& view, const CsvStyle& style) {
  std::string out;
  for (const SubcriterionReliability& subcriterion : view.analytics.subcriteria) {
    Record record("subcriterion", "Sub-criterion", subcriterion.id, style);
    record.Summary(subcriterion.summary);
    if (const std::optional<IccResult>& icc = subcriterion.icc) {
      record.Count(kIccSubjects, icc->subjects);
      record.Statistic(kIccSingle, icc->single, kReliabilityDecimals);
      record.Statistic(kIccAverage, icc->average, kReliabilityDecimals);
    }
    record.Statistic(kAlphaOrdinal, subcriterion.ordinal_alpha, kReliabilityDecimals);
    out += record.Text(style.delimiter);
  }
  return out;
}

std::string JudgeRecords(const JudgeReportView& view, const CsvStyle& style) {
  std::string out;
  for (const JudgeSeverity& judge : view.analytics.judges) {
    Record record("judge", "Judge", judge.judge, style);
    record.Set(kName, JudgeName(view.judges, judge.judge));
    record.Set(kOrganization, judge.organization);
    record.Count(kScores, judge.scores);
    record.Deviation(judge.deviation);
    record.Statistic(kScoreSd, judge.score_sd, kSeverityDecimals);
    record.Statistic(kPanelSd, judge.panel_sd, kSeverityDecimals);
    out += record.Text(style.delimiter);
  }
  return out;
}

std::string ConflictRecords(const JudgeReportView& view, const CsvStyle& style) {
  if (!view.analytics.conflict) return {};
  std::string out;
  for (const JudgeConflict& judge : *view.analytics.conflict) {
    for (bool own : {true, false}) {
      Record record("conflict", "Conflict of interest", judge.judge, style);
      record.Set(kCandidates, own ? Word("own", "own organisation", style.for_people)
                                  : Word("other", "others", style.for_people));
      record.Deviation(own ? judge.own_organization : judge.other_organizations);
      out += record.Text(style.delimiter);
    }
  }
  return out;
}

}  // namespace

std::string JudgeReportCsv(const JudgeReportView& view, const CsvStyle& style) {
  std::vector<std::string> header =
      style.for_people ? PeopleColumnNames()
                       : std::vector<std::string>(kColumnNames.begin(), kColumnNames.end());
  return CsvRecord(header, style.delimiter) + AspectRecords(view, style) +
         SubcriterionRecords(view, style) + JudgeRecords(view, style) +
         ConflictRecords(view, style);
}

}  // namespace skillscore
