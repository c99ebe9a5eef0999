// skillscore status names the judges who owe a score to an incomplete panel (issue 12), on the
// sample demonstration exam (samples/de-2026-0412): its panels are complete until the chief
// expert E01 withdraws two scores (C06's disputed B2.7 panel is full: no one owes it a score).
// C01 is of E03's college, so E03 owes C01 nothing (scoring.md §6); a locked sub-criterion owes
// no one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db_support.h"
#include "json_reader.h"

namespace skillscore::testing {
namespace {

constexpr char kSample[] = "DE-2026-0412";

class StatusOwersTest : public DbTest {
 protected:
  void SetUp() override {
    std::string sample = SourcePath("samples/de-2026-0412/");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", SourcePath("rubrics/de-09.02.07-2026-pu.yaml")},
             {"exam", "create", kSample, "--rubric", "09.02.07-2026-PU@2026.1"},
             {"candidates", "import", kSample, sample + "candidates.csv"},
             {"judges", "import", kSample, sample + "judges.csv"},
             {"marks", "import", kSample, sample + "marks.csv"},
             {"withdraw", kSample, "C04", "B2.7", "--judge", "E03", "--reason", "wrong work"},
             {"withdraw", kSample, "C01", "A1.4", "--judge", "E05", "--reason", "wrong work"}}) {
      RunResult run = Db(args, WithEnv({{"SKILLSCORE_JUDGE", "E01"}}));
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
  }

  // The lines of the status table that list missing and disputed marks.
  std::string GapLines(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"status", kSample};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult run = Db(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::size_t blank = run.out.rfind("\n\n");
    return blank == std::string::npos ? "" : run.out.substr(blank + 2);
  }
};

TEST_F(StatusOwersTest, TheTableNamesWhoOwesEachMissingScore) {
  EXPECT_EQ(GapLines(),
            "Missing and disputed marks:\n"
            "  A1 C01: A1.4 incomplete (2 of 3 scores), owed by E01, E05, E06\n"
            "  B2 C04: B2.7 incomplete (2 of 3 scores), owed by E01, E03, E05, E06\n"
            "  B2 C06: B2.7 disputed (scores 1, 3, 3)\n");
  EXPECT_EQ(GapLines({"--lang", "ru"}),
            "Недостающие и спорные оценки:\n"
            "  A1 C01: A1.4 неполная (оценок 2 из 3), ожидаются от: E01, E05, E06\n"
            "  B2 C04: B2.7 неполная (оценок 2 из 3), ожидаются от: E01, E03, E05, E06\n"
            "  B2 C06: B2.7 расхождение (оценки 1, 3, 3)\n");
}

TEST_F(StatusOwersTest, JsonProblemsCarryOwedBy) {
  RunResult run = Db({"status", kSample, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  JsonValue status = ParseJson(run.out);
  std::vector<std::string> seen;
  for (const JsonValue& part : status["subcriteria"].items) {
    for (const JsonValue& problem : part["problems"].items) {
      std::string owed;
      for (const JsonValue& judge : problem["owed_by"].items) owed += " " + judge.text;
      seen.push_back(problem["candidate"].text + " " + problem["aspect"].text + ":" + owed);
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"C01 A1.4: E01 E05 E06", "C04 B2.7: E01 E03 E05 E06",
                                            "C06 B2.7:"}));
}

TEST_F(StatusOwersTest, ALockedSubcriterionOwesNoOne) {
  // Every complete sub-criterion is locked (all but A1 and B2); then C07, absent and unmarked,
  // comes: their panels are short everywhere, but only A1's and B2's are owed (not by E06, of
  // C07's college).
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"lock", kSample, "--all"},
           {"candidate", "status", kSample, "C07", "present", "--reason", "came late"}}) {
    RunResult run = Db(args, WithEnv({{"SKILLSCORE_JUDGE", "E01"}}));
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  RunResult run = Db({"status", kSample, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  JsonValue status = ParseJson(run.out);
  std::vector<std::string> owed_for_c07;
  for (const JsonValue& part : status["subcriteria"].items) {
    for (const JsonValue& problem : part["problems"].items) {
      if (problem["candidate"].text != "C07" || problem["detail"].text != "0 of 3 scores") continue;
      std::string owed;
      for (const JsonValue& judge : problem["owed_by"].items) owed += " " + judge.text;
      owed_for_c07.push_back(problem["aspect"].text + ":" + owed);
    }
  }
  const std::string all = " E01 E02 E03 E04 E05";
  EXPECT_EQ(owed_for_c07,
            (std::vector<std::string>{
                "A1.4:" + all, "A1.5:" + all, "A1.6:" + all,
                "A2.6:", "A3.5:", "A3.6:", "B1.5:", "B1.6:", "B2.7:" + all, "B2.8:" + all,
                "B3.6:", "C1.5:", "C2.4:", "C2.6:", "C2.7:", "D1.7:", "D2.1:", "D2.2:", "D2.5:"}));
}

}  // namespace
}  // namespace skillscore::testing
