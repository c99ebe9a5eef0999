#include "skillscore/progress.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"

namespace skillscore {

void PrintTo(const MarkGap& gap, std::ostream* out) {
  *out << gap.candidate << " " << gap.problem.aspect << " kind "
       << static_cast<int>(gap.problem.kind) << " scores";
  for (int score : gap.problem.scores) *out << " " << score;
  *out << " of " << gap.problem.scores_needed;
}

bool operator==(const MarkGap& a, const MarkGap& b) {
  return a.candidate == b.candidate && a.problem.aspect == b.problem.aspect &&
         a.problem.kind == b.problem.kind && a.problem.scores == b.problem.scores &&
         a.problem.scores_needed == b.problem.scores_needed;
}

namespace {

Aspect Measured(std::string id) {
  Aspect aspect;
  aspect.id = std::move(id);
  aspect.section = "1";
  aspect.max = 1;
  return aspect;
}

Aspect Judged(std::string id) {
  Aspect aspect = Measured(std::move(id));
  aspect.type = AspectType::kJudgement;
  return aspect;
}

// A1 = {A1.1 measurement (ordinal 0), A1.2 judgement (1)}, B1 = {B1.1 measurement (2)}.
Rubric TwoSubcriteria(int judges = 3) {
  Rubric rubric;
  rubric.code = "T";
  rubric.version = "1";
  rubric.max = 3;
  rubric.sections = {{"1", "", std::nullopt}};
  rubric.policy.judges = judges;
  rubric.modules = {{"A", "", {{"A1", "", 1, {Measured("A1.1"), Judged("A1.2")}}}},
                    {"B", "", {{"B1", "", 2, {Measured("B1.1")}}}}};
  rubric.IndexAspects();
  return rubric;
}

Candidate Present(std::string id) { return {std::move(id), "", "", CandidateStatus::kPresent}; }

MarkEntry Value(std::string candidate, std::size_t ordinal, int number) {
  return {std::move(candidate), ordinal, "J1", {false, number}};
}

MarkEntry NotAttempted(std::string candidate, std::size_t ordinal) {
  return {std::move(candidate), ordinal, "J1", {true, 0}};
}

MarkEntry Score(std::string candidate, std::string judge, int score) {
  return {std::move(candidate), 1, std::move(judge), {false, score}};
}

std::vector<MarkEntry> FullPanel(const std::string& candidate) {
  return {Score(candidate, "J1", 2), Score(candidate, "J2", 2), Score(candidate, "J3", 3)};
}

std::vector<SubcriterionProgress> ProgressOf(const Rubric& rubric,
                                             const std::vector<Candidate>& candidates,
                                             const std::vector<MarkEntry>& entries) {
  return MarkingProgress(rubric, BuildSheets(rubric, candidates, entries));
}

MarkGap NoMark(std::string candidate, std::string aspect) {
  return {std::move(candidate), Problem{std::move(aspect), ProblemKind::kMissing, {}, 0}};
}

MarkGap PanelGap(std::string candidate, ProblemKind kind, std::vector<int> scores, int needed = 3) {
  return {std::move(candidate), Problem{"A1.2", kind, std::move(scores), needed}};
}

TEST(ProgressTest, NothingEnteredExpectsAValuePerMeasurementAndAFullPanelPerJudgement) {
  Rubric rubric = TwoSubcriteria();
  auto progress = ProgressOf(rubric, {Present("C1"), Present("C2")}, {});
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].id, "A1");
  EXPECT_EQ(progress[0].expected, 8u);  // 2 candidates × (1 value + 3 scores)
  EXPECT_EQ(progress[0].entered, 0u);
  EXPECT_EQ(progress[0].missing, 8u);
  EXPECT_EQ(progress[0].disputed, 0u);
  EXPECT_FALSE(progress[0].complete);
  EXPECT_EQ(
      progress[0].gaps,
      (std::vector<MarkGap>{NoMark("C1", "A1.1"), PanelGap("C1", ProblemKind::kMissing, {}),
                            NoMark("C2", "A1.1"), PanelGap("C2", ProblemKind::kMissing, {})}));
  EXPECT_EQ(progress[1].id, "B1");
  EXPECT_EQ(progress[1].expected, 2u);
  EXPECT_EQ(progress[1].missing, 2u);
  EXPECT_EQ(progress[1].gaps, (std::vector<MarkGap>{NoMark("C1", "B1.1"), NoMark("C2", "B1.1")}));
}

TEST(ProgressTest, EverythingEnteredAndAgreedIsComplete) {
  Rubric rubric = TwoSubcriteria();
  std::vector<MarkEntry> entries = FullPanel("C1");
  entries.push_back(Value("C1", 0, 1));
  entries.push_back(Value("C1", 2, 0));
  auto progress = ProgressOf(rubric, {Present("C1")}, entries);
  EXPECT_EQ(progress[0].expected, 4u);
  EXPECT_EQ(progress[0].entered, 4u);
  EXPECT_EQ(progress[0].missing, 0u);
  EXPECT_TRUE(progress[0].complete);
  EXPECT_TRUE(progress[0].gaps.empty());
  EXPECT_TRUE(progress[1].complete);
}

TEST(ProgressTest, OneSubcriterionCanBeCompleteWhileAnotherIsNot) {
  Rubric rubric = TwoSubcriteria();
  auto progress = ProgressOf(rubric, {Present("C1")}, {Value("C1", 2, 1)});
  EXPECT_FALSE(progress[0].complete);
  EXPECT_TRUE(progress[1].complete);
  EXPECT_EQ(progress[1].entered, 1u);
}

TEST(ProgressTest, NotAttemptedIsAnEnteredMark) {
  Rubric rubric = TwoSubcriteria();
  auto progress = ProgressOf(rubric, {Present("C1")}, {NotAttempted("C1", 2)});
  EXPECT_EQ(progress[1].entered, 1u);
  EXPECT_TRUE(progress[1].complete);
}

TEST(ProgressTest, AnIncompletePanelMissesTheScoresItLacks) {
  Rubric rubric = TwoSubcriteria();
  auto progress = ProgressOf(rubric, {Present("C1")},
                             {Value("C1", 0, 1), Score("C1", "J1", 2), Score("C1", "J2", 3)});
  EXPECT_EQ(progress[0].entered, 3u);
  EXPECT_EQ(progress[0].missing, 1u);
  EXPECT_EQ(progress[0].disputed, 0u);
  EXPECT_EQ(progress[0].gaps,
            (std::vector<MarkGap>{PanelGap("C1", ProblemKind::kMissing, {2, 3})}));
}

TEST(ProgressTest, APanelSpreadBeyondMaxSpreadIsDisputedEvenWhenIncomplete) {
  Rubric rubric = TwoSubcriteria();
  auto progress = ProgressOf(
      rubric, {Present("C1"), Present("C2")},
      {Value("C1", 0, 1), Score("C1", "J1", 3), Score("C1", "J2", 1), Score("C1", "J3", 2),
       Value("C2", 0, 0), Score("C2", "J1", 0), Score("C2", "J2", 2)});
  EXPECT_EQ(progress[0].expected, 8u);
  EXPECT_EQ(progress[0].entered, 7u);
  EXPECT_EQ(progress[0].missing, 1u);
  EXPECT_EQ(progress[0].disputed, 2u);
  EXPECT_FALSE(progress[0].complete);
  EXPECT_EQ(progress[0].gaps,
            (std::vector<MarkGap>{PanelGap("C1", ProblemKind::kDisputed, {1, 2, 3}),
                                  PanelGap("C2", ProblemKind::kDisputed, {0, 2})}));
}

TEST(ProgressTest, ADisputedButFullPanelKeepsTheSubcriterionIncomplete) {
  Rubric rubric = TwoSubcriteria();
  auto progress = ProgressOf(
      rubric, {Present("C1")},
      {Value("C1", 0, 1), Score("C1", "J1", 0), Score("C1", "J2", 2), Score("C1", "J3", 1)});
  EXPECT_EQ(progress[0].missing, 0u);
  EXPECT_EQ(progress[0].disputed, 1u);
  EXPECT_FALSE(progress[0].complete);
}

TEST(ProgressTest, ScoresBeyondThePolicyDoNotMakeUpForAnotherPanel) {
  Rubric rubric = TwoSubcriteria();
  std::vector<MarkEntry> entries = FullPanel("C1");
  entries.push_back(Score("C1", "J4", 2));
  entries.push_back(Score("C2", "J1", 2));
  entries.push_back(Score("C2", "J2", 2));
  entries.push_back(Value("C1", 0, 1));
  entries.push_back(Value("C2", 0, 1));
  auto progress = ProgressOf(rubric, {Present("C1"), Present("C2")}, entries);
  EXPECT_EQ(progress[0].expected, 8u);
  EXPECT_EQ(progress[0].entered, 7u);
  EXPECT_EQ(progress[0].missing, 1u);
  EXPECT_EQ(progress[0].gaps,
            (std::vector<MarkGap>{PanelGap("C2", ProblemKind::kMissing, {2, 2})}));
}

TEST(ProgressTest, TheJudgesPolicySetsTheScoresAPanelNeeds) {
  Rubric rubric = TwoSubcriteria(/*judges=*/2);
  auto progress = ProgressOf(rubric, {Present("C1")},
                             {Value("C1", 0, 1), Score("C1", "J1", 2), Score("C1", "J2", 3)});
  EXPECT_EQ(progress[0].expected, 3u);
  EXPECT_EQ(progress[0].entered, 3u);
  EXPECT_TRUE(progress[0].complete);
  auto one_score = ProgressOf(rubric, {Present("C1")}, {Value("C1", 0, 1), Score("C1", "J1", 2)});
  EXPECT_EQ(one_score[0].gaps,
            (std::vector<MarkGap>{PanelGap("C1", ProblemKind::kMissing, {2}, 2)}));
}

TEST(ProgressTest, CandidatesWhoAreNotPresentAreNeitherExpectedNorCounted) {
  Rubric rubric = TwoSubcriteria();
  std::vector<Candidate> candidates = {Present("C1"),
                                       {"C2", "", "", CandidateStatus::kAbsent},
                                       {"C3", "", "", CandidateStatus::kWithdrawn},
                                       {"C4", "", "", CandidateStatus::kDisqualified}};
  auto progress = ProgressOf(rubric, candidates, {Value("C1", 2, 1), Value("C2", 2, 1)});
  EXPECT_EQ(progress[1].expected, 1u);
  EXPECT_EQ(progress[1].entered, 1u);
  EXPECT_TRUE(progress[1].complete);
  EXPECT_EQ(progress[0].expected, 4u);
}

TEST(ProgressTest, AnExamWithoutCandidatesIsComplete) {
  auto progress = ProgressOf(TwoSubcriteria(), {}, {});
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].expected, 0u);
  EXPECT_TRUE(progress[0].complete);
}

}  // namespace
}  // namespace skillscore
