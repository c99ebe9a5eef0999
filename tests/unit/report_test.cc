#include "skillscore/report.h"

#include <gtest/gtest.h>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

Rational Dec(const char* text) { return Rational::ParseDecimal(text).value(); }

Problem MakeProblem(const char* aspect, ProblemKind kind, std::vector<int> scores = {},
                    int scores_needed = 0) {
  return {.aspect = aspect, .kind = kind, .scores = scores, .scores_needed = scores_needed};
}

// Only what the reports read: identity, kind, max, decimals, module and section ids.
Rubric SmallRubric(RubricKind kind) {
  Rubric rubric;
  rubric.code = "09.02.07-2026-PU";
  rubric.version = "2026.1";
  rubric.sha256 = "ab12";
  rubric.kind = kind;
  rubric.max = 75;
  rubric.modules.resize(2);
  rubric.modules[0].id = "A";
  rubric.modules[1].id = "B";
  rubric.sections.resize(2);
  rubric.sections[0].id = "1";
  rubric.sections[1].id = "2";
  return rubric;
}

CandidateResult Ivanov() {
  CandidateResult result;
  result.candidate = {"C001", "Иванов Иван", "Колледж №1", CandidateStatus::kPresent};
  result.total = Rational::Of(313, 6);               // 52.1666…
  result.percent = Rational::Of(313, 6) / 75 * 100;  // 69.5555…
  result.grade = 4;
  result.rank = 1;
  result.modules = {{"A", Dec("18.5"), 25}, {"B", Rational::Of(101, 3), 50}};
  result.sections = {{"1", Dec("6.25"), Dec("7.5")}, {"2", Rational::Of(551, 12), Dec("67.5")}};
  result.problems = {
      MakeProblem("B2.4", ProblemKind::kDisputed, {3, 0, 2}, 3),
      MakeProblem("A1.1", ProblemKind::kMissing),
      MakeProblem("B1.2", ProblemKind::kMissing, {2, 3}, 3),
      MakeProblem("A1.4", ProblemKind::kNotAttempted),
  };
  return result;
}

CandidateResult Absent() {
  CandidateResult result;
  result.candidate = {"C002", "Lee, \"Ann\"", "", CandidateStatus::kAbsent};
  result.modules = {{"A", 0, 25}, {"B", 0, 50}};
  result.sections = {{"1", 0, Dec("7.5")}, {"2", 0, Dec("67.5")}};
  return result;
}

ResultsView View(const Rubric& rubric, const ExamResult& result,
                 ResultsStatus status = ResultsStatus::kProvisional) {
  return {.exam = std::nullopt, .rubric = rubric, .result = result, .status = status};
}

class ReportTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }
};

TEST_F(ReportTest, ReportNumberRoundsHalfAwayFromZeroAndTrimsZeros) {
  EXPECT_EQ(ReportNumber(Rational::Of(313, 6), 2), "52.17");
  EXPECT_EQ(ReportNumber(Dec("18.50"), 2), "18.5");
  EXPECT_EQ(ReportNumber(25, 2), "25");
  EXPECT_EQ(ReportNumber(Dec("0.005"), 2), "0.01");
  EXPECT_EQ(ReportNumber(Dec("0.004"), 2), "0");
  EXPECT_EQ(ReportNumber(Dec("-2.345"), 2), "-2.35");
  EXPECT_EQ(ReportNumber(Dec("100"), 0), "100");
  EXPECT_EQ(ReportNumber(Dec("1.25"), 1), "1.3");
  EXPECT_EQ(ReportNumber(Dec("6.25"), 2, ','), "6,25");
}

TEST_F(ReportTest, ProblemDetailsAreStableEnglish) {
  EXPECT_EQ(ProblemDetail(MakeProblem("B2.4", ProblemKind::kDisputed, {3, 0, 2}, 3)),
            "scores 0,2,3");
  EXPECT_EQ(ProblemDetail(MakeProblem("A1.1", ProblemKind::kMissing)), "no mark");
  EXPECT_EQ(ProblemDetail(MakeProblem("B1.2", ProblemKind::kMissing, {2, 3}, 3)), "2 of 3 scores");
  EXPECT_EQ(ProblemDetail(MakeProblem("B1.3", ProblemKind::kMissing, {}, 3)), "0 of 3 scores");
  EXPECT_EQ(ProblemDetail(MakeProblem("A1.4", ProblemKind::kNotAttempted)), "marked na");
}

TEST_F(ReportTest, JsonHasTheDocumentedShape) {
  Rubric rubric = SmallRubric(RubricKind::kExam);
  ExamResult result{.complete = false, .candidates = {Ivanov(), Absent()}};
  EXPECT_EQ(ResultsJson({.exam = "DE-2026-0412",
                         .rubric = rubric,
                         .result = result,
                         .status = ResultsStatus::kProvisional}),
            R"({
  "exam": "DE-2026-0412",
  "rubric": { "code": "09.02.07-2026-PU", "version": "2026.1", "sha256": "ab12", "max": 75 },
  "status": "provisional",
  "candidates": [
    {
      "id": "C001",
      "name": "Иванов Иван",
      "organization": "Колледж №1",
      "status": "present",
      "total": 52.17,
      "percent": 69.56,
      "grade": 4,
      "rank": 1,
      "scale": null,
      "award": null,
      "modules": [
        { "id": "A", "mark": 18.5, "max": 25 },
        { "id": "B", "mark": 33.67, "max": 50 }
      ],
      "sections": [
        { "id": "1", "mark": 6.25, "max": 7.5 },
        { "id": "2", "mark": 45.92, "max": 67.5 }
      ],
      "problems": [
        { "aspect": "B2.4", "kind": "disputed", "detail": "scores 0,2,3" },
        { "aspect": "A1.1", "kind": "missing", "detail": "no mark" },
        { "aspect": "B1.2", "kind": "missing", "detail": "2 of 3 scores" },
        { "aspect": "A1.4", "kind": "not_attempted", "detail": "marked na" }
      ]
    },
    {
      "id": "C002",
      "name": "Lee, \"Ann\"",
      "organization": "",
      "status": "absent",
      "total": 0,
      "percent": 0,
      "grade": null,
      "rank": null,
      "scale": null,
      "award": null,
      "modules": [
        { "id": "A", "mark": 0, "max": 25 },
        { "id": "B", "mark": 0, "max": 50 }
      ],
      "sections": [
        { "id": "1", "mark": 0, "max": 7.5 },
        { "id": "2", "mark": 0, "max": 67.5 }
      ],
      "problems": []
    }
  ]
}
)");
}

TEST_F(ReportTest, JsonOfACompetitionWithoutExamIdOrCandidates) {
  Rubric rubric = SmallRubric(RubricKind::kCompetition);
  rubric.sha256.clear();
  rubric.policy.report_decimals = 1;
  rubric.max = Dec("74.96");
  ExamResult result{.complete = true, .candidates = {}};
  EXPECT_EQ(ResultsJson({.exam = std::nullopt,
                         .rubric = rubric,
                         .result = result,
                         .status = ResultsStatus::kFinal}),
            R"({
  "exam": null,
  "rubric": { "code": "09.02.07-2026-PU", "version": "2026.1", "sha256": null, "max": 75 },
  "status": "final",
  "candidates": []
}
)");
}

TEST_F(ReportTest, JsonCarriesScaleAndAward) {
  Rubric rubric = SmallRubric(RubricKind::kCompetition);
  CandidateResult winner = Ivanov();
  winner.grade.reset();
  winner.scale = 854;
  winner.award = Award::kMedallion;
  winner.problems.clear();
  ExamResult result{.complete = true, .candidates = {winner}};
  std::string json = ResultsJson(View(rubric, result));
  EXPECT_NE(json.find(R"("grade": null,
      "rank": 1,
      "scale": 854,
      "award": "medallion",)"),
            std::string::npos)
      << json;
}

TEST_F(ReportTest, CsvHasOneRowPerCandidateAndAColumnPerModuleAndSection) {
  Rubric rubric = SmallRubric(RubricKind::kExam);
  ExamResult result{.complete = false, .candidates = {Ivanov(), Absent()}};
  ResultsView view = View(rubric, result);
  EXPECT_EQ(ResultsCsv(view),
            "id,name,organization,status,total,percent,grade,rank,scale,award,A,B,section 1,"
            "section 2,problems\n"
            "C001,Иванов Иван,Колледж №1,present,52.17,69.56,4,1,,,18.5,33.67,6.25,45.92,"
            "\"B2.4 disputed (scores 0,2,3); A1.1 missing (no mark); B1.2 missing (2 of 3 "
            "scores); A1.4 not_attempted (marked na)\"\n"
            "C002,\"Lee, \"\"Ann\"\"\",,absent,0,0,,,,,0,0,0,0,\n");
}

TEST_F(ReportTest, RussianCsvUsesSemicolonsAndDecimalCommas) {
  Rubric rubric = SmallRubric(RubricKind::kExam);
  CandidateResult ivanov = Ivanov();
  ivanov.problems.resize(1);
  ExamResult result{.complete = false, .candidates = {ivanov}};
  ResultsView view = View(rubric, result);
  SetLanguage(Language::kRussian);
  // For people: Russian names and words (the table's), as a Russian spreadsheet user reads them.
  EXPECT_EQ(ResultsCsv(view, CsvStyleFor(Language::kRussian)),
            "Код;ФИО;Организация;Статус;Баллы;%;Оценка;Место;Шкала;Награда;Модуль A;Модуль B;"
            "Раздел 1;Раздел 2;Замечания\n"
            "C001;Иванов Иван;Колледж №1;участвует;52,17;69,56;4;1;;;18,5;33,67;6,25;45,92;"
            "B2.4 расхождение (оценки 0, 2, 3)\n");
}

TEST_F(ReportTest, EnglishTableAlignsColumnsAndListsProblems) {
  Rubric rubric = SmallRubric(RubricKind::kExam);
  ExamResult result{.complete = false, .candidates = {Ivanov(), Absent()}};
  EXPECT_EQ(ResultsTable({.exam = "DE-2026-0412",
                          .rubric = rubric,
                          .result = result,
                          .status = ResultsStatus::kProvisional}),
            "Exam: DE-2026-0412\n"
            "Rubric: 09.02.07-2026-PU@2026.1, max 75\n"
            "Results: provisional\n"
            "\n"
            "Rank  ID    Name         Organisation  Total      %  Grade   Problems\n"
            "   1  C001  Иванов Иван  Колледж №1    52.17  69.56  4              4\n"
            "   —  C002  Lee, \"Ann\"                  0.00   0.00  absent\n"
            "\n"
            "Problems:\n"
            "  C001 Иванов Иван: B2.4 disputed (scores 0, 2, 3); A1.1 no mark; B1.2 incomplete "
            "(2 of 3 scores); A1.4 not attempted\n");
}

TEST_F(ReportTest, RussianTableIsTranslatedWithDecimalCommas) {
  SetLanguage(Language::kRussian);
  Rubric rubric = SmallRubric(RubricKind::kCompetition);
  rubric.max = Dec("74.5");
  CandidateResult winner = Ivanov();
  winner.grade.reset();
  winner.scale = 712;
  winner.award = Award::kGold;
  winner.problems.resize(1);
  ExamResult result{.complete = false, .candidates = {winner, Absent()}};
  EXPECT_EQ(ResultsTable(View(rubric, result)),
            "Схема оценки: 09.02.07-2026-PU@2026.1, максимум 74,5\n"
            "Результаты: предварительные\n"
            "\n"
            "Место  Код   ФИО          Организация  Баллы      %  Шкала  Награда  Замечания\n"
            "    1  C001  Иванов Иван  Колледж №1   52,17  69,56    712  золото           1\n"
            "    —  C002  Lee, \"Ann\"                 0,00   0,00         неявка\n"
            "\n"
            "Замечания:\n"
            "  C001 Иванов Иван: B2.4 расхождение (оценки 0, 2, 3)\n");
}

TEST_F(ReportTest, FinalTableWithoutProblemsHasNoProblemList) {
  Rubric rubric = SmallRubric(RubricKind::kExam);
  CandidateResult ivanov = Ivanov();
  ivanov.problems.clear();
  ivanov.candidate.name = "C001";  // candidates taken from a marks file are named by their id
  ExamResult result{.complete = true, .candidates = {ivanov}};
  EXPECT_EQ(ResultsTable(View(rubric, result, ResultsStatus::kFinal)),
            "Rubric: 09.02.07-2026-PU@2026.1, max 75\n"
            "Results: final\n"
            "\n"
            "Rank  ID    Name  Organisation  Total      %  Grade  Problems\n"
            "   1  C001  C001  Колледж №1    52.17  69.56  4\n");
}

}  // namespace
}  // namespace skillscore
