// The WorldSkills Scale against a published CIS export
// (tests/data/reference/worldskills-scale-32.csv) and the other scale methods of scoring.md §5.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "paths.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {
namespace {

struct PublishedRow {
  std::string candidate;
  Rational total;
  int scale = 0;
};

// The file is plain "candidate,total,scale" with a header line and no quoting.
std::vector<PublishedRow> ReadPublishedScale() {
  std::ifstream file(testing::SourcePath("tests/data/reference/worldskills-scale-32.csv"));
  std::vector<PublishedRow> rows;
  std::string line;
  std::getline(file, line);
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string candidate, total, scale;
    std::getline(fields, candidate, ',');
    std::getline(fields, total, ',');
    std::getline(fields, scale, ',');
    rows.push_back({candidate, Rational::ParseDecimal(total).value(), std::stoi(scale)});
  }
  return rows;
}

std::vector<Rational> TotalsOf(const std::vector<PublishedRow>& rows) {
  std::vector<Rational> totals;
  for (const PublishedRow& row : rows) totals.push_back(row.total);
  return totals;
}

std::vector<Rational> Totals(std::initializer_list<const char*> decimals) {
  std::vector<Rational> totals;
  for (const char* decimal : decimals) totals.push_back(Rational::ParseDecimal(decimal).value());
  return totals;
}

TEST(ScaleReferenceTest, ReproducesThePublishedCisExport) {
  std::vector<PublishedRow> rows = ReadPublishedScale();
  ASSERT_EQ(rows.size(), 32u);
  std::vector<int> scale = ScaleScores(Policy{}, TotalsOf(rows));
  ASSERT_EQ(scale.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(scale[i], rows[i].scale) << rows[i].candidate;
  }
}

// With spread = 1.4826 × 7 × 100 the scale becomes 500 + 100 × (x − 8) exactly when the median is 8
// and the MAD is 7, so every score below is a whole number that no other median or MAD gives.
TEST(ScaleReferenceTest, PublishedTotalsHaveMedianEightAndMadSeven) {
  std::vector<PublishedRow> rows = ReadPublishedScale();
  Policy policy;
  policy.scale_centre = 500;
  policy.scale_spread = Rational::Of(103782, 100);
  std::vector<int> scale = ScaleScores(policy, TotalsOf(rows));
  ASSERT_EQ(scale.size(), 32u);
  EXPECT_EQ(scale[12], 980);  // C13, 12.80
  EXPECT_EQ(scale[14], 650);  // C15, 9.50
  EXPECT_EQ(scale[15], 575);  // C16, 8.75
  EXPECT_EQ(scale[16], 425);  // C17, 7.25
  EXPECT_EQ(scale[20], 25);   // C21, 3.25
}

TEST(ScaleReferenceTest, ClampsToZeroAndThousand) {
  Policy policy;
  policy.scale_centre = 500;
  policy.scale_spread = Rational::Of(103782, 100);
  std::vector<int> scale = ScaleScores(policy, TotalsOf(ReadPublishedScale()));
  EXPECT_EQ(scale[0], 1000);   // C01, 61.42 → 6142 − 300
  EXPECT_EQ(scale[11], 1000);  // C12, 13.05 → 1005
  EXPECT_EQ(scale[21], 0);     // C22, 2.75 → −25
  EXPECT_EQ(scale[31], 0);     // C32, 0.00 → −300
}

TEST(ScaleReferenceTest, EvenCountTakesTheMeanOfTheTwoMiddleTotals) {
  // Median 2.5; deviations 1.5, 0.5, 0.5, 7.5 give MAD 1.
  EXPECT_EQ(ScaleScores(Policy{}, Totals({"1", "2", "3", "10"})),
            (std::vector<int>{670, 690, 710, 852}));
}

TEST(ScaleReferenceTest, ScoresComeInTheOrderOfTheTotals) {
  EXPECT_EQ(ScaleScores(Policy{}, Totals({"3", "1", "2"})), (std::vector<int>{720, 680, 700}));
}

TEST(ScaleReferenceTest, RobustIsExactAndRoundsHalfAwayFromZero) {
  // Median 1, MAD 1, spread 1.4826 / 2: the scores are exactly 699.5, 700 and 700.5.
  Policy policy;
  policy.scale_spread = Rational::Of(7413, 10000);
  EXPECT_EQ(ScaleScores(policy, Totals({"0", "1", "2"})), (std::vector<int>{700, 700, 701}));
}

TEST(ScaleReferenceTest, MadZeroGivesEveryoneTheCentre) {
  Policy policy;
  EXPECT_EQ(ScaleScores(policy, Totals({"5", "5", "5", "9"})),
            (std::vector<int>{700, 700, 700, 700}));
  policy.scale_centre = 650;
  EXPECT_EQ(ScaleScores(policy, Totals({"5"})), (std::vector<int>{650}));
}

TEST(ScaleReferenceTest, ZScoreUsesMeanAndPopulationStandardDeviation) {
  // Mean 3, population SD √2: 700 ± 30 × {1, 2} / √2 = 700 ± {21.21, 42.43}.
  Policy policy;
  policy.scale_method = ScaleMethod::kZScore;
  EXPECT_EQ(ScaleScores(policy, Totals({"1", "2", "3", "4", "5"})),
            (std::vector<int>{658, 679, 700, 721, 742}));
  policy.scale_centre = 500;
  policy.scale_spread = 100;
  EXPECT_EQ(ScaleScores(policy, Totals({"2", "4"})), (std::vector<int>{400, 600}));
}

TEST(ScaleReferenceTest, ZScoreWithZeroDeviationGivesEveryoneTheCentre) {
  Policy policy;
  policy.scale_method = ScaleMethod::kZScore;
  EXPECT_EQ(ScaleScores(policy, Totals({"4.25", "4.25"})), (std::vector<int>{700, 700}));
}

TEST(ScaleReferenceTest, MethodNoneGivesNoScores) {
  Policy policy;
  policy.scale_method = ScaleMethod::kNone;
  EXPECT_TRUE(ScaleScores(policy, Totals({"1", "2", "3"})).empty());
}

TEST(ScaleReferenceTest, NoTotalsGiveNoScores) {
  EXPECT_TRUE(ScaleScores(Policy{}, {}).empty());
  Policy zscore;
  zscore.scale_method = ScaleMethod::kZScore;
  EXPECT_TRUE(ScaleScores(zscore, {}).empty());
}

}  // namespace
}  // namespace skillscore
