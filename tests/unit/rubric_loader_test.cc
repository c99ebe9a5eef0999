#include "skillscore/rubric_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "paths.h"
#include "process.h"
#include "skillscore/i18n.h"
#include "skillscore/sha256.h"

namespace skillscore {
namespace {

using testing::ReadFile;
using testing::SourcePath;

Rational Dec(const char* text) { return Rational::ParseDecimal(text).value(); }

std::string WorkedExampleText() {
  return ReadFile(SourcePath("tests/rubrics/good/worked-example.yaml"));
}

// The worked example with every key reordered, flow and block styles swapped, comments dropped,
// optional quotes left out or added and numbers spelt differently ("6.00", "0.50", "79.990").
// Only the meaning is the same.
constexpr const char* kWorkedExampleReformatted = R"yaml(
modules:
- subcriteria:
  - aspects:
    - {text: Разметка проходит валидацию без ошибок, max: 0.50, type: measurement, section: 1}
    - {type: measurement, text: Реализованы все 5 блоков макета, section: "2", max: 1,
       calculation: {number_completed: 5.0}}
    - type: measurement
      max: 1.50
      text: 'Доступность: нарушения WCAG'
      section: '3'
      calculation: {choice: [{deduct: 0, label: нет нарушений}, {label: "1–2 нарушения", deduct: 33.30},
                             {label: 3–5 нарушений, deduct: 66.6}, {label: более 5, deduct: 100.0}]}
    - type: measurement
      text: "Покрытие тестами, %"
      section: "2"
      max: 1.00
      calculation:
        ranged: [{from: 80, to: 100, deduct: 0}, {from: 50, to: 79.990, deduct: 50},
                 {from: 0.0, to: 49.99, deduct: 100}]
    - {id: A1.5, type: judgement, text: Общее визуальное впечатление, section: "3", max: 2,
       levels: {3: полностью превосходит стандарт, 2: соответствует и в отдельном превосходит,
                1: соответствует стандарту, 0: ниже отраслевого стандарта}}
    id: A1
    day: 1
    title: Структура страницы
  title: Вёрстка макета
  id: A
max: 6.00
kind: exam
title: "Веб-разработка, профильный уровень (фрагмент)"
version: 2026.1
code: 09.02.07-2026-PU
format: skillscore-rubric/1
sections: [{id: "1", title: Организация работы, target: 0.50},
           {title: Разработка интерфейса, id: "2", target: 2.0},
           {id: "3", title: Качество и доступность, target: 3.5}]
grades: [{grade: 5, min_percent: 70}, {grade: 4, min_percent: 40}, {grade: 3, min_percent: 20},
         {grade: 2, min_percent: 0}]
)yaml";

Rubric LoadWithoutDiagnostics(std::string_view text) {
  RubricLoad load = ParseRubric(text, "test.yaml");
  for (const Diagnostic& diagnostic : load.diagnostics)
    ADD_FAILURE() << FormatDiagnostic(diagnostic);
  EXPECT_TRUE(load.rubric.has_value());
  return load.rubric.value_or(Rubric{});
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
  return text.replace(at, from.size(), to);
}

TEST(RubricLoaderTest, WorkedExampleHeaderSectionsAndGrades) {
  Rubric rubric = LoadWithoutDiagnostics(WorkedExampleText());
  EXPECT_EQ(rubric.format, "skillscore-rubric/1");
  EXPECT_EQ(rubric.code, "09.02.07-2026-PU");
  EXPECT_EQ(rubric.version, "2026.1");
  EXPECT_EQ(rubric.title, "Веб-разработка, профильный уровень (фрагмент)");
  EXPECT_EQ(rubric.kind, RubricKind::kExam);
  EXPECT_EQ(rubric.max, Rational(6));
  EXPECT_EQ(rubric.Identity(), "09.02.07-2026-PU@2026.1");

  ASSERT_EQ(rubric.sections.size(), 3u);
  EXPECT_EQ(rubric.sections[0].id, "1");
  EXPECT_EQ(rubric.sections[0].title, "Организация работы");
  EXPECT_EQ(rubric.sections[0].target, Dec("0.5"));
  EXPECT_EQ(rubric.sections[1].id, "2");
  EXPECT_EQ(rubric.sections[1].title, "Разработка интерфейса");
  EXPECT_EQ(rubric.sections[1].target, Rational(2));
  EXPECT_EQ(rubric.sections[2].id, "3");
  EXPECT_EQ(rubric.sections[2].title, "Качество и доступность");
  EXPECT_EQ(rubric.sections[2].target, Dec("3.5"));

  ASSERT_EQ(rubric.grades.size(), 4u);
  const int grades[] = {5, 4, 3, 2};
  const int percents[] = {70, 40, 20, 0};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(rubric.grades[i].grade, grades[i]);
    EXPECT_EQ(rubric.grades[i].min_percent, Rational(percents[i]));
  }
}

TEST(RubricLoaderTest, WorkedExamplePolicyIsTheDefault) {
  const Policy policy = LoadWithoutDiagnostics(WorkedExampleText()).policy;
  EXPECT_EQ(policy.judges, 3);
  EXPECT_EQ(policy.max_spread, 1);
  EXPECT_EQ(policy.conflict_of_interest, ConflictRule::kOrganization);
  EXPECT_EQ(policy.aspect_rounding, std::nullopt);
  EXPECT_EQ(policy.report_decimals, 2);
  EXPECT_EQ(policy.scale_method, ScaleMethod::kRobust);
  EXPECT_EQ(policy.scale_centre, Rational(700));
  EXPECT_EQ(policy.scale_spread, Rational(30));
  EXPECT_EQ(policy.min_competitors, 0);
  EXPECT_EQ(policy.medallion, 700);
}

TEST(RubricLoaderTest, WorkedExampleModulesAndAspects) {
  Rubric rubric = LoadWithoutDiagnostics(WorkedExampleText());
  ASSERT_EQ(rubric.modules.size(), 1u);
  const Module& module = rubric.modules[0];
  EXPECT_EQ(module.id, "A");
  EXPECT_EQ(module.title, "Вёрстка макета");
  ASSERT_EQ(module.subcriteria.size(), 1u);
  const Subcriterion& subcriterion = module.subcriteria[0];
  EXPECT_EQ(subcriterion.id, "A1");
  EXPECT_EQ(subcriterion.title, "Структура страницы");
  EXPECT_EQ(subcriterion.day, 1);
  ASSERT_EQ(subcriterion.aspects.size(), 5u);
  const std::vector<Aspect>& aspects = subcriterion.aspects;

  EXPECT_EQ(aspects[0].id, "A1.1");
  EXPECT_EQ(aspects[0].type, AspectType::kMeasurement);
  EXPECT_EQ(aspects[0].text, "Разметка проходит валидацию без ошибок");
  EXPECT_EQ(aspects[0].section, "1");
  EXPECT_EQ(aspects[0].max, Dec("0.5"));
  EXPECT_EQ(aspects[0].calculation, Calculation::kPassFail);

  EXPECT_EQ(aspects[1].id, "A1.2");
  EXPECT_EQ(aspects[1].section, "2");
  EXPECT_EQ(aspects[1].max, Rational(1));
  EXPECT_EQ(aspects[1].calculation, Calculation::kNumberCompleted);
  EXPECT_EQ(aspects[1].number_completed, 5);

  EXPECT_EQ(aspects[2].id, "A1.3");
  EXPECT_EQ(aspects[2].text, "Доступность: нарушения WCAG");
  EXPECT_EQ(aspects[2].section, "3");
  EXPECT_EQ(aspects[2].max, Dec("1.5"));
  EXPECT_EQ(aspects[2].calculation, Calculation::kChoice);
  ASSERT_EQ(aspects[2].options.size(), 4u);
  EXPECT_EQ(aspects[2].options[0].label, "нет нарушений");
  EXPECT_EQ(aspects[2].options[0].deduct, Rational(0));
  EXPECT_EQ(aspects[2].options[1].label, "1–2 нарушения");
  EXPECT_EQ(aspects[2].options[1].deduct, Rational::Of(333, 10));
  EXPECT_EQ(aspects[2].options[2].label, "3–5 нарушений");
  EXPECT_EQ(aspects[2].options[2].deduct, Rational::Of(666, 10));
  EXPECT_EQ(aspects[2].options[3].label, "более 5");
  EXPECT_EQ(aspects[2].options[3].deduct, Rational(100));

  EXPECT_EQ(aspects[3].id, "A1.4");
  EXPECT_EQ(aspects[3].text, "Покрытие тестами, %");
  EXPECT_EQ(aspects[3].calculation, Calculation::kRanged);
  ASSERT_EQ(aspects[3].ranges.size(), 3u);
  EXPECT_EQ(aspects[3].ranges[0].from, Rational(80));
  EXPECT_EQ(aspects[3].ranges[0].to, Rational(100));
  EXPECT_EQ(aspects[3].ranges[0].deduct, Rational(0));
  EXPECT_EQ(aspects[3].ranges[1].from, Rational(50));
  EXPECT_EQ(aspects[3].ranges[1].to, Rational::Of(7999, 100));
  EXPECT_EQ(aspects[3].ranges[1].deduct, Rational(50));
  EXPECT_EQ(aspects[3].ranges[2].from, Rational(0));
  EXPECT_EQ(aspects[3].ranges[2].to, Rational::Of(4999, 100));
  EXPECT_EQ(aspects[3].ranges[2].deduct, Rational(100));

  EXPECT_EQ(aspects[4].id, "A1.5");
  EXPECT_EQ(aspects[4].type, AspectType::kJudgement);
  EXPECT_EQ(aspects[4].text, "Общее визуальное впечатление");
  EXPECT_EQ(aspects[4].max, Rational(2));
  EXPECT_EQ(aspects[4].levels,
            (std::array<std::string, 4>{"ниже отраслевого стандарта", "соответствует стандарту",
                                        "соответствует и в отдельном превосходит",
                                        "полностью превосходит стандарт"}));
}

TEST(RubricLoaderTest, IndexesAspectsAndHashesContent) {
  Rubric rubric = LoadWithoutDiagnostics(WorkedExampleText());
  EXPECT_EQ(rubric.AspectCount(), 5u);
  EXPECT_EQ(rubric.FindAspect("A1.3"), 2u);
  EXPECT_EQ(rubric.AspectAt(4).id, "A1.5");
  EXPECT_EQ(rubric.sha256, Sha256Hex(CanonicalRubricJson(rubric)));
  EXPECT_EQ(rubric.sha256.size(), 64u);
}

TEST(RubricLoaderTest, FormattingCommentsAndKeyOrderDoNotChangeTheHash) {
  Rubric original = LoadWithoutDiagnostics(WorkedExampleText());
  Rubric reformatted = LoadWithoutDiagnostics(kWorkedExampleReformatted);
  EXPECT_EQ(CanonicalRubricJson(reformatted), CanonicalRubricJson(original));
  EXPECT_EQ(reformatted.sha256, original.sha256);
}

TEST(RubricLoaderTest, SpellingOutDefaultsDoesNotChangeTheHash) {
  std::string text = WorkedExampleText();
  std::string explicit_defaults =
      Replaced(text, "            max: 0.5                 # calculation defaults to pass_fail\n",
               "            max: 0.5\n            calculation: pass_fail\n");
  std::string as_mapping =
      Replaced(text, "            max: 0.5                 # calculation defaults to pass_fail\n",
               "            max: 0.5\n            calculation: { pass_fail: }\n");
  std::string without_grades =
      text.substr(0, text.find("grades:")) + text.substr(text.find("policy:"));
  std::string without_policy =
      text.substr(0, text.find("policy:")) + text.substr(text.find("modules:"));
  std::string hash = LoadWithoutDiagnostics(text).sha256;
  EXPECT_EQ(LoadWithoutDiagnostics(explicit_defaults).sha256, hash);
  EXPECT_EQ(LoadWithoutDiagnostics(as_mapping).sha256, hash);
  EXPECT_EQ(LoadWithoutDiagnostics(without_grades).sha256, hash);
  EXPECT_EQ(LoadWithoutDiagnostics(without_policy).sha256, hash);
}

TEST(RubricLoaderTest, AnyChangeOfContentChangesTheHash) {
  std::string text = WorkedExampleText();
  std::string hash = LoadWithoutDiagnostics(text).sha256;
  // Section 3's target follows the larger maximum, so that only the hash tells the change.
  std::string changed_max =
      Replaced(Replaced(Replaced(text, "max: 2.0\n", "max: 2.5\n"), "max: 6 ", "max: 6.5 "),
               "target: 3.5", "target: 4");
  EXPECT_NE(LoadWithoutDiagnostics(changed_max).sha256, hash);
  EXPECT_NE(LoadWithoutDiagnostics(Replaced(text, "более 5", "более пяти")).sha256, hash);
  EXPECT_NE(LoadWithoutDiagnostics(Replaced(text, "judges: 3", "judges: 2")).sha256, hash);
  EXPECT_NE(
      LoadWithoutDiagnostics(Replaced(text, "Организация работы", "Организация труда")).sha256,
      hash);
  EXPECT_NE(LoadWithoutDiagnostics(Replaced(text, "day: 1", "day: 2")).sha256, hash);
}

TEST(RubricLoaderTest, CanonicalJsonIsCompactOrderedAndEscaped) {
  Rubric rubric = LoadWithoutDiagnostics(R"(
format: skillscore-rubric/1
code: C-1
version: v1
title: "Quote \" backslash \\ tab \t end"
kind: competition
max: 1.50
sections: [{id: s, title: S}]
policy: {rounding: {aspect: 2}}
modules:
  - id: Z
    title: Z
    subcriteria:
      - id: Z9
        title: T
        aspects:
          - {type: judgement, text: x, section: s, max: 1.5, levels: {0: a, 1: b, 2: c, 3: d}}
)");
  EXPECT_EQ(CanonicalRubricJson(rubric),
            R"({"format":"skillscore-rubric/1","code":"C-1","version":"v1",)"
            R"("title":"Quote \" backslash \\ tab \t end","kind":"competition",)"
            R"("max":"1.5","sections":[{"id":"s","title":"S","target":null}],)"
            R"("grades":[{"grade":5,"min_percent":"70"},{"grade":4,"min_percent":"40"},)"
            R"({"grade":3,"min_percent":"20"},{"grade":2,"min_percent":"0"}],)"
            R"("policy":{"judges":3,"max_spread":1,"conflict_of_interest":"organization",)"
            R"("rounding":{"aspect":2,"report":2},"scale":{"method":"robust","centre":"700",)"
            R"("spread":"30"},"awards":{"min_competitors":0,"medallion":700}},)"
            R"("modules":[{"id":"Z","title":"Z","subcriteria":[{"id":"Z9","title":"T","day":0,)"
            R"("aspects":[{"id":"Z9.1","type":"judgement","text":"x","section":"s","max":"1.5",)"
            R"("levels":["a","b","c","d"]}]}]}]})");
}

TEST(RubricLoaderTest, ReadsEveryPolicyValue) {
  std::string text = Replaced(WorkedExampleText(), "kind: exam ", "kind: competition ");
  text = text.substr(0, text.find("grades:")) + R"(policy:
  judges: 4
  max_spread: 2
  conflict_of_interest: none
  rounding: { aspect: 2, report: 3 }
  scale: { method: zscore, centre: 500, spread: 100.5 }
  awards: { min_competitors: 5, medallion: 650 }
)" + text.substr(text.find("modules:"));
  Rubric rubric = LoadWithoutDiagnostics(text);
  EXPECT_EQ(rubric.kind, RubricKind::kCompetition);
  EXPECT_EQ(rubric.policy.judges, 4);
  EXPECT_EQ(rubric.policy.max_spread, 2);
  EXPECT_EQ(rubric.policy.conflict_of_interest, ConflictRule::kNone);
  EXPECT_EQ(rubric.policy.aspect_rounding, 2);
  EXPECT_EQ(rubric.policy.report_decimals, 3);
  EXPECT_EQ(rubric.policy.scale_method, ScaleMethod::kZScore);
  EXPECT_EQ(rubric.policy.scale_centre, Rational(500));
  EXPECT_EQ(rubric.policy.scale_spread, Rational::Of(201, 2));
  EXPECT_EQ(rubric.policy.min_competitors, 5);
  EXPECT_EQ(rubric.policy.medallion, 650);
  // A competition has no grade table of its own; the model still carries the default one.
  EXPECT_EQ(rubric.grades.size(), 4u);
  EXPECT_EQ(rubric.grades[0].min_percent, Rational(70));
}

TEST(RubricLoaderTest, ScaleMethodNoneAndRoundingToThreeDecimals) {
  std::string text =
      Replaced(WorkedExampleText(), "scale: { method: robust, centre: 700, spread: 30 }",
               "scale: { method: none }");
  text = Replaced(text, "rounding: { aspect: exact, report: 2 }", "rounding: { aspect: 3 }");
  Rubric rubric = LoadWithoutDiagnostics(text);
  EXPECT_EQ(rubric.policy.scale_method, ScaleMethod::kNone);
  EXPECT_EQ(rubric.policy.aspect_rounding, 3);
}

TEST(RubricLoaderTest, MaximaAddUpExactly) {
  // 20 × 0.15 + 0.1 × 10 = 4, which binary floating point misses.
  std::string aspects;
  for (int i = 0; i < 30; ++i) {
    aspects += std::string("          - { type: ") + (i == 0 ? "judgement" : "measurement") +
               ", text: t, section: s, max: " + (i < 20 ? "0.15" : "0.1") +
               (i == 0 ? ", levels: {0: a, 1: b, 2: c, 3: d}" : "") + " }\n";
  }
  Rubric rubric = LoadWithoutDiagnostics(
      "format: skillscore-rubric/1\ncode: C\nversion: v\ntitle: t\nkind: exam\nmax: 4\n"
      "sections: [{id: s, title: S}]\nmodules:\n  - id: A\n    title: A\n    subcriteria:\n"
      "      - id: A1\n        title: A1\n        aspects:\n" +
      aspects);
  EXPECT_EQ(rubric.AspectCount(), 30u);
  EXPECT_EQ(rubric.AspectAt(29).id, "A1.30");
}

TEST(RubricLoaderTest, LoadsAFileByPath) {
  RubricLoad load = LoadRubricFile(SourcePath("tests/rubrics/good/worked-example.yaml"));
  ASSERT_TRUE(load.rubric.has_value());
  EXPECT_EQ(load.rubric->sha256, LoadWithoutDiagnostics(WorkedExampleText()).sha256);
}

TEST(RubricLoaderTest, UnreadableFileNamesPathAndReason) {
  std::string path = SourcePath("tests/rubrics/no-such-rubric.yaml");
  RubricLoad load = LoadRubricFile(path);
  EXPECT_FALSE(load.rubric.has_value());
  ASSERT_EQ(load.diagnostics.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(load.diagnostics[0]),
            path + ": error: cannot read the file: No such file or directory");

  RubricLoad directory = LoadRubricFile(SourcePath("tests/rubrics"));
  ASSERT_EQ(directory.diagnostics.size(), 1u);
  EXPECT_EQ(directory.diagnostics[0].message, "cannot read the file: Is a directory");
}

// Switches the message language for one test and back to English afterwards.
class RussianMessages {
 public:
  RussianMessages() { SetLanguage(Language::kRussian); }
  ~RussianMessages() { SetLanguage(Language::kEnglish); }
};

std::vector<std::string> CorpusFiles(const std::string& directory) {
  std::vector<std::string> names;
  if (!std::filesystem::exists(directory)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string FormattedDiagnostics(const RubricLoad& load) {
  std::string lines;
  for (const Diagnostic& diagnostic : load.diagnostics)
    lines += FormatDiagnostic(diagnostic) + "\n";
  return lines;
}

// tests/rubrics/bad/NAME.yaml breaks one rule (or several, or only gives warnings); NAME.expected
// holds the exact output. A case is added by adding the two files.
TEST(RubricLoaderTest, BadRubricCorpus) {
  std::string directory = SourcePath("tests/rubrics/bad");
  std::vector<std::string> names = CorpusFiles(directory);
  EXPECT_GE(names.size(), 30u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    std::string stem = name.substr(0, name.size() - std::string(".yaml").size());
    RubricLoad load = ParseRubric(ReadFile(directory + "/" + name), name);
    EXPECT_EQ(FormattedDiagnostics(load), ReadFile(directory + "/" + stem + ".expected"));
    EXPECT_FALSE(load.diagnostics.empty());
    EXPECT_EQ(load.rubric.has_value(), !HasErrors(load.diagnostics));
  }
}

TEST(RubricLoaderTest, EveryCorpusMessageIsTranslated) {
  std::string directory = SourcePath("tests/rubrics/bad");
  for (const std::string& name : CorpusFiles(directory)) {
    SCOPED_TRACE(name);
    std::string text = ReadFile(directory + "/" + name);
    RubricLoad english = ParseRubric(text, name);
    RubricLoad russian = [&] {
      RussianMessages russian_messages;
      return ParseRubric(text, name);
    }();
    ASSERT_EQ(russian.diagnostics.size(), english.diagnostics.size());
    for (std::size_t i = 0; i < english.diagnostics.size(); ++i) {
      EXPECT_NE(russian.diagnostics[i].message, english.diagnostics[i].message);
    }
  }
}

TEST(RubricLoaderTest, RussianMessage) {
  RussianMessages russian;
  RubricLoad load =
      ParseRubric(ReadFile(SourcePath("tests/rubrics/bad/bad-max-sum.yaml")), "bad-max-sum.yaml");
  ASSERT_EQ(load.diagnostics.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(load.diagnostics[0]),
            "bad-max-sum.yaml:7:6: ошибка: сумма максимальных баллов аспектов равна 4,5, а max "
            "равен 4 (A: 3, B: 1,5)");
}

// Rubrics shipped with the project must load without errors (warnings are allowed).
TEST(RubricLoaderTest, ShippedRubricsLoad) {
  std::string directory = SourcePath("rubrics");
  for (const std::string& name : CorpusFiles(directory)) {
    SCOPED_TRACE(name);
    RubricLoad load = LoadRubricFile(directory + "/" + name);
    for (const Diagnostic& diagnostic : load.diagnostics) {
      EXPECT_EQ(diagnostic.severity, Severity::kWarning) << FormatDiagnostic(diagnostic);
    }
    EXPECT_TRUE(load.rubric.has_value());
  }
}

}  // namespace
}  // namespace skillscore
