// ExamService::EnterMarks (group commit) on the SQLite store: every mark under EnterMark's rules,
// seeing the marks before it in the batch; a refused mark refused alone with EnterMark's words;
// one audit event per mark written, in the order given; nothing of a mark the store refuses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skillscore/exam_service.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using Code = ServiceError::Code;

class MarkBatchTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    SetUpExam();
    std::vector<Judge> fourth = {{"J4", "Jen", "College 5", JudgeRole::kExpert}};
    ASSERT_EQ(store_->ImportJudges("E1", fourth), (ImportCounts{1, 0, 0}));
  }

  static MarkRequest Mark(const std::string& judge, const std::string& candidate,
                          const std::string& aspect, const std::string& value) {
    return {.actor = {judge}, .exam = "E1", .mark = {candidate, aspect, judge, value}};
  }

  // The marks events of the exam's history as "actor candidate aspect judge value".
  std::vector<std::string> MarkEvents() {
    auto history = store_->History("E1", {});
    EXPECT_TRUE(history.has_value()) << StoreMessage(history.error());
    std::vector<std::string> marks;
    for (const HistoryEntry& entry : *history) {
      if (entry.action != "mark") continue;
      marks.push_back(entry.actor + " " + entry.candidate + " " + entry.aspect + " " + entry.judge +
                      " " + entry.new_value);
    }
    return marks;
  }
};

TEST_F(MarkBatchTest, MarksAreWrittenInTheOrderGivenEachWithItsOwnEvent) {
  std::vector<MarkRequest> marks = {Mark("J3", "C1", "A1.5", "2"), Mark("J1", "C1", "A1.1", "yes"),
                                    Mark("J1", "C1", "A1.5", "3"), Mark("J1", "C1", "A1.1", "no")};
  auto results = ExamService(*store_).EnterMarks(marks);
  ASSERT_EQ(results.size(), 4u);
  for (const auto& result : results) ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(*results[0], Change::kAdded);
  EXPECT_EQ(*results[1], Change::kAdded);
  EXPECT_EQ(*results[2], Change::kAdded);
  EXPECT_EQ(*results[3], Change::kChanged);  // the second mark of the batch, replaced
  EXPECT_EQ(MarkEvents(), (std::vector<std::string>{"J3 C1 A1.5 J3 2", "J1 C1 A1.1 J1 yes",
                                                    "J1 C1 A1.5 J1 3", "J1 C1 A1.1 J1 no"}));
  EXPECT_EQ(Describe(store_->LoadExamData("E1")->sheets),
            "C1: [0.00] [] [] [] [J3=2 J1=3 ]\n"
            "C2: [] [] [] [] []\n");
  auto audit = store_->VerifyAudit("E1");
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->problem, std::nullopt);
  EXPECT_EQ(audit->events, 8u);  // exam, candidates, judges twice, four marks
}

// The fourth judge's score meets a panel filled by the three marks before it in the same batch; a
// score out of range and a score for another judge are refused by their own rules; the rest stand.
TEST_F(MarkBatchTest, ARefusedMarkIsRefusedAloneWithTheWordsOfEnterMark) {
  std::vector<MarkRequest> marks = {Mark("J1", "C1", "A1.5", "1"), Mark("J2", "C1", "A1.5", "2"),
                                    Mark("J3", "C1", "A1.5", "7"), Mark("J3", "C1", "A1.5", "3"),
                                    Mark("J4", "C1", "A1.5", "0")};
  marks.push_back({.actor = {"J1"}, .exam = "E1", .mark = {"C1", "A1.5", "J4", "1"}});
  auto results = ExamService(*store_).EnterMarks(marks);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_TRUE(results[0].has_value());
  EXPECT_TRUE(results[1].has_value());
  ASSERT_FALSE(results[2].has_value());
  EXPECT_EQ(results[2].error().code, Code::kInvalidInput);
  EXPECT_TRUE(results[3].has_value());
  ASSERT_FALSE(results[4].has_value());
  EXPECT_EQ(results[4].error().message,
            "mark refused: the panel of A1.5 for candidate C1 is full: 3 judges score it (J1, J2, "
            "J3); judge J4 is not on it");
  ASSERT_FALSE(results[5].has_value());
  EXPECT_EQ(results[5].error().code, Code::kInvalidInput);
  // Each refusal is EnterMark's own.
  ExamService service(*store_);
  EXPECT_EQ(service.EnterMark({"J4"}, "E1", marks[4].mark).error().message,
            results[4].error().message);
  EXPECT_EQ(service.EnterMark({"J3"}, "E1", marks[2].mark).error().message,
            results[2].error().message);
  EXPECT_EQ(MarkEvents(),
            (std::vector<std::string>{"J1 C1 A1.5 J1 1", "J2 C1 A1.5 J2 2", "J3 C1 A1.5 J3 3"}));
  EXPECT_EQ(store_->VerifyAudit("E1")->problem, std::nullopt);
}

// A mark the store refuses (its sub-criterion locked by an earlier write of the same batch) leaves
// no row, no history and no event; the marks before and after it are written.
TEST_F(MarkBatchTest, AMarkTheStoreRefusesLeavesNothingAndTheOthersStand) {
  ExamService service(*store_);
  std::vector<ServiceResult<Change>> results;
  auto written = store_->WriteTogether([&] {
    results.push_back(service.EnterMark({"J1"}, "E1", MarkInput{"C1", "A1.1", "J1", "yes"}));
    ASSERT_TRUE(store_->LockSubcriterion("E1", "A1", {"J2", ""},
                                         [](const ExamData&, std::string_view) { return true; }));
    results.push_back(service.EnterMark({"J1"}, "E1", MarkInput{"C1", "A1.2", "J1", "3"}));
    ASSERT_TRUE(store_->UnlockSubcriterion("E1", "A1", {"J2", "opened again"}));
    results.push_back(service.EnterMark({"J3"}, "E1", MarkInput{"C1", "A1.2", "J3", "4"}));
  });
  ASSERT_TRUE(written.has_value()) << StoreMessage(written.error());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].has_value());
  ASSERT_FALSE(results[1].has_value());
  EXPECT_EQ(results[1].error().code, Code::kInvalidInput);
  EXPECT_TRUE(results[2].has_value());
  EXPECT_EQ(MarkEvents(), (std::vector<std::string>{"J1 C1 A1.1 J1 yes", "J3 C1 A1.2 J3 4"}));
  EXPECT_EQ(Describe(store_->LoadExamData("E1")->sheets),
            "C1: [1.00] [4.00] [] [] []\n"
            "C2: [] [] [] [] []\n");
  auto audit = store_->VerifyAudit("E1");
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->problem, std::nullopt);
  EXPECT_EQ(audit->events, 8u);  // exam, candidates, judges twice, mark, lock, unlock, mark
}

}  // namespace
}  // namespace skillscore
