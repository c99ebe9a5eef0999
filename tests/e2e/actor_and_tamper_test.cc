// What service_rules_test.cc leaves open of issue 12's rules, on the test exam of tests/e2e/data:
// `--as ""` is no actor (it no longer gets round the transcription rule that `--as E2` meets, nor
// falls back to $SKILLSCORE_JUDGE), every write without an actor is refused with exit 2 and a
// message naming `--as` — `marks import` and `rescore --apply` too, writing nothing — and after a
// mark is changed behind skillscore's back `status` and `passport issue` name `audit verify`.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db_support.h"

namespace skillscore::testing {
namespace {

const std::string kNoActor =
    "skillscore: error: who is acting? every change is recorded in the name of a judge of exam "
    "T-2026-01\n"
    "skillscore: error: say who is acting with --as JUDGE or SKILLSCORE_JUDGE\n";

class ActorAndTamperTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    Ok({"marks", "import", kExam, "marks.csv"});
  }

  std::string History() {
    RunResult run = Db({"history", kExam, "--format", "csv"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }

  // A usage error: exit 2, nothing on stdout, exactly `err`.
  static void ExpectUsage(const RunResult& run, const std::string& err) {
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, err);
  }
};

TEST_F(ActorAndTamperTest, AnEmptyAsIsNoActorEvenWithSkillscoreJudgeSet) {
  const std::string before = History();
  // E2 may not transcribe E4's judgement score; an empty --as must not make that possible.
  ExpectUsage(Db({"--as", "", "mark", kExam, "C1", "A1.3", "1", "--judge", "E4"},
                 WithEnv({{"SKILLSCORE_JUDGE", "E2"}})),
              kNoActor);
  EXPECT_EQ(History(), before);
}

TEST_F(ActorAndTamperTest, EveryWriteWithoutAnActorNamesAs) {
  const RunOptions nobody = WithEnv({{"SKILLSCORE_JUDGE", ""}});
  const std::string before = History();
  ExpectUsage(Db({"marks", "import", kExam, "marks.csv"}, nobody), kNoActor);
  // `--judge` says whose score it is, never who acts.
  ExpectUsage(Db({"mark", kExam, "C1", "A1.3", "1", "--judge", "E4"}, nobody), kNoActor);
  EXPECT_EQ(History(), before);

  std::string corrected = ReadFile(E2eDataPath("exam.yaml"));
  corrected.replace(corrected.find("version: \"1\""), 12, "version: \"2\"");
  const std::string file = dir_.File("exam-v2.yaml");
  WriteFile(file, corrected);
  Ok({"rubric", "import", file});
  ExpectUsage(Db({"rescore", "--to", "T-EXAM@2", "--all", "--apply", "--reason", "typo"}, nobody),
              "skillscore: error: who is acting? every change is recorded in someone's name: "
              "rubric T-EXAM@2\n"
              "skillscore: error: say who is acting with --as JUDGE or SKILLSCORE_JUDGE\n");
  RunResult exams = Db({"exam", "list", "--format", "csv"});
  EXPECT_NE(exams.out.find("T-2026-01,T-EXAM,1,"), std::string::npos) << exams.out;
}

TEST_F(ActorAndTamperTest, ATamperedMarkIsNamedByStatusAndPassportIssue) {
  Ok({"lock", kExam, "--all"});
  RunResult shell =
      skillscore::testing::Run("/usr/bin/sqlite3", {db_,
                                                    "DROP TRIGGER IF EXISTS marks_keep_all; "
                                                    "UPDATE marks SET value = 0 WHERE entry = 2;"});
  ASSERT_EQ(shell.exit_code, 0) << shell.err;
  const std::string broken =
      "the data of exam T-2026-01 does not match its audit log (audit log broken at event 4 "
      "(marks import marks.csv, E1, ";
  RunResult status = Db({"status", kExam});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(status.err.rfind("skillscore: error: " + broken, 0), 0u) << status.err;
  EXPECT_NE(status.err.find("results stay provisional; run `skillscore audit verify T-2026-01`\n"),
            std::string::npos)
      << status.err;
  const std::string keys = dir_.File("keys");
  ASSERT_EQ(Db({"keys", "init", "--issuer", "Org X", "--dir", keys}).exit_code, 0);
  RunResult issue = Db({"passport", "issue", kExam, "--dir", keys});
  EXPECT_EQ(issue.exit_code, 1);
  EXPECT_EQ(issue.out, "");
  EXPECT_EQ(issue.err.rfind("skillscore: error: results of exam T-2026-01 are provisional: its "
                            "data does not match the audit log (audit log broken at event 4",
                            0),
            0u)
      << issue.err;
  EXPECT_NE(issue.err.find("run `skillscore audit verify`; passports are issued for final "
                           "results only\n"),
            std::string::npos)
      << issue.err;
}

}  // namespace
}  // namespace skillscore::testing
