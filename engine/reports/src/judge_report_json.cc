#include "judge_report_internal.h"
#include "rubric_json.h"
#include "skillscore/json_writer.h"

namespace skillscore {
namespace {

using Layout = JsonWriter::Layout;

class JudgeJson {
 public:
  explicit JudgeJson(const JudgeReportView& view) : view_(view) {}

  std::string Write() {
    json_.BeginObject();
    json_.Key("exam");
    if (view_.exam) {
      json_.String(*view_.exam);
    } else {
      json_.Null();
    }
    WriteRubric();
    WritePolicy();
    WriteAspects();
    WriteSubcriteria();
    WriteJudges();
    WriteConflict();
    json_.EndObject();
    return json_.text() + '\n';
  }

 private:
  void Statistic(const std::optional<double>& value, int decimals) {
    if (value) {
      json_.Number(ReportNumber(RoundedStatistic(*value, decimals), decimals));
    } else {
      json_.Null();
    }
  }

  void PercentOf(std::size_t part, std::size_t whole) {
    if (auto percent = Percent(part, whole)) {
      json_.Number(ReportNumber(*percent, kPercentDecimals));
    } else {
      json_.Null();
    }
  }

  void Count(std::size_t value) { json_.Integer(static_cast<std::int64_t>(value)); }

  void WriteRubric() {
    const Rubric& rubric = view_.rubric;
    json_.Key("rubric");
    json_.BeginObject(Layout::kInline);
    internal::WriteRubricIdentity(json_, rubric);
    json_.EndObject();
  }

  void WritePolicy() {
    const Policy& policy = view_.rubric.policy;
    json_.Key("policy");
    json_.BeginObject(Layout::kInline);
    json_.Key("judges");
    json_.Integer(policy.judges);
    json_.Key("max_spread");
    json_.Integer(policy.max_spread);
    json_.Key("conflict_of_interest");
    json_.String(ConflictRuleName(policy.conflict_of_interest));
    json_.EndObject();
  }

  void WriteSummary(const PanelSummary& summary) {
    json_.Key("panels");
    Count(summary.panels);
    json_.Key("disputed");
    Count(summary.disputed);
    json_.Key("compared");
    Count(summary.agreement.compared);
    json_.Key("exact_percent");
    PercentOf(summary.agreement.exact, summary.agreement.compared);
    json_.Key("adjacent_percent");
    PercentOf(summary.agreement.adjacent, summary.agreement.compared);
  }

  void WriteAspects() {
    json_.Key("aspects");
    json_.BeginArray();
    for (const AspectPanels& aspect : view_.analytics.aspects) {
      json_.BeginObject(Layout::kInline);
      json_.Key("id");
      json_.String(aspect.id);
      json_.Key("subcriterion");
      json_.String(SubcriterionOf(view_.rubric, aspect.aspect));
      WriteSummary(aspect.summary);
      json_.EndObject();
    }
    json_.EndArray();
  }

  void Interval(const std::optional<ConfidenceInterval>& interval) {
    if (!interval) {
      json_.Null();
      return;
    }
    json_.BeginArray(Layout::kInline);
    Statistic(interval->lower, kReliabilityDecimals);
    Statistic(interval->upper, kReliabilityDecimals);
    json_.EndArray();
  }

  void WriteIcc(const std::optional<IccResult>& icc) {
    if (!icc) {
      json_.Null();
      return;
    }
    json_.BeginObject(Layout::kInline);
    json_.Key("subjects");
    Count(icc->subjects);
    json_.Key("raters");
    Count(icc->raters);
    json_.Key("single");
    Statistic(icc->single, kReliabilityDecimals);
    json_.Key("average");
    Statistic(icc->average, kReliabilityDecimals);
    const std::optional<IccInference>& inference = icc->inference;
    json_.Key("single_ci");
    Interval(Map(inference, [](const IccInference& i) { return i.single; }));
    json_.Key("average_ci");
    Interval(Map(inference, [](const IccInference& i) { return i.average; }));
    json_.Key("p_value");
    Statistic(Map(inference, [](const IccInference& i) { return i.p_value; }),
              kReliabilityDecimals);
    json_.EndObject();
  }

  void WriteSubcriteria() {
    json_.Key("subcriteria");
    json_.BeginArray();
    for (const SubcriterionReliability& subcriterion : view_.analytics.subcriteria) {
      json_.BeginObject();
      json_.Key("id");
      json_.String(subcriterion.id);
      WriteSummary(subcriterion.summary);
      json_.Key("icc");
      WriteIcc(subcriterion.icc);
      json_.Key("alpha_ordinal");
      Statistic(subcriterion.ordinal_alpha, kReliabilityDecimals);
      json_.EndObject();
    }
    json_.EndArray();
  }

  // The members of a DeviationSummary; every one is null without a summary.
  void WriteDeviationMembers(const std::optional<DeviationSummary>& deviation) {
    std::optional<MeanTest> test = TestOf(deviation);
    json_.Key("compared");
    Count(deviation ? deviation->count : 0);
    json_.Key("severity");
    Statistic(Map(deviation, [](const DeviationSummary& d) { return d.mean; }), kSeverityDecimals);
    json_.Key("standard_error");
    Statistic(Map(test, [](const MeanTest& t) { return t.standard_error; }), kSeverityDecimals);
    json_.Key("p_value");
    Statistic(Map(test, [](const MeanTest& t) { return t.p_value; }), kReliabilityDecimals);
    json_.Key("significant");
    if (test) {
      json_.Bool(test->significant);
    } else {
      json_.Null();
    }
  }

  void WriteJudges() {
    json_.Key("judges");
    json_.BeginArray();
    for (const JudgeSeverity& judge : view_.analytics.judges) {
      json_.BeginObject();
      json_.Key("id");
      json_.String(judge.judge);
      json_.Key("name");
      json_.String(JudgeName(view_.judges, judge.judge));
      json_.Key("organization");
      json_.String(judge.organization);
      json_.Key("scores");
      Count(judge.scores);
      WriteDeviationMembers(judge.deviation);
      json_.Key("score_sd");
      Statistic(judge.score_sd, kSeverityDecimals);
      json_.Key("panel_sd");
      Statistic(judge.panel_sd, kSeverityDecimals);
      json_.EndObject();
    }
    json_.EndArray();
  }

  void WriteDeviation(const std::optional<DeviationSummary>& deviation) {
    if (!deviation) {
      json_.Null();
      return;
    }
    json_.BeginObject(Layout::kInline);
    WriteDeviationMembers(deviation);
    json_.EndObject();
  }

  void WriteConflict() {
    json_.Key("conflict");
    if (!view_.analytics.conflict) {
      json_.Null();
      return;
    }
    json_.BeginArray();
    for (const JudgeConflict& judge : *view_.analytics.conflict) {
      json_.BeginObject();
      json_.Key("judge");
      json_.String(judge.judge);
      json_.Key("own");
      WriteDeviation(judge.own_organization);
      json_.Key("other");
      WriteDeviation(judge.other_organizations);
      json_.EndObject();
    }
    json_.EndArray();
  }

  const JudgeReportView& view_;
  JsonWriter json_;
};

}  // namespace

std::string JudgeReportJson(const JudgeReportView& view) { return JudgeJson(view).Write(); }

}  // namespace skillscore
