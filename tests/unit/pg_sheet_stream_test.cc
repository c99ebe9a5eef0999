// The PostgreSQL store's sheets read one candidate at a time (pg_sheets.h, StreamExamSheets) are
// LoadExamData's and SQLite's: candidates without marks get an empty sheet in their turn, a
// re-entered score keeps its place on the panel, a withdrawn mark is gone, and another exam's
// candidates registered in between stay out.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "pg_test_server.h"
#include "skillscore/postgres_store.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using testing::PgTestDatabase;

class PgSheetStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteStoreOptions sqlite_options;
    sqlite_options.clock = [] { return FixedTime(); };
    auto sqlite = OpenSqliteStore(dir_.File("exam.db"), sqlite_options);
    ASSERT_TRUE(sqlite.has_value());
    sqlite_ = std::move(*sqlite);
    PostgresStoreOptions pg_options;
    pg_options.clock = [] { return FixedTime(); };
    auto postgres = OpenPostgresStore(db_.url(), pg_options);
    ASSERT_TRUE(postgres.has_value()) << StoreMessage(postgres.error());
    postgres_ = std::move(*postgres);
  }

  // The worked exam, a second exam whose candidate C9 is registered between E1's C3 and C4, and
  // marks: a first batch, a later one that re-enters J3's score of C1 and adds C2's, and C4's
  // pass/fail mark withdrawn.
  static void Fill(ExamStore& store) {
    SetUpWorkedExam(store);
    ASSERT_TRUE(store.CreateExam({"E2", "09.02.07-2026-PU", std::nullopt, "", "", "J2", ""}));
    ASSERT_TRUE(store.ImportJudges(
        "E2", std::vector<Judge>{{"J1", "Jan", "College 3", JudgeRole::kExpert}}));
    for (const auto& [exam, code] : {std::pair{"E1", "C3"}, {"E2", "C9"}, {"E1", "C4"}}) {
      ASSERT_TRUE(store.ImportCandidates(
          exam, std::vector<Candidate>{{code, "", "", CandidateStatus::kPresent}}));
    }
    std::vector<NewMark> first = {
        Row(2, "C1", kJudgement, "J3", 3), Row(3, "C1", kJudgement, "J1", 2),
        Row(4, "C4", kPassFail, "J1", 1), Row(5, "C4", kRanged, "J1", 80)};
    ASSERT_EQ(store.ImportMarks("E1", first, {"J2", "first.csv"}), (ImportCounts{4, 0, 0}));
    std::vector<NewMark> second = {Row(2, "C1", kJudgement, "J3", 4),
                                   Row(3, "C2", kJudgement, "J1", 2)};
    ASSERT_EQ(store.ImportMarks("E1", second, {"J2", "second.csv"}), (ImportCounts{1, 1, 0}));
    ASSERT_TRUE(store.WithdrawMark("E1", "C4", kPassFail, "J1", {"J2", "entered by mistake"}));
    std::vector<NewMark> other = {Row(2, "C9", kRanged, "J1", 70)};
    ASSERT_EQ(store.ImportMarks("E2", other, {"J2", "other.csv"}), (ImportCounts{1, 0, 0}));
  }

  static std::string Streamed(ExamStore& store, ExamData& roster) {
    std::vector<CandidateSheet> sheets;
    auto read = store.StreamExamSheets(
        "E1", roster, [&](const CandidateSheet& sheet) { sheets.push_back(sheet); });
    EXPECT_TRUE(read.has_value()) << StoreMessage(read.error());
    return Describe(sheets);
  }

  ::skillscore::testing::TempDir dir_;
  PgTestDatabase db_;
  std::unique_ptr<ExamStore> sqlite_;
  std::unique_ptr<ExamStore> postgres_;
};

TEST_F(PgSheetStreamTest, StreamedSheetsAreLoadExamDataSheetsAndSqlites) {
  Fill(*sqlite_);
  Fill(*postgres_);
  ExamData roster;
  const std::string here = Streamed(*postgres_, roster);
  EXPECT_EQ(here,
            "C1: [] [] [] [] [J3=4 J1=2 ]\n"
            "C2: [] [] [] [] [J1=2 ]\n"
            "C3: [] [] [] [] []\n"
            "C4: [] [] [] [80.00] []\n");
  EXPECT_EQ(here, Describe(postgres_->LoadExamData("E1")->sheets));
  ExamData there;
  EXPECT_EQ(here, Streamed(*sqlite_, there));
  EXPECT_EQ(roster.candidates.size(), 4u);
  EXPECT_TRUE(roster.sheets.empty());
}

// An exam whose candidates have no marks: every one gets an empty sheet, in order.
TEST_F(PgSheetStreamTest, AnExamWithoutMarksStreamsAnEmptySheetPerCandidate) {
  SetUpWorkedExam(*postgres_);
  ExamData roster;
  EXPECT_EQ(Streamed(*postgres_, roster),
            "C1: [] [] [] [] []\n"
            "C2: [] [] [] [] []\n");
  EXPECT_EQ(roster.exam.id, "E1");
}

}  // namespace
}  // namespace skillscore
