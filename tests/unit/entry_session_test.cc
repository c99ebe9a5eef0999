// Guided mark entry without a terminal or a database: PlanEntry's choice of forms and refusals, and
// the session's dialogue, driven line by line against marks kept in memory.
#include "skillscore/entry_session.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skillscore/i18n.h"
#include "skillscore/rubric_loader.h"

namespace skillscore {
namespace {

// Every calculation once: A1 = {A1.1 pass_fail, A1.2 number_completed 4, A1.3 judgement},
// B1 = {B1.1 choice, B1.2 ranged}; ordinals 0…4.
constexpr char kRubric[] = R"(format: skillscore-rubric/1
code: "T-ENTRY"
version: "1"
title: "Ввод оценок"
kind: exam
max: 10
sections:
  - { id: "1", title: "Всё" }
modules:
  - id: A
    title: "Вёрстка"
    subcriteria:
      - id: A1
        title: "Страница"
        aspects:
          - { type: measurement, text: "Разметка валидна", section: "1", max: 1 }
          - type: measurement
            text: "Реализованы все 4 блока"
            section: "1"
            max: 2
            calculation: { number_completed: 4 }
          - type: judgement
            text: "Общее впечатление"
            section: "1"
            max: 3
            levels:
              0: "ниже стандарта"
              1: "соответствует стандарту"
              2: "превосходит в отдельном"
              3: "полностью превосходит"
  - id: B
    title: "Тестирование"
    subcriteria:
      - id: B1
        title: "Тесты"
        aspects:
          - type: measurement
            text: "Ошибки в тестах"
            section: "1"
            max: 2
            calculation:
              choice:
                - { label: "нет", deduct: 0 }
                - { label: "немного", deduct: 50 }
                - { label: "много", deduct: 100 }
          - type: measurement
            text: "Покрытие тестами, %"
            section: "1"
            max: 2
            calculation:
              ranged:
                - { from: 90, to: 100, deduct: 0 }
                - { from: 70, to: 89.99, deduct: 33.3 }
                - { from: 0, to: 69.99, deduct: 100 }
)";

constexpr char kHint[] =
    "Type a value and press Enter. Enter alone skips the aspect (keeping the current value); na = "
    "not attempted; - = back; ? = help; q = quit.\n";

constexpr char kA11Card[] =
    "\nA1.1  Разметка валидна  (max 1)\n"
    "  yes or no; na = not attempted\n";
constexpr char kA12Card[] =
    "\nA1.2  Реализованы все 4 блока  (max 2)\n"
    "  how many of 4 are done: 0 to 4; na = not attempted\n";
constexpr char kA13Card[] =
    "\nA1.3  Общее впечатление  (max 3)\n"
    "  0  ниже стандарта\n"
    "  1  соответствует стандарту\n"
    "  2  превосходит в отдельном\n"
    "  3  полностью превосходит\n"
    "  your score: 0, 1, 2 or 3\n";
constexpr char kB11Card[] =
    "\nB1.1  Ошибки в тестах  (max 2)\n"
    "  1  нет  (deduct 0%)\n"
    "  2  немного  (deduct 50%)\n"
    "  3  много  (deduct 100%)\n"
    "  the option's number or label; na = not attempted\n";
constexpr char kB12Card[] =
    "\nB1.2  Покрытие тестами, %  (max 2)\n"
    "  90 to 100: deduct 0%\n"
    "  70 to 89.99: deduct 33.3%\n"
    "  0 to 69.99: deduct 100%\n"
    "  the measured value; na = not attempted\n";

constexpr char kDone[] = "\nDone: every aspect has been walked; every confirmed mark is saved.\n";

ExamData Roster() {
  ExamData roster;
  roster.exam.id = "T-1";
  roster.rubric = ParseRubric(kRubric, "entry.yaml").rubric.value();
  roster.candidates = {{"C1", "Иванов Иван", "Колледж №1", CandidateStatus::kPresent},
                       {"C2", "", "Колледж №2", CandidateStatus::kPresent},
                       {"C3", "Петров Пётр", "Колледж №1", CandidateStatus::kAbsent}};
  roster.judges = {{"E1", "Главный", "Центр", JudgeRole::kChief},
                   {"E2", "Второй", " Колледж №2 ", JudgeRole::kExpert},
                   {"E3", "Третий", "Центр", JudgeRole::kExpert},
                   {"E4", "Четвёртый", "Центр", JudgeRole::kExpert}};
  return roster;
}

// Marks kept in memory, as the store keeps them: Save says what the mark changed, Sheet gives
// the marks that count.
class MemoryMarks : public EntryMarks {
 public:
  explicit MemoryMarks(const ExamData& roster) : roster_(roster) {}

  StoreResult<Change> Save(const MarkEntry& entry) override {
    if (failing_) return tl::unexpected(StoreError{StoreError::Kind::kStorage, "disk I/O error"});
    const Candidate& candidate = *FindCandidate(entry.candidate);
    AspectRecord before = Record(candidate, entry.aspect);
    entries_.push_back(entry);
    AspectRecord after = Record(candidate, entry.aspect);
    bool same = before.measurement == after.measurement && SameScores(before, after);
    bool had = before.measurement.has_value() || HasScoreOf(before, entry.judge);
    return same ? Change::kUnchanged : had ? Change::kChanged : Change::kAdded;
  }

  StoreResult<CandidateSheet> Sheet(const Candidate& candidate) override {
    return BuildSheets(roster_.rubric, {candidate}, entries_).front();
  }

  // "C1 A1.1 E3 1", one line per saved entry.
  std::vector<std::string> Saved() const {
    std::vector<std::string> saved;
    for (const MarkEntry& entry : entries_) {
      saved.push_back(entry.candidate + " " + roster_.rubric.AspectAt(entry.aspect).id + " " +
                      entry.judge + " " +
                      (entry.value.not_attempted ? "na" : entry.value.number.ToDecimal(2)));
    }
    return saved;
  }

  void Add(MarkEntry entry) { entries_.push_back(std::move(entry)); }
  void FailFromNowOn() { failing_ = true; }

 private:
  const Candidate* FindCandidate(const std::string& id) const {
    for (const Candidate& candidate : roster_.candidates) {
      if (candidate.id == id) return &candidate;
    }
    return nullptr;
  }

  AspectRecord Record(const Candidate& candidate, std::size_t ordinal) const {
    return BuildSheets(roster_.rubric, {candidate}, entries_).front().aspects[ordinal];
  }

  static bool HasScoreOf(const AspectRecord& record, const std::string& judge) {
    for (const PanelScore& score : record.panel) {
      if (score.judge == judge) return true;
    }
    return false;
  }

  static bool SameScores(const AspectRecord& a, const AspectRecord& b) {
    if (a.panel.size() != b.panel.size()) return false;
    for (std::size_t i = 0; i < a.panel.size(); ++i) {
      if (a.panel[i].judge != b.panel[i].judge || a.panel[i].score != b.panel[i].score) {
        return false;
      }
    }
    return true;
  }

  const ExamData& roster_;
  std::vector<MarkEntry> entries_;
  bool failing_ = false;
};

MarkEntry Score(std::string candidate, std::size_t ordinal, std::string judge, int score) {
  return {std::move(candidate), ordinal, std::move(judge), MarkValue{false, score}};
}

EntryRequest Request(std::string judge, std::optional<std::string> subcriterion = std::nullopt,
                     std::optional<std::string> candidate = std::nullopt) {
  return {std::move(judge), std::move(subcriterion), std::move(candidate)};
}

// "A1 C1 0,1,2": the forms of a plan, one line each.
std::vector<std::string> Forms(const EntryPlan& plan) {
  std::vector<std::string> forms;
  for (const EntryForm& form : plan.forms) {
    std::string ordinals;
    for (std::size_t ordinal : form.aspects) {
      ordinals += (ordinals.empty() ? "" : ",") + std::to_string(ordinal);
    }
    forms.push_back(form.subcriterion + " " + form.candidate.id + " " + ordinals);
  }
  return forms;
}

class EntrySessionTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }

  EntryPlan Plan(const EntryRequest& request, const std::vector<SubcriterionLock>& locks = {}) {
    auto plan = PlanEntry(roster_, locks, request);
    EXPECT_TRUE(plan.has_value()) << plan.error();
    return plan.value_or(EntryPlan{});
  }

  std::string Refusal(const EntryRequest& request,
                      const std::vector<SubcriterionLock>& locks = {}) {
    auto plan = PlanEntry(roster_, locks, request);
    EXPECT_FALSE(plan.has_value());
    return plan ? std::string() : plan.error();
  }

  // Starts a session and feeds it `lines` as the command does without a terminal: each line is
  // shown after its prompt. The whole transcript.
  std::string Transcript(EntrySession& session, const std::vector<std::string>& lines) {
    std::string transcript = session.Start();
    for (const std::string& line : lines) {
      if (session.Done()) break;
      transcript += session.Prompt() + line + "\n";
      transcript += session.Feed(line);
    }
    return transcript;
  }

  ExamData roster_ = Roster();
  MemoryMarks marks_{roster_};
};

// --- PlanEntry -------------------------------------------------------------------------------

TEST_F(EntrySessionTest, PlanWalksEverySubcriterionForEachCandidateTheJudgeMayMark) {
  EntryPlan plan = Plan(Request("E2"));
  EXPECT_EQ(plan.judge, "E2");
  // C2 shares E2's organisation (surrounding spaces do not matter); C3 is absent.
  EXPECT_EQ(Forms(plan), (std::vector<std::string>{"A1 C1 0,1,2", "B1 C1 3,4"}));
  EXPECT_EQ(plan.notes, (std::vector<std::string>{
                            "candidate C2 is left out: judge E2 and the candidate are both from "
                            "\"Колледж №2\" (conflict of interest)"}));
  EXPECT_EQ(plan.forms[0].title, "Страница");
  EXPECT_EQ(plan.forms[0].candidate.name, "Иванов Иван");
}

TEST_F(EntrySessionTest, PlanOfOneSubcriterionAndOneCandidate) {
  EntryPlan plan = Plan(Request(" E3 ", "B1", "C2"));
  EXPECT_EQ(plan.judge, "E3");
  EXPECT_EQ(Forms(plan), (std::vector<std::string>{"B1 C2 3,4"}));
  EXPECT_EQ(plan.notes, (std::vector<std::string>{}));
}

TEST_F(EntrySessionTest, PlanWithoutTheConflictRuleKeepsEveryPresentCandidate) {
  roster_.rubric.policy.conflict_of_interest = ConflictRule::kNone;
  EXPECT_EQ(Forms(Plan(Request("E2", "A1"))),
            (std::vector<std::string>{"A1 C1 0,1,2", "A1 C2 0,1,2"}));
}

TEST_F(EntrySessionTest, PlanLeavesOutLockedSubcriteria) {
  EntryPlan plan = Plan(Request("E3", std::nullopt, "C1"), {{"A1", "E1", "2026-04-12T09:30:00Z"}});
  EXPECT_EQ(Forms(plan), (std::vector<std::string>{"B1 C1 3,4"}));
  EXPECT_EQ(
      plan.notes,
      (std::vector<std::string>{
          "sub-criterion A1 is locked (signed off by E1 at 2026-04-12T09:30:00Z): left out"}));
}

TEST_F(EntrySessionTest, ALockedSubcriterionRefusesToStart) {
  EXPECT_EQ(Refusal(Request("E3", "A1"), {{"A1", "E1", "2026-04-12T09:30:00Z"}}),
            "sub-criterion A1 is locked (signed off by E1 at 2026-04-12T09:30:00Z): no marks can "
            "be entered until the chief expert unlocks it");
}

TEST_F(EntrySessionTest, EveryLockedSubcriterionRefusesToStart) {
  EXPECT_EQ(Refusal(Request("E3"),
                    {{"A1", "E1", "2026-04-12T09:30:00Z"}, {"B1", "E1", "2026-04-12T10:00:00Z"}}),
            "every sub-criterion of exam T-1 is locked: there is nothing to enter");
}

TEST_F(EntrySessionTest, UnknownNamesRefuseToStart) {
  EXPECT_EQ(Refusal(Request("E9")), "judge \"E9\" is not registered for exam T-1");
  EXPECT_EQ(Refusal(Request("E3", "A9")), "sub-criterion \"A9\" is not in rubric T-ENTRY@1");
  EXPECT_EQ(Refusal(Request("E3", "A1", "C9")), "candidate \"C9\" is not registered for exam T-1");
}

TEST_F(EntrySessionTest, ACandidateWhoIsNotPresentRefusesToStart) {
  EXPECT_EQ(Refusal(Request("E3", "A1", "C3")),
            "candidate C3 is absent: only present candidates are marked");
}

TEST_F(EntrySessionTest, AConflictOfInterestRefusesToStart) {
  EXPECT_EQ(Refusal(Request("E2", "A1", "C2")),
            "judge E2 may not mark candidate C2: both are from \"Колледж №2\" (conflict of "
            "interest)");
}

TEST_F(EntrySessionTest, NoCandidateLeftRefusesToStart) {
  roster_.candidates = {{"C2", "", "Колледж №2", CandidateStatus::kPresent}};
  EXPECT_EQ(Refusal(Request("E2")), "there is no candidate whom judge E2 may mark in exam T-1");
}

// --- the dialogue --------------------------------------------------------------------------

TEST_F(EntrySessionTest, AWholeFormIsEnteredAspectByAspect) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  EXPECT_EQ(Transcript(session, {"yes", "3", "2"}),
            std::string(kHint) + "\nA1 Страница — candidate C1 Иванов Иван\n" + kA11Card +
                "A1.1> yes\n  saved\n" + kA12Card + "A1.2> 3\n  saved\n" + kA13Card +
                "A1.3> 2\n  saved\n"
                "\nA1 for C1 Иванов Иван: 3 entered, 0 missing, 0 disputed\n" +
                kDone);
  EXPECT_TRUE(session.Done());
  EXPECT_FALSE(session.failure());
  EXPECT_EQ(marks_.Saved(),
            (std::vector<std::string>{"C1 A1.1 E3 1.00", "C1 A1.2 E3 3.00", "C1 A1.3 E3 2.00"}));
}

TEST_F(EntrySessionTest, EachCandidateFollowsInTurnWithTheNotesFirst) {
  EntrySession session(roster_, Plan(Request("E2", "B1")), marks_);
  EXPECT_EQ(Transcript(session, {"немного", "95"}),
            "candidate C2 is left out: judge E2 and the candidate are both from \"Колледж №2\" "
            "(conflict of interest)\n" +
                std::string(kHint) + "\nB1 Тесты — candidate C1 Иванов Иван\n" + kB11Card +
                "B1.1> немного\n  saved\n" + kB12Card + "B1.2> 95\n  saved\n" +
                "\nB1 for C1 Иванов Иван: 2 entered, 0 missing, 0 disputed\n" + kDone);
  EXPECT_EQ(marks_.Saved(), (std::vector<std::string>{"C1 B1.1 E2 1.00", "C1 B1.2 E2 95.00"}));
}

TEST_F(EntrySessionTest, FormsFollowOneAnotherAndNameTheCandidateWithoutAName) {
  EntrySession session(roster_, Plan(Request("E3", "B1")), marks_);
  std::string transcript = Transcript(session, {"1", "na"});
  EXPECT_EQ(transcript.substr(transcript.find("B1.2> na")),
            "B1.2> na\n  saved\n"
            "\nB1 for C1 Иванов Иван: 2 entered, 0 missing, 0 disputed\n"
            "\nB1 Тесты — candidate C2\n" +
                std::string(kB11Card));
  EXPECT_FALSE(session.Done());
  EXPECT_EQ(session.Prompt(), "B1.1> ");
}

TEST_F(EntrySessionTest, ABadValueIsExplainedAndAskedAgain) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"yes", "7", "many", "4"});
  EXPECT_EQ(transcript.substr(transcript.find("A1.2> 7")),
            "A1.2> 7\n"
            "  refused: value \"7\" for aspect A1.2 is out of range: expected a whole number from "
            "0 to 4\n"
            "A1.2> many\n"
            "  refused: value \"many\" for aspect A1.2 is not a whole number: expected a whole "
            "number from 0 to 4\n"
            "A1.2> 4\n  saved\n" +
                std::string(kA13Card));
  EXPECT_EQ(marks_.Saved(), (std::vector<std::string>{"C1 A1.1 E3 1.00", "C1 A1.2 E3 4.00"}));
}

TEST_F(EntrySessionTest, NotAttemptedIsRefusedForAJudgement) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"", "", "na"});
  EXPECT_EQ(transcript.substr(transcript.find("A1.3> na")),
            "A1.3> na\n"
            "  refused: value \"na\" for aspect A1.3 is not allowed: a judgement aspect cannot be "
            "marked not attempted; expected a whole number from 0 to 3\n");
  EXPECT_EQ(session.Prompt(), "A1.3> ");
}

TEST_F(EntrySessionTest, EnterSkipsAndMinusGoesBackShowingTheValueEntered) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"-", "no", "", "-", "-", "", "", "1"});
  EXPECT_EQ(transcript.substr(transcript.find("A1.1> -")),
            "A1.1> -\n  this is the first aspect; there is nothing before it\n"
            "A1.1> no\n  saved\n" +
                std::string(kA12Card) + "A1.2> \n  skipped\n" + kA13Card + "A1.3> -\n" + kA12Card +
                "A1.2> -\n" + kA11Card + "A1.1 [current: no]> \n  kept: no\n" + kA12Card +
                "A1.2> \n  skipped\n" + kA13Card + "A1.3> 1\n  saved\n" +
                "\nA1 for C1 Иванов Иван: 2 entered, 1 missing, 0 disputed\n"
                "  missing: A1.2\n" +
                kDone);
  EXPECT_EQ(marks_.Saved(), (std::vector<std::string>{"C1 A1.1 E3 0.00", "C1 A1.3 E3 1.00"}));
}

TEST_F(EntrySessionTest, BackFromAFormsFirstAspectReturnsToThePreviousForm) {
  EntrySession session(roster_, Plan(Request("E3", "B1")), marks_);
  std::string transcript = Transcript(session, {"1", "", "-", "101"});
  EXPECT_EQ(transcript.substr(transcript.find("B1.1> -")),
            "B1.1> -\n\nB1 Тесты — candidate C1 Иванов Иван\n" + std::string(kB12Card) +
                "B1.2> 101\n"
                "  refused: value \"101\" for aspect B1.2 is in no range: expected a number in one "
                "of the ranges 90…100, 70…89.99, 0…69.99\n");
  EXPECT_EQ(session.Prompt(), "B1.2> ");
}

TEST_F(EntrySessionTest, AChangedValueSaysWhatItReplaced) {
  marks_.Add({"C1", 0, "E4", MarkValue{false, 1}});
  marks_.Add(Score("C1", 2, "E3", 2));
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"no", "", "2"});
  EXPECT_EQ(transcript.substr(transcript.find("A1.1 [current: yes]> ")),
            "A1.1 [current: yes]> no\n  saved (was yes)\n" + std::string(kA12Card) +
                "A1.2> \n  skipped\n" + kA13Card + "A1.3 [current: 2]> 2\n" +
                "  unchanged: the same value is already entered\n"
                "\nA1 for C1 Иванов Иван: 2 entered, 1 missing, 0 disputed\n"
                "  missing: A1.2\n" +
                kDone);
}

TEST_F(EntrySessionTest, OtherJudgesScoresStayHiddenUntilTheJudgesOwnIsSaved) {
  marks_.Add(Score("C1", 2, "E1", 0));
  marks_.Add(Score("C1", 2, "E4", 3));
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"", ""});
  // The panel is already disputed between E1 and E4, but E3 has not scored: nothing is said.
  EXPECT_EQ(transcript.substr(transcript.find("A1.2> ")),
            "A1.2> \n  skipped\n" + std::string(kA13Card));
  EXPECT_EQ(session.Prompt(), "A1.3> ");
  EXPECT_EQ(session.Feed("1"),
            "  saved\n"
            "  the panel is disputed: scores 0, 3, 1 differ by more than 1; talk it over with "
            "the other judges and re-score\n"
            "\nA1 for C1 Иванов Иван: 1 entered, 2 missing, 1 disputed\n"
            "  missing: A1.1, A1.2\n"
            "  disputed: A1.3\n" +
                std::string(kDone));
}

TEST_F(EntrySessionTest, AnUndisputedPanelSaysNothingAboutTheOtherScores) {
  marks_.Add(Score("C1", 2, "E1", 2));
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  Transcript(session, {"", ""});
  EXPECT_EQ(session.Feed("3"),
            "  saved\n\nA1 for C1 Иванов Иван: 1 entered, 2 missing, 0 disputed\n"
            "  missing: A1.1, A1.2\n" +
                std::string(kDone));
}

TEST_F(EntrySessionTest, ADisputedPanelTheJudgeHasScoredIsSaidOnArrival) {
  marks_.Add(Score("C1", 2, "E1", 0));
  marks_.Add(Score("C1", 2, "E3", 2));
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"", ""});
  EXPECT_EQ(transcript.substr(transcript.find("A1.2> ")),
            "A1.2> \n  skipped\n" + std::string(kA13Card) +
                "  the panel is disputed (the scores differ by more than 1); re-score if you now "
                "see it differently\n");
  EXPECT_EQ(session.Prompt(), "A1.3 [current: 2]> ");
  EXPECT_EQ(session.Feed("1"),
            "  saved (was 2)\n\nA1 for C1 Иванов Иван: 1 entered, 2 missing, 0 disputed\n"
            "  missing: A1.1, A1.2\n" +
                std::string(kDone));
}

TEST_F(EntrySessionTest, HelpListsTheKeysAndWhatToType) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  session.Start();
  EXPECT_EQ(session.Feed(" ? "),
            "  Enter  skip the aspect; a value already entered is kept\n"
            "  na     not attempted (measurement aspects)\n"
            "  -      back to the previous aspect\n"
            "  ?      this help\n"
            "  q      quit; every confirmed mark is already saved\n"
            "  yes or no; na = not attempted\n");
  EXPECT_EQ(session.Prompt(), "A1.1> ");
}

TEST_F(EntrySessionTest, QuitShowsTheFormsSummary) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string transcript = Transcript(session, {"yes", "q", "2"});
  EXPECT_EQ(transcript.substr(transcript.find("A1.2> q")),
            "A1.2> q\n"
            "\nA1 for C1 Иванов Иван: 1 entered, 2 missing, 0 disputed\n"
            "  missing: A1.2, A1.3\n"
            "\nStopped: every confirmed mark is saved.\n");
  EXPECT_TRUE(session.Done());
  EXPECT_EQ(marks_.Saved(), (std::vector<std::string>{"C1 A1.1 E3 1.00"}));
}

TEST_F(EntrySessionTest, TheEndOfTheInputShowsTheFormsSummary) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  Transcript(session, {"yes", "2"});
  EXPECT_EQ(session.EndOfInput(),
            "\nA1 for C1 Иванов Иван: 2 entered, 1 missing, 0 disputed\n"
            "  missing: A1.3\n"
            "\nInput ended: every confirmed mark is saved.\n");
  EXPECT_TRUE(session.Done());
  EXPECT_EQ(session.Feed("3"), "");
}

TEST_F(EntrySessionTest, EveryArrivalReadsTheMarksAfresh) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  session.Start();
  marks_.Add({"C1", 1, "E4", MarkValue{false, 2}});  // entered by another judge meanwhile
  EXPECT_EQ(session.Feed("yes"), "  saved\n" + std::string(kA12Card));
  EXPECT_EQ(session.Prompt(), "A1.2 [current: 2]> ");
}

TEST_F(EntrySessionTest, AStorageFailureEndsTheSession) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  session.Start();
  marks_.FailFromNowOn();
  EXPECT_EQ(session.Feed("yes"), "");
  EXPECT_TRUE(session.Done());
  ASSERT_TRUE(session.failure());
  EXPECT_EQ(session.failure()->kind, StoreError::Kind::kStorage);
  EXPECT_EQ(session.failure()->message, "disk I/O error");
}

TEST_F(EntrySessionTest, ColoursMarkTheAspectTheRefusalAndTheSaving) {
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_, {.color = true});
  std::string start = session.Start();
  EXPECT_EQ(start.substr(start.find("\n\n")),
            "\n\n\033[1mA1 Страница — candidate C1 Иванов Иван\033[0m\n"
            "\n\033[1mA1.1\033[0m  Разметка валидна  (max 1)\n"
            "  yes or no; na = not attempted\n");
  EXPECT_EQ(session.Feed("maybe"),
            "  \033[31mrefused: value \"maybe\" for aspect A1.1 is not valid: expected yes or no "
            "(1 or 0, да or нет)\033[0m\n");
  std::string saved = session.Feed("yes");
  EXPECT_EQ(saved.substr(0, saved.find('\n')), "  \033[32msaved\033[0m");
}

TEST_F(EntrySessionTest, TheDialogueIsInRussian) {
  SetLanguage(Language::kRussian);
  EntrySession session(roster_, Plan(Request("E3", "A1", "C1")), marks_);
  std::string start = session.Start();
  EXPECT_EQ(start.substr(start.find("\n\n")),
            "\n\nA1 Страница — участник C1 Иванов Иван\n"
            "\nA1.1  Разметка валидна  (макс. 1)\n"
            "  да или нет; na — не выполнялось\n");
  EXPECT_EQ(session.Feed("да"),
            "  сохранено\n"
            "\nA1.2  Реализованы все 4 блока  (макс. 2)\n"
            "  сколько из 4 выполнено: от 0 до 4; na — не выполнялось\n");
  EXPECT_EQ(session.Prompt(), "A1.2> ");
  EXPECT_EQ(session.Feed("q"),
            "\nA1, участник C1 Иванов Иван: внесено 1, не внесено 2, спорных 0\n"
            "  не внесено: A1.2, A1.3\n"
            "\nОстановлено: все подтверждённые оценки сохранены.\n");
}

}  // namespace
}  // namespace skillscore
