// Many writers at once on PostgreSQL (issue 16): 16 `skillscore marks import` processes started
// together, on one exam and on sixteen exams. Every mark is there exactly once with its value,
// every import is counted once, and each exam's audit chain has one event per write, numbered
// without a gap or a fork, and verifies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pg_support.h"

namespace skillscore::testing {
namespace {

constexpr int kWriters = 16;
constexpr int kCandidatesPerBlock = 150;
constexpr int kMarksPerCandidate = 5;

class PgWritersTest : public ::testing::Test {
 protected:
  std::string Value(const std::string& sql) { return PgValue(pg_.url(), sql); }

  // Starts all writers, then waits for each; every one must succeed.
  static void RunTogether(std::vector<std::unique_ptr<BackgroundProcess>> writers) {
    for (std::size_t w = 0; w < writers.size(); ++w) {
      RunResult run = writers[w]->Wait();
      EXPECT_EQ(run.exit_code, 0) << "writer " << w << ": " << run.err;
    }
  }

  // `exam` has `events` events, and every audit chain of the database (one per exam, or one for
  // all) is numbered 1 … n in order of writing: no number twice, none missing.
  void ExpectIntactChains(const std::string& exam, int events) {
    EXPECT_EQ(Value("SELECT count(*) FROM audit_events WHERE exam = '" + exam + "'"),
              std::to_string(events));
    EXPECT_EQ(Value("SELECT count(*) FROM (SELECT chain FROM audit_events GROUP BY chain "
                    "HAVING count(*) <> count(DISTINCT id) OR min(id) <> 1 OR "
                    "max(id) <> count(*)) AS broken"),
              "0");
    EXPECT_EQ(Value("SELECT count(*) FROM audit_chains c WHERE events <> (SELECT count(*) FROM "
                    "audit_events e WHERE e.chain = c.chain) OR head <> (SELECT hash FROM "
                    "audit_events e WHERE e.chain = c.chain ORDER BY id DESC LIMIT 1)"),
              "0");
  }

  // Each (candidate, aspect, judge) of `exam` once, and the marks those of `reference_exam` on
  // `reference`, where the same file was imported alone.
  void ExpectEveryMarkOnce(const std::string& exam, int candidates, const std::string& reference,
                           const std::string& reference_exam) {
    auto of_exam = [](const std::string& code) {
      return " FROM marks m JOIN candidates c ON c.id = m.candidate JOIN exams e ON e.id = "
             "c.exam JOIN judges j ON j.id = m.judge WHERE e.code = '" +
             code + "'";
    };
    EXPECT_EQ(Value("SELECT count(*) || ' ' || count(DISTINCT (m.candidate, m.aspect, m.judge))" +
                    of_exam(exam)),
              std::to_string(candidates * kMarksPerCandidate) + " " +
                  std::to_string(candidates * kMarksPerCandidate));
    const std::string digest =
        "SELECT md5(string_agg(c.code || ' ' || m.aspect || ' ' || j.code || ' ' || "
        "coalesce(m.value::text, 'na') || '/' || m.den, ',' ORDER BY c.code, m.aspect, j.code))";
    EXPECT_EQ(Value(digest + of_exam(exam)), PgValue(reference, digest + of_exam(reference_exam)));
  }

  TempDir dir_;
  PgTestDatabase pg_;
};

// Each writer imports two neighbouring blocks of candidates, so every mark comes from two writers
// at once: one adds it, the other finds it unchanged.
TEST_F(PgWritersTest, SixteenWritersOnOneExam) {
  std::string candidates = dir_.File("candidates.csv");
  AppendLocksExamPeople(candidates, "K", 0, kWriters * kCandidatesPerBlock);
  CreateLocksExam(pg_.url(), "W", candidates, true);
  std::vector<std::string> files;
  for (int w = 0; w < kWriters; ++w) {
    files.push_back(dir_.File("marks-" + std::to_string(w) + ".csv"));
    for (int block : {w, (w + 1) % kWriters}) {
      AppendLocksExamMarks(files.back(), "K", block * kCandidatesPerBlock, kCandidatesPerBlock);
    }
  }
  int events_before = std::stoi(Value("SELECT count(*) FROM audit_events WHERE exam = 'W'"));

  std::vector<std::unique_ptr<BackgroundProcess>> writers;
  for (const std::string& file : files) {
    writers.push_back(StartOnStore(pg_.url(), {"marks", "import", "W", file, "--as", "J2"}));
  }
  RunTogether(std::move(writers));

  const int all = kWriters * kCandidatesPerBlock;
  std::string all_marks = dir_.File("all.csv");
  AppendLocksExamMarks(all_marks, "K", 0, all);
  PgTestDatabase serial;
  CreateLocksExam(serial.url(), "W", candidates, true);
  ExpectSilentSuccess(OnStore(serial.url(), {"marks", "import", "W", all_marks, "--as", "J2"}));

  ExpectEveryMarkOnce("W", all, serial.url(), "W");
  EXPECT_EQ(Value("SELECT count(*) FROM mark_history"), "0");  // the same values: no change
  EXPECT_EQ(Value("SELECT count(*) || ' ' || sum(rows) || ' ' || sum(added) || ' ' || "
                  "sum(unchanged) || ' ' || sum(changed) FROM mark_batches"),
            std::to_string(kWriters) + " " + std::to_string(2 * all * kMarksPerCandidate) + " " +
                std::to_string(all * kMarksPerCandidate) + " " +
                std::to_string(all * kMarksPerCandidate) + " 0");
  ExpectIntactChains("W", events_before + kWriters);
  RunResult verify = OnStore(pg_.url(), {"audit", "verify", "W"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;

  // What the sixteen wrote together is what one import of every file writes: the same results.
  RunResult together = OnStore(pg_.url(), {"results", "W", "--format", "csv"});
  RunResult alone = OnStore(serial.url(), {"results", "W", "--format", "csv"});
  EXPECT_EQ(together.exit_code, 0) << together.err;
  EXPECT_EQ(together.out, alone.out);
}

// Sixteen exams, one writer each: every exam gets all its marks and a chain of its own.
TEST_F(PgWritersTest, SixteenWritersOnSixteenExams) {
  std::vector<std::string> exams, files;
  for (int w = 0; w < kWriters; ++w) {
    exams.push_back("W" + std::to_string(w));
    std::string candidates = dir_.File("candidates-" + std::to_string(w) + ".csv");
    AppendLocksExamPeople(candidates, "K", 0, kCandidatesPerBlock);
    CreateLocksExam(pg_.url(), exams.back(), candidates, w == 0);
    files.push_back(dir_.File("marks-" + std::to_string(w) + ".csv"));
    AppendLocksExamMarks(files.back(), "K", 0, kCandidatesPerBlock);
  }
  PgTestDatabase alone;
  CreateLocksExam(alone.url(), "W0", dir_.File("candidates-0.csv"), true);
  ExpectSilentSuccess(OnStore(alone.url(), {"marks", "import", "W0", files[0], "--as", "J2"}));
  std::vector<int> events_before;
  for (const std::string& exam : exams) {
    events_before.push_back(
        std::stoi(Value("SELECT count(*) FROM audit_events WHERE exam = '" + exam + "'")));
  }

  std::vector<std::unique_ptr<BackgroundProcess>> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.push_back(
        StartOnStore(pg_.url(), {"marks", "import", exams[w], files[w], "--as", "J2"}));
  }
  RunTogether(std::move(writers));

  for (int w = 0; w < kWriters; ++w) {
    SCOPED_TRACE(exams[w]);
    ExpectEveryMarkOnce(exams[w], kCandidatesPerBlock, alone.url(), "W0");
    ExpectIntactChains(exams[w], events_before[w] + 1);
    RunResult verify = OnStore(pg_.url(), {"audit", "verify", exams[w]});
    EXPECT_EQ(verify.exit_code, 0) << verify.err;
  }
  EXPECT_EQ(Value("SELECT count(*) || ' ' || sum(added) FROM mark_batches"),
            std::to_string(kWriters) + " " +
                std::to_string(kWriters * kCandidatesPerBlock * kMarksPerCandidate));
  RunResult verify_all = OnStore(pg_.url(), {"audit", "verify"});
  EXPECT_EQ(verify_all.exit_code, 0) << verify_all.err;
}

// Appends to one exam's chain wait for each other; another exam's writers do not wait for them.
// A session holds exam A's chain head locked, as a writer of A does until it commits: an import
// into B finishes meanwhile, an import into A waits and finishes once the session lets go.
TEST_F(PgWritersTest, AWriterOfAnotherExamDoesNotWait) {
  std::string candidates = dir_.File("candidates.csv");
  std::string marks = dir_.File("marks.csv");
  AppendLocksExamPeople(candidates, "K", 0, kCandidatesPerBlock);
  AppendLocksExamMarks(marks, "K", 0, kCandidatesPerBlock);
  CreateLocksExam(pg_.url(), "A", candidates, true);
  CreateLocksExam(pg_.url(), "B", candidates, false);
  std::string chain_of_a = Value("SELECT chain FROM audit_events WHERE exam = 'A' LIMIT 1");

  PgSession writer_of_a(pg_.url());
  writer_of_a.Exec("BEGIN");
  writer_of_a.Exec("SELECT head FROM audit_chains WHERE chain = '" + chain_of_a + "' FOR UPDATE");
  std::unique_ptr<BackgroundProcess> import_a =
      StartOnStore(pg_.url(), {"marks", "import", "A", marks, "--as", "J2"});
  std::unique_ptr<BackgroundProcess> import_b =
      StartOnStore(pg_.url(), {"marks", "import", "B", marks, "--as", "J2"});
  ASSERT_TRUE(import_b->WaitFor(60)) << "the import into B waited for exam A's writer";
  EXPECT_EQ(import_b->Wait().exit_code, 0) << import_b->Wait().err;
  EXPECT_FALSE(import_a->WaitFor(1)) << "the import into A did not wait for A's writer";
  writer_of_a.Exec("ROLLBACK");
  RunResult a = import_a->Wait();
  EXPECT_EQ(a.exit_code, 0) << a.err;
  ExpectIntactChains("A", 4);
  ExpectIntactChains("B", 4);
}

}  // namespace
}  // namespace skillscore::testing
