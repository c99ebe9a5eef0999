#include "skillscore/exam.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillscore/rational.h"
#include "skillscore/rubric.h"

namespace skillscore {
namespace {

// Two aspects: A1.1 a measurement (ordinal 0) and A1.2 a judgement (ordinal 1).
Rubric TwoAspectRubric() {
  Aspect measurement;
  measurement.id = "A1.1";
  measurement.section = "1";
  measurement.max = 1;
  measurement.calculation = Calculation::kNumberCompleted;
  measurement.number_completed = 5;
  Aspect judgement;
  judgement.id = "A1.2";
  judgement.type = AspectType::kJudgement;
  judgement.section = "1";
  judgement.max = 2;
  Rubric rubric;
  rubric.max = 3;
  rubric.sections = {{"1", "", std::nullopt}};
  rubric.modules = {{"A", "", {{"A1", "", 1, {measurement, judgement}}}}};
  rubric.IndexAspects();
  return rubric;
}

Candidate Present(std::string id) { return {std::move(id), "", "", CandidateStatus::kPresent}; }

MarkEntry Entry(std::string candidate, std::size_t aspect, std::string judge, int number) {
  return {std::move(candidate), aspect, std::move(judge), {false, number}};
}

// A panel as (judge, score) pairs, comparable in one assertion.
using Panel = std::vector<std::pair<std::string, int>>;

Panel PanelOf(const AspectRecord& record) {
  Panel panel;
  for (const PanelScore& score : record.panel) panel.emplace_back(score.judge, score.score);
  return panel;
}

TEST(BuildSheetsTest, OneSheetPerCandidateInCandidateOrderWithARecordPerAspect) {
  Rubric rubric = TwoAspectRubric();
  std::vector<CandidateSheet> sheets = BuildSheets(rubric, {Present("C2"), Present("C1")}, {});
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].candidate.id, "C2");
  EXPECT_EQ(sheets[1].candidate.id, "C1");
  ASSERT_EQ(sheets[0].aspects.size(), 2u);
  EXPECT_EQ(sheets[0].aspects[0].measurement, std::nullopt);
  EXPECT_TRUE(sheets[0].aspects[1].panel.empty());
}

TEST(BuildSheetsTest, LatestMeasurementWins) {
  Rubric rubric = TwoAspectRubric();
  std::vector<CandidateSheet> sheets =
      BuildSheets(rubric, {Present("C1")},
                  {Entry("C1", 0, "J1", 2), Entry("C1", 0, "J2", 4), Entry("C1", 0, "J1", 3)});
  EXPECT_EQ(sheets[0].aspects[0].measurement, (MarkValue{false, 3}));
}

TEST(BuildSheetsTest, LatestMeasurementWinsEvenWhenItIsNotAttempted) {
  Rubric rubric = TwoAspectRubric();
  MarkEntry not_attempted{"C1", 0, "J1", {true, 0}};
  std::vector<CandidateSheet> sheets =
      BuildSheets(rubric, {Present("C1")}, {Entry("C1", 0, "J1", 4), not_attempted});
  EXPECT_EQ(sheets[0].aspects[0].measurement, (MarkValue{true, 0}));
}

TEST(BuildSheetsTest, OtherJudgesAppendToThePanelInOrderOfFirstEntry) {
  Rubric rubric = TwoAspectRubric();
  std::vector<CandidateSheet> sheets =
      BuildSheets(rubric, {Present("C1")},
                  {Entry("C1", 1, "J3", 1), Entry("C1", 1, "J1", 2), Entry("C1", 1, "J2", 3)});
  EXPECT_EQ(PanelOf(sheets[0].aspects[1]), (Panel{{"J3", 1}, {"J1", 2}, {"J2", 3}}));
}

TEST(BuildSheetsTest, AJudgesSecondScoreReplacesTheirFirstInPlace) {
  Rubric rubric = TwoAspectRubric();
  std::vector<CandidateSheet> sheets =
      BuildSheets(rubric, {Present("C1")},
                  {Entry("C1", 1, "J1", 0), Entry("C1", 1, "J2", 3), Entry("C1", 1, "J1", 2)});
  EXPECT_EQ(PanelOf(sheets[0].aspects[1]), (Panel{{"J1", 2}, {"J2", 3}}));
}

TEST(BuildSheetsTest, KeepsCandidatesAndAspectsApart) {
  Rubric rubric = TwoAspectRubric();
  std::vector<CandidateSheet> sheets =
      BuildSheets(rubric, {Present("C1"), Present("C2")},
                  {Entry("C1", 1, "J1", 3), Entry("C2", 1, "J1", 1), Entry("C2", 0, "J1", 5)});
  EXPECT_EQ(PanelOf(sheets[0].aspects[1]), (Panel{{"J1", 3}}));
  EXPECT_EQ(sheets[0].aspects[0].measurement, std::nullopt);
  EXPECT_EQ(PanelOf(sheets[1].aspects[1]), (Panel{{"J1", 1}}));
  EXPECT_EQ(sheets[1].aspects[0].measurement, (MarkValue{false, 5}));
}

TEST(BuildSheetsTest, IgnoresEntriesForUnknownCandidatesOrAspects) {
  Rubric rubric = TwoAspectRubric();
  std::vector<CandidateSheet> sheets =
      BuildSheets(rubric, {Present("C1")}, {Entry("C9", 0, "J1", 1), Entry("C1", 2, "J1", 1)});
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].aspects[0].measurement, std::nullopt);
  EXPECT_TRUE(sheets[0].aspects[1].panel.empty());
}

}  // namespace
}  // namespace skillscore
