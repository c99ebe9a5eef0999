// The exam day on PostgreSQL prints exactly what it prints on SQLite: every command of the
// everyday flow (set-up, marks singly and in bulk, refusals, status, results, judges' report,
// sign-off, history, candidate status, passports, audit verify) run on both stores side by side,
// outputs compared byte for byte once the clock's times and the audit hashes that cover them are
// masked; and the results are the oracle's (`score`, tests/e2e/data/expected/final.json).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "pg_support.h"

namespace skillscore::testing {
namespace {

constexpr char kExam[] = "T-2026-01";

class PgEverydayTest : public TwoStoresTest {};

TEST_F(PgEverydayTest, TheExamDayPrintsTheSameOnBothStores) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"-v", "rubric", "import", "exam.yaml"},
           {"-v", "rubric", "import", "exam.yaml"},  // unchanged
           {"rubric", "list", "--format", "csv"},
           {"rubric", "list"},
           {"rubric", "show", "T-EXAM@1", "--format", "json"},
           {"rubric", "show", "T-EXAM"},
           {"exam", "create", kExam, "--rubric", "T-EXAM@1", "--date", "12.04.2026"},
           {"exam", "create", kExam, "--rubric", "T-EXAM@1"},  // refused: exists
           {"exam", "list", "--format", "csv"},
           {"exam", "list", "--lang", "ru"},
           {"-v", "candidates", "import", kExam, "candidates.csv"},
           {"-v", "judges", "import", kExam, "judges.csv"},
           {"-v", "judges", "import", kExam, "judges.csv"},
           {"status", kExam, "--format", "json"},
           {"-v", "marks", "import", kExam, "marks-provisional.csv"},
           {"marks", "import", kExam, "marks-bad.csv"},  // refused whole, every row named
           {"status", kExam},
           {"status", kExam, "--format", "csv", "--lang", "ru"},
           {"results", kExam},
           {"results", kExam, "--format", "csv"},
           {"results", kExam, "--format", "json", "--lang", "ru"},
           {"-v", "mark", kExam, "C1", "A1.2", "2", "--judge", "E1"},
           {"-v", "mark", kExam, "C1", "A1.2", "2", "--judge", "E1"},  // unchanged
           {"-v", "mark", kExam, "C1", "A1.3", "3", "--judge", "E4", "--reason", "recounted"},
           {"--as", "E4", "mark", kExam, "C1", "A1.3", "2", "--judge", "E2"},  // not E4's own
           {"mark", kExam, "C1", "A1.1", "maybe", "--judge", "E1"},
           {"-v", "marks", "import", kExam, "marks.csv"},
           {"report", "judges", kExam},
           {"report", "judges", kExam, "--format", "csv", "--lang", "ru"},
           {"lock", kExam, "A1"},
           {"mark", kExam, "C1", "A1.1", "no", "--judge", "E1"},  // refused: locked
           {"--as", "E2", "lock", kExam, "B1"},                   // refused: an expert
           {"lock", kExam, "B1"},
           {"status", kExam, "--format", "csv"},
           {"results", kExam, "--format", "json"},
           {"history", kExam, "--format", "csv"},
           {"history", kExam, "--candidate", "C1", "--aspect", "A1.3", "--format", "json"},
           {"history", kExam, "--aspect", "A1.2", "--lang", "ru"},
           {"audit", "verify"},
           {"audit", "verify", kExam},
           {"unlock", kExam, "B1", "--reason", "C4 came late"},
           {"candidate", "status", kExam, "C4", "present", "--reason", "came late"},
           {"history", kExam, "--candidate", "C4", "--format", "csv"},
           {"status", kExam, "--format", "csv"},
           {"results", kExam, "--format", "csv"},
           {"audit", "verify", "--lang", "ru"},
       }) {
    OnBoth(args);
  }
}

// The results of the finished exam are the oracle's, on PostgreSQL as on SQLite.
TEST_F(PgEverydayTest, FinalResultsAreTheExpectedOnes) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rubric", "import", "exam.yaml"},
           {"exam", "create", kExam, "--rubric", "T-EXAM@1"},
           {"candidates", "import", kExam, "candidates.csv"},
           {"judges", "import", kExam, "judges.csv"},
           {"marks", "import", kExam, "marks.csv"},
           {"lock", kExam, "A1"},
           {"lock", kExam, "B1"},
       }) {
    OkOnBoth(args);
  }
  std::string expected = ReadFile(E2eDataPath("expected/final.json"));
  expected.replace(expected.find("@SHA256@"), 8, RubricSha256(E2eDataPath("exam.yaml")));
  RunResult results = OnBoth({"results", kExam, "--format", "json"});
  EXPECT_EQ(results.exit_code, 0) << results.err;
  EXPECT_EQ(results.out, expected);
  for (const char* format : {"csv", "table"}) {
    RunResult score =
        RunInData({"score", "--rubric", "exam.yaml", "--candidates", "candidates.csv", "--judges",
                   "judges.csv", "--marks", "marks.csv", "--format", format});
    ASSERT_EQ(score.exit_code, 0) << score.err;
    EXPECT_EQ(OnBoth({"results", kExam, "--format", format}).out, score.out) << format;
  }
}

// `audit verify EXAM` names the head of the exam's own chain on PostgreSQL (exam create,
// candidates, judges, marks: the rubric's import is in the rubric's chain); both stores agree.
TEST_F(PgEverydayTest, AuditVerifyNamesTheLastEventsHash) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rubric", "import", "exam.yaml"},
           {"exam", "create", kExam, "--rubric", "T-EXAM@1"},
           {"candidates", "import", kExam, "candidates.csv"},
           {"judges", "import", kExam, "judges.csv"},
           {"marks", "import", kExam, "marks.csv"},
       }) {
    OkOnBoth(args);
  }
  RunResult verify = OnBoth({"audit", "verify", kExam});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  std::string head = PgValue(pg_.url(),
                             "SELECT hash FROM audit_events WHERE exam = 'T-2026-01' "
                             "ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(verify.out, "audit log intact: 4 events, last hash " + head + "\n");
}

// Passports are issued, listed and verified alike.
TEST_F(PgEverydayTest, PassportsAreIssuedAlike) {
  std::string keys = dir_.File("keys");
  RunResult init = RunInData({"keys", "init", "--issuer", "Org X", "--dir", keys});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rubric", "import", "exam.yaml"},
           {"exam", "create", kExam, "--rubric", "T-EXAM@1"},
           {"candidates", "import", kExam, "candidates.csv"},
           {"judges", "import", kExam, "judges.csv"},
           {"marks", "import", kExam, "marks.csv"},
           {"lock", kExam, "A1"},
           {"lock", kExam, "B1"},
       }) {
    OkOnBoth(args);
  }
  RunResult issued = OnBoth({"passport", "issue", kExam, "--dir", keys});
  EXPECT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_EQ(issued.out,
            "issued passport T-2026-01-C1-1 for Иванов Иван (C1)\n"
            "issued passport T-2026-01-C2-1 for Петрова Анна (C2)\n"
            "issued passport T-2026-01-C3-1 for Smith, John (C3)\n");
  OnBoth({"passport", "list", kExam, "--format", "csv"});
  OnBoth({"passport", "revoke", "T-2026-01-C2-1", "--reason", "wrong person"});
  OnBoth({"passport", "list", kExam, "--lang", "ru"});
  OnBoth({"passport", "issue", kExam, "--dir", keys});  // nothing new to issue
  OnBoth({"audit", "verify"});
}

}  // namespace
}  // namespace skillscore::testing
