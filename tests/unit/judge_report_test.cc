#include "skillscore/judge_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

Aspect Judged(const std::string& id) {
  Aspect aspect;
  aspect.id = id;
  aspect.type = AspectType::kJudgement;
  aspect.max = 1;
  return aspect;
}

// A1: aspects A1.1 and A1.2; B1: aspect B1.1. Only what the report reads.
Rubric SmallRubric(ConflictRule conflict) {
  Rubric rubric;
  rubric.code = "WS-WEB";
  rubric.version = "2026.1";
  rubric.sha256 = "ab12";
  rubric.policy.judges = 3;
  rubric.policy.max_spread = 1;
  rubric.policy.conflict_of_interest = conflict;
  rubric.modules = {{"A", "", {{"A1", "", 0, {Judged("A1.1"), Judged("A1.2")}}}},
                    {"B", "", {{"B1", "", 0, {Judged("B1.1")}}}}};
  rubric.IndexAspects();
  return rubric;
}

MeanTest Test(double standard_error, double p_value, bool significant) {
  return {.standard_deviation = 0,
          .standard_error = standard_error,
          .t = 0,
          .df = 0,
          .p_value = p_value,
          .significant = significant};
}

DeviationSummary Deviation(std::size_t count, double mean, std::optional<MeanTest> test) {
  return {.count = count, .mean = mean, .test = test};
}

PanelSummary Summary(std::size_t panels, std::size_t disputed, std::size_t compared,
                     std::size_t exact, std::size_t adjacent) {
  // The report recomputes percentages from the counts; the doubles are left out on purpose.
  return {panels, disputed, {compared, exact, adjacent, std::nullopt, std::nullopt}};
}

// Statistics chosen to exercise the rounding: 1/16 → 6.3 % and 0.125 → 0.13 (half away from
// zero, where printf would give 6.2 and 0.12), −0.0004 → 0 and −0.001 → 0.00 (never "-0").
JudgeAnalytics Analytics(bool conflict_view) {
  JudgeAnalytics analytics;
  analytics.aspects = {{0, "A1.1", Summary(4, 1, 3, 1, 2)},
                       {1, "A1.2", Summary(17, 0, 16, 1, 15)},
                       {2, "B1.1", Summary(1, 0, 0, 0, 0)}};
  IccInference inference{.f_value = 4.2,
                         .df1 = 3,
                         .df2 = 5.5,
                         .p_value = 0.07449,
                         .single = {-0.0004, 0.9123},
                         .average = {-0.0012, 0.96904}};
  analytics.subcriteria = {{"A1", Summary(21, 1, 19, 2, 17),
                            IccResult{4, 3, 16.0 / 31, 16.0 / 21, inference}, 6337.0 / 11368},
                           {"B1", Summary(1, 0, 0, 0, 0), std::nullopt, std::nullopt}};
  analytics.judges = {
      {"J1", "North", 6, Deviation(5, 0.6, Test(0.29155, 0.1006, false)), 0.894427, 0.866025},
      {"J2", "South", 5, Deviation(5, -0.625, Test(0.1, 0.0033, true)), 0.5, 0.75},
      {"J3", "East", 5, Deviation(4, 0.125, Test(0.02, 0.0086, true)), 0.0, 0.5},
      {"J4", "North", 0, std::nullopt, std::nullopt, std::nullopt},
      {"J9", "", 1, Deviation(1, 0.5, std::nullopt), std::nullopt, std::nullopt}};
  if (conflict_view) {
    analytics.conflict = std::vector<JudgeConflict>{
        {"J1", Deviation(2, -0.001, Test(0.5, 0.998, false)),
         Deviation(3, 0.5, Test(0.2, 0.1835, false))},
        {"J2", std::nullopt, Deviation(5, -0.625, Test(0.1, 0.0033, true))},
        {"J3", std::nullopt, Deviation(4, 0.125, Test(0.02, 0.0086, true))},
        {"J4", std::nullopt, std::nullopt},
        {"J9", std::nullopt, Deviation(1, 0.5, std::nullopt)}};
  }
  return analytics;
}

const std::vector<Judge> kJudges = {{"J1", "Anna Petrova", "North"},
                                    {"J2", "Сидоров Пётр", "South"},
                                    {"J3", "", "East"},
                                    {"J4", "Lee, \"Ann\"", "North"}};

class JudgeReportTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }

  JudgeReportView View(std::optional<std::string> exam = "WS-2026") {
    return {exam, rubric_, analytics_, kJudges};
  }

  Rubric rubric_ = SmallRubric(ConflictRule::kNone);
  JudgeAnalytics analytics_ = Analytics(true);
};

// The expected output of the fixture above, in full.
const char kJson[] = R"expected({
  "exam": "WS-2026",
  "rubric": { "code": "WS-WEB", "version": "2026.1", "sha256": "ab12" },
  "policy": { "judges": 3, "max_spread": 1, "conflict_of_interest": "none" },
  "aspects": [
    { "id": "A1.1", "subcriterion": "A1", "panels": 4, "disputed": 1, "compared": 3, "exact_percent": 33.3, "adjacent_percent": 66.7 },
    { "id": "A1.2", "subcriterion": "A1", "panels": 17, "disputed": 0, "compared": 16, "exact_percent": 6.3, "adjacent_percent": 93.8 },
    { "id": "B1.1", "subcriterion": "B1", "panels": 1, "disputed": 0, "compared": 0, "exact_percent": null, "adjacent_percent": null }
  ],
  "subcriteria": [
    {
      "id": "A1",
      "panels": 21,
      "disputed": 1,
      "compared": 19,
      "exact_percent": 10.5,
      "adjacent_percent": 89.5,
      "icc": { "subjects": 4, "raters": 3, "single": 0.516, "average": 0.762, "single_ci": [ 0, 0.912 ], "average_ci": [ -0.001, 0.969 ], "p_value": 0.074 },
      "alpha_ordinal": 0.557
    },
    {
      "id": "B1",
      "panels": 1,
      "disputed": 0,
      "compared": 0,
      "exact_percent": null,
      "adjacent_percent": null,
      "icc": null,
      "alpha_ordinal": null
    }
  ],
  "judges": [
    {
      "id": "J1",
      "name": "Anna Petrova",
      "organization": "North",
      "scores": 6,
      "compared": 5,
      "severity": 0.6,
      "standard_error": 0.29,
      "p_value": 0.101,
      "significant": false,
      "score_sd": 0.89,
      "panel_sd": 0.87
    },
    {
      "id": "J2",
      "name": "Сидоров Пётр",
      "organization": "South",
      "scores": 5,
      "compared": 5,
      "severity": -0.63,
      "standard_error": 0.1,
      "p_value": 0.003,
      "significant": true,
      "score_sd": 0.5,
      "panel_sd": 0.75
    },
    {
      "id": "J3",
      "name": "",
      "organization": "East",
      "scores": 5,
      "compared": 4,
      "severity": 0.13,
      "standard_error": 0.02,
      "p_value": 0.009,
      "significant": true,
      "score_sd": 0,
      "panel_sd": 0.5
    },
    {
      "id": "J4",
      "name": "Lee, \"Ann\"",
      "organization": "North",
      "scores": 0,
      "compared": 0,
      "severity": null,
      "standard_error": null,
      "p_value": null,
      "significant": null,
      "score_sd": null,
      "panel_sd": null
    },
    {
      "id": "J9",
      "name": "",
      "organization": "",
      "scores": 1,
      "compared": 1,
      "severity": 0.5,
      "standard_error": null,
      "p_value": null,
      "significant": null,
      "score_sd": null,
      "panel_sd": null
    }
  ],
  "conflict": [
    {
      "judge": "J1",
      "own": { "compared": 2, "severity": 0, "standard_error": 0.5, "p_value": 0.998, "significant": false },
      "other": { "compared": 3, "severity": 0.5, "standard_error": 0.2, "p_value": 0.184, "significant": false }
    },
    {
      "judge": "J2",
      "own": null,
      "other": { "compared": 5, "severity": -0.63, "standard_error": 0.1, "p_value": 0.003, "significant": true }
    },
    {
      "judge": "J3",
      "own": null,
      "other": { "compared": 4, "severity": 0.13, "standard_error": 0.02, "p_value": 0.009, "significant": true }
    },
    {
      "judge": "J4",
      "own": null,
      "other": null
    },
    {
      "judge": "J9",
      "own": null,
      "other": { "compared": 1, "severity": 0.5, "standard_error": null, "p_value": null, "significant": null }
    }
  ]
}
)expected";

const char kCsv[] =
    R"expected(table,id,subcriterion,name,organization,candidates,panels,disputed,compared,exact_percent,adjacent_percent,icc_subjects,icc_single,icc_average,alpha_ordinal,scores,severity,standard_error,p_value,significant,score_sd,panel_sd
aspect,A1.1,A1,,,,4,1,3,33.3,66.7,,,,,,,,,,,
aspect,A1.2,A1,,,,17,0,16,6.3,93.8,,,,,,,,,,,
aspect,B1.1,B1,,,,1,0,0,,,,,,,,,,,,,
subcriterion,A1,,,,,21,1,19,10.5,89.5,4,0.516,0.762,0.557,,,,,,,
subcriterion,B1,,,,,1,0,0,,,,,,,,,,,,,
judge,J1,,Anna Petrova,North,,,,5,,,,,,,6,0.6,0.29,0.101,false,0.89,0.87
judge,J2,,Сидоров Пётр,South,,,,5,,,,,,,5,-0.63,0.1,0.003,true,0.5,0.75
judge,J3,,,East,,,,4,,,,,,,5,0.13,0.02,0.009,true,0,0.5
judge,J4,,"Lee, ""Ann""",North,,,,0,,,,,,,0,,,,,,
judge,J9,,,,,,,1,,,,,,,1,0.5,,,,,
conflict,J1,,,,own,,,2,,,,,,,,0,0.5,0.998,false,,
conflict,J1,,,,other,,,3,,,,,,,,0.5,0.2,0.184,false,,
conflict,J2,,,,own,,,0,,,,,,,,,,,,,
conflict,J2,,,,other,,,5,,,,,,,,-0.63,0.1,0.003,true,,
conflict,J3,,,,own,,,0,,,,,,,,,,,,,
conflict,J3,,,,other,,,4,,,,,,,,0.13,0.02,0.009,true,,
conflict,J4,,,,own,,,0,,,,,,,,,,,,,
conflict,J4,,,,other,,,0,,,,,,,,,,,,,
conflict,J9,,,,own,,,0,,,,,,,,,,,,,
conflict,J9,,,,other,,,1,,,,,,,,0.5,,,,,
)expected";

const char kCsvRussian[] =
    R"expected(Таблица;Код;Подкритерий;ФИО;Организация;Участники;Панелей;Спорных;Сравнений;Совпали, %;В пределах 1, %;ICC: участников;ICC одного эксперта;ICC среднего;Альфа (порядковая);Оценок;Отклонение;Ст. ош.;p;Значимо;СКО;СКО панели
Аспект;A1.1;A1;;;;4;1;3;33,3;66,7;;;;;;;;;;;
Аспект;A1.2;A1;;;;17;0;16;6,3;93,8;;;;;;;;;;;
Аспект;B1.1;B1;;;;1;0;0;;;;;;;;;;;;;
Подкритерий;A1;;;;;21;1;19;10,5;89,5;4;0,516;0,762;0,557;;;;;;;
Подкритерий;B1;;;;;1;0;0;;;;;;;;;;;;;
Эксперт;J1;;Anna Petrova;North;;;;5;;;;;;;6;0,6;0,29;0,101;нет;0,89;0,87
Эксперт;J2;;Сидоров Пётр;South;;;;5;;;;;;;5;-0,63;0,1;0,003;да;0,5;0,75
Эксперт;J3;;;East;;;;4;;;;;;;5;0,13;0,02;0,009;да;0;0,5
Эксперт;J4;;"Lee, ""Ann""";North;;;;0;;;;;;;0;;;;;;
Эксперт;J9;;;;;;;1;;;;;;;1;0,5;;;;;
Конфликт интересов;J1;;;;своя организация;;;2;;;;;;;;0;0,5;0,998;нет;;
Конфликт интересов;J1;;;;другие;;;3;;;;;;;;0,5;0,2;0,184;нет;;
Конфликт интересов;J2;;;;своя организация;;;0;;;;;;;;;;;;;
Конфликт интересов;J2;;;;другие;;;5;;;;;;;;-0,63;0,1;0,003;да;;
Конфликт интересов;J3;;;;своя организация;;;0;;;;;;;;;;;;;
Конфликт интересов;J3;;;;другие;;;4;;;;;;;;0,13;0,02;0,009;да;;
Конфликт интересов;J4;;;;своя организация;;;0;;;;;;;;;;;;;
Конфликт интересов;J4;;;;другие;;;0;;;;;;;;;;;;;
Конфликт интересов;J9;;;;своя организация;;;0;;;;;;;;;;;;;
Конфликт интересов;J9;;;;другие;;;1;;;;;;;;0,5;;;;;
)expected";

const char kTable[] = R"expected(Judge analytics
Exam: WS-2026
Rubric: WS-WEB@2026.1
Judges per panel: 3; maximum spread: 1

Agreement per judgement aspect
Aspect  Panels  Disputed  Exact %  Adjacent %
A1.1         4         1     33.3        66.7
A1.2        17         0      6.3        93.8
B1.1         1         0        —           —

Reliability per sub-criterion
Sub-criterion  Panels  Disputed  Exact %  Adjacent %  ICC(A,1)  ICC(A,3)      α
A1                 21         1     10.5        89.5     0.516     0.762  0.557
B1                  1         0        —           —         —         —      —

Judge severity
Judge  Name          Organisation  Scores  Compared  Severity    SE    SD  Panel SD  Flag
J1     Anna Petrova  North              6         5     +0.60  0.29  0.89      0.87
J2     Сидоров Пётр  South              5         5     -0.63  0.10  0.50      0.75  harsh
J3                   East               5         4     +0.13  0.02  0.00      0.50  lenient
J4     Lee, "Ann"    North              0         0         —     —     —         —
J9                                      1         1     +0.50     —     —         —

Conflict of interest: candidates of the judge's own organisation and the others
Judge  Candidates        Compared  Severity    SE  Flag
J1     own organisation         2      0.00  0.50
J1     others                   3     +0.50  0.20
J2     own organisation         0         —     —
J2     others                   5     -0.63  0.10  harsh
J3     own organisation         0         —     —
J3     others                   4     +0.13  0.02  lenient
J4     own organisation         0         —     —
J4     others                   0         —     —
J9     own organisation         0         —     —
J9     others                   1     +0.50     —

Legend:
  Panel: the scores of one judgement aspect for one candidate. Disputed: spread
  above 1. Exact %: panels whose scores are all equal; adjacent %: at most 1
  point apart; of the panels with at least two scores.
  ICC: two-way intraclass correlation, absolute agreement (McGraw & Wong), of
  one judge and of 3, over the panels with exactly 3 scores; α: Krippendorff's
  ordinal alpha over every panel; —: not defined.
  Severity: the judge's score minus the mean of the rest of the panel, averaged
  over the panels compared; negative = harsher, positive = more lenient than the
  colleagues. SE: its standard error.
  Flag: the severity differs from 0 at the 95 % level (two-sided t test): harsh
  or lenient.
  SD: spread of the judge's scores; panel SD: of the other judges' scores on the
  same panels.
  Own organisation: candidates of the judge's organisation, whom policy
  conflict_of_interest: none allows them to mark; others: all other candidates.
)expected";

const char kTableRussian[] = R"expected(Анализ работы экспертов
Экзамен: WS-2026
Схема оценки: WS-WEB@2026.1
Экспертов в панели: 3; допустимый разброс: 1

Согласованность по судейским аспектам
Аспект  Панелей  Спорных  Совпали, %  В пределах 1, %
A1.1          4        1        33,3             66,7
A1.2         17        0         6,3             93,8
B1.1          1        0           —                —

Надёжность по подкритериям
Подкритерий  Панелей  Спорных  Совпали, %  В пределах 1, %  ICC(A,1)  ICC(A,3)      α
A1                21        1        10,5             89,5     0,516     0,762  0,557
B1                 1        0           —                —         —         —      —

Строгость экспертов
Эксперт  ФИО           Организация  Оценок  Сравнений  Отклонение  Ст. ош.   СКО  СКО панели  Отметка
J1       Anna Petrova  North             6          5       +0,60     0,29  0,89        0,87
J2       Сидоров Пётр  South             5          5       -0,63     0,10  0,50        0,75  строже
J3                     East              5          4       +0,13     0,02  0,00        0,50  мягче
J4       Lee, "Ann"    North             0          0           —        —     —           —
J9                                       1          1       +0,50        —     —           —

Конфликт интересов: участники из организации эксперта и остальные
Эксперт  Участники         Сравнений  Отклонение  Ст. ош.  Отметка
J1       своя организация          2        0,00     0,50
J1       другие                    3       +0,50     0,20
J2       своя организация          0           —        —
J2       другие                    5       -0,63     0,10  строже
J3       своя организация          0           —        —
J3       другие                    4       +0,13     0,02  мягче
J4       своя организация          0           —        —
J4       другие                    0           —        —
J9       своя организация          0           —        —
J9       другие                    1       +0,50        —

Пояснения:
  Панель: оценки экспертов по одному судейскому аспекту для одного участника.
  Спорная: разброс больше 1. Совпали: все оценки панели равны; в пределах 1:
  различаются не больше чем на 1 балл; доля от панелей хотя бы с двумя оценками.
  ICC: внутриклассовая корреляция (двухфакторная модель, абсолютное согласие;
  McGraw & Wong) для одного эксперта и для 3, по панелям ровно с 3 оценками; α:
  порядковая альфа Криппендорфа по всем панелям; —: не определено.
  Отклонение: оценка эксперта минус среднее остальных оценок панели, в среднем
  по сравнениям; меньше нуля — строже коллег, больше нуля — мягче. Ст. ош.: его
  стандартная ошибка.
  Отметка: отклонение отличается от 0 на уровне 95 % (двусторонний t-критерий):
  строже или мягче.
  СКО: стандартное отклонение оценок эксперта; СКО панели: оценок остальных
  экспертов в тех же панелях.
  Своя организация: участники из организации эксперта (их разрешено оценивать
  при политике conflict_of_interest: none); другие: все остальные участники.
)expected";

TEST_F(JudgeReportTest, JsonHasStableKeysRoundedNumbersAndNulls) {
  EXPECT_EQ(JudgeReportJson(View()), kJson);
}

TEST_F(JudgeReportTest, JsonWithoutExamOrConflictView) {
  Rubric rubric = SmallRubric(ConflictRule::kOrganization);
  JudgeAnalytics analytics = Analytics(false);
  std::string json = JudgeReportJson({std::nullopt, rubric, analytics, kJudges});
  EXPECT_TRUE(json.starts_with("{\n  \"exam\": null,\n")) << json;
  EXPECT_NE(json.find("\"conflict_of_interest\": \"organization\""), std::string::npos) << json;
  EXPECT_TRUE(json.ends_with("  ],\n  \"conflict\": null\n}\n")) << json;
}

TEST_F(JudgeReportTest, CsvIsOneTableWithATableColumn) { EXPECT_EQ(JudgeReportCsv(View()), kCsv); }

// For people: Russian column names and words as well (issue 14).
TEST_F(JudgeReportTest, CsvInRussianSpreadsheetStyle) {
  SetLanguage(Language::kRussian);
  EXPECT_EQ(JudgeReportCsv(View(), CsvStyleFor(Language::kRussian)), kCsvRussian);
}

TEST_F(JudgeReportTest, CsvHasNoConflictRowsWithoutTheView) {
  JudgeAnalytics analytics = Analytics(false);
  std::string csv = JudgeReportCsv({"WS-2026", rubric_, analytics, kJudges});
  EXPECT_EQ(csv.find("conflict,"), std::string::npos) << csv;
  EXPECT_TRUE(csv.ends_with("judge,J9,,,,,,,1,,,,,,,1,0.5,,,,,\n")) << csv;
}

TEST_F(JudgeReportTest, TableWithLegend) { EXPECT_EQ(JudgeReportTable(View()), kTable); }

TEST_F(JudgeReportTest, TableInRussianWithDecimalComma) {
  SetLanguage(Language::kRussian);
  EXPECT_EQ(JudgeReportTable(View()), kTableRussian);
}

TEST_F(JudgeReportTest, TableWithoutExamOrConflictView) {
  Rubric rubric = SmallRubric(ConflictRule::kOrganization);
  JudgeAnalytics analytics = Analytics(false);
  std::string table = JudgeReportTable({std::nullopt, rubric, analytics, kJudges});
  EXPECT_TRUE(table.starts_with("Judge analytics\nRubric: WS-WEB@2026.1\n")) << table;
  EXPECT_EQ(table.find("Conflict of interest"), std::string::npos) << table;
  EXPECT_EQ(table.find("Own organisation"), std::string::npos) << table;
  EXPECT_TRUE(table.ends_with("  same panels.\n")) << table;
}

TEST_F(JudgeReportTest, TableOfARubricWithoutJudgement) {
  JudgeAnalytics analytics;
  EXPECT_EQ(JudgeReportTable({"DE-1", rubric_, analytics, kJudges}),
            "Judge analytics\n"
            "Exam: DE-1\n"
            "Rubric: WS-WEB@2026.1\n"
            "Judges per panel: 3; maximum spread: 1\n"
            "\n"
            "The rubric has no judgement aspects.\n");
}

}  // namespace
}  // namespace skillscore
