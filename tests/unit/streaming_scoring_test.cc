// Scoring, counting and analysing an exam one sheet at a time (ExamScorer, ProgressCounter,
// JudgeAnalyser): what `results`, `status` and `report judges` do with sheets read as a stream.
// Each gives exact values, and exactly what the whole-exam functions (ScoreExam, MarkingProgress)
// give for the same sheets.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/judge_analytics.h"
#include "skillscore/judge_report.h"
#include "skillscore/progress.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {
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

// A1 = {A1.1 pass/fail (ordinal 0), A1.2 judgement (1)}, B1 = {B1.1 pass/fail (2)}; max 3.
Rubric TwoSubcriteria() {
  Rubric rubric;
  rubric.code = "T";
  rubric.version = "1";
  rubric.max = 3;
  rubric.sections = {{"1", "", std::nullopt}};
  rubric.modules = {{"A", "", {{"A1", "", 1, {Measured("A1.1"), Judged("A1.2")}}}},
                    {"B", "", {{"B1", "", 2, {Measured("B1.1")}}}}};
  rubric.IndexAspects();
  return rubric;
}

MarkEntry Value(std::string candidate, std::size_t ordinal, int number) {
  return {std::move(candidate), ordinal, "J1", {false, number}};
}

MarkEntry Score(std::string candidate, std::string judge, int score) {
  return {std::move(candidate), 1, std::move(judge), {false, score}};
}

// C1 complete (A1.2 scored 2, 2, 3), C2 complete (3, 3, 3) but for B1.1, C3 absent, C4 with a
// disputed panel (1, 3) and nothing else, C5 complete with the same total as C1.
class StreamingTest : public ::testing::Test {
 protected:
  StreamingTest() {
    candidates_ = {{"C1", "", "College 1", CandidateStatus::kPresent},
                   {"C2", "", "College 2", CandidateStatus::kPresent},
                   {"C3", "", "College 1", CandidateStatus::kAbsent},
                   {"C4", "", "College 3", CandidateStatus::kPresent},
                   {"C5", "", "College 2", CandidateStatus::kPresent}};
    judges_ = {{"J1", "", "College 1", JudgeRole::kExpert},
               {"J2", "", "College 9", JudgeRole::kExpert},
               {"J3", "", "College 9", JudgeRole::kExpert},
               {"J4", "", "College 8", JudgeRole::kChief}};
    std::vector<MarkEntry> entries = {
        Value("C1", 0, 1),    Score("C1", "J2", 2), Score("C1", "J3", 2), Score("C1", "J4", 3),
        Value("C1", 2, 1),    Value("C2", 0, 0),    Score("C2", "J2", 3), Score("C2", "J3", 3),
        Score("C2", "J1", 3), Value("C3", 0, 1),    Score("C4", "J2", 1), Score("C4", "J3", 3),
        Value("C5", 0, 1),    Score("C5", "J4", 3), Score("C5", "J3", 2), Score("C5", "J1", 2),
        Value("C5", 2, 1)};
    sheets_ = BuildSheets(rubric_, candidates_, entries);
  }

  Rubric rubric_ = TwoSubcriteria();
  std::vector<Candidate> candidates_;
  std::vector<Judge> judges_;
  std::vector<CandidateSheet> sheets_;
};

TEST_F(StreamingTest, ExamScorerGivesExactTotalsRanksAndProblems) {
  ExamScorer scorer(rubric_);
  for (const CandidateSheet& sheet : sheets_) scorer.Add(sheet);
  ExamResult result = std::move(scorer).Finish();
  ASSERT_EQ(result.candidates.size(), 5u);
  EXPECT_FALSE(result.complete);
  // By rank: C1 and C5 (1 + 7/9 + 1 = 25/9) share the first place, then C2 (0 + 1 = 1), C4
  // (4/6 = 2/3); the absent C3 last, unranked.
  std::vector<std::string> order;
  for (const CandidateResult& candidate : result.candidates)
    order.push_back(candidate.candidate.id);
  EXPECT_EQ(order, (std::vector<std::string>{"C1", "C5", "C2", "C4", "C3"}));
  EXPECT_EQ(result.candidates[0].total, Rational::Of(25, 9));
  EXPECT_EQ(result.candidates[0].rank, 1);
  EXPECT_EQ(result.candidates[1].total, Rational::Of(25, 9));
  EXPECT_EQ(result.candidates[1].rank, 1);
  EXPECT_EQ(result.candidates[2].total, Rational(1));
  EXPECT_EQ(result.candidates[2].rank, 3);
  EXPECT_EQ(result.candidates[3].total, Rational::Of(2, 3));
  EXPECT_EQ(result.candidates[3].rank, 4);
  EXPECT_EQ(result.candidates[4].rank, std::nullopt);
  ASSERT_EQ(result.candidates[3].problems.size(), 3u);  // C4: A1.1 missing, A1.2, B1.1
  EXPECT_EQ(result.candidates[3].problems[1].kind, ProblemKind::kDisputed);
}

TEST_F(StreamingTest, ExamScorerIsScoreExamSheetBySheet) {
  ExamResult whole = ScoreExam(rubric_, sheets_);
  ExamScorer scorer(rubric_);
  for (const CandidateSheet& sheet : sheets_) scorer.Add(sheet);
  ExamResult streamed = std::move(scorer).Finish();
  ASSERT_EQ(streamed.candidates.size(), whole.candidates.size());
  EXPECT_EQ(streamed.complete, whole.complete);
  for (std::size_t i = 0; i < whole.candidates.size(); ++i) {
    const CandidateResult& a = whole.candidates[i];
    const CandidateResult& b = streamed.candidates[i];
    EXPECT_EQ(b.candidate.id, a.candidate.id);
    EXPECT_EQ(b.total, a.total);
    EXPECT_EQ(b.percent, a.percent);
    EXPECT_EQ(b.grade, a.grade);
    EXPECT_EQ(b.rank, a.rank);
    EXPECT_EQ(b.problems.size(), a.problems.size());
  }
}

TEST_F(StreamingTest, AnExamScorerGivenNoSheetGivesAnEmptyResult) {
  ExamResult result = ExamScorer(rubric_).Finish();
  EXPECT_TRUE(result.candidates.empty());
  EXPECT_EQ(result.complete, ScoreExam(rubric_, {}).complete);
}

TEST_F(StreamingTest, ProgressCounterCountsAndNamesWhoOwesAScore) {
  const std::vector<std::string> locked = {"B1"};
  ProgressCounter counter(rubric_, PanelSeats{judges_, locked});
  for (const CandidateSheet& sheet : sheets_) counter.Add(sheet);
  std::vector<SubcriterionProgress> progress = std::move(counter).Finish();
  ASSERT_EQ(progress.size(), 2u);
  // A1 of the four present candidates: 4 pass/fail marks and 4 × 3 scores expected; C4 has no
  // pass/fail mark and two scores (a disputed panel).
  EXPECT_EQ(progress[0].id, "A1");
  EXPECT_EQ(progress[0].expected, 16u);
  EXPECT_EQ(progress[0].entered, 14u);
  EXPECT_EQ(progress[0].missing, 2u);
  EXPECT_EQ(progress[0].disputed, 1u);
  EXPECT_FALSE(progress[0].complete);
  ASSERT_EQ(progress[0].gaps.size(), 2u);
  EXPECT_EQ(progress[0].gaps[0].candidate, "C4");
  EXPECT_EQ(progress[0].gaps[0].problem.aspect, "A1.1");
  EXPECT_EQ(progress[0].gaps[1].problem.kind, ProblemKind::kDisputed);
  EXPECT_EQ(progress[0].gaps[1].problem.scores, (std::vector<int>{1, 3}));
  // J1 and J4 have not scored C4's panel, and neither shares C4's organisation.
  EXPECT_EQ(progress[0].gaps[1].owed_by, (std::vector<std::string>{"J1", "J4"}));
  // B1 is locked: its gaps name no one.
  EXPECT_EQ(progress[1].id, "B1");
  EXPECT_EQ(progress[1].expected, 4u);
  EXPECT_EQ(progress[1].entered, 2u);
  ASSERT_EQ(progress[1].gaps.size(), 2u);
  EXPECT_EQ(progress[1].gaps[0].candidate, "C2");
  EXPECT_TRUE(progress[1].gaps[0].owed_by.empty());
}

TEST_F(StreamingTest, ProgressCounterIsMarkingProgressSheetBySheet) {
  const std::vector<std::string> locked = {};
  for (bool with_seats : {false, true}) {
    std::vector<SubcriterionProgress> whole =
        with_seats ? MarkingProgress(rubric_, sheets_, PanelSeats{judges_, locked})
                   : MarkingProgress(rubric_, sheets_);
    ProgressCounter counter = with_seats ? ProgressCounter(rubric_, PanelSeats{judges_, locked})
                                         : ProgressCounter(rubric_);
    for (const CandidateSheet& sheet : sheets_) counter.Add(sheet);
    std::vector<SubcriterionProgress> streamed = std::move(counter).Finish();
    ASSERT_EQ(streamed.size(), whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(streamed[i].id, whole[i].id);
      EXPECT_EQ(streamed[i].expected, whole[i].expected);
      EXPECT_EQ(streamed[i].entered, whole[i].entered);
      EXPECT_EQ(streamed[i].missing, whole[i].missing);
      EXPECT_EQ(streamed[i].disputed, whole[i].disputed);
      EXPECT_EQ(streamed[i].complete, whole[i].complete);
      ASSERT_EQ(streamed[i].gaps.size(), whole[i].gaps.size());
      for (std::size_t g = 0; g < whole[i].gaps.size(); ++g) {
        EXPECT_EQ(streamed[i].gaps[g].candidate, whole[i].gaps[g].candidate);
        EXPECT_EQ(streamed[i].gaps[g].owed_by, whole[i].gaps[g].owed_by);
      }
    }
  }
}

TEST_F(StreamingTest, JudgeAnalyserGivesExactlyTheReportOfAnalyseJudges) {
  // An unlisted judge (J9) scores too: the report lists them after the others.
  sheets_[4].aspects[1].panel.push_back({"J9", 2});
  JudgeAnalyser analyser(rubric_, judges_);
  for (const CandidateSheet& sheet : sheets_) analyser.Add(sheet);
  JudgeAnalytics streamed = std::move(analyser).Finish();
  JudgeAnalytics whole = AnalyseJudges(rubric_, sheets_, judges_);
  ASSERT_EQ(streamed.aspects.size(), 1u);
  EXPECT_EQ(streamed.aspects[0].id, "A1.2");
  EXPECT_EQ(streamed.aspects[0].summary.panels, 4u);    // C1, C2, C4, C5
  EXPECT_EQ(streamed.aspects[0].summary.disputed, 1u);  // C4's 1 and 3
  ASSERT_EQ(streamed.judges.size(), 5u);
  EXPECT_EQ(streamed.judges[4].judge, "J9");
  EXPECT_EQ(streamed.judges[1].scores, 3u);  // J2: C1, C2 and C4
  // Every figure, to the last digit printed.
  EXPECT_EQ(JudgeReportJson({"E1", rubric_, streamed, judges_}),
            JudgeReportJson({"E1", rubric_, whole, judges_}));
  EXPECT_EQ(JudgeReportTable({"E1", rubric_, streamed, judges_}),
            JudgeReportTable({"E1", rubric_, whole, judges_}));
}

}  // namespace
}  // namespace skillscore
