// Crashes during a bulk import on PostgreSQL (issue 16): kill -9 of the client, and kill -9 of
// the server (postmaster and backends at once, on a server of the test's own). After each, the
// exam holds all of the import or none of it, its audit chain verifies, and the same import then
// runs to the end: a dead writer leaves no lock behind.
//
// One import of 50,000 marks runs to the end first, to learn how long an import takes; the
// crashes then come after random delays within that time (the seed is printed on failure).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <random>
#include <thread>

#include "pg_support.h"

namespace skillscore::testing {
namespace {

constexpr int kCandidates = 10000;
constexpr int kMarks = kCandidates * 5;
constexpr int kTrials = 3;

class PgCrashTest : public ::testing::Test {
 protected:
  PgCrashTest() : random_(seed_) {
    AppendLocksExamPeople(candidates_, "K", 0, kCandidates);
    AppendLocksExamMarks(marks_, "K", 0, kCandidates);
  }

  // Marks of `exam` on `url`.
  static int MarksOf(const std::string& url, const std::string& exam) {
    return std::stoi(PgValue(url,
                             "SELECT count(*) FROM marks m JOIN candidates c ON c.id = m.candidate "
                             "JOIN exams e ON e.id = c.exam WHERE e.code = '" +
                                 exam + "'"));
  }

  std::vector<std::string> Import(const std::string& exam) const {
    return {"marks", "import", exam, marks_, "--as", "J2"};
  }

  // Times one whole import of a fresh exam on `url`; the upper bound of the random delays.
  std::chrono::microseconds TimeOneImport(const std::string& url, const std::string& exam) {
    CreateLocksExam(url, exam, candidates_, true);
    auto started = std::chrono::steady_clock::now();
    RunResult run = StartOnStore(url, Import(exam))->Wait();
    auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(MarksOf(url, exam), kMarks);
    return std::chrono::duration_cast<std::chrono::microseconds>(took);
  }

  std::chrono::microseconds RandomDelay(std::chrono::microseconds within) {
    return std::chrono::microseconds(
        std::uniform_int_distribution<std::int64_t>(0, within.count())(random_));
  }

  // After a crash: all or nothing of the import, an intact chain, and the import completes.
  void ExpectAllOrNothingThenComplete(const std::string& url, const std::string& exam) {
    int marks = MarksOf(url, exam);
    EXPECT_TRUE(marks == 0 || marks == kMarks) << marks << " marks";
    RunResult verify = OnStore(url, {"audit", "verify", exam});
    EXPECT_EQ(verify.exit_code, 0) << verify.err;
    RunResult again = OnStore(url, Import(exam));
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(MarksOf(url, exam), kMarks);
  }

  TempDir dir_;
  std::string candidates_ = dir_.File("candidates.csv");
  std::string marks_ = dir_.File("marks.csv");
  unsigned seed_ = std::random_device()();
  std::mt19937 random_;
};

TEST_F(PgCrashTest, AKilledClientLeavesAllOrNothing) {
  PgTestDatabase database;
  std::chrono::microseconds duration = TimeOneImport(database.url(), "FIRST");
  for (int trial = 0; trial < kTrials; ++trial) {
    SCOPED_TRACE("seed " + std::to_string(seed_) + ", trial " + std::to_string(trial));
    std::string exam = "E" + std::to_string(trial);
    CreateLocksExam(database.url(), exam, candidates_, false);
    std::unique_ptr<BackgroundProcess> import = StartOnStore(database.url(), Import(exam));
    std::this_thread::sleep_for(RandomDelay(duration));
    import->Kill(SIGKILL);
    RunResult run = import->Wait();
    EXPECT_TRUE(run.exit_code == 128 + SIGKILL || run.exit_code == 0) << run.err;
    ExpectAllOrNothingThenComplete(database.url(), exam);
  }
}

TEST_F(PgCrashTest, AKilledServerLeavesAllOrNothingAfterRestart) {
  PrivatePgServer own;
  PgTestDatabase database(own.server());
  std::chrono::microseconds duration = TimeOneImport(database.url(), "FIRST");
  for (int trial = 0; trial < kTrials; ++trial) {
    SCOPED_TRACE("seed " + std::to_string(seed_) + ", trial " + std::to_string(trial));
    std::string exam = "E" + std::to_string(trial);
    CreateLocksExam(database.url(), exam, candidates_, false);
    std::unique_ptr<BackgroundProcess> import = StartOnStore(database.url(), Import(exam));
    std::this_thread::sleep_for(RandomDelay(duration));
    own.Kill();
    RunResult run = import->Wait();
    own.Restart();
    if (run.exit_code == 0) {
      EXPECT_EQ(MarksOf(database.url(), exam), kMarks);  // what was reported stored is stored
    } else {
      EXPECT_EQ(run.exit_code, 3) << run.err;
      EXPECT_EQ(run.out, "");
      EXPECT_NE(run.err.find("PostgreSQL server " + own.server().host + ":" + own.server().port),
                std::string::npos)
          << run.err;
      EXPECT_EQ(run.err.find(own.server().password), std::string::npos) << run.err;
    }
    ExpectAllOrNothingThenComplete(database.url(), exam);
  }
}

}  // namespace
}  // namespace skillscore::testing
