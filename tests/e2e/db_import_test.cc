// `skillscore marks import` into the exam database: all-or-nothing (a file with one bad row writes
// nothing, neither marks nor history), idempotent (the same file twice stores the same data), a
// changed value is a change kept in the history, and concurrent imports by several processes all
// succeed without losing a mark.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <thread>

#include "db_support.h"
#include "json_reader.h"

namespace skillscore::testing {
namespace {

// marks.csv with line `line` (1-based) replaced.
std::string MarksWithLine(int line, const std::string& text) {
  std::string marks = ReadFile(E2eDataPath("marks.csv"));
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) start = marks.find('\n', start) + 1;
  return marks.replace(start, marks.find('\n', start) - start, text);
}

TEST_F(DbTest, MarksImportIsSilentAndCountsWithVerbose) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  RunResult run = Db({"-v", "marks", "import", kExam, "marks.csv"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "skillscore: info: marks.csv: marks: 2 added, 1 changed, 24 unchanged\n");
}

TEST_F(DbTest, OneBadRowInTheMiddleWritesNothing) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  std::string results = ResultsJson();
  std::vector<std::string> entries = Entries();
  std::string file = dir_.File("marks.csv");
  WriteFile(file, MarksWithLine(14, "T-2026-01,C2,A1.3,E3,7,"));
  ExpectRefused(Db({"marks", "import", kExam, file}),
                file +
                    ":14: error: value \"7\" for aspect A1.3 is out of range: expected a whole "
                    "number from 0 to 3\n");
  EXPECT_EQ(ResultsJson(), results);
  EXPECT_EQ(Entries(), entries);
}

TEST_F(DbTest, EveryBadRowIsReportedWithItsLine) {
  CreateExam();
  ExpectRefused(
      Db({"marks", "import", kExam, "marks-bad.csv"}),
      "marks-bad.csv:2: error: value \"maybe\" for aspect A1.1 is not valid: expected yes or no "
      "(1 or 0, да or нет)\n"
      "marks-bad.csv:3: error: aspect \"A9.9\" is not in rubric T-EXAM@1\n"
      "marks-bad.csv:4: error: candidate \"C9\" is not registered for this exam\n"
      "marks-bad.csv:5: error: value \"5\" for aspect A1.2 is out of range: expected a whole "
      "number from 0 to 4\n"
      "marks-bad.csv:6: error: value \"na\" for aspect A1.3 is not allowed: a judgement aspect "
      "cannot be marked not attempted; expected a whole number from 0 to 3\n"
      "marks-bad.csv:7: error: judge \"E5\" is not registered for this exam\n"
      "marks-bad.csv:8: error: conflict of interest: judge \"E3\" and candidate \"C3\" are both "
      "from \"Колледж №1\"; a judge may not mark a candidate of their own organisation (policy "
      "conflict_of_interest: organization)\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{});
}

TEST_F(DbTest, MarksOfAnotherExamAreRefused) {
  CreateExam();
  Ok({"exam", "create", "T-2026-02", "--rubric", "T-EXAM@1"});
  Ok({"candidates", "import", "T-2026-02", "candidates.csv"});
  Ok({"judges", "import", "T-2026-02", "judges.csv"});
  RunResult run = Db({"marks", "import", "T-2026-02", "marks.csv"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.substr(0, run.err.find('\n')),
            "marks.csv:2: error: exam \"T-2026-01\" does not match the exam being imported, "
            "\"T-2026-02\"");
}

TEST_F(DbTest, ImportingTheSameFileTwiceStoresTheSameData) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks.csv"});
  std::string results = ResultsJson();
  std::vector<std::string> entries = Entries();
  ASSERT_EQ(entries.size(), 27u);
  RunResult again = Db({"-v", "marks", "import", kExam, "marks.csv"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.err, "skillscore: info: marks.csv: marks: 0 added, 0 changed, 27 unchanged\n");
  EXPECT_EQ(ResultsJson(), results);
  EXPECT_EQ(Entries(), entries);
}

TEST_F(DbTest, AChangedValueInAReimportIsAChangeKeptInTheHistory) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks.csv"});
  std::vector<std::string> entries = Entries();
  std::string file = dir_.File("marks.csv");
  WriteFile(file, MarksWithLine(3, "T-2026-01,C1,A1.2,E1,2,"));
  RunResult run = Db({"-v", "marks", "import", kExam, file});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "skillscore: info: " + file + ": marks: 0 added, 1 changed, 26 unchanged\n");
  entries.push_back("C1 A1.2 E1 2");
  EXPECT_EQ(Entries(), entries);
  JsonValue results = ParseJson(ResultsJson());
  const JsonValue& c1 = results["candidates"].items[0];
  EXPECT_EQ(c1["id"].text, "C1");
  EXPECT_EQ(c1["total"].text, "7.08");  // 185/24 − 2.5/4
}

class LargeImportTest : public DbTest {
 protected:
  // Registers candidates K0001…K1000; the text of a marks file with three good rows for each, in
  // candidate order.
  std::string RegisterManyCandidates() {
    std::string candidates = "id,name,organization\n";
    for (int c = 1; c <= 1000; ++c) candidates += fmt::format("K{:04},,College {}\n", c, c % 4);
    WriteFile(dir_.File("candidates.csv"), candidates);
    Ok({"candidates", "import", kExam, dir_.File("candidates.csv")});
    std::string marks = "candidate,aspect,judge,value\n";
    for (int c = 1; c <= 1000; ++c) {
      marks +=
          fmt::format("K{0:04},A1.1,E1,yes\nK{0:04},A1.2,E1,{1}\nK{0:04},A1.3,E1,2\n", c, c % 5);
    }
    return marks;
  }
};

// marks import stores each candidate's rows as soon as they are checked: bad rows near the end of
// a large file, after thousands of marks were written, must still leave nothing behind and be
// reported one by one.
TEST_F(LargeImportTest, BadRowsLateInALargeFileAreAllReportedAndNothingIsWritten) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  std::vector<std::string> entries = Entries();
  std::string marks = RegisterManyCandidates();
  marks += "K0999,A1.3,E2,7\nK0998,A1.1,E1,no\nK2000,A1.1,E1,yes\n";
  WriteFile(dir_.File("late.csv"), marks);
  ExpectRefused(Db({"marks", "import", kExam, dir_.File("late.csv")}),
                dir_.File("late.csv") +
                    ":3002: error: value \"7\" for aspect A1.3 is out of range: expected a whole "
                    "number from 0 to 3\n" +
                    dir_.File("late.csv") +
                    ":3004: error: candidate \"K2000\" is not registered for this exam\n");
  EXPECT_EQ(Entries(), entries);
  EXPECT_EQ(Db({"audit", "verify"}).exit_code, 0);
}

// The database fails while the file is still being read (on a thread of its own): the import
// stops, reports the failure and leaves nothing written.
TEST_F(LargeImportTest, AStorageFailureMidwayThroughALargeFileWritesNothing) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  std::vector<std::string> entries = Entries();
  WriteFile(dir_.File("many.csv"), RegisterManyCandidates());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER fail BEFORE INSERT ON marks WHEN NEW.candidate = "
                         "(SELECT id FROM candidates WHERE code = 'K0300') "
                         "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  RunResult run = Db({"marks", "import", kExam, dir_.File("many.csv")});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err, "skillscore: error: database " + db_ + ": disk trouble\n");
  EXPECT_EQ(Entries(), entries);
}

// Candidates K001…K400 from four colleges, judged by three judges from elsewhere; process p
// imports the marks of candidates p, p + 4, p + 8 … (every aspect, full panels) at the same time
// as the three others.
TEST_F(DbTest, ConcurrentImportsOfDifferentCandidatesAllSucceed) {
  constexpr int kCandidates = 400;
  constexpr int kProcesses = 4;
  Ok({"rubric", "import", "exam.yaml"});
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM@1"});
  std::string candidates = "id,name,organization\n";
  for (int c = 1; c <= kCandidates; ++c) {
    candidates += fmt::format("K{:03},Candidate {},College {}\n", c, c, c % 4);
  }
  WriteFile(dir_.File("candidates.csv"), candidates);
  WriteFile(dir_.File("judges.csv"),
            "id,name,organization,role\nJ1,,Centre,chief\nJ2,,Centre,\nJ3,,Centre,\n");
  Ok({"candidates", "import", kExam, dir_.File("candidates.csv")});
  Ok({"judges", "import", kExam, dir_.File("judges.csv")});
  std::vector<std::string> files;
  for (int p = 0; p < kProcesses; ++p) {
    std::string marks = "candidate,aspect,judge,value\n";
    for (int c = p + 1; c <= kCandidates; c += kProcesses) {
      marks +=
          fmt::format("K{0:03},A1.1,J1,yes\nK{0:03},A1.2,J1,{1}\nK{0:03},B1.1,J2,нет\n", c, c % 5);
      for (const char* judge : {"J1", "J2", "J3"}) {
        marks += fmt::format("K{0:03},A1.3,{1},2\nK{0:03},B1.2,{1},3\n", c, judge);
      }
    }
    files.push_back(dir_.File(fmt::format("marks-{}.csv", p)));
    WriteFile(files.back(), marks);
  }
  std::vector<RunResult> runs(kProcesses);
  std::vector<std::thread> threads;
  for (int p = 0; p < kProcesses; ++p) {
    // J1, the chief expert, transcribes every judge's marking form.
    threads.emplace_back([&, p] {
      runs[p] = Db({"marks", "import", kExam, files[p], "--as", "J1"});
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const RunResult& run : runs) {
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
  }
  EXPECT_EQ(Entries().size(), 9u * kCandidates);
  JsonValue status = ParseJson(Db({"status", kExam, "--format", "json"}).out);
  EXPECT_EQ(status["expected"].text, "3600");
  EXPECT_EQ(status["entered"].text, "3600");
  EXPECT_TRUE(status["complete"].boolean);
}

}  // namespace
}  // namespace skillscore::testing
