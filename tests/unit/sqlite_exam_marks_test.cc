// The SQLite store's verification of an exam's marks (sqlite_exam_marks.cc): the rows are read
// along the tables' keys and put in entry order by the store, not by SQLite's sorter. These
// tests give it marks whose entry order is not their key order, and check that an intact exam
// verifies, that its recorded digests are those of the marks in entry order, and that tampering
// is caught — on the packed path and on SQLite's sort, taken by rows too wide to pack.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/exam_service.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

class ExamMarksOrderTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    SetUpExam();
    // One import whose entries run against the key (candidate, aspect, panel): C2 before C1,
    // later aspects first, and a note, an empty note and `na` among them. Entries 1–7.
    std::vector<NewMark> rows = {
        Row(2, "C2", kJudgement, "J3", 2),    Row(3, "C2", kPassFail, "J1", 1, "checked twice"),
        Row(4, "C1", kJudgement, "J3", 1),    Row(5, "C1", kJudgement, "J1", 3, ""),
        NotAttempted(6, "C1", kRanged, "J1"), Row(7, "C1", kPassFail, "J1", 0),
        Row(8, "C2", kJudgement, "J1", 2)};
    ASSERT_EQ(Import(rows), (ImportCounts{7, 0, 0}));
    // Then single marks: C1's pass/fail replaced (entry 8; entry 6 moves to the history), and a
    // first mark of C2's ranged aspect (entry 9).
    ASSERT_TRUE(
        store_->EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", ""}));
    ASSERT_TRUE(
        store_->EnterMark("E1", {"C2", kRanged, "J3", MarkValue{false, 85}}, "", {"J3", ""}));
  }

  std::string Verify() {
    auto report = store_->VerifyAudit("E1");
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report ? report->problem.value_or("ok") : "";
  }

  // What an attacker with the sqlite3 shell does first (marks_keep_replaced would copy each
  // edited row into the history).
  void DropGuards() {
    RawDatabase raw(path_);
    for (const char* trigger : {"mark_history_keep_entries", "mark_history_keep_all",
                                "marks_keep_all", "marks_keep_replaced"}) {
      raw.Execute(std::string("DROP TRIGGER ") + trigger);
    }
  }

  const std::string import_broken_ =
      "audit log broken at event 4 (marks import marks.csv, J2, 2026-04-12T09:30:00Z): the marks "
      "it entered were changed or deleted outside skillscore";
};

TEST_F(ExamMarksOrderTest, TheKeyOrderIsNotTheEntryOrder) {
  RawDatabase raw(path_);
  // Along the key the first current mark is C1's (candidate row 1), entered fifth or later.
  EXPECT_EQ(raw.Int("SELECT entry FROM marks ORDER BY candidate, aspect, panel LIMIT 1"), 8);
  EXPECT_EQ(raw.Int("SELECT candidate FROM marks WHERE entry = 1"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 1);
}

TEST_F(ExamMarksOrderTest, AnIntactExamVerifiesWithTheDigestsOfItsMarksInEntryOrder) {
  EXPECT_EQ(Verify(), "ok");
  // The import's recorded digest, computed here from its rows in entry order (the store reads
  // the row ids C1 = 1, C2 = 2 and J1 = 1, J3 = 3; the aspects keep their rubric ids).
  audit::Digest expected;
  auto add = [&](std::int64_t entry, const char* candidate, const char* aspect, bool panel,
                 const char* judge, std::optional<std::int64_t> value, std::int64_t den,
                 const char* note) {
    audit::AddMark(expected, {.entry = entry,
                              .candidate = candidate,
                              .aspect = aspect,
                              .panel = panel ? judge : "",
                              .judge = judge,
                              .value = value,
                              .den = den,
                              .note = note});
  };
  add(1, "C2", "A1.5", true, "J3", 2, 1, "");
  add(2, "C2", "A1.1", false, "J1", 1, 1, "checked twice");
  add(3, "C1", "A1.5", true, "J3", 1, 1, "");
  add(4, "C1", "A1.5", true, "J1", 3, 1, "");
  add(5, "C1", "A1.4", false, "J1", std::nullopt, 1, "");
  add(6, "C1", "A1.1", false, "J1", 0, 1, "");
  add(7, "C2", "A1.5", true, "J1", 2, 1, "");
  EXPECT_EQ(RawDatabase(path_).Text("SELECT state FROM audit_events WHERE action = 'marks import'"),
            expected.Hex());
}

TEST_F(ExamMarksOrderTest, AChangedMarkStopsResultsFromBeingFinal) {
  DropGuards();
  RawDatabase(path_).Execute("UPDATE marks SET value = 0 WHERE entry = 3");
  EXPECT_EQ(Verify(), import_broken_);
  ExamService service(*store_);
  auto results = service.Results("E1");
  ASSERT_TRUE(results.has_value()) << results.error().message;
  EXPECT_EQ(results->finality.tampered, import_broken_);
  EXPECT_FALSE(results->finality.Final());
}

TEST_F(ExamMarksOrderTest, SwappedEntryNumbersAreCaught) {
  // The same marks under each other's numbers: every row is still in an event's range.
  DropGuards();
  RawDatabase raw(path_);
  raw.Execute("UPDATE marks SET entry = 100 WHERE entry = 2");
  raw.Execute("UPDATE marks SET entry = 2 WHERE entry = 7");
  raw.Execute("UPDATE marks SET entry = 7 WHERE entry = 100");
  EXPECT_EQ(Verify(), import_broken_);
}

TEST_F(ExamMarksOrderTest, AChangedReplacedMarkIsCaught) {
  DropGuards();
  RawDatabase(path_).Execute("UPDATE mark_history SET value = 1");
  EXPECT_EQ(Verify(), import_broken_);
}

TEST_F(ExamMarksOrderTest, AMarkGivenAnotherEntryLeavesItsEventBroken) {
  DropGuards();
  RawDatabase(path_).Execute("UPDATE marks SET entry = 50 WHERE entry = 1");
  EXPECT_EQ(Verify(), import_broken_);
}

TEST_F(ExamMarksOrderTest, AMarkOfNoEventIsCaught) {
  // Candidate row 2 (C2), slot 1 (A1.2), judge row 1 (J1), after every event's entries.
  RawDatabase(path_).Execute(
      "INSERT INTO marks (candidate, aspect, panel, judge, value, den, entry) "
      "VALUES (2, 1, 0, 1, 3, 1, 50)");
  EXPECT_EQ(Verify(),
            "audit log broken: the mark of candidate C2 for aspect A1.2 by judge J1 (entry 50) is "
            "in no event; it was written outside skillscore");
}

TEST_F(ExamMarksOrderTest, RowsTooWideToPackAreVerifiedThroughSqlitesSort) {
  // A denominator beyond 32 bits: only a direct edit writes one; the whole exam then takes the
  // SQL sort, which finds the same problem.
  DropGuards();
  RawDatabase(path_).Execute(
      "UPDATE marks SET value = 2 * 4294967296, den = 4294967296 "
      "WHERE entry = 1");
  EXPECT_EQ(Verify(), import_broken_);
  // The row put back as it was: the packed path again, and intact.
  RawDatabase(path_).Execute("UPDATE marks SET value = 2, den = 1 WHERE entry = 1");
  EXPECT_EQ(Verify(), "ok");
}

TEST_F(ExamMarksOrderTest, StreamedSheetsAreTheSheetsOfLoadExamData) {
  ExamData roster;
  std::vector<CandidateSheet> streamed;
  auto read = store_->StreamExamSheets(
      "E1", roster, [&](const CandidateSheet& sheet) { streamed.push_back(sheet); });
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(roster.exam.id, "E1");
  EXPECT_EQ(roster.candidates.size(), 2u);
  EXPECT_EQ(roster.judges.size(), 3u);
  EXPECT_TRUE(roster.sheets.empty());
  EXPECT_EQ(Describe(streamed), Describe(StoredSheets()));
  EXPECT_EQ(Describe(streamed),
            "C1: [1.00] [] [] [na] [J3=1 J1=3 ]\n"
            "C2: [1.00] [] [] [85.00] [J3=2 J1=2 ]\n");
  ExamData none;
  auto unknown = store_->StreamExamSheets("E9", none, [](const CandidateSheet&) {});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().kind, StoreError::Kind::kNotFound);
}

// VerifyAndStreamExamSheets reads the marks once for both: the sheets and the report must be
// those of StreamExamSheets and VerifyAudit, on the packed path and on the queries of old.
class VerifyAndStreamTest : public ExamMarksOrderTest {
 protected:
  // The report's problem ("ok" when none) and the sheets streamed.
  std::pair<std::string, std::string> VerifyAndStream() {
    ExamData roster;
    std::vector<CandidateSheet> streamed;
    auto report = store_->VerifyAndStreamExamSheets(
        "E1", roster, [&](const CandidateSheet& sheet) { streamed.push_back(sheet); });
    EXPECT_TRUE(report.has_value()) << report.error().message;
    if (!report) return {};
    EXPECT_EQ(roster.candidates.size(), 2u);
    EXPECT_TRUE(roster.sheets.empty());
    return {report->problem.value_or("ok"), Describe(streamed)};
  }

  const std::string sheets_ =
      "C1: [1.00] [] [] [na] [J3=1 J1=3 ]\n"
      "C2: [1.00] [] [] [85.00] [J3=2 J1=2 ]\n";
};

TEST_F(VerifyAndStreamTest, AnIntactExamGivesItsSheetsAndAVerifiedChain) {
  EXPECT_EQ(VerifyAndStream(), std::pair(std::string("ok"), sheets_));
  EXPECT_EQ(Describe(StoredSheets()), sheets_);
}

TEST_F(VerifyAndStreamTest, AReplacedScoreKeepsItsPlaceInThePanelAndAWithdrawnOneLeavesIt) {
  // J3's score of C1 replaced (entry 10): J3 still comes first, by its first entry (3). Then
  // J1's score of C2 withdrawn: C2's panel is J3's alone, and the chain still verifies.
  ASSERT_TRUE(
      store_->EnterMark("E1", {"C1", kJudgement, "J3", MarkValue{false, 3}}, "", {"J3", ""}));
  ASSERT_TRUE(ExamService(*store_).WithdrawMark({"J2"}, "E1", "C2", "A1.5", "J1", "wrong form"));
  const std::string expected =
      "C1: [1.00] [] [] [na] [J3=3 J1=3 ]\n"
      "C2: [1.00] [] [] [85.00] [J3=2 ]\n";
  EXPECT_EQ(VerifyAndStream(), std::pair(std::string("ok"), expected));
  EXPECT_EQ(Describe(StoredSheets()), expected);
}

TEST_F(VerifyAndStreamTest, ATamperedMarkIsReportedAndTheSheetsShowIt) {
  DropGuards();
  RawDatabase(path_).Execute("UPDATE marks SET value = 0 WHERE entry = 3");
  EXPECT_EQ(VerifyAndStream(),
            std::pair(import_broken_, std::string("C1: [1.00] [] [] [na] [J3=0 J1=3 ]\n"
                                                  "C2: [1.00] [] [] [85.00] [J3=2 J1=2 ]\n")));
}

TEST_F(VerifyAndStreamTest, RowsTooWideToPackTakeTheQueriesOfOldWithTheSameAnswers) {
  DropGuards();
  // C2's J3 score as 2 over a denominator beyond 32 bits: the same value, a broken digest.
  RawDatabase(path_).Execute(
      "UPDATE marks SET value = 2 * 4294967296, den = 4294967296 WHERE entry = 1");
  EXPECT_EQ(VerifyAndStream(), std::pair(import_broken_, sheets_));
}

TEST_F(VerifyAndStreamTest, AnUnknownExamIsNotFound) {
  ExamData none;
  auto unknown = store_->VerifyAndStreamExamSheets(
      "E9", none, [](const CandidateSheet&) { ADD_FAILURE() << "no sheet expected"; });
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().kind, StoreError::Kind::kNotFound);
}

}  // namespace
}  // namespace skillscore
