// Who owes a score to an incomplete judgement panel (OwesScore, MarkingProgress with PanelSeats;
// issue 12): the rule `status` and the web board name judges by. Judges are not assigned to
// marking groups, so any judge of the exam who has not scored a panel short of scores owes one,
// unless the conflict-of-interest rule keeps them from the candidate or the sub-criterion is
// locked.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/exam_service.h"
#include "skillscore/progress.h"
#include "skillscore/rubric.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

Aspect Judged(std::string id) {
  Aspect aspect;
  aspect.id = std::move(id);
  aspect.section = "1";
  aspect.max = 1;
  aspect.type = AspectType::kJudgement;
  return aspect;
}

// A1 = {A1.1 judgement (ordinal 0)}, B1 = {B1.1 judgement (1)}; panels of `judges`.
Rubric TwoPanels(int judges) {
  Rubric rubric;
  rubric.code = "T";
  rubric.version = "1";
  rubric.max = 2;
  rubric.sections = {{"1", "", std::nullopt}};
  rubric.policy.judges = judges;
  rubric.modules = {{"A", "", {{"A1", "", 1, {Judged("A1.1")}}}},
                    {"B", "", {{"B1", "", 1, {Judged("B1.1")}}}}};
  rubric.IndexAspects();
  return rubric;
}

// J1 and J4 share College 1 with candidate C1; J2, J3 and the chief J5 do not.
const std::vector<Judge> kJudges = {{"J1", "", "College 1", JudgeRole::kExpert},
                                    {"J2", "", "College 2", JudgeRole::kExpert},
                                    {"J3", "", "", JudgeRole::kExpert},
                                    {"J4", "", " College 1 ", JudgeRole::kExpert},
                                    {"J5", "", "Centre", JudgeRole::kChief}};
const Candidate kC1{"C1", "", "College 1", CandidateStatus::kPresent};

MarkEntry Score(std::size_t ordinal, std::string judge, int score) {
  return {"C1", ordinal, std::move(judge), {false, score}};
}

std::vector<SubcriterionProgress> Progress(const Rubric& rubric,
                                           const std::vector<MarkEntry>& entries,
                                           const std::vector<std::string>& locked = {}) {
  return MarkingProgress(rubric, BuildSheets(rubric, {kC1}, entries), PanelSeats{kJudges, locked});
}

TEST(PanelOwersTest, EveryJudgeWhoMayMarkTheCandidateAndHasNotScoredOwesAScore) {
  Rubric rubric = TwoPanels(3);
  auto progress = Progress(rubric, {Score(0, "J2", 2), Score(1, "J2", 2), Score(1, "J3", 2)});
  ASSERT_EQ(progress.size(), 2u);
  ASSERT_EQ(progress[0].gaps.size(), 1u);
  // J1 and J4 are of the candidate's college (J4's organisation trimmed), J2 has scored.
  EXPECT_EQ(progress[0].gaps[0].owed_by, (std::vector<std::string>{"J3", "J5"}));
  ASSERT_EQ(progress[1].gaps.size(), 1u);
  EXPECT_EQ(progress[1].gaps[0].owed_by, (std::vector<std::string>{"J5"}));
}

TEST(PanelOwersTest, APanelOfPolicyJudgesScoresOwesNothing) {
  Rubric pair = TwoPanels(2);
  auto full = Progress(pair, {Score(0, "J2", 2), Score(0, "J3", 2), Score(1, "J2", 1)});
  EXPECT_TRUE(full[0].gaps.empty());
  ASSERT_EQ(full[1].gaps.size(), 1u);
  EXPECT_EQ(full[1].gaps[0].owed_by, (std::vector<std::string>{"J3", "J5"}));
  // A full but disputed panel is a gap that no one owes a score to.
  auto disputed = Progress(pair, {Score(0, "J2", 0), Score(0, "J3", 3)});
  ASSERT_EQ(disputed[0].gaps.size(), 1u);
  EXPECT_EQ(disputed[0].gaps[0].problem.kind, ProblemKind::kDisputed);
  EXPECT_TRUE(disputed[0].gaps[0].owed_by.empty());
  // Short of scores and disputed: still owed.
  auto short_disputed = Progress(TwoPanels(3), {Score(0, "J2", 0), Score(0, "J3", 3)});
  EXPECT_EQ(short_disputed[0].gaps.at(0).owed_by, (std::vector<std::string>{"J5"}));
}

TEST(PanelOwersTest, ALockedSubcriterionOwesNothingUntilItIsUnlocked) {
  auto progress = Progress(TwoPanels(3), {}, {"B1"});
  EXPECT_EQ(progress[0].gaps.at(0).owed_by, (std::vector<std::string>{"J2", "J3", "J5"}));
  ASSERT_EQ(progress[1].gaps.size(), 1u);
  EXPECT_EQ(progress[1].gaps[0].problem.scores_needed, 3);
  EXPECT_TRUE(progress[1].gaps[0].owed_by.empty());
}

TEST(PanelOwersTest, OwesScoreFollowsTheConflictOfInterestPolicy) {
  Rubric rubric = TwoPanels(3);
  AspectRecord empty;
  const std::vector<std::string> no_group;
  EXPECT_FALSE(OwesScore(rubric.policy, no_group, kJudges[0], kC1, empty));
  rubric.policy.conflict_of_interest = ConflictRule::kNone;
  EXPECT_TRUE(OwesScore(rubric.policy, no_group, kJudges[0], kC1, empty));
  AspectRecord scored{std::nullopt, {{"J1", 2}}};
  EXPECT_FALSE(OwesScore(rubric.policy, no_group, kJudges[0], kC1, scored));
  EXPECT_TRUE(OwesScore(rubric.policy, no_group, kJudges[1], kC1, scored));
}

TEST(PanelOwersTest, MarkingProgressWithoutSeatsNamesNoOne) {
  Rubric rubric = TwoPanels(3);
  auto progress = MarkingProgress(rubric, BuildSheets(rubric, {kC1}, {}));
  EXPECT_TRUE(progress[0].gaps.at(0).owed_by.empty());
}

// Through the service and the SQLite store: the worked exam (judges J1, chief J2, J3; candidate
// C1 of College 1), where J3's score for C1's judgement aspect is withdrawn.
class StatusOwersTest : public SqliteStoreTest {
 protected:
  std::vector<std::string> OwedBy() {
    auto status = ExamService(*store_).Status("E1");
    EXPECT_TRUE(status.has_value()) << status.error().message;
    for (const MarkGap& gap : status->progress.at(0).gaps) {
      if (gap.candidate == "C1" && gap.problem.aspect == "A1.5") return gap.owed_by;
    }
    ADD_FAILURE() << "no gap of C1 A1.5";
    return {};
  }
};

TEST_F(StatusOwersTest, AWithdrawnScoreIsOwedAgainByItsJudge) {
  SetUpExam();
  Import({Row(2, "C1", kJudgement, "J3", 2), Row(3, "C1", kJudgement, "J1", 2)});
  EXPECT_EQ(OwedBy(), (std::vector<std::string>{"J2"}));
  ASSERT_TRUE(ExamService(*store_)
                  .WithdrawMark({"J2"}, "E1", "C1", "A1.5", "J3", "scored the wrong candidate")
                  .has_value());
  EXPECT_EQ(OwedBy(), (std::vector<std::string>{"J2", "J3"}));
  ASSERT_TRUE(store_->LockSubcriterion("E1", "A1", {"J2", ""},
                                       [](const ExamData&, std::string_view) { return true; }));
  EXPECT_TRUE(OwedBy().empty());
}

}  // namespace
}  // namespace skillscore
