// ExamService::WithdrawMark (issue 12) on the SQLite store: only a chief expert, with a reason,
// never on a locked sub-criterion; the mark stops counting, stays in the history as withdrawn,
// and the audit log verifies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skillscore/exam_service.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using Code = ServiceError::Code;

// The worked exam (J2 is its chief expert), with C1's pass/fail mark by J1 and J3's judgement
// score for C1, entered by J2.
class MarkWithdrawalTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    SetUpExam();
    Import({Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J3", 2)});
  }

  ServiceResult<void> Withdraw(const std::string& actor, const std::string& aspect,
                               const std::string& judge, const std::string& reason) {
    return ExamService(*store_).WithdrawMark({actor}, "E1", "C1", aspect, judge, reason);
  }

  // C1's entered marks of sub-criterion A1, as `status` counts them.
  std::size_t Entered() {
    auto status = ExamService(*store_).Status("E1");
    EXPECT_TRUE(status.has_value()) << status.error().message;
    return status->progress.at(0).entered;
  }
};

TEST_F(MarkWithdrawalTest, TheChiefWithdrawsAMarkWhichStopsCountingButStaysInTheHistory) {
  const std::size_t entered = Entered();
  ASSERT_TRUE(Withdraw("J2", "A1.5", "J3", "scored the wrong candidate").has_value());
  EXPECT_EQ(Entered(), entered - 1);
  auto sheets = store_->LoadExamData("E1")->sheets;
  EXPECT_TRUE(sheets[0].aspects[kJudgement].panel.empty());
  EXPECT_TRUE(sheets[0].aspects[kPassFail].measurement.has_value());
  auto history = store_->History("E1", {.candidate = "C1", .aspect = "A1.5"});
  ASSERT_TRUE(history.has_value()) << StoreMessage(history.error());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1], (HistoryEntry{.event = 5,
                                         .at = (*history)[1].at,
                                         .actor = "J2",
                                         .action = "mark withdraw",
                                         .candidate = "C1",
                                         .subcriterion = "A1",
                                         .aspect = "A1.5",
                                         .judge = "J3",
                                         .old_value = "2",
                                         .new_value = "withdrawn",
                                         .reason = "scored the wrong candidate"}));
  auto audit = store_->VerifyAudit("E1");
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->problem, std::nullopt);
  EXPECT_EQ(audit->events, 5u);  // exam, candidates, judges, marks, withdrawal
  // A withdrawn measurement, whoever entered it; then a new mark takes the place again.
  ASSERT_TRUE(Withdraw("J2", "A1.1", "", "retest").has_value());
  EXPECT_FALSE(store_->LoadExamData("E1")->sheets[0].aspects[kPassFail].measurement);
  ASSERT_EQ(store_->EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", ""}),
            Change::kChanged);
  EXPECT_TRUE(store_->LoadExamData("E1")->sheets[0].aspects[kPassFail].measurement);
  auto again = store_->History("E1", {.candidate = "C1", .aspect = "A1.1"});
  ASSERT_EQ(again->size(), 3u);
  EXPECT_EQ((*again)[2].old_value, "withdrawn");
  EXPECT_EQ((*again)[2].new_value, "yes");
  EXPECT_EQ(store_->VerifyAudit(std::nullopt)->problem, std::nullopt);
}

TEST_F(MarkWithdrawalTest, OnlyAChiefExpertWithAReasonMayWithdraw) {
  auto expert = Withdraw("J1", "A1.1", "", "mine");
  ASSERT_FALSE(expert.has_value());
  EXPECT_EQ(expert.error().code, Code::kForbidden);
  EXPECT_EQ(expert.error().message,
            "J1 is an expert of exam E1; only a chief expert may withdraw a mark");
  auto no_reason = Withdraw("J2", "A1.1", "", "  ");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().code, Code::kReasonRequired);
  EXPECT_EQ(no_reason.error().message, "a reason is required to withdraw the mark of C1 for A1.1");
  auto whose = Withdraw("J2", "A1.5", "", "wrong");
  EXPECT_EQ(whose.error().message,
            "A1.5 is a judgement aspect: say whose score to withdraw with the judge's id");
  auto none = Withdraw("J2", "A1.5", "J1", "wrong");
  EXPECT_EQ(none.error().code, Code::kNotFound);
  EXPECT_EQ(none.error().message,
            "there is no mark of candidate C1 for A1.5 by judge J1 to "
            "withdraw");
  EXPECT_EQ(Withdraw("J2", "A9.9", "", "wrong").error().message,
            "aspect \"A9.9\" is not in rubric 09.02.07-2026-PU@2026.1");
  EXPECT_EQ(store_->VerifyAudit("E1")->events, 4u);  // nothing written
}

TEST_F(MarkWithdrawalTest, AMarkOfALockedSubcriterionCannotBeWithdrawn) {
  ASSERT_TRUE(store_->LockSubcriterion("E1", "A1", {"J2", ""},
                                       [](const ExamData&, std::string_view) { return true; }));
  auto locked = Withdraw("J2", "A1.1", "", "retest");
  ASSERT_FALSE(locked.has_value());
  EXPECT_EQ(locked.error().code, Code::kConflict);
  EXPECT_EQ(locked.error().message,
            "sub-criterion A1 is locked (signed off by J2 at 2026-04-12T09:30:00Z): the mark of "
            "C1 for A1.1 cannot be withdrawn; unlock it first");
}

}  // namespace
}  // namespace skillscore
