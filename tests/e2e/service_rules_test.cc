// The rules of the exam service (exam_service.h) as a user meets them through the command line:
// the same rule on every path (`mark`, `marks import`), finality shared by `results` and
// `passport issue`, an actor on every write, panels that take no outside judge, and `lock --all`.
#include <gtest/gtest.h>

#include <fstream>

#include "db_support.h"

namespace skillscore::testing {
namespace {

class ServiceRulesTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    Ok({"marks", "import", kExam, "marks.csv"});
  }

  // A file in this test's directory with `text`; its path.
  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    std::ofstream(path) << text;
    return path;
  }

  std::string ResultsStatus() {
    std::string json = ResultsJson();
    std::size_t begin = json.find("\"status\": \"") + 11;
    return json.substr(begin, json.find('"', begin) - begin);
  }
};

TEST_F(ServiceRulesTest, AWriteWithoutAnActorIsAUsageError) {
  RunResult run =
      Db({"mark", kExam, "C1", "A1.1", "no", "--judge", "E1"}, WithEnv({{"SKILLSCORE_JUDGE", ""}}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "skillscore: error: who is acting? every change is recorded in the name of a judge "
            "of exam T-2026-01\n"
            "skillscore: error: say who is acting with --as JUDGE or SKILLSCORE_JUDGE\n");
  RunResult import =
      Db({"marks", "import", kExam, "marks.csv"}, WithEnv({{"SKILLSCORE_JUDGE", ""}}));
  EXPECT_EQ(import.exit_code, 2);
  RunResult rubric =
      Db({"rubric", "import", "warn-rubric.yaml"}, WithEnv({{"SKILLSCORE_JUDGE", ""}}));
  EXPECT_EQ(rubric.exit_code, 2);
  EXPECT_NE(rubric.err.find("--as JUDGE"), std::string::npos) << rubric.err;
}

TEST_F(ServiceRulesTest, MarksImportRefusesAForeignJudgementScoreAsMarkDoes) {
  const std::string refusal =
      "A1.3 is a judgement aspect: judge E4 enters their own score; E2 may not enter it for "
      "them (only a chief expert may transcribe a marking form)";
  ExpectRefused(Db({"--as", "E2", "mark", kExam, "C1", "A1.3", "1", "--judge", "E4"}),
                "skillscore: error: mark refused: " + refusal + "\n");
  std::string file = WriteFile("foreign.csv",
                               "candidate,aspect,judge,value\n"
                               "C1,A1.2,E2,4\n"
                               "C1,A1.3,E4,1\n");
  ExpectRefused(Db({"--as", "E2", "marks", "import", kExam, file}),
                file + ":3: error: " + refusal + "\n");
  EXPECT_EQ(Entries().size(), 27u);  // nothing written
}

TEST_F(ServiceRulesTest, AJudgeOutsideAFullPanelIsRefusedOnEveryPath) {
  std::string judges = WriteFile("judges5.csv",
                                 "id,name,organization,role\n"
                                 "E5,Эксперт Пять,Колледж №5,expert\n");
  Ok({"judges", "import", kExam, judges});
  const std::string refusal =
      "the panel of A1.3 for candidate C1 is full: 3 judges score it (E1, E2, E4); judge E5 is "
      "not on it";
  ExpectRefused(Db({"--as", "E5", "mark", kExam, "C1", "A1.3", "0"}),
                "skillscore: error: mark refused: " + refusal + "\n");
  std::string file = WriteFile("fourth.csv",
                               "candidate,aspect,judge,value\n"
                               "C1,A1.3,E5,0\n");
  ExpectRefused(Db({"--as", "E1", "marks", "import", kExam, file}),
                file + ":2: error: " + refusal + "\n");
  // A judge already on the panel re-scores as before.
  Ok({"--as", "E2", "mark", kExam, "C1", "A1.3", "3"});
}

TEST_F(ServiceRulesTest, NotAttemptedIsAnAnswerSoAnExamWithNaGetsPassports) {
  // C3's A1.2 is marked na (tests/e2e/data/marks.csv); everything else is complete.
  Ok({"lock", kExam, "--all"});
  EXPECT_EQ(ResultsStatus(), "final");
  std::string keys = dir_.File("keys");
  ASSERT_EQ(Db({"keys", "init", "--issuer", "Org X", "--dir", keys}).exit_code, 0);
  RunResult issue = Db({"passport", "issue", kExam, "--dir", keys});
  EXPECT_EQ(issue.exit_code, 0) << issue.err;
  EXPECT_EQ(issue.out,
            "issued passport T-2026-01-C1-1 for Иванов Иван (C1)\n"
            "issued passport T-2026-01-C2-1 for Петрова Анна (C2)\n"
            "issued passport T-2026-01-C3-1 for Smith, John (C3)\n");
}

TEST_F(ServiceRulesTest, LockAllLocksTheCompleteSubcriteriaAndLockingTwiceIsNoError) {
  Ok({"mark", kExam, "C2", "B1.2", "3", "--as", "E3"});  // disputes C2's B1 panel (2, 3, 1)
  RunResult all = Db({"lock", kExam, "--all"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(all.err, "not locked: B1: 0 marks missing, 1 panels disputed\n");
  Ok({"lock", kExam, "A1"});
  RunResult status = Db({"status", kExam, "--format", "csv"});
  EXPECT_NE(status.out.find("A1,"), std::string::npos);
  EXPECT_EQ(ResultsStatus(), "provisional");
}

TEST_F(ServiceRulesTest, ATamperedMarkKeepsResultsProvisional) {
  Ok({"lock", kExam, "--all"});
  ASSERT_EQ(ResultsStatus(), "final");
  RunResult shell =
      testing::Run("/usr/bin/sqlite3", {db_,
                                        "DROP TRIGGER IF EXISTS marks_keep_all; "
                                        "UPDATE marks SET value = 0 WHERE entry = 2;"});
  ASSERT_EQ(shell.exit_code, 0) << shell.err;
  RunResult results = Db({"results", kExam, "--format", "json"});
  EXPECT_EQ(results.exit_code, 0);
  EXPECT_NE(results.out.find("\"status\": \"provisional\""), std::string::npos);
  EXPECT_EQ(results.err.rfind("skillscore: error: the data of exam T-2026-01 does not match its "
                              "audit log (",
                              0),
            0u)
      << results.err;
  EXPECT_NE(results.err.find("run `skillscore audit verify T-2026-01`"), std::string::npos);
  std::string keys = dir_.File("keys");
  ASSERT_EQ(Db({"keys", "init", "--issuer", "Org X", "--dir", keys}).exit_code, 0);
  RunResult issue = Db({"passport", "issue", kExam, "--dir", keys});
  EXPECT_EQ(issue.exit_code, 1);
  EXPECT_NE(issue.err.find("passports are issued for final results only"), std::string::npos);
}

}  // namespace
}  // namespace skillscore::testing
