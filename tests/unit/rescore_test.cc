#include "skillscore/rescore.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillscore/rubric_loader.h"

namespace skillscore {
namespace {

// Maxima add up to 10. Marks (MarkAll): C1 1.5 + 2.5·3/4 + 3·7/9 + 2 + 1 = 209/24 (87.08 %, «5»),
// C2 0 + 2.5 + 3·4/9 + 1 + 2/3 = 11/2 (55 %, «4»), C3 1.5 + 0 + 1 + 0 + 1/3 = 17/6 (28.33 %, «3»);
// C4 is absent.
constexpr char kRubric[] = R"(format: skillscore-rubric/1
code: "T-EXAM"
version: "1"
title: "Тестовый экзамен"
kind: exam
max: 10
sections:
  - { id: "1", title: "Организация работы" }
  - { id: "2", title: "Качество" }
modules:
  - id: A
    title: "Вёрстка"
    subcriteria:
      - id: A1
        title: "Страница"
        aspects:
          - { type: measurement, text: "Разметка", section: "1", max: 1.5 }
          - { type: measurement, text: "Блоки", section: "1", max: 2.5,
              calculation: { number_completed: 4 } }
          - { type: judgement, text: "Впечатление", section: "2", max: 3,
              levels: { 0: "ниже", 1: "соответствует", 2: "превосходит", 3: "полностью" } }
  - id: B
    title: "Тестирование"
    subcriteria:
      - id: B1
        title: "Тесты"
        aspects:
          - type: measurement
            text: "Ошибки"
            section: "2"
            max: 2
            calculation:
              choice: [{ label: "нет", deduct: 0 }, { label: "немного", deduct: 50 },
                       { label: "много", deduct: 100 }]
          - { type: judgement, text: "Читаемость", section: "2", max: 1,
              levels: { 0: "ниже", 1: "соответствует", 2: "превосходит", 3: "полностью" } }
)";

// An aspect for the end of kRubric's last sub-criterion.
constexpr char kNewAspect[] =
    "          - { type: measurement, text: \"Отчёт\", section: \"2\", max: 1 }\n";

// kRubric with each `from` replaced by its `to` (each must occur) and `appended` added at the end,
// as version 2.
std::string Corrected(std::vector<std::pair<std::string, std::string>> edits,
                      const std::string& appended = "") {
  std::string yaml = std::string(kRubric) + appended;
  edits.insert(edits.begin(), {"version: \"1\"", "version: \"2\""});
  for (const auto& [from, to] : edits) {
    auto at = yaml.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) yaml.replace(at, from.size(), to);
  }
  return yaml;
}

Rubric Load(const std::string& yaml) {
  RubricLoad load = ParseRubric(yaml, "rubric.yaml");
  EXPECT_TRUE(load.rubric) << (load.diagnostics.empty() ? "" : load.diagnostics[0].message);
  return load.rubric ? *load.rubric : Rubric{};
}

class RescoreTest : public ::testing::Test {
 protected:
  RescoreTest() : old_(Load(kRubric)) { MarkAll(); }

  void Mark(const char* candidate, const char* aspect, const char* judge, Rational value) {
    entries_.push_back({candidate, *old_.FindAspect(aspect), judge, MarkValue{false, value}});
  }
  void Panel(const char* candidate, const char* aspect, int a, int b, int c) {
    Mark(candidate, aspect, "E1", a);
    Mark(candidate, aspect, "E2", b);
    Mark(candidate, aspect, "E3", c);
  }

  void MarkAll() {
    Mark("C1", "A1.1", "E1", 1);
    Mark("C1", "A1.2", "E1", 3);
    Panel("C1", "A1.3", 2, 2, 3);
    Mark("C1", "B1.1", "E1", 0);
    Panel("C1", "B1.2", 3, 3, 3);
    Mark("C2", "A1.1", "E1", 0);
    Mark("C2", "A1.2", "E1", 4);
    Panel("C2", "A1.3", 1, 1, 2);
    Mark("C2", "B1.1", "E1", 1);
    Panel("C2", "B1.2", 2, 2, 2);
    Mark("C3", "A1.1", "E1", 1);
    Mark("C3", "A1.2", "E1", 0);
    Panel("C3", "A1.3", 1, 1, 1);
    Mark("C3", "B1.1", "E1", 2);
    Panel("C3", "B1.2", 1, 1, 1);
  }

  ExamRescore Rescore(const Rubric& from, const Rubric& to) {
    return RescoreExam(from, to, MapAspects(from, to), BuildSheets(from, candidates_, entries_));
  }
  ExamRescore Rescore(const std::string& corrected) { return Rescore(old_, Load(corrected)); }

  // The changed candidates' ids, in the order reported.
  static std::vector<std::string> ChangedIds(const ExamRescore& exam) {
    std::vector<std::string> ids;
    for (const CandidateRescore& c : exam.candidates) {
      if (c.Changed()) ids.push_back(c.candidate.id);
    }
    return ids;
  }

  static const CandidateRescore& Find(const ExamRescore& exam, const std::string& id) {
    for (const CandidateRescore& c : exam.candidates) {
      if (c.candidate.id == id) return c;
    }
    throw std::out_of_range(id);
  }

  Rubric old_;
  std::vector<Candidate> candidates_ = {{"C1", "Иванов", "К1", CandidateStatus::kPresent},
                                        {"C2", "Петрова", "К2", CandidateStatus::kPresent},
                                        {"C3", "Смит", "К1", CandidateStatus::kPresent},
                                        {"C4", "Сидоров", "К2", CandidateStatus::kAbsent}};
  std::vector<MarkEntry> entries_;
};

TEST_F(RescoreTest, UnchangedRubricReportsNoChange) {
  ExamRescore exam = Rescore(Corrected({}));
  EXPECT_EQ(ChangedIds(exam), std::vector<std::string>{});
  ASSERT_EQ(exam.candidates.size(), 4u);
  const CandidateRescore& c1 = Find(exam, "C1");
  EXPECT_EQ(c1.before.total, Rational::Of(209, 24));
  EXPECT_EQ(c1.after.grade, 5);
  EXPECT_EQ(c1.after.rank, 1);
  RescoreSummary summary;
  summary.Add(exam);
  EXPECT_EQ(summary, (RescoreSummary{.exams = 1, .candidates = 4}));
}

TEST_F(RescoreTest, MapsUnchangedAspectsToTheirPlaces) {
  AspectMap map = MapAspects(old_, Load(Corrected({})));
  EXPECT_EQ(map.new_ordinal, (std::vector<std::optional<std::size_t>>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(map.removed.empty());
  EXPECT_TRUE(map.added.empty());
  EXPECT_TRUE(map.retyped.empty());
  EXPECT_TRUE(map.reworded.empty());
}

// 1.5 of A1.1's maximum moves to A1.2; the total stays 10.
TEST_F(RescoreTest, ChangedAspectMaximumChangesExactlyTheAffectedCandidates) {
  ExamRescore exam = Rescore(Corrected({{"max: 1.5 }", "max: 0.5 }"}, {"max: 2.5,", "max: 3.5,"}}));
  EXPECT_EQ(ChangedIds(exam), (std::vector<std::string>{"C1", "C2", "C3"}));
  const CandidateRescore& c1 = Find(exam, "C1");  // 0.5 + 3.5·3/4 + 7/3 + 2 + 1
  EXPECT_EQ(c1.after.total, Rational::Of(203, 24));
  EXPECT_EQ(c1.after.percent, Rational::Of(1015, 12));
  EXPECT_EQ(c1.after.grade, 5);
  const CandidateRescore& c2 = Find(exam, "C2");  // 0 + 3.5 + 4/3 + 1 + 2/3
  EXPECT_EQ(c2.before.total, Rational::Of(11, 2));
  EXPECT_EQ(c2.after.total, Rational::Of(13, 2));
  EXPECT_EQ(c2.after.grade, 4);
  const CandidateRescore& c3 = Find(exam, "C3");  // 0.5 + 0 + 1 + 0 + 1/3: 18.33 %
  EXPECT_EQ(c3.before.total, Rational::Of(17, 6));
  EXPECT_EQ(c3.after.total, Rational::Of(11, 6));
  EXPECT_EQ(c3.before.grade, 3);
  EXPECT_EQ(c3.after.grade, 2);
  EXPECT_EQ(c3.after.rank, 3);
  EXPECT_FALSE(Find(exam, "C4").Changed());
  RescoreSummary summary;
  summary.Add(exam);
  EXPECT_EQ(
      summary,
      (RescoreSummary{
          .exams = 1, .exams_changed = 1, .candidates = 4, .changed = 3, .grade_changed = 1}));
}

TEST_F(RescoreTest, ChangedGradeTableChangesOnlyGrades) {
  ExamRescore exam = Rescore(Corrected({{"max: 10\n",
                                         "max: 10\ngrades:\n  - { grade: 5, min_percent: 90 }\n"
                                         "  - { grade: 4, min_percent: 50 }\n"
                                         "  - { grade: 3, min_percent: 25 }\n"
                                         "  - { grade: 2, min_percent: 0 }\n"}}));
  EXPECT_EQ(ChangedIds(exam), std::vector<std::string>{"C1"});
  const CandidateRescore& c1 = Find(exam, "C1");
  EXPECT_EQ(c1.before.grade, 5);
  EXPECT_EQ(c1.after.grade, 4);
  EXPECT_EQ(c1.after.total, c1.before.total);
  EXPECT_EQ(c1.after.rank, 1);
}

TEST_F(RescoreTest, RemovedAspectDropsItsMarksAndLowersTotals) {
  std::string without_b12 = Corrected({{"max: 10", "max: 9"}});
  without_b12.erase(without_b12.find("          - { type: judgement, text: \"Читаемость\""));
  Rubric corrected = Load(without_b12);
  AspectMap map = MapAspects(old_, corrected);
  EXPECT_EQ(map.removed, std::vector<std::string>{"B1.2"});
  EXPECT_EQ(map.new_ordinal[4], std::nullopt);

  ExamRescore exam = Rescore(old_, corrected);
  EXPECT_EQ(ChangedIds(exam), (std::vector<std::string>{"C1", "C2", "C3"}));
  const CandidateRescore& c1 = Find(exam, "C1");
  EXPECT_EQ(c1.after.total, Rational::Of(185, 24));
  EXPECT_EQ(c1.after.percent, Rational::Of(4625, 54));
  EXPECT_EQ(c1.dropped, (std::vector<DroppedMarks>{{"B1.2", DropReason::kRemoved, 3}}));
  EXPECT_EQ(Find(exam, "C2").after.total, Rational::Of(29, 6));
  EXPECT_EQ(Find(exam, "C3").after.total, Rational::Of(5, 2));
  EXPECT_EQ(Find(exam, "C3").after.grade, 3);
  EXPECT_TRUE(Find(exam, "C4").dropped.empty());
  RescoreSummary summary;
  summary.Add(exam);
  EXPECT_EQ(summary.dropped_marks, 9u);
  EXPECT_EQ(summary.grade_changed, 0u);
}

TEST_F(RescoreTest, AddedAspectWithoutMarksMakesPresentCandidatesProvisional) {
  Rubric corrected = Load(Corrected({{"max: 10", "max: 11"}}, kNewAspect));
  AspectMap map = MapAspects(old_, corrected);
  EXPECT_EQ(map.added, std::vector<std::string>{"B1.3"});

  ExamRescore exam = Rescore(old_, corrected);
  EXPECT_EQ(ChangedIds(exam), (std::vector<std::string>{"C1", "C2", "C3"}));
  const CandidateRescore& c2 = Find(exam, "C2");
  EXPECT_FALSE(c2.before.provisional);
  EXPECT_TRUE(c2.after.provisional);
  EXPECT_EQ(c2.after.total, Rational::Of(11, 2));
  EXPECT_EQ(c2.after.percent, 50);
  EXPECT_FALSE(Find(exam, "C4").after.provisional);  // absent: nothing can be missing
  RescoreSummary summary;
  summary.Add(exam);
  EXPECT_EQ(summary.became_provisional, 3u);
}

// A new sub-criterion A2 comes before module B: B's aspects keep their ids, not their places.
TEST_F(RescoreTest, AspectAddedBeforeOldOnesMovesTheirPlaces) {
  AspectMap map = MapAspects(
      old_, Load(Corrected(
                {{"max: 10", "max: 11"},
                 {"  - id: B\n", "      - id: A2\n        title: \"Отчёт\"\n        aspects:\n" +
                                     std::string(kNewAspect) + "  - id: B\n"}})));
  EXPECT_EQ(map.added, std::vector<std::string>{"A2.1"});
  EXPECT_EQ(map.new_ordinal, (std::vector<std::optional<std::size_t>>{0, 1, 2, 4, 5}));
  EXPECT_TRUE(map.removed.empty());
}

TEST_F(RescoreTest, RetypedAspectDropsItsMarks) {
  ExamRescore exam =
      Rescore(Corrected({{"- { type: measurement, text: \"Разметка\", section: \"1\", max: 1.5 }",
                          "- { type: measurement, text: \"Разметка\", section: \"1\", max: 1.5,\n"
                          "              calculation: { number_completed: 1 } }"}}));
  const CandidateRescore& c1 = Find(exam, "C1");
  EXPECT_EQ(c1.dropped, (std::vector<DroppedMarks>{{"A1.1", DropReason::kRetyped, 1}}));
  EXPECT_EQ(c1.after.total, Rational::Of(209, 24) - Rational::Of(3, 2));
  EXPECT_TRUE(c1.after.provisional);
}

TEST_F(RescoreTest, ValueTheNewAspectRefusesIsDropped) {
  ExamRescore exam =
      Rescore(Corrected({{", { label: \"немного\", deduct: 50 },\n                       { label: "
                          "\"много\", deduct: 100 }]",
                          ", { label: \"немного\", deduct: 50 }]"}}));
  EXPECT_EQ(ChangedIds(exam), std::vector<std::string>{"C3"});
  const CandidateRescore& c3 = Find(exam, "C3");  // option 3 is gone
  EXPECT_EQ(c3.dropped, (std::vector<DroppedMarks>{{"B1.1", DropReason::kInvalid, 1}}));
  EXPECT_EQ(c3.after.total, c3.before.total);
  EXPECT_TRUE(c3.after.provisional);
}

TEST_F(RescoreTest, CompetitionScaleAndAwardChanges) {
  std::string competition = kRubric;
  competition.replace(competition.find("kind: exam"), 10,
                      "kind: competition\npolicy: { scale: { spread: 30 }, awards: { "
                      "min_competitors: 0 } }");
  Rubric old = Load(competition);
  std::string corrected = competition;
  corrected.replace(corrected.find("version: \"1\""), 12, "version: \"2\"");
  corrected.replace(corrected.find("spread: 30"), 10, "spread: 60");
  corrected.replace(corrected.find("min_competitors: 0"), 18, "min_competitors: 4");
  ExamRescore exam = Rescore(old, Load(corrected));
  EXPECT_EQ(ChangedIds(exam), (std::vector<std::string>{"C1", "C2", "C3"}));
  const CandidateRescore& c1 = Find(exam, "C1");
  EXPECT_EQ(c1.before.scale, 724);
  EXPECT_EQ(c1.after.scale, 749);
  EXPECT_EQ(c1.before.award, Award::kGold);
  EXPECT_EQ(c1.after.award, Award::kMedallion);
  const CandidateRescore& c2 = Find(exam, "C2");
  EXPECT_EQ(c2.after.scale, 700);
  EXPECT_EQ(c2.after.award, Award::kMedallion);
  const CandidateRescore& c3 = Find(exam, "C3");
  EXPECT_EQ(c3.before.scale, 680);
  EXPECT_EQ(c3.after.scale, 660);
  EXPECT_EQ(c3.before.award, Award::kBronze);
  EXPECT_EQ(c3.after.award, std::nullopt);
  RescoreSummary summary;
  summary.Add(exam);
  EXPECT_EQ(summary.scale_changed, 2u);
  EXPECT_EQ(summary.award_changed, 3u);
  EXPECT_EQ(summary.grade_changed, 0u);
}

TEST(AcceptsValueTest, FollowsTheCalculation) {
  Aspect aspect;
  aspect.calculation = Calculation::kNumberCompleted;
  aspect.number_completed = 4;
  EXPECT_TRUE(AcceptsValue(aspect, {false, 4}));
  EXPECT_FALSE(AcceptsValue(aspect, {false, 5}));
  EXPECT_FALSE(AcceptsValue(aspect, {false, Rational::Of(1, 2)}));
  EXPECT_TRUE(AcceptsValue(aspect, {true, 0}));
  aspect.calculation = Calculation::kPassFail;
  EXPECT_FALSE(AcceptsValue(aspect, {false, 2}));
  aspect.calculation = Calculation::kRanged;
  aspect.ranges = {{10, 20, 0}};
  EXPECT_TRUE(AcceptsValue(aspect, {false, Rational::Of(201, 10) - Rational::Of(1, 10)}));
  EXPECT_FALSE(AcceptsValue(aspect, {false, Rational::Of(201, 10)}));
  aspect.type = AspectType::kJudgement;
  EXPECT_TRUE(AcceptsValue(aspect, {false, 3}));
  EXPECT_FALSE(AcceptsValue(aspect, {true, 0}));
}

}  // namespace
}  // namespace skillscore
