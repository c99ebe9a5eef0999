#include "skillscore/judge_analytics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace skillscore {
namespace {

Aspect MakeAspect(const std::string& id, AspectType type) {
  Aspect aspect;
  aspect.id = id;
  aspect.type = type;
  aspect.max = 1;
  return aspect;
}

// A1: A1.1 measurement, A1.2 and A1.3 judgement; A2: measurement only; B1: B1.1 judgement.
Rubric MakeRubric(ConflictRule conflict) {
  Rubric rubric;
  rubric.policy.judges = 3;
  rubric.policy.max_spread = 1;
  rubric.policy.conflict_of_interest = conflict;
  Subcriterion a1{
      "A1",
      "",
      0,
      {MakeAspect("A1.1", AspectType::kMeasurement), MakeAspect("A1.2", AspectType::kJudgement),
       MakeAspect("A1.3", AspectType::kJudgement)}};
  Subcriterion a2{"A2", "", 0, {MakeAspect("A2.1", AspectType::kMeasurement)}};
  Subcriterion b1{"B1", "", 0, {MakeAspect("B1.1", AspectType::kJudgement)}};
  rubric.modules = {{"A", "", {a1, a2}}, {"B", "", {b1}}};
  rubric.IndexAspects();
  return rubric;
}

const std::vector<Judge> kJudges = {{"J1", "", "North"},
                                    {"J2", "", "South"},
                                    {"J3", "", "East"},
                                    {"J4", "", "North"}};  // J4 never scores; J9 is not listed

// Panels (judge=score), in the order the scores were entered:
//   A1.2  C1: J1=3 J2=2 J3=2   C2: J1=2 J2=2 J3=2   C3: J3=2 J2=1 J1=3 (disputed)   C4: J1=2
//   A1.3  C1: J1=1 J2=1 J3=0   C2: J1=3 J3=3
//   B1.1  C1: J2=2 J3=1 J9=2
std::vector<CandidateSheet> MakeSheets(const Rubric& rubric) {
  struct Score {
    const char* candidate;
    const char* aspect;
    const char* judge;
    int value;
  };
  static constexpr Score kScores[] = {
      {"C1", "A1.1", "J1", 1},  // a measurement: not a panel
      {"C1", "A1.2", "J1", 3}, {"C1", "A1.2", "J2", 2}, {"C1", "A1.2", "J3", 2},
      {"C2", "A1.2", "J1", 2}, {"C2", "A1.2", "J2", 2}, {"C2", "A1.2", "J3", 2},
      {"C3", "A1.2", "J3", 2}, {"C3", "A1.2", "J2", 1}, {"C3", "A1.2", "J1", 3},
      {"C4", "A1.2", "J1", 2}, {"C1", "A1.3", "J1", 1}, {"C1", "A1.3", "J2", 1},
      {"C1", "A1.3", "J3", 0}, {"C2", "A1.3", "J1", 3}, {"C2", "A1.3", "J3", 3},
      {"C1", "B1.1", "J2", 2}, {"C1", "B1.1", "J3", 1}, {"C1", "B1.1", "J9", 2},
  };
  std::vector<Candidate> candidates = {
      {"C1", "", "North"}, {"C2", "", "South"}, {"C3", "", "West"}, {"C4", "", "North"}};
  std::vector<MarkEntry> entries;
  for (const Score& score : kScores) {
    entries.push_back(
        {score.candidate, *rubric.FindAspect(score.aspect), score.judge, {false, score.value}});
  }
  return BuildSheets(rubric, candidates, entries);
}

class JudgeAnalyticsTest : public ::testing::Test {
 protected:
  Rubric rubric_ = MakeRubric(ConflictRule::kNone);
  JudgeAnalytics analytics_ = AnalyseJudges(rubric_, MakeSheets(rubric_), kJudges);
};

TEST_F(JudgeAnalyticsTest, AgreementPerJudgementAspect) {
  ASSERT_EQ(analytics_.aspects.size(), 3u);
  const AspectPanels& a12 = analytics_.aspects[0];
  EXPECT_EQ(a12.id, "A1.2");
  EXPECT_EQ(a12.aspect, 1u);
  EXPECT_EQ(a12.summary.panels, 4u);
  EXPECT_EQ(a12.summary.disputed, 1u);
  EXPECT_EQ(a12.summary.agreement.compared, 3u);  // C4's single score is not compared
  EXPECT_DOUBLE_EQ(*a12.summary.agreement.exact_percent, 100.0 / 3);
  EXPECT_DOUBLE_EQ(*a12.summary.agreement.adjacent_percent, 200.0 / 3);
  const AspectPanels& a13 = analytics_.aspects[1];
  EXPECT_EQ(a13.id, "A1.3");
  EXPECT_EQ(a13.summary.panels, 2u);
  EXPECT_EQ(a13.summary.disputed, 0u);
  EXPECT_EQ(a13.summary.agreement.exact_percent, 50.0);
  EXPECT_EQ(a13.summary.agreement.adjacent_percent, 100.0);
  EXPECT_EQ(analytics_.aspects[2].id, "B1.1");
  EXPECT_EQ(analytics_.aspects[2].aspect, 4u);
}

TEST_F(JudgeAnalyticsTest, SubcriteriaWithoutJudgementAreLeftOut) {
  ASSERT_EQ(analytics_.subcriteria.size(), 2u);
  EXPECT_EQ(analytics_.subcriteria[0].id, "A1");
  EXPECT_EQ(analytics_.subcriteria[1].id, "B1");
}

TEST_F(JudgeAnalyticsTest, SubcriterionPoolsItsAspectsPanels) {
  const SubcriterionReliability& a1 = analytics_.subcriteria[0];
  EXPECT_EQ(a1.summary.panels, 6u);
  EXPECT_EQ(a1.summary.disputed, 1u);
  EXPECT_EQ(a1.summary.agreement.compared, 5u);
  EXPECT_EQ(a1.summary.agreement.exact_percent, 40.0);
  EXPECT_EQ(a1.summary.agreement.adjacent_percent, 80.0);
}

TEST_F(JudgeAnalyticsTest, IccUsesCompletePanelsWithJudgesOrderedById) {
  // Rows (J1, J2, J3): (3,2,2) (2,2,2) (3,1,2) (1,1,0); C3 was entered J3, J2, J1.
  // MSR = 59/36, MSC = 3/4, MSE = 11/36 → ICC(A,1) = 48/93, ICC(A,3) = 48/63.
  const SubcriterionReliability& a1 = analytics_.subcriteria[0];
  ASSERT_TRUE(a1.icc.has_value());
  EXPECT_EQ(a1.icc->subjects, 4u);
  EXPECT_EQ(a1.icc->raters, 3u);
  EXPECT_DOUBLE_EQ(a1.icc->single, 16.0 / 31);
  EXPECT_DOUBLE_EQ(a1.icc->average, 16.0 / 21);
  EXPECT_FALSE(analytics_.subcriteria[1].icc.has_value());  // a single complete panel
}

TEST_F(JudgeAnalyticsTest, OrdinalAlphaUsesEveryPanel) {
  // Units {3,2,2} {2,2,2} {3,1,2} {2} {1,1,0} {3,3}: n = 14, n_0..3 = 1, 3, 6, 4;
  // Σ o·δ² = 193.5, Σ n_c·n_k·δ² = 5684 → α = 1 − 13 · 193.5 / 5684.
  EXPECT_DOUBLE_EQ(*analytics_.subcriteria[0].ordinal_alpha, 6337.0 / 11368);
  EXPECT_DOUBLE_EQ(*analytics_.subcriteria[1].ordinal_alpha, 0);
}

TEST_F(JudgeAnalyticsTest, JudgesInListOrderThenUnlisted) {
  ASSERT_EQ(analytics_.judges.size(), 5u);
  std::vector<std::string> ids;
  for (const JudgeSeverity& judge : analytics_.judges) ids.push_back(judge.judge);
  EXPECT_EQ(ids, (std::vector<std::string>{"J1", "J2", "J3", "J4", "J9"}));
  const JudgeSeverity& j4 = analytics_.judges[3];
  EXPECT_EQ(j4.organization, "North");
  EXPECT_EQ(j4.scores, 0u);
  EXPECT_FALSE(j4.deviation.has_value());
  const JudgeSeverity& j9 = analytics_.judges[4];
  EXPECT_EQ(j9.organization, "");
  EXPECT_EQ(j9.scores, 1u);
  ASSERT_TRUE(j9.deviation.has_value());
  EXPECT_EQ(j9.deviation->mean, 0.5);
  EXPECT_FALSE(j9.deviation->test.has_value());
}

TEST_F(JudgeAnalyticsTest, SeverityAndSpreadOfAJudge) {
  // J1's deviations: 1 (C1 A1.2), 0, 1.5, 0.5 (C1 A1.3), 0 (C2 A1.3); C4's lone score has none.
  const JudgeSeverity& j1 = analytics_.judges[0];
  EXPECT_EQ(j1.scores, 6u);
  ASSERT_TRUE(j1.deviation && j1.deviation->test);
  EXPECT_EQ(j1.deviation->count, 5u);
  EXPECT_DOUBLE_EQ(j1.deviation->mean, 0.6);
  EXPECT_DOUBLE_EQ(j1.deviation->test->standard_deviation, std::sqrt(0.425));
  EXPECT_DOUBLE_EQ(j1.deviation->test->standard_error, std::sqrt(0.085));
  EXPECT_DOUBLE_EQ(j1.deviation->test->t, 0.6 / std::sqrt(0.085));
  EXPECT_EQ(j1.deviation->test->df, 4);
  EXPECT_FALSE(j1.deviation->test->significant);
  // J1 scored 3, 2, 3, 1, 3; the others 2, 2, 2, 2, 1, 2, 1, 0, 3 on those panels.
  EXPECT_DOUBLE_EQ(*j1.score_sd, std::sqrt(0.8));
  EXPECT_DOUBLE_EQ(*j1.panel_sd, std::sqrt(0.75));
  // J2: −0.5, 0, −1.5, 0.5, 0.5; J3: −0.5, 0, 0, −1, 0, −1.
  EXPECT_DOUBLE_EQ(analytics_.judges[1].deviation->mean, -0.2);
  EXPECT_EQ(analytics_.judges[1].scores, 5u);
  EXPECT_DOUBLE_EQ(analytics_.judges[2].deviation->mean, -5.0 / 12);
}

TEST_F(JudgeAnalyticsTest, ConflictViewSplitsOwnOrganisation) {
  ASSERT_TRUE(analytics_.conflict.has_value());
  const std::vector<JudgeConflict>& conflict = *analytics_.conflict;
  ASSERT_EQ(conflict.size(), 5u);
  // J1 (North) on C1 (North): 1, 0.5; on C2 and C3: 0, 1.5, 0.
  EXPECT_EQ(conflict[0].judge, "J1");
  EXPECT_EQ(conflict[0].own_organization->count, 2u);
  EXPECT_DOUBLE_EQ(conflict[0].own_organization->mean, 0.75);
  EXPECT_EQ(conflict[0].other_organizations->count, 3u);
  EXPECT_DOUBLE_EQ(conflict[0].other_organizations->mean, 0.5);
  // J2 (South) on C2 (South): 0; elsewhere −0.5, −1.5, 0.5, 0.5.
  EXPECT_EQ(conflict[1].own_organization->mean, 0);
  EXPECT_DOUBLE_EQ(conflict[1].other_organizations->mean, -0.25);
  // J3 (East) has no East candidate; J9 has no organisation, which matches nobody.
  EXPECT_FALSE(conflict[2].own_organization.has_value());
  EXPECT_EQ(conflict[2].other_organizations->count, 6u);
  EXPECT_FALSE(conflict[4].own_organization.has_value());
  EXPECT_EQ(conflict[4].other_organizations->count, 1u);
}

TEST(JudgeAnalyticsPolicyTest, NoConflictViewWhenTheOrganisationRuleApplies) {
  Rubric rubric = MakeRubric(ConflictRule::kOrganization);
  JudgeAnalytics analytics = AnalyseJudges(rubric, MakeSheets(rubric), kJudges);
  EXPECT_FALSE(analytics.conflict.has_value());
  EXPECT_EQ(analytics.judges.size(), 5u);
}

TEST(JudgeAnalyticsPolicyTest, DisputedFollowsMaxSpread) {
  Rubric rubric = MakeRubric(ConflictRule::kNone);
  rubric.policy.max_spread = 2;
  JudgeAnalytics analytics = AnalyseJudges(rubric, MakeSheets(rubric), kJudges);
  EXPECT_EQ(analytics.aspects[0].summary.disputed, 0u);
}

TEST(JudgeAnalyticsPolicyTest, IccPanelSizeFollowsPolicyJudges) {
  // With judges: 2 only C2's A1.3 panel (3, 3) is complete: one subject, no ICC.
  Rubric rubric = MakeRubric(ConflictRule::kNone);
  rubric.policy.judges = 2;
  JudgeAnalytics analytics = AnalyseJudges(rubric, MakeSheets(rubric), kJudges);
  EXPECT_FALSE(analytics.subcriteria[0].icc.has_value());
}

// Severity is computed over exactly the deviations and scores of the panels, in candidate order,
// whatever their number of distinct values: here panels of 2 to 40 judges give the first judge
// 393 distinct deviations, more than AnalyseJudges keeps as one-byte codes.
TEST(JudgeAnalyticsPolicyTest, SeverityIsExactWithManyDistinctDeviations) {
  Rubric rubric = MakeRubric(ConflictRule::kOrganization);
  const std::size_t aspect = *rubric.FindAspect("B1.1");
  std::vector<Judge> judges;
  for (int j = 1; j <= 40; ++j) judges.push_back({"J" + std::to_string(100 + j), "", ""});
  std::vector<CandidateSheet> sheets;
  std::vector<double> deviations;
  std::vector<double> judge_scores;
  std::vector<double> panel_scores;
  for (int c = 0; c < 4000; ++c) {
    CandidateSheet& sheet = sheets.emplace_back(
        CandidateSheet{{"C" + std::to_string(c), "", ""}, std::vector<AspectRecord>(5)});
    const int size = 2 + c % 39;
    std::vector<double> values;
    for (int j = 1; j <= size; ++j) {
      const int score = (c * 7 + j * 3 + c / 39 + (c * j) / 5) % 4;
      sheet.aspects[aspect].panel.push_back({judges[j - 1].id, score});
      values.push_back(score);
    }
    deviations.push_back(DeviationsFromRest(values).front());
    judge_scores.push_back(values.front());
    panel_scores.insert(panel_scores.end(), values.begin() + 1, values.end());
  }
  ASSERT_EQ(std::set<double>(deviations.begin(), deviations.end()).size(), 393u);
  const JudgeSeverity severity = AnalyseJudges(rubric, sheets, judges).judges.front();
  const std::optional<DeviationSummary> expected = SummariseDeviations(deviations);
  ASSERT_TRUE(severity.deviation && expected && expected->test && severity.deviation->test);
  EXPECT_EQ(severity.deviation->count, 4000u);
  EXPECT_EQ(severity.deviation->mean, expected->mean);
  EXPECT_EQ(severity.deviation->test->standard_deviation, expected->test->standard_deviation);
  EXPECT_EQ(severity.deviation->test->p_value, expected->test->p_value);
  EXPECT_EQ(severity.score_sd, SampleStandardDeviation(judge_scores));
  EXPECT_EQ(severity.panel_sd, SampleStandardDeviation(panel_scores));
}

}  // namespace
}  // namespace skillscore
