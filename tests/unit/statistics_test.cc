#include "skillscore/statistics.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "paths.h"
#include "process.h"

namespace skillscore {
namespace {

using testing::ReadFile;
using testing::SourcePath;

// A value as the published source prints it, e.g. Printed(0.1979981, 6) == "0.197998".
std::string Printed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

// The rating cells of a reference CSV (header row and first "id" column dropped); an empty cell is
// a missing rating.
std::vector<std::vector<std::optional<double>>> ReadReference(const std::string& name) {
  std::istringstream text(ReadFile(SourcePath("tests/data/reference/" + name)));
  std::vector<std::vector<std::optional<double>>> rows;
  std::string line;
  std::getline(text, line);  // header
  while (std::getline(text, line)) {
    if (line.empty()) continue;
    std::vector<std::optional<double>> cells;
    std::istringstream fields(line + ",");
    std::string field;
    std::getline(fields, field, ',');  // id
    while (std::getline(fields, field, ',')) {
      cells.push_back(field.empty() ? std::nullopt : std::optional<double>(std::stod(field)));
    }
    rows.push_back(cells);
  }
  return rows;
}

std::vector<std::vector<double>> CompleteMatrix(const std::string& name) {
  std::vector<std::vector<double>> matrix;
  for (const auto& row : ReadReference(name)) {
    std::vector<double> values;
    for (const auto& cell : row) values.push_back(cell.value());
    matrix.push_back(values);
  }
  return matrix;
}

std::vector<std::vector<double>> UnitsWithoutMissing(const std::string& name) {
  std::vector<std::vector<double>> units;
  for (const auto& row : ReadReference(name)) {
    std::vector<double> values;
    for (const auto& cell : row) {
      if (cell) values.push_back(*cell);
    }
    units.push_back(values);
  }
  return units;
}

constexpr double kClosedFormTolerance = 1e-13;

// ---- Distributions: checked against closed forms ---------------------------------------------

TEST(StatisticsTest, IncompleteBetaMatchesClosedForms) {
  for (double x : {0.01, 0.2, 0.5, 0.77, 0.99}) {
    EXPECT_NEAR(RegularizedIncompleteBeta(x, 3.5, 1), std::pow(x, 3.5), kClosedFormTolerance);
    EXPECT_NEAR(RegularizedIncompleteBeta(x, 1, 2.5), 1 - std::pow(1 - x, 2.5),
                kClosedFormTolerance);
  }
  for (double a : {0.5, 2.0, 19.85, 500.0}) {
    // ln B(a, a) is a difference of ln Γ values near 2600 for a = 500: 1e-12 is what doubles hold.
    EXPECT_NEAR(RegularizedIncompleteBeta(0.5, a, a), 0.5, 1e-12) << a;
  }
  EXPECT_EQ(RegularizedIncompleteBeta(0, 2, 3), 0);
  EXPECT_EQ(RegularizedIncompleteBeta(1, 2, 3), 1);
}

TEST(StatisticsTest, FDistributionWithTwoNumeratorDegreesHasClosedForm) {
  // P(F(2, d) > f) = (1 + 2f/d)^(−d/2)
  for (double d : {1.0, 7.0, 39.7}) {
    for (double f : {0.1, 1.0, 3.0, 25.0}) {
      EXPECT_NEAR(FUpperTail(f, 2, d), std::pow(1 + 2 * f / d, -d / 2), kClosedFormTolerance);
    }
  }
  EXPECT_EQ(FUpperTail(0, 3, 4), 1);
  EXPECT_NEAR(FUpperQuantile(0.05, 2, 10), 5 * (std::pow(0.05, -0.2) - 1), 1e-11);
  EXPECT_NEAR(FUpperQuantile(0.025, 2, 39.7), 19.85 * (std::pow(0.025, -2 / 39.7) - 1), 1e-11);
}

TEST(StatisticsTest, FQuantileInvertsTheTail) {
  for (auto [df1, df2] : {std::pair{19.0, 39.7}, {39.7, 19.0}, {1.0, 1.0}, {5.0, 200.0}}) {
    for (double tail : {0.001, 0.025, 0.5, 0.9}) {
      EXPECT_NEAR(FUpperTail(FUpperQuantile(tail, df1, df2), df1, df2), tail, 1e-12);
    }
  }
}

TEST(StatisticsTest, StudentTMatchesClosedFormsAndTheFDistribution) {
  for (double t : {0.0, 0.3, -1.0, 2.5, 12.7}) {
    EXPECT_NEAR(StudentTwoSidedP(t, 1), 1 - 2 / std::numbers::pi * std::atan(std::fabs(t)),
                kClosedFormTolerance);
    EXPECT_NEAR(StudentTwoSidedP(t, 2), 1 - std::fabs(t) / std::sqrt(2 + t * t),
                kClosedFormTolerance);
    EXPECT_NEAR(StudentTwoSidedP(t, 17), FUpperTail(t * t, 1, 17), kClosedFormTolerance);
  }
  EXPECT_EQ(StudentTwoSidedP(INFINITY, 3), 0);
}

// ---- Published reference values ---------------------------------------------------------------

TEST(StatisticsTest, IccReproducesIrrAnxiety) {
  auto icc = IccAbsoluteAgreement(CompleteMatrix("irr-anxiety.csv"));
  ASSERT_TRUE(icc.has_value());
  EXPECT_EQ(icc->subjects, 20u);
  EXPECT_EQ(icc->raters, 3u);
  EXPECT_EQ(Printed(icc->single, 6), "0.197998");
  EXPECT_EQ(Printed(icc->average, 4), "0.4255");
  ASSERT_TRUE(icc->inference.has_value());
  const IccInference& inference = *icc->inference;
  EXPECT_EQ(Printed(inference.f_value, 4), "1.8268");
  EXPECT_EQ(inference.df1, 19);
  EXPECT_EQ(Printed(inference.df2, 1), "39.7");
  EXPECT_EQ(Printed(inference.p_value, 4), "0.0543");
  EXPECT_EQ(Printed(inference.single.lower, 4), "-0.0389");
  EXPECT_EQ(Printed(inference.single.upper, 4), "0.4936");
}

TEST(StatisticsTest, IccAverageIntervalIsTheSpearmanBrownStepUp) {
  auto icc = IccAbsoluteAgreement(CompleteMatrix("irr-anxiety.csv"));
  ASSERT_TRUE(icc && icc->inference);
  auto step_up = [](double single) { return 3 * single / (1 + 2 * single); };
  EXPECT_DOUBLE_EQ(icc->average, step_up(icc->single));
  EXPECT_DOUBLE_EQ(icc->inference->average.lower, step_up(icc->inference->single.lower));
  EXPECT_DOUBLE_EQ(icc->inference->average.upper, step_up(icc->inference->single.upper));
}

TEST(StatisticsTest, IccNeedsTwoSubjectsTwoRatersAndVariation) {
  EXPECT_FALSE(IccAbsoluteAgreement({{1, 2, 3}}));
  EXPECT_FALSE(IccAbsoluteAgreement({{1}, {2}}));
  EXPECT_FALSE(IccAbsoluteAgreement({{2, 2}, {2, 2}, {2, 2}}));
  EXPECT_FALSE(IccAbsoluteAgreement({{1, 2}, {2}}));
}

TEST(StatisticsTest, IccOfExactlyAdditiveRatingsHasNoFTest) {
  // Rater 2 is always one level above rater 1: no residual, so MSE = 0 and F is infinite.
  auto icc = IccAbsoluteAgreement({{0, 1}, {1, 2}, {2, 3}});
  ASSERT_TRUE(icc.has_value());
  // MSR = 2·1 = 2 (row means 0.5, 1.5, 2.5), MSC = 3·0.5 = 1.5 → 2 / (2 + 2·1.5/3) = 2/3.
  EXPECT_DOUBLE_EQ(icc->single, 2.0 / 3);
  EXPECT_FALSE(icc->inference.has_value());
}

TEST(StatisticsTest, KrippendorffAlphaReproducesTheCData) {
  auto units = UnitsWithoutMissing("krippendorff-c.csv");
  EXPECT_EQ(Printed(*KrippendorffAlpha(units, AlphaMetric::kNominal), 3), "0.743");
  EXPECT_EQ(Printed(*KrippendorffAlpha(units, AlphaMetric::kOrdinal), 3), "0.815");
  EXPECT_EQ(Printed(*KrippendorffAlpha(units, AlphaMetric::kInterval), 3), "0.849");
  EXPECT_EQ(Printed(*KrippendorffAlpha(units, AlphaMetric::kRatio), 3), "0.797");
}

TEST(StatisticsTest, KrippendorffAlphaIgnoresUnpairableUnits) {
  auto units = UnitsWithoutMissing("krippendorff-c.csv");
  double alpha = *KrippendorffAlpha(units, AlphaMetric::kOrdinal);
  units.push_back({7});  // a value no other coder saw: not pairable
  EXPECT_EQ(*KrippendorffAlpha(units, AlphaMetric::kOrdinal), alpha);
}

TEST(StatisticsTest, KrippendorffAlphaOnSmallData) {
  // Two units {1, 1} and {1, 2}: o_11 = 2, o_12 = o_21 = 1, o_22 = 0; n_1 = 3, n_2 = 1, n = 4.
  // Nominal: 1 − 3·(1 + 1) / (3·1 + 1·3) = 0.
  EXPECT_DOUBLE_EQ(*KrippendorffAlpha({{1, 1}, {1, 2}}, AlphaMetric::kNominal), 0);
  // Perfect agreement across different values gives 1.
  EXPECT_DOUBLE_EQ(*KrippendorffAlpha({{1, 1, 1}, {3, 3}}, AlphaMetric::kInterval), 1);
  // No variation at all, or nothing pairable: undefined.
  EXPECT_FALSE(KrippendorffAlpha({{2, 2}, {2, 2, 2}}, AlphaMetric::kOrdinal));
  EXPECT_FALSE(KrippendorffAlpha({{1}, {2}}, AlphaMetric::kNominal));
  EXPECT_FALSE(KrippendorffAlpha({}, AlphaMetric::kRatio));
}

TEST(StatisticsTest, FleissKappaReproducesIrrDiagnoses) {
  std::vector<std::vector<int>> ratings;
  for (const auto& row : CompleteMatrix("irr-diagnoses.csv")) {
    ratings.emplace_back(row.begin(), row.end());
  }
  EXPECT_EQ(Printed(*FleissKappa(ratings), 7), "0.4302445");
}

TEST(StatisticsTest, FleissKappaUndefinedCases) {
  EXPECT_FALSE(FleissKappa({}));
  EXPECT_FALSE(FleissKappa({{1}, {2}}));
  EXPECT_FALSE(FleissKappa({{1, 2}, {1, 2, 3}}));
  EXPECT_FALSE(FleissKappa({{4, 4}, {4, 4}}));
}

// ---- Panels and judges ---------------------------------------------------------------------

TEST(StatisticsTest, AgreementOfPanelsCountsPanelsWithTwoOrMoreScores) {
  PanelAgreement agreement = AgreementOfPanels({{2, 2, 2}, {1, 2, 2}, {0, 2, 3}, {3}, {1, 3}, {}});
  EXPECT_EQ(agreement.compared, 4u);
  EXPECT_EQ(agreement.exact, 1u);
  EXPECT_EQ(agreement.adjacent, 2u);
  EXPECT_EQ(agreement.exact_percent, 25.0);
  EXPECT_EQ(agreement.adjacent_percent, 50.0);
}

TEST(StatisticsTest, AgreementOfNoComparablePanelsHasNoPercent) {
  PanelAgreement agreement = AgreementOfPanels({{3}, {}});
  EXPECT_EQ(agreement.compared, 0u);
  EXPECT_FALSE(agreement.exact_percent);
  EXPECT_FALSE(agreement.adjacent_percent);
}

TEST(StatisticsTest, DeviationsAreFromTheMeanOfTheOtherScores) {
  std::vector<double> panel = {3, 2, 1};
  EXPECT_EQ(DeviationsFromRest(panel), (std::vector<double>{1.5, 0, -1.5}));
  std::vector<double> pair = {1, 3};
  EXPECT_EQ(DeviationsFromRest(pair), (std::vector<double>{-2, 2}));
  std::vector<double> single = {2};
  EXPECT_TRUE(DeviationsFromRest(single).empty());
}

// Three panels of judges A, B, C: (3, 2, 2), (3, 2, 1), (2, 1, 1). A is lenient on every panel.
class SeverityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::vector<double> panel : {std::vector<double>{3, 2, 2}, {3, 2, 1}, {2, 1, 1}}) {
      std::vector<double> deviations = DeviationsFromRest(panel);
      for (std::size_t judge = 0; judge < 3; ++judge) by_judge_[judge].push_back(deviations[judge]);
    }
  }
  std::vector<double> by_judge_[3];
};

TEST_F(SeverityTest, LenientJudgeIsSignificant) {
  // A: deviations 1, 1.5, 1 → mean 7/6, s = √(1/12), se = 1/6, t = 7 on 2 df.
  EXPECT_EQ(by_judge_[0], (std::vector<double>{1, 1.5, 1}));
  auto a = SummariseDeviations(by_judge_[0]);
  ASSERT_TRUE(a && a->test);
  EXPECT_EQ(a->count, 3u);
  EXPECT_DOUBLE_EQ(a->mean, 7.0 / 6);
  EXPECT_DOUBLE_EQ(a->test->standard_deviation, std::sqrt(1.0 / 12));
  EXPECT_DOUBLE_EQ(a->test->standard_error, 1.0 / 6);
  EXPECT_DOUBLE_EQ(a->test->t, 7);
  EXPECT_EQ(a->test->df, 2);
  EXPECT_NEAR(a->test->p_value, 1 - 7 / std::sqrt(51.0), kClosedFormTolerance);  // 0.0198
  EXPECT_TRUE(a->test->significant);
}

TEST_F(SeverityTest, HarshButInconsistentJudgesAreNotSignificant) {
  // B: −0.5, 0, −0.5 → mean −1/3, se 1/6, t = −2, p = 1 − 2/√6 = 0.18.
  auto b = SummariseDeviations(by_judge_[1]);
  ASSERT_TRUE(b && b->test);
  EXPECT_DOUBLE_EQ(b->mean, -1.0 / 3);
  EXPECT_DOUBLE_EQ(b->test->t, -2);
  EXPECT_NEAR(b->test->p_value, 1 - 2 / std::sqrt(6.0), kClosedFormTolerance);
  EXPECT_FALSE(b->test->significant);
  // C: −0.5, −1.5, −0.5 → mean −5/6, s = √(1/3), se = 1/3, t = −2.5, p = 0.13.
  auto c = SummariseDeviations(by_judge_[2]);
  ASSERT_TRUE(c && c->test);
  EXPECT_DOUBLE_EQ(c->mean, -5.0 / 6);
  EXPECT_DOUBLE_EQ(c->test->standard_deviation, std::sqrt(1.0 / 3));
  EXPECT_DOUBLE_EQ(c->test->t, -2.5);
  EXPECT_NEAR(c->test->p_value, 1 - 2.5 / std::sqrt(8.25), kClosedFormTolerance);
  EXPECT_FALSE(c->test->significant);
}

TEST(StatisticsTest, SeverityEdgeCases) {
  EXPECT_FALSE(SummariseDeviations({}));
  std::vector<double> one = {-1};
  auto single = SummariseDeviations(one);
  ASSERT_TRUE(single);
  EXPECT_EQ(single->mean, -1);
  EXPECT_FALSE(single->test);
  // Always exactly one level harsher: no spread, t = −∞, p = 0.
  std::vector<double> constant = {-1, -1, -1};
  auto harsh = SummariseDeviations(constant);
  ASSERT_TRUE(harsh && harsh->test);
  EXPECT_EQ(harsh->test->t, -INFINITY);
  EXPECT_EQ(harsh->test->p_value, 0);
  EXPECT_TRUE(harsh->test->significant);
  std::vector<double> zeros = {0, 0};
  auto neutral = SummariseDeviations(zeros);
  ASSERT_TRUE(neutral && neutral->test);
  EXPECT_EQ(neutral->test->t, 0);
  EXPECT_EQ(neutral->test->p_value, 1);
  EXPECT_FALSE(neutral->test->significant);
}

TEST(StatisticsTest, MeanAndStandardDeviation) {
  std::vector<double> values = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_EQ(Mean(values), 5.0);
  EXPECT_DOUBLE_EQ(*SampleStandardDeviation(values), std::sqrt(32.0 / 7));
  EXPECT_FALSE(Mean({}));
  std::vector<double> one = {3};
  EXPECT_FALSE(SampleStandardDeviation(one));
}

}  // namespace
}  // namespace skillscore
