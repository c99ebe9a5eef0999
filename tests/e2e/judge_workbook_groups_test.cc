// Marking groups imported from a judges workbook (docs/panels.md, "From a workbook"): the chief
// expert's spreadsheet with the column "Группы оценки" assigns the same groups as the CSV of
// tests/data/marking-groups, and every bad cell is refused as in the CSV, named by file, sheet and
// row, exit 1, nothing written. The workbooks are made by tests/e2e/xlsx/group_workbooks.py
// (python3-openpyxl) from the CSV files, sheet "Эксперты".
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "db_support.h"

namespace skillscore::testing {
namespace {

constexpr char kSample[] = "DE-2026-0412";
constexpr char kPython[] = "/usr/bin/python3";
constexpr char kRubric[] = "09.02.07-2026-PU@2026.1";

class JudgeWorkbookGroupsTest : public DbTest {
 protected:
  void SetUp() override {
    RunResult made = skillscore::testing::Run(
        kPython, {SourcePath("tests/e2e/xlsx/group_workbooks.py"), workbooks_.path()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::string sample = SourcePath("samples/de-2026-0412/");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", SourcePath("rubrics/de-09.02.07-2026-pu.yaml")},
             {"exam", "create", kSample, "--rubric", kRubric},
             {"candidates", "import", kSample, sample + "candidates.csv"},
             {"judges", "import", kSample, sample + "judges.csv"},
             {"marks", "import", kSample, sample + "marks.csv"}}) {
      RunResult run = AsChief(args);
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
  }

  // The sample's chief expert E01 acts.
  RunResult AsChief(const std::vector<std::string>& args) {
    return Db(args, WithEnv({{"SKILLSCORE_JUDGE", "E01"}}));
  }

  std::string Workbook(const std::string& name) { return workbooks_.File(name + ".xlsx"); }

  std::string History() {
    RunResult run = Db({"history", kSample, "--format", "csv"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }

  // The history's `judge change` events without their sequence number and time.
  std::string JudgeChanges() {
    std::istringstream lines(History());
    std::string changes;
    for (std::string line; std::getline(lines, line);) {
      if (line.find(",judge change,") == std::string::npos) continue;
      changes += line.substr(line.find(',', line.find(',') + 1) + 1) + "\n";
    }
    return changes;
  }

  TempDir workbooks_;
};

TEST_F(JudgeWorkbookGroupsTest, AWorkbookAssignsTheGroupsOfItsCsvTwin) {
  RunResult imported = AsChief({"judges", "import", kSample, Workbook("judges")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(JudgeChanges(),
            "E01,judge change,,,,,E02,\"subcriteria: \",subcriteria: A1 B2,\n"
            "E01,judge change,,,,,E03,\"subcriteria: \",subcriteria: B2,\n"
            "E01,judge change,,,,,E04,\"subcriteria: \",subcriteria: A1 B2,\n"
            "E01,judge change,,,,,E05,\"subcriteria: \",subcriteria: A1,\n");
  ExpectRefused(Db({"--as", "E05", "mark", kSample, "C04", "B2.7", "0"}),
                "skillscore: error: mark refused: judge E05 is not in the marking group of "
                "sub-criterion B2 (E02, E03, E04): only its members score B2.7\n");
  RunResult verify = Db({"audit", "verify", kSample});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST_F(JudgeWorkbookGroupsTest, AnUnknownSubcriterionIsNamedBySheetAndRow) {
  const std::string before = History();
  const std::string file = Workbook("judges-unknown-subcriterion");
  ExpectRefused(AsChief({"judges", "import", kSample, file}),
                file +
                    ":Эксперты:5: error: judge E04: subcriteria: \"B9\" is not a sub-criterion of "
                    "rubric 09.02.07-2026-PU@2026.1: expected one of A1, A2, A3, B1, B2, B3, C1, "
                    "C2, D1, D2\n");
  ExpectRefused(AsChief({"--lang", "ru", "judges", "import", kSample, file}),
                file +
                    ":Эксперты:5: ошибка: эксперт E04: подкритерии: «B9» — не подкритерий "
                    "рубрики 09.02.07-2026-PU@2026.1: ожидается один из A1, A2, A3, B1, B2, B3, "
                    "C1, C2, D1, D2\n");
  EXPECT_EQ(History(), before);
}

TEST_F(JudgeWorkbookGroupsTest, AGroupSmallerThanAPanelIsRefused) {
  const std::string before = History();
  ExpectRefused(AsChief({"judges", "import", kSample, Workbook("judges-small-group")}),
                "skillscore: error: the marking group of sub-criterion B2 would have 2 judges "
                "(E02, E04), but a panel takes 3 scores (rubric 09.02.07-2026-PU@2026.1): list at "
                "least 3 judges for B2, or none\n");
  EXPECT_EQ(History(), before);
}

TEST_F(JudgeWorkbookGroupsTest, ASubcriterionListedTwiceIsNamedBySheetAndRow) {
  const std::string before = History();
  const std::string file = Workbook("judges-listed-twice");
  ExpectRefused(AsChief({"judges", "import", kSample, file}),
                file + ":Эксперты:5: error: subcriteria: \"A1\" is listed twice\n");
  EXPECT_EQ(History(), before);
}

}  // namespace
}  // namespace skillscore::testing
