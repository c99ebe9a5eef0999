// skillscore withdraw (issue 12): a chief expert takes a mark back with a reason; the panel is
// incomplete again, the history shows the withdrawal and the audit log stays intact.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "db_support.h"

namespace skillscore::testing {
namespace {

// Times replaced by "T": the command line records the real clock (UTC here: cli_support.h).
std::string WithoutTimes(const std::string& text) {
  static const std::regex kTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  return std::regex_replace(text, kTime, "T");
}

class WithdrawTest : public DbTest {
 protected:
  void SetUp() override { SetUpLocksExam(); }
};

TEST_F(WithdrawTest, TheChiefWithdrawsAScoreAndThePanelIsIncompleteAgain) {
  Ok({"withdraw", "E1", "C1", "A1.2", "--judge", "J3", "--reason", "scored the wrong candidate",
      "--as", "J2"});
  RunResult status = Db({"status", "E1"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(status.out,
            "Exam: E1\n"
            "Rubric: LOCKS@1, max 6\n"
            "Marks entered: 3 of 5; missing: 2; disputed panels: 0\n"
            "\n"
            "Sub-criterion  Entered  Expected  Missing  Disputed  Complete  Locked\n"
            "A1                   3         4        1         0  no        no\n"
            "A2                   0         1        1         0  no        no\n"
            "\n"
            "Missing and disputed marks:\n"
            "  A1 C1: A1.2 incomplete (2 of 3 scores), owed by J3\n"
            "  A2 C1: A2.1 no mark\n");
  RunResult history = Db({"history", "E1", "--aspect", "A1.2", "--format", "csv"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(WithoutTimes(history.out),
            "event,at,actor,action,file,candidate,subcriterion,aspect,judge,old,new,reason\n"
            "4,T,J2,mark,integrity/marks.csv,C1,A1,A1.2,J1,,2,\n"
            "4,T,J2,mark,integrity/marks.csv,C1,A1,A1.2,J2,,2,\n"
            "4,T,J2,mark,integrity/marks.csv,C1,A1,A1.2,J3,,3,\n"
            "5,T,J2,mark withdraw,,C1,A1,A1.2,J3,3,withdrawn,scored the wrong candidate\n");
  RunResult verify = Db({"audit", "verify", "--exam", "E1"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(verify.out.substr(0, 38), "audit log intact: 5 events, last hash ");
  // J3 scores again: the panel is complete, and the history shows what the score replaced.
  Ok({"mark", "E1", "C1", "A1.2", "2", "--judge", "J3", "--as", "J2"});
  RunResult again = Db({"history", "E1", "--aspect", "A1.2", "--format", "csv"});
  EXPECT_NE(again.out.find("\n6,"), std::string::npos) << again.out;
  EXPECT_NE(WithoutTimes(again.out).find("6,T,J2,mark,,C1,A1,A1.2,J3,withdrawn,2,\n"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(Db({"audit", "verify"}).exit_code, 0);
}

TEST_F(WithdrawTest, OnlyAChiefExpertWithAReasonWithdrawsAndNeverOnALockedSubcriterion) {
  ExpectRefused(Db({"withdraw", "E1", "C1", "A1.1", "--reason", "mine", "--as", "J1"}),
                "skillscore: error: J1 is an expert of exam E1; only a chief expert may "
                "withdraw a mark\n");
  RunResult no_option = Db({"withdraw", "E1", "C1", "A1.1", "--as", "J2"});
  EXPECT_EQ(no_option.exit_code, 2);
  EXPECT_EQ(no_option.err,
            "skillscore: error: missing option '--reason'\nsee 'skillscore withdraw --help'\n");
  ExpectRefused(Db({"withdraw", "E1", "C1", "A1.1", "--reason", " ", "--as", "J2"}),
                "skillscore: error: a reason is required to withdraw the mark of C1 for A1.1\n"
                "skillscore: error: give the reason with --reason TEXT\n");
  Ok({"lock", "E1", "A1", "--as", "J2"});
  RunResult locked = Db({"withdraw", "E1", "C1", "A1.1", "--reason", "retest", "--as", "J2"});
  EXPECT_EQ(locked.exit_code, 1);
  EXPECT_EQ(WithoutTimes(locked.err),
            "skillscore: error: sub-criterion A1 is locked (signed off by J2 at T): the mark of "
            "C1 for A1.1 cannot be withdrawn; unlock it first\n");
  RunResult russian =
      Db({"withdraw", "E1", "C1", "A1.1", "--reason", "retest", "--as", "J2", "--lang", "ru"});
  EXPECT_EQ(WithoutTimes(russian.err),
            "skillscore: ошибка: подкритерий A1 заблокирован (J2, T): оценку участника C1 по "
            "аспекту A1.1 отозвать нельзя; сначала разблокируйте его\n");
  RunResult verify = Db({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

}  // namespace
}  // namespace skillscore::testing
