#include "skillscore/scoring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"

namespace skillscore {

// Shows exact values in failure messages instead of raw bytes.
void PrintTo(const Rational& value, std::ostream* out) {
  *out << value.numerator() << "/" << value.denominator();
}

namespace {

Rational Dec(const char* text) { return Rational::ParseDecimal(text).value(); }

Aspect Measured(std::string id, std::string section, const char* max) {
  Aspect aspect;
  aspect.id = std::move(id);
  aspect.section = std::move(section);
  aspect.max = Dec(max);
  return aspect;
}

Aspect Counted(std::string id, std::string section, const char* max, int n) {
  Aspect aspect = Measured(std::move(id), std::move(section), max);
  aspect.calculation = Calculation::kNumberCompleted;
  aspect.number_completed = n;
  return aspect;
}

Aspect Choice(std::string id, std::string section, const char* max,
              std::vector<ChoiceOption> options) {
  Aspect aspect = Measured(std::move(id), std::move(section), max);
  aspect.calculation = Calculation::kChoice;
  aspect.options = std::move(options);
  return aspect;
}

Aspect Ranged(std::string id, std::string section, const char* max, std::vector<Range> ranges) {
  Aspect aspect = Measured(std::move(id), std::move(section), max);
  aspect.calculation = Calculation::kRanged;
  aspect.ranges = std::move(ranges);
  return aspect;
}

Aspect Judged(std::string id, std::string section, const char* max) {
  Aspect aspect = Measured(std::move(id), std::move(section), max);
  aspect.type = AspectType::kJudgement;
  aspect.levels = {"below", "meets", "exceeds in part", "exceeds"};
  return aspect;
}

Subcriterion Sub(std::string id, std::vector<Aspect> aspects) {
  return {std::move(id), "", 1, std::move(aspects)};
}

Module Mod(std::string id, std::vector<Subcriterion> subcriteria) {
  return {std::move(id), "", std::move(subcriteria)};
}

// A rubric whose max is the sum of its aspect maxima, with the default grade table.
Rubric MakeRubric(RubricKind kind, const std::vector<std::string>& section_ids,
                  std::vector<Module> modules) {
  Rubric rubric;
  rubric.kind = kind;
  for (const std::string& id : section_ids) rubric.sections.push_back({id, "", std::nullopt});
  rubric.grades = DefaultGradeTable();
  rubric.modules = std::move(modules);
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& sub : module.subcriteria) {
      for (const Aspect& aspect : sub.aspects) rubric.max += aspect.max;
    }
  }
  rubric.IndexAspects();
  return rubric;
}

std::vector<ChoiceOption> WcagOptions() {
  return {{"нет нарушений", 0},
          {"1–2 нарушения", Dec("33.3")},
          {"3–5 нарушений", Dec("66.6")},
          {"более 5", 100}};
}

std::vector<Range> CoverageRanges() {
  return {{80, 100, 0}, {50, Dec("79.99"), 50}, {0, Dec("49.99"), 100}};
}

// The rubric of rubric-format.md, aspects A1.1 … A1.5 (ordinals 0 … 4).
Rubric WorkedExample() {
  return MakeRubric(
      RubricKind::kExam, {"1", "2", "3"},
      {Mod("A", {Sub("A1", {Measured("A1.1", "1", "0.5"), Counted("A1.2", "2", "1.0", 5),
                            Choice("A1.3", "3", "1.5", WcagOptions()),
                            Ranged("A1.4", "2", "1.0", CoverageRanges()),
                            Judged("A1.5", "3", "2.0")})})});
}

// One aspect A1.1 counting 0 … 100 on max 100: a candidate's total is the count entered.
Rubric CountRubric(RubricKind kind) {
  return MakeRubric(kind, {"1"}, {Mod("A", {Sub("A1", {Counted("A1.1", "1", "100", 100)})})});
}

// One judgement aspect J1.1 on max 1.5.
Rubric PanelRubric() {
  return MakeRubric(RubricKind::kExam, {"1"},
                    {Mod("J", {Sub("J1", {Judged("J1.1", "1", "1.5")})})});
}

Candidate Present(std::string id) { return {std::move(id), "", "", CandidateStatus::kPresent}; }

Candidate WithStatus(std::string id, CandidateStatus status) {
  return {std::move(id), "", "", status};
}

MarkEntry Measure(std::string candidate, std::size_t ordinal, Rational number) {
  return {std::move(candidate), ordinal, "J1", {false, number}};
}

MarkEntry NotAttempted(std::string candidate, std::size_t ordinal) {
  return {std::move(candidate), ordinal, "J1", {true, 0}};
}

MarkEntry Score(std::string candidate, std::size_t ordinal, std::string judge, int score) {
  return {std::move(candidate), ordinal, std::move(judge), {false, score}};
}

// Scores from judges J1, J2, … in order.
std::vector<MarkEntry> Panel(const std::string& candidate, std::size_t ordinal,
                             const std::vector<int>& scores) {
  std::vector<MarkEntry> entries;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    entries.push_back(Score(candidate, ordinal, "J" + std::to_string(i + 1), scores[i]));
  }
  return entries;
}

ExamResult ScoreOf(const Rubric& rubric, const std::vector<Candidate>& candidates,
                   const std::vector<MarkEntry>& entries) {
  return ScoreExam(rubric, BuildSheets(rubric, candidates, entries));
}

// Present candidates with the given totals on a CountRubric.
ExamResult ScoreTotals(const Rubric& rubric,
                       const std::vector<std::pair<std::string, int>>& totals) {
  std::vector<Candidate> candidates;
  std::vector<MarkEntry> entries;
  for (const auto& [id, total] : totals) {
    candidates.push_back(Present(id));
    entries.push_back(Measure(id, 0, total));
  }
  return ScoreOf(rubric, candidates, entries);
}

const CandidateResult& ResultOf(const ExamResult& exam, const std::string& id) {
  for (const CandidateResult& result : exam.candidates) {
    if (result.candidate.id == id) return result;
  }
  throw std::out_of_range("no result for " + id);
}

std::vector<std::string> OrderOf(const ExamResult& exam) {
  std::vector<std::string> ids;
  for (const CandidateResult& result : exam.candidates) ids.push_back(result.candidate.id);
  return ids;
}

void ExpectProblem(const Problem& problem, const std::string& aspect, ProblemKind kind,
                   const std::vector<int>& scores, int scores_needed) {
  EXPECT_EQ(problem.aspect, aspect);
  EXPECT_EQ(problem.kind, kind);
  EXPECT_EQ(problem.scores, scores);
  EXPECT_EQ(problem.scores_needed, scores_needed);
}

void ExpectPart(const PartMark& part, const std::string& id, const Rational& mark,
                const Rational& max) {
  EXPECT_EQ(part.id, id);
  EXPECT_EQ(part.mark, mark);
  EXPECT_EQ(part.max, max);
}

// --- Aspect marks (scoring.md §2) ---

TEST(MeasurementMarkTest, PassFailGivesMaxOrZero) {
  Aspect aspect = Measured("A1.1", "1", "0.5");
  EXPECT_EQ(MeasurementMark(aspect, {false, 1}), Dec("0.5"));
  EXPECT_EQ(MeasurementMark(aspect, {false, 0}), Rational(0));
}

TEST(MeasurementMarkTest, NumberCompletedIsMaxTimesKOverN) {
  Aspect aspect = Counted("A1.2", "2", "1.0", 5);
  EXPECT_EQ(MeasurementMark(aspect, {false, 4}), Dec("0.8"));
  EXPECT_EQ(MeasurementMark(aspect, {false, 0}), Rational(0));
  EXPECT_EQ(MeasurementMark(aspect, {false, 5}), Rational(1));
  EXPECT_EQ(MeasurementMark(Counted("X", "1", "1.0", 3), {false, 1}), Rational::Of(1, 3));
}

TEST(MeasurementMarkTest, ChoiceDeductsTheOptionsPercent) {
  Aspect aspect = Choice("A1.3", "3", "1.5", WcagOptions());
  EXPECT_EQ(MeasurementMark(aspect, {false, 0}), Dec("1.5"));
  EXPECT_EQ(MeasurementMark(aspect, {false, 1}), Dec("1.0005"));
  EXPECT_EQ(MeasurementMark(aspect, {false, 2}), Dec("0.501"));
  EXPECT_EQ(MeasurementMark(aspect, {false, 3}), Rational(0));
}

TEST(MeasurementMarkTest, RangedRangesIncludeBothEnds) {
  Aspect aspect = Ranged("A1.4", "2", "1.0", CoverageRanges());
  EXPECT_EQ(MeasurementMark(aspect, {false, 100}), Rational(1));
  EXPECT_EQ(MeasurementMark(aspect, {false, 80}), Rational(1));
  EXPECT_EQ(MeasurementMark(aspect, {false, Dec("79.99")}), Dec("0.5"));
  EXPECT_EQ(MeasurementMark(aspect, {false, 50}), Dec("0.5"));
  EXPECT_EQ(MeasurementMark(aspect, {false, Dec("49.99")}), Rational(0));
}

TEST(MeasurementMarkTest, RangedTakesTheFirstMatchingRangeInListedOrder) {
  Aspect aspect = Ranged("A1.4", "2", "2", {{0, 100, 10}, {50, 100, 50}});
  EXPECT_EQ(MeasurementMark(aspect, {false, 60}), Dec("1.8"));
}

TEST(MeasurementMarkTest, NotAttemptedIsZeroForEveryCalculation) {
  for (const Aspect& aspect :
       {Measured("A1.1", "1", "0.5"), Counted("A1.2", "2", "1.0", 5),
        Choice("A1.3", "3", "1.5", WcagOptions()), Ranged("A1.4", "2", "1.0", CoverageRanges())}) {
    EXPECT_EQ(MeasurementMark(aspect, {true, 0}), Rational(0)) << aspect.id;
  }
}

TEST(JudgementMarkTest, IsMaxTimesMeanOverThree) {
  Aspect aspect = Judged("B1.1", "1", "1.5");
  Rational mark = JudgementMark(aspect, {{"J1", 2}, {"J2", 2}, {"J3", 3}});
  EXPECT_EQ(mark, Rational::Of(7, 6));
  EXPECT_EQ(mark.ToDecimal(2), "1.17");
}

TEST(JudgementMarkTest, CountsOnlyTheScoresThePanelHas) {
  Aspect aspect = Judged("B1.1", "1", "1.5");
  EXPECT_EQ(JudgementMark(aspect, {{"J1", 3}}), Dec("1.5"));
  EXPECT_EQ(JudgementMark(aspect, {{"J1", 1}, {"J2", 2}}), Dec("0.75"));
}

TEST(JudgementMarkTest, EmptyPanelIsZero) {
  EXPECT_EQ(JudgementMark(Judged("B1.1", "1", "1.5"), {}), Rational(0));
}

TEST(PanelSpreadTest, IsHighestMinusLowest) {
  EXPECT_EQ(PanelSpread({{"J1", 2}, {"J2", 0}, {"J3", 3}}), 3);
  EXPECT_EQ(PanelSpread({{"J1", 2}, {"J2", 2}}), 0);
  EXPECT_EQ(PanelSpread({{"J1", 1}, {"J2", 2}}), 1);
}

TEST(PanelSpreadTest, IsZeroBelowTwoScores) {
  EXPECT_EQ(PanelSpread({}), 0);
  EXPECT_EQ(PanelSpread({{"J1", 3}}), 0);
}

// --- Grades (scoring.md §4) ---

TEST(GradeForTest, ComparesPercentExactlyAtTheBoundaries) {
  std::vector<GradeRow> table = DefaultGradeTable();
  EXPECT_EQ(GradeFor(table, Dec("69.98")), 4);
  EXPECT_EQ(GradeFor(table, 70), 5);
  EXPECT_EQ(GradeFor(table, Dec("19.995")), 2);
  EXPECT_EQ(GradeFor(table, 20), 3);
  EXPECT_EQ(GradeFor(table, Dec("39.99")), 3);
  EXPECT_EQ(GradeFor(table, 40), 4);
  EXPECT_EQ(GradeFor(table, 0), 2);
  EXPECT_EQ(GradeFor(table, 100), 5);
}

TEST(GradeForTest, UsesTheRubricsTable) {
  std::vector<GradeRow> pass_fail = {{1, 60}, {0, 0}};
  EXPECT_EQ(GradeFor(pass_fail, Dec("59.99")), 0);
  EXPECT_EQ(GradeFor(pass_fail, 60), 1);
}

TEST(GradeForTest, FallsBackToTheLastRow) {
  EXPECT_EQ(GradeFor({{5, 50}, {3, 10}}, 5), 3);
  EXPECT_EQ(GradeFor({}, 5), 0);
}

// --- Totals (scoring.md §3) ---

TEST(ScoreExamTest, WorkedExampleOfTheRubricFormat) {
  Rubric rubric = WorkedExample();
  std::vector<MarkEntry> entries = {Measure("C1", 0, 1), Measure("C1", 1, 4), Measure("C1", 2, 1),
                                    Measure("C1", 3, Dec("79.99"))};
  for (const MarkEntry& entry : Panel("C1", 4, {2, 2, 3})) entries.push_back(entry);
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, entries);

  EXPECT_TRUE(exam.complete);
  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, Rational::Of(78409, 18000));
  EXPECT_EQ(c1.total.ToDecimal(2), "4.36");
  EXPECT_EQ(c1.percent, Rational::Of(78409, 1080));
  EXPECT_EQ(c1.percent.ToDecimal(2), "72.60");
  EXPECT_EQ(c1.grade, 5);
  EXPECT_EQ(c1.rank, 1);
  EXPECT_TRUE(c1.problems.empty());
  ASSERT_EQ(c1.sections.size(), 3u);
  ExpectPart(c1.sections[0], "1", Dec("0.5"), Dec("0.5"));
  ExpectPart(c1.sections[1], "2", Dec("1.3"), 2);
  ExpectPart(c1.sections[2], "3", Rational::Of(46009, 18000), Dec("3.5"));
  EXPECT_EQ(c1.sections[0].mark.ToDecimal(2), "0.50");
  EXPECT_EQ(c1.sections[1].mark.ToDecimal(2), "1.30");
  EXPECT_EQ(c1.sections[2].mark.ToDecimal(2), "2.56");
  ASSERT_EQ(c1.modules.size(), 1u);
  ExpectPart(c1.modules[0], "A", Rational::Of(78409, 18000), 6);
  ASSERT_EQ(c1.subcriteria.size(), 1u);
  ExpectPart(c1.subcriteria[0], "A1", Rational::Of(78409, 18000), 6);
}

TEST(ScoreExamTest, SumsSubcriteriaModulesAndTheirMaxima) {
  Rubric rubric =
      MakeRubric(RubricKind::kExam, {"1"},
                 {Mod("A", {Sub("A1", {Measured("A1.1", "1", "0.5"), Measured("A1.2", "1", "1.5")}),
                            Sub("A2", {Measured("A2.1", "1", "2")})}),
                  Mod("B", {Sub("B1", {Measured("B1.1", "1", "6")})})});
  ExamResult exam =
      ScoreOf(rubric, {Present("C1")},
              {Measure("C1", 0, 1), Measure("C1", 1, 0), Measure("C1", 2, 1), Measure("C1", 3, 1)});
  const CandidateResult& c1 = ResultOf(exam, "C1");
  ASSERT_EQ(c1.subcriteria.size(), 3u);
  ExpectPart(c1.subcriteria[0], "A1", Dec("0.5"), 2);
  ExpectPart(c1.subcriteria[1], "A2", 2, 2);
  ExpectPart(c1.subcriteria[2], "B1", 6, 6);
  ASSERT_EQ(c1.modules.size(), 2u);
  ExpectPart(c1.modules[0], "A", Dec("2.5"), 4);
  ExpectPart(c1.modules[1], "B", 6, 6);
  EXPECT_EQ(c1.total, Dec("8.5"));
}

TEST(ScoreExamTest, SectionsFollowTheRubricsSectionOrder) {
  Rubric rubric =
      MakeRubric(RubricKind::kExam, {"3", "1", "2"},
                 {Mod("A", {Sub("A1", {Measured("A1.1", "1", "1"), Measured("A1.2", "2", "2"),
                                       Measured("A1.3", "1", "3")})})});
  ExamResult exam = ScoreOf(rubric, {Present("C1")},
                            {Measure("C1", 0, 1), Measure("C1", 1, 1), Measure("C1", 2, 0)});
  const CandidateResult& c1 = ResultOf(exam, "C1");
  ASSERT_EQ(c1.sections.size(), 3u);
  ExpectPart(c1.sections[0], "3", 0, 0);
  ExpectPart(c1.sections[1], "1", 1, 4);
  ExpectPart(c1.sections[2], "2", 2, 2);
}

TEST(ScoreExamTest, PercentIsExact) {
  Rubric rubric =
      MakeRubric(RubricKind::kExam, {"1"}, {Mod("A", {Sub("A1", {Counted("A1.1", "1", "3", 3)})})});
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, {Measure("C1", 0, 1)});
  EXPECT_EQ(ResultOf(exam, "C1").percent, Rational::Of(100, 3));
}

TEST(ScoreExamTest, GradesPresentCandidatesOfExamsByPercent) {
  Rubric rubric = CountRubric(RubricKind::kExam);
  ExamResult exam = ScoreTotals(rubric, {{"C1", 70}, {"C2", 69}, {"C3", 20}, {"C4", 19}});
  EXPECT_EQ(ResultOf(exam, "C1").grade, 5);
  EXPECT_EQ(ResultOf(exam, "C2").grade, 4);
  EXPECT_EQ(ResultOf(exam, "C3").grade, 3);
  EXPECT_EQ(ResultOf(exam, "C4").grade, 2);
}

TEST(ScoreExamTest, CompetitionsHaveNoGrade) {
  ExamResult exam = ScoreTotals(CountRubric(RubricKind::kCompetition), {{"C1", 90}});
  EXPECT_EQ(ResultOf(exam, "C1").grade, std::nullopt);
}

TEST(ScoreExamTest, AspectRoundingPolicyRoundsEachAspectBeforeSumming) {
  Rubric rubric =
      MakeRubric(RubricKind::kExam, {"1"},
                 {Mod("B", {Sub("B1", {Judged("B1.1", "1", "1.5"), Judged("B1.2", "1", "1.5")})})});
  std::vector<MarkEntry> entries = Panel("C1", 0, {2, 2, 3});
  for (const MarkEntry& entry : Panel("C1", 1, {2, 2, 3})) entries.push_back(entry);

  EXPECT_EQ(ResultOf(ScoreOf(rubric, {Present("C1")}, entries), "C1").total, Rational::Of(7, 3));
  rubric.policy.aspect_rounding = 2;
  const CandidateResult rounded = ResultOf(ScoreOf(rubric, {Present("C1")}, entries), "C1");
  EXPECT_EQ(rounded.total, Dec("2.34"));
  EXPECT_EQ(rounded.modules[0].mark, Dec("2.34"));
  EXPECT_EQ(rounded.sections[0].mark, Dec("2.34"));
}

// --- Provisional totals and problems (scoring.md §2, §3, §7) ---

TEST(ScoreExamTest, MissingMeasurementCountsZeroAndIsReported) {
  Rubric rubric = WorkedExample();
  std::vector<MarkEntry> entries = {Measure("C1", 0, 1), Measure("C1", 2, 0),
                                    Measure("C1", 3, 100)};
  for (const MarkEntry& entry : Panel("C1", 4, {3, 3, 3})) entries.push_back(entry);
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, entries);

  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, 5);
  ASSERT_EQ(c1.problems.size(), 1u);
  ExpectProblem(c1.problems[0], "A1.2", ProblemKind::kMissing, {}, 0);
  EXPECT_FALSE(exam.complete);
}

TEST(ScoreExamTest, IncompletePanelCountsTheScoresItHasAndIsMissing) {
  ExamResult exam = ScoreOf(PanelRubric(), {Present("C1")}, Panel("C1", 0, {3, 2}));
  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, Dec("1.25"));
  ASSERT_EQ(c1.problems.size(), 1u);
  ExpectProblem(c1.problems[0], "J1.1", ProblemKind::kMissing, {2, 3}, 3);
  EXPECT_FALSE(exam.complete);
}

TEST(ScoreExamTest, EmptyPanelCountsZeroAndIsMissing) {
  ExamResult exam = ScoreOf(PanelRubric(), {Present("C1")}, {});
  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, 0);
  ASSERT_EQ(c1.problems.size(), 1u);
  ExpectProblem(c1.problems[0], "J1.1", ProblemKind::kMissing, {}, 3);
}

TEST(ScoreExamTest, DisputedPanelCountsItsScoresAndBlocksCompletion) {
  ExamResult exam = ScoreOf(PanelRubric(), {Present("C1")}, Panel("C1", 0, {1, 3, 1}));
  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, Rational::Of(5, 6));
  ASSERT_EQ(c1.problems.size(), 1u);
  ExpectProblem(c1.problems[0], "J1.1", ProblemKind::kDisputed, {1, 1, 3}, 3);
  EXPECT_FALSE(exam.complete);
}

TEST(ScoreExamTest, DisputedTakesPrecedenceOverIncomplete) {
  ExamResult exam = ScoreOf(PanelRubric(), {Present("C1")}, Panel("C1", 0, {3, 0}));
  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, Dec("0.75"));
  ASSERT_EQ(c1.problems.size(), 1u);
  ExpectProblem(c1.problems[0], "J1.1", ProblemKind::kDisputed, {0, 3}, 3);
}

TEST(ScoreExamTest, MaxSpreadPolicyDecidesWhatIsDisputed) {
  Rubric rubric = PanelRubric();
  std::vector<MarkEntry> entries = Panel("C1", 0, {1, 2, 3});
  EXPECT_EQ(ResultOf(ScoreOf(rubric, {Present("C1")}, entries), "C1").problems.size(), 1u);
  rubric.policy.max_spread = 2;
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, entries);
  EXPECT_TRUE(ResultOf(exam, "C1").problems.empty());
  EXPECT_TRUE(exam.complete);
}

TEST(ScoreExamTest, JudgesPolicyDecidesWhenAPanelIsComplete) {
  Rubric rubric = PanelRubric();
  rubric.policy.judges = 2;
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, Panel("C1", 0, {2, 3}));
  EXPECT_TRUE(ResultOf(exam, "C1").problems.empty());
  EXPECT_TRUE(exam.complete);
  rubric.policy.judges = 4;
  exam = ScoreOf(rubric, {Present("C1")}, Panel("C1", 0, {2, 3, 3}));
  ExpectProblem(ResultOf(exam, "C1").problems.at(0), "J1.1", ProblemKind::kMissing, {2, 3, 3}, 4);
}

TEST(ScoreExamTest, NotAttemptedIsReportedButDoesNotBlockCompletion) {
  Rubric rubric = MakeRubric(
      RubricKind::kExam, {"1"},
      {Mod("A", {Sub("A1", {Measured("A1.1", "1", "1"), Counted("A1.2", "1", "1", 5)})})});
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, {Measure("C1", 0, 1), NotAttempted("C1", 1)});
  const CandidateResult& c1 = ResultOf(exam, "C1");
  EXPECT_EQ(c1.total, 1);
  ASSERT_EQ(c1.problems.size(), 1u);
  ExpectProblem(c1.problems[0], "A1.2", ProblemKind::kNotAttempted, {}, 0);
  EXPECT_TRUE(exam.complete);
}

TEST(ScoreExamTest, ProblemsFollowRubricAspectOrderOnePerAspect) {
  Rubric rubric = WorkedExample();
  std::vector<MarkEntry> entries = {NotAttempted("C1", 3), Measure("C1", 1, 5)};
  for (const MarkEntry& entry : Panel("C1", 4, {0, 3})) entries.push_back(entry);
  ExamResult exam = ScoreOf(rubric, {Present("C1")}, entries);
  const std::vector<Problem>& problems = ResultOf(exam, "C1").problems;
  ASSERT_EQ(problems.size(), 4u);
  ExpectProblem(problems[0], "A1.1", ProblemKind::kMissing, {}, 0);
  ExpectProblem(problems[1], "A1.3", ProblemKind::kMissing, {}, 0);
  ExpectProblem(problems[2], "A1.4", ProblemKind::kNotAttempted, {}, 0);
  ExpectProblem(problems[3], "A1.5", ProblemKind::kDisputed, {0, 3}, 3);
}

// --- Candidate status (scoring.md §7) ---

TEST(ScoreExamTest, NonPresentCandidatesGetTotalsButNothingElse) {
  Rubric rubric = WorkedExample();
  std::vector<Candidate> candidates = {Present("C1"), WithStatus("C2", CandidateStatus::kAbsent),
                                       WithStatus("C3", CandidateStatus::kWithdrawn),
                                       WithStatus("C4", CandidateStatus::kDisqualified)};
  std::vector<MarkEntry> entries = {Measure("C1", 0, 1),  Measure("C1", 1, 5), Measure("C1", 2, 0),
                                    Measure("C1", 3, 90), Measure("C3", 0, 1), Measure("C4", 1, 5),
                                    Measure("C4", 0, 1)};
  for (const MarkEntry& entry : Panel("C1", 4, {3, 3, 3})) entries.push_back(entry);
  ExamResult exam = ScoreOf(rubric, candidates, entries);

  EXPECT_TRUE(exam.complete);
  EXPECT_EQ(ResultOf(exam, "C1").rank, 1);
  const CandidateResult& absent = ResultOf(exam, "C2");
  EXPECT_EQ(absent.total, 0);
  EXPECT_EQ(absent.percent, 0);
  ExpectPart(absent.modules.at(0), "A", 0, 6);
  ExpectPart(absent.sections.at(1), "2", 0, 2);
  EXPECT_EQ(ResultOf(exam, "C3").total, Dec("0.5"));
  const CandidateResult& disqualified = ResultOf(exam, "C4");
  EXPECT_EQ(disqualified.total, Dec("1.5"));
  EXPECT_EQ(disqualified.percent, 25);
  ExpectPart(disqualified.sections.at(1), "2", 1, 2);
  for (const char* id : {"C2", "C3", "C4"}) {
    const CandidateResult& result = ResultOf(exam, id);
    EXPECT_TRUE(result.problems.empty()) << id;
    EXPECT_EQ(result.grade, std::nullopt) << id;
    EXPECT_EQ(result.rank, std::nullopt) << id;
  }
}

TEST(ScoreExamTest, NonPresentCandidatesAreNotRankedScaledOrAwarded) {
  Rubric rubric = CountRubric(RubricKind::kCompetition);
  ExamResult exam = ScoreOf(
      rubric, {Present("C1"), Present("C2"), WithStatus("C3", CandidateStatus::kDisqualified)},
      {Measure("C1", 0, 10), Measure("C2", 0, 20), Measure("C3", 0, 100)});
  const CandidateResult& disqualified = ResultOf(exam, "C3");
  EXPECT_EQ(disqualified.total, 100);
  EXPECT_EQ(disqualified.rank, std::nullopt);
  EXPECT_EQ(disqualified.scale, std::nullopt);
  EXPECT_EQ(disqualified.award, std::nullopt);
  EXPECT_EQ(ResultOf(exam, "C2").rank, 1);
  EXPECT_EQ(ResultOf(exam, "C2").award, Award::kGold);
  // Median 15 and MAD 5 of the two present candidates only: 700 ± 30 × 5 / 7.413 = 700 ± 20.23.
  EXPECT_EQ(ResultOf(exam, "C2").scale, 720);
  EXPECT_EQ(ResultOf(exam, "C1").scale, 680);
}

// --- Ranking, scale and awards (scoring.md §5) ---

TEST(ScoreExamTest, EqualTotalsShareARankAndTheNextRankSkips) {
  ExamResult exam =
      ScoreTotals(CountRubric(RubricKind::kExam), {{"C1", 70}, {"C2", 80}, {"C3", 90}, {"C4", 80}});
  EXPECT_EQ(ResultOf(exam, "C3").rank, 1);
  EXPECT_EQ(ResultOf(exam, "C2").rank, 2);
  EXPECT_EQ(ResultOf(exam, "C4").rank, 2);
  EXPECT_EQ(ResultOf(exam, "C1").rank, 4);
}

TEST(ScoreExamTest, RanksCompareExactTotals) {
  Rubric rubric = MakeRubric(
      RubricKind::kExam, {"1"},
      {Mod("A", {Sub("A1", {Counted("A1.1", "1", "1", 3), Counted("A1.2", "1", "1", 100)})})});
  // 1/3 versus 33/100: they look the same at two decimals but are not equal.
  ExamResult exam =
      ScoreOf(rubric, {Present("C1"), Present("C2")}, {Measure("C1", 0, 1), Measure("C2", 1, 33)});
  EXPECT_EQ(ResultOf(exam, "C1").rank, 1);
  EXPECT_EQ(ResultOf(exam, "C2").rank, 2);
}

TEST(ScoreExamTest, ScalesPresentCandidatesOfCompetitions) {
  ExamResult exam =
      ScoreTotals(CountRubric(RubricKind::kCompetition), {{"C1", 10}, {"C2", 20}, {"C3", 30}});
  // Median 20, MAD 10: 700 ± 30 × 10 / 14.826 = 700 ± 20.23.
  EXPECT_EQ(ResultOf(exam, "C1").scale, 680);
  EXPECT_EQ(ResultOf(exam, "C2").scale, 700);
  EXPECT_EQ(ResultOf(exam, "C3").scale, 720);
}

TEST(ScoreExamTest, ExamsHaveNoScaleAndNoAwards) {
  ExamResult exam =
      ScoreTotals(CountRubric(RubricKind::kExam), {{"C1", 10}, {"C2", 20}, {"C3", 30}});
  for (const CandidateResult& result : exam.candidates) {
    EXPECT_EQ(result.scale, std::nullopt);
    EXPECT_EQ(result.award, std::nullopt);
  }
}

TEST(ScoreExamTest, ScaleMethodNoneGivesNoScaleAndNoMedallion) {
  Rubric rubric = CountRubric(RubricKind::kCompetition);
  rubric.policy.scale_method = ScaleMethod::kNone;
  rubric.policy.medallion = 0;
  ExamResult exam = ScoreTotals(rubric, {{"C1", 90}, {"C2", 80}, {"C3", 70}, {"C4", 60}});
  EXPECT_EQ(ResultOf(exam, "C1").award, Award::kGold);
  EXPECT_EQ(ResultOf(exam, "C4").scale, std::nullopt);
  EXPECT_EQ(ResultOf(exam, "C4").award, std::nullopt);
}

TEST(ScoreExamTest, AwardsGoldSilverBronzeByRank) {
  ExamResult exam = ScoreTotals(CountRubric(RubricKind::kCompetition),
                                {{"C1", 90}, {"C2", 80}, {"C3", 70}, {"C4", 60}});
  EXPECT_EQ(ResultOf(exam, "C1").award, Award::kGold);
  EXPECT_EQ(ResultOf(exam, "C2").award, Award::kSilver);
  EXPECT_EQ(ResultOf(exam, "C3").award, Award::kBronze);
  EXPECT_EQ(ResultOf(exam, "C4").scale, 670);
  EXPECT_EQ(ResultOf(exam, "C4").award, std::nullopt);
}

TEST(ScoreExamTest, SharedRanksShareTheMedal) {
  ExamResult exam = ScoreTotals(CountRubric(RubricKind::kCompetition),
                                {{"C1", 90}, {"C2", 90}, {"C3", 80}, {"C4", 10}});
  EXPECT_EQ(ResultOf(exam, "C1").award, Award::kGold);
  EXPECT_EQ(ResultOf(exam, "C2").award, Award::kGold);
  EXPECT_EQ(ResultOf(exam, "C3").rank, 3);
  EXPECT_EQ(ResultOf(exam, "C3").award, Award::kBronze);
  exam = ScoreTotals(CountRubric(RubricKind::kCompetition),
                     {{"C1", 90}, {"C2", 80}, {"C3", 80}, {"C4", 10}});
  EXPECT_EQ(ResultOf(exam, "C2").award, Award::kSilver);
  EXPECT_EQ(ResultOf(exam, "C3").award, Award::kSilver);
  EXPECT_EQ(ResultOf(exam, "C4").rank, 4);
  EXPECT_EQ(ResultOf(exam, "C4").award, std::nullopt);
}

TEST(ScoreExamTest, MinCompetitorsWithholdsMedalsButNotMedallions) {
  Rubric rubric = CountRubric(RubricKind::kCompetition);
  std::vector<std::pair<std::string, int>> totals = {
      {"C1", 90}, {"C2", 80}, {"C3", 70}, {"C4", 60}};
  rubric.policy.min_competitors = 4;
  EXPECT_EQ(ResultOf(ScoreTotals(rubric, totals), "C1").award, Award::kGold);
  rubric.policy.min_competitors = 5;
  ExamResult exam = ScoreTotals(rubric, totals);
  // Median 75, MAD 10: scale 730, 710, 690, 670.
  EXPECT_EQ(ResultOf(exam, "C1").scale, 730);
  EXPECT_EQ(ResultOf(exam, "C1").award, Award::kMedallion);
  EXPECT_EQ(ResultOf(exam, "C2").award, Award::kMedallion);
  EXPECT_EQ(ResultOf(exam, "C3").scale, 690);
  EXPECT_EQ(ResultOf(exam, "C3").award, std::nullopt);
  EXPECT_EQ(ResultOf(exam, "C4").award, std::nullopt);
}

TEST(ScoreExamTest, MedallionForOtherCandidatesAtOrAboveTheThreshold) {
  Rubric rubric = CountRubric(RubricKind::kCompetition);
  std::vector<std::pair<std::string, int>> totals = {
      {"C1", 100}, {"C2", 90}, {"C3", 80}, {"C4", 70}, {"C5", 70}, {"C6", 10}, {"C7", 0}};
  ExamResult exam = ScoreTotals(rubric, totals);
  // Median 70, MAD 20: C4 and C5 sit exactly on 700.
  EXPECT_EQ(ResultOf(exam, "C3").award, Award::kBronze);
  EXPECT_EQ(ResultOf(exam, "C4").scale, 700);
  EXPECT_EQ(ResultOf(exam, "C4").award, Award::kMedallion);
  EXPECT_EQ(ResultOf(exam, "C5").award, Award::kMedallion);
  EXPECT_EQ(ResultOf(exam, "C6").scale, 639);
  EXPECT_EQ(ResultOf(exam, "C6").award, std::nullopt);
  rubric.policy.medallion = 701;
  EXPECT_EQ(ResultOf(ScoreTotals(rubric, totals), "C4").award, std::nullopt);
}

// --- Order of results (cli.md) ---

TEST(ScoreExamTest, OrdersByRankThenIdThenOthersById) {
  Rubric rubric = CountRubric(RubricKind::kExam);
  std::vector<Candidate> candidates = {
      WithStatus("W", CandidateStatus::kWithdrawn), Present("C3"), Present("C2"),
      WithStatus("A", CandidateStatus::kAbsent),    Present("C1"), Present("C0")};
  ExamResult exam = ScoreOf(rubric, candidates,
                            {Measure("C3", 0, 80), Measure("C2", 0, 80), Measure("C1", 0, 50),
                             Measure("C0", 0, 10), Measure("W", 0, 100)});
  EXPECT_EQ(OrderOf(exam), (std::vector<std::string>{"C2", "C3", "C1", "C0", "A", "W"}));
}

}  // namespace
}  // namespace skillscore
