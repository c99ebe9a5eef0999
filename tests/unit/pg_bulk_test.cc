// The bulk paths of the PostgreSQL store (pg_marks.h, pg_scan.h) give what SQLite gives: an exam's
// first batch of marks, written by COPY straight into the marks table, a first batch that repeats
// a key (sent again and upserted), a later batch (upserted) and a scan of exams whose candidates
// were registered in turns — the same counts, marks, history and audit chain heads.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "pg_test_server.h"
#include "process.h"
#include "skillscore/exam.h"
#include "skillscore/postgres_store.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using testing::PgTestDatabase;
using testing::PgValue;

// The same rows handed over as a file's, counting how often the store reads them.
NewMarkSource Counted(const std::vector<NewMark>& rows, int& reads) {
  return [&rows, &reads](const NewMarkSink& take) {
    ++reads;
    for (const NewMark& row : rows) take(row);
    return true;
  };
}

// The worked exam on a fresh SQLite store and on a fresh PostgreSQL database, side by side.
class PgBulkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteStoreOptions sqlite_options;
    sqlite_options.clock = [] { return FixedTime(); };
    sqlite_options.actor = "A0";
    auto sqlite = OpenSqliteStore(dir_.File("exam.db"), sqlite_options);
    ASSERT_TRUE(sqlite.has_value());
    sqlite_ = std::move(*sqlite);
    PostgresStoreOptions pg_options;
    pg_options.clock = [] { return FixedTime(); };
    pg_options.actor = "A0";
    auto postgres = OpenPostgresStore(db_.url(), pg_options);
    ASSERT_TRUE(postgres.has_value()) << StoreMessage(postgres.error());
    postgres_ = std::move(*postgres);
    SetUpWorkedExam(*sqlite_);
    SetUpWorkedExam(*postgres_);
  }

  // Imports `rows` as marks.csv into both stores; the counts, which must agree.
  ImportCounts ImportBoth(const std::vector<NewMark>& rows, int& pg_reads) {
    int sqlite_reads = 0;
    auto there = sqlite_->ImportMarkStream("E1", Counted(rows, sqlite_reads), {"J2", "marks.csv"});
    auto here = postgres_->ImportMarkStream("E1", Counted(rows, pg_reads), {"J2", "marks.csv"});
    EXPECT_TRUE(here.has_value()) << StoreMessage(here.error());
    EXPECT_TRUE(there.has_value()) << StoreMessage(there.error());
    if (!here || !there) return {};
    EXPECT_EQ(*here, *there);
    return *here;
  }

  void ExpectTheSameStores() {
    auto here = postgres_->VerifyAudit("E1");
    auto there = sqlite_->VerifyAudit("E1");
    ASSERT_TRUE(here.has_value() && there.has_value());
    EXPECT_EQ(here->problem, std::nullopt);
    EXPECT_EQ(here->events, there->events);
    EXPECT_EQ(here->head, there->head);
    EXPECT_EQ(postgres_->History("E1", {}).value(), sqlite_->History("E1", {}).value());
    EXPECT_EQ(Describe(postgres_->LoadExamData("E1")->sheets),
              Describe(sqlite_->LoadExamData("E1")->sheets));
  }

  // Whether the store's session has made the upsert's temporary table: only a batch that went by
  // the upsert path needs it.
  std::string UpsertTables() {
    return PgValue(db_.admin_url(),
                   "SELECT count(*) FROM pg_class WHERE relname = 'mark_batch' AND "
                   "relpersistence = 't'");
  }

  ::skillscore::testing::TempDir dir_;
  PgTestDatabase db_;
  std::unique_ptr<ExamStore> sqlite_;
  std::unique_ptr<ExamStore> postgres_;
};

TEST_F(PgBulkTest, AFirstBatchGoesStraightIntoMarksWithTheSameDigestAsOnSqlite) {
  std::vector<NewMark> rows = {
      Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J1", 2, "steady\thand\\"),
      Row(4, "C1", kJudgement, "J3", 3), NotAttempted(5, "C2", kRanged, "J3"),
      Row(6, "C2", kJudgement, "J1", 1, "щука")};
  int reads = 0;
  EXPECT_EQ(ImportBoth(rows, reads), (ImportCounts{5, 0, 0}));
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(UpsertTables(), "0");
  EXPECT_EQ(PgValue(db_.url(), "SELECT count(*) FROM marks"), "5");
  EXPECT_EQ(PgValue(db_.url(), "SELECT note FROM marks WHERE entry = 2"), "steady\thand\\");
  EXPECT_EQ(PgValue(db_.url(), "SELECT count(*) FROM marks WHERE value IS NULL AND den = 1"), "1");
  ExpectTheSameStores();
}

TEST_F(PgBulkTest, AFirstBatchThatRepeatsAKeyIsReadAgainAndUpserted) {
  std::vector<NewMark> rows = {Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J1", 2),
                               Row(4, "C1", kPassFail, "J3", 0, "second look"),
                               Row(5, "C2", kJudgement, "J1", 3)};
  int reads = 0;
  EXPECT_EQ(ImportBoth(rows, reads), (ImportCounts{3, 0, 0}));
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(UpsertTables(), "1");
  EXPECT_EQ(PgValue(db_.url(), "SELECT count(*) FROM marks"), "3");
  EXPECT_EQ(PgValue(db_.url(),
                    "SELECT entry || ' ' || value || ' ' || note FROM marks "
                    "WHERE aspect = 0"),
            "1 0 second look");  // the first row's place, the last row's value
  EXPECT_EQ(PgValue(db_.url(), "SELECT count(*) FROM mark_history"), "0");
  ExpectTheSameStores();
}

// A batch of more COPY data than one piece (1 MB): the server refuses the repeated key while the
// rest is still being sent.
TEST_F(PgBulkTest, ALargeFirstBatchThatRepeatsAKeyEarlyIsReadAgainAndUpserted) {
  std::vector<Candidate> many;
  for (int number = 3; number < 3003; ++number) {
    many.push_back({"C" + std::to_string(number), "", "", CandidateStatus::kPresent});
  }
  ASSERT_TRUE(sqlite_->ImportCandidates("E1", many));
  ASSERT_TRUE(postgres_->ImportCandidates("E1", many));
  std::vector<NewMark> rows = {Row(2, "C3", kPassFail, "J1", 1), Row(3, "C3", kPassFail, "J1", 0)};
  for (const Candidate& candidate : many) {
    for (std::size_t aspect : {kRanged, kJudgement}) {
      for (const char* judge : {"J1", "J3"}) {
        rows.push_back(Row(static_cast<int>(rows.size()) + 2, candidate.id, aspect, judge, 1,
                           "a note long enough to fill the pieces"));
      }
    }
  }
  int reads = 0;
  // Per candidate: the ranged aspect's one mark (J3's replaces J1's), and the panel of two.
  EXPECT_EQ(ImportBoth(rows, reads), (ImportCounts{1 + 3000 * 3, 0, 0}));
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(UpsertTables(), "1");
  ExpectTheSameStores();
}

TEST_F(PgBulkTest, ALaterBatchIsUpsertedKeepingTheReplacedMarksInTheHistory) {
  int reads = 0;
  ASSERT_EQ(
      ImportBoth({Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J1", 2)}, reads),
      (ImportCounts{2, 0, 0}));
  reads = 0;
  EXPECT_EQ(ImportBoth({Row(2, "C1", kPassFail, "J1", 0), Row(3, "C1", kJudgement, "J1", 2),
                        Row(4, "C2", kJudgement, "J3", 1)},
                       reads),
            (ImportCounts{1, 1, 1}));
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(UpsertTables(), "1");
  EXPECT_EQ(PgValue(db_.url(), "SELECT entry || ' ' || value FROM mark_history"), "1 1");
  ExpectTheSameStores();
}

TEST_F(PgBulkTest, AFirstBatchWithARefusedRowWritesNothingAndTheNextOneGoesThrough) {
  std::vector<NewMark> refused = {Row(2, "C1", kPassFail, "J1", 1),
                                  Row(3, "C1", kPassFail, "J1", 0),  // repeated
                                  Row(4, "C9", kJudgement, "J1", 2)};
  int reads = 0;
  auto counts = postgres_->ImportMarkStream("E1", Counted(refused, reads), {"J2", "marks.csv"});
  ASSERT_FALSE(counts.has_value());
  EXPECT_EQ(counts.error().kind, StoreError::Kind::kInvalidInput);
  EXPECT_EQ(StoreMessage(counts.error()),
            "marks.csv:4: candidate C9 is not registered for exam E1");
  EXPECT_EQ(PgValue(db_.url(), "SELECT count(*) FROM marks"), "0");
  EXPECT_EQ(PgValue(db_.url(), "SELECT next_entry FROM exams"), "1");
  reads = 0;
  EXPECT_EQ(ImportBoth({Row(2, "C1", kPassFail, "J1", 1)}, reads), (ImportCounts{1, 0, 0}));
  EXPECT_EQ(UpsertTables(), "0");
  ExpectTheSameStores();
}

TEST_F(PgBulkTest, GatheredWritesOfAnExamWithoutMarksTakeBothPathsInOneTransaction) {
  auto write = [](ExamStore& store) {
    return store.WriteTogether([&] {
      EXPECT_EQ(
          store.EnterMark("E1", {"C1", kJudgement, "J1", MarkValue{false, 2}}, "", {"J1", "", ""}),
          Change::kAdded);
      EXPECT_EQ(store.EnterMark("E1", {"C1", kJudgement, "J1", MarkValue{false, 3}}, "again",
                                {"J1", "", ""}),
                Change::kChanged);
      EXPECT_EQ(
          store.EnterMark("E1", {"C2", kPassFail, "J3", MarkValue{false, 1}}, "", {"J3", "", ""}),
          Change::kAdded);
    });
  };
  ASSERT_TRUE(write(*sqlite_).has_value());
  ASSERT_TRUE(write(*postgres_).has_value());
  EXPECT_EQ(PgValue(db_.url(), "SELECT count(*) FROM mark_history"), "1");
  ExpectTheSameStores();
}

// Candidates of two exams registered in turns: each exam's range of candidate ids holds the
// other's, whose marks a scan must leave out.
TEST_F(PgBulkTest, AScanGivesEachExamItsOwnMarksWhenCandidatesInterleave) {
  for (ExamStore* store : {sqlite_.get(), postgres_.get()}) {
    ASSERT_TRUE(store->CreateExam({"E2", "09.02.07-2026-PU", std::nullopt, "", "", "J2", ""}));
    ASSERT_TRUE(store->ImportJudges(
        "E2", std::vector<Judge>{{"J1", "Jan", "College 3", JudgeRole::kExpert}}));
    for (const char* code : {"C3", "C4"}) {
      ASSERT_TRUE(store->ImportCandidates(
          "E1", std::vector<Candidate>{{code, "", "", CandidateStatus::kPresent}}));
      ASSERT_TRUE(store->ImportCandidates(
          "E2", std::vector<Candidate>{{code, "", "", CandidateStatus::kPresent}}));
    }
    for (const char* exam : {"E1", "E2"}) {
      std::vector<NewMark> rows = {Row(2, "C3", kPassFail, "J1", 1),
                                   Row(3, "C4", kJudgement, "J1", exam[1] == '1' ? 2 : 3),
                                   Row(4, "C3", kRanged, "J1", 90)};
      ASSERT_TRUE(store->ImportMarks(exam, rows, {"J1", "marks.csv"}));
    }
  }
  auto scan = [](ExamStore& store) {
    std::vector<std::string> seen;
    auto scanned = store.ScanExams({.rubric_code = "09.02.07-2026-PU"},
                                   [&](const ExamMarks& exam, const ScanProgress&) {
                                     seen.push_back(exam.exam.id + "\n" + Describe(exam.sheets));
                                     return ScanStep::kNext;
                                   });
    EXPECT_TRUE(scanned.has_value());
    return seen;
  };
  std::vector<std::string> here = scan(*postgres_);
  EXPECT_EQ(here, scan(*sqlite_));
  ASSERT_EQ(here.size(), 2u);
  EXPECT_EQ(here[1], "E2\nC3: [1.00] [] [] [90.00] []\nC4: [] [] [] [] [J1=3 ]\n");
}

}  // namespace
}  // namespace skillscore
