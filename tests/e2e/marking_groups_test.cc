// Marking groups end to end (docs/panels.md), on the ДЭ sample (samples/de-2026-0412) marked as
// it is and then given the groups of tests/data/marking-groups/judges.csv: B2 is marked by E02,
// E03, E04 and A1 by E02, E04, E05. A judge outside a group is refused by `mark` and by
// `marks import` (nothing written), in English and Russian; `status` names only the group's
// members as owing a score; a bad `subcriteria` cell is refused with its file and line; the groups
// travel in a bundle to PostgreSQL and back, where the same rules hold.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db_support.h"
#include "pg_support.h"

namespace skillscore::testing {
namespace {

constexpr char kSample[] = "DE-2026-0412";

std::string Groups(const std::string& file) {
  return SourcePath("tests/data/marking-groups/" + file);
}

// The sample marked on `db`, then its judges re-imported with their marking groups.
void MarkTheSample(const std::string& db) {
  const std::string sample = SourcePath("samples/de-2026-0412/");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rubric", "import", SourcePath("rubrics/de-09.02.07-2026-pu.yaml")},
           {"exam", "create", kSample, "--rubric", "09.02.07-2026-PU@2026.1"},
           {"candidates", "import", kSample, sample + "candidates.csv"},
           {"judges", "import", kSample, sample + "judges.csv"},
           {"marks", "import", kSample, sample + "marks.csv"},
           {"judges", "import", kSample, Groups("judges.csv")}}) {
    RunResult run = OnStore(db, args, WithEnv({{"SKILLSCORE_JUDGE", "E01"}}));
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
}

// The lines of the status table that list missing and disputed marks.
std::string GapLines(const std::string& db, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"status", kSample};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult run = OnStore(db, args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::size_t blank = run.out.rfind("\n\n");
  return blank == std::string::npos ? "" : run.out.substr(blank + 2);
}

const std::string kOutsideB2 =
    "judge E05 is not in the marking group of sub-criterion B2 (E02, E03, E04): only its members "
    "score B2.7";

class MarkingGroupsTest : public DbTest {
 protected:
  void SetUp() override { MarkTheSample(db_); }

  RunResult AsChief(const std::vector<std::string>& args) {
    return Db(args, WithEnv({{"SKILLSCORE_JUDGE", "E01"}}));
  }

  std::string History() {
    RunResult run = Db({"history", kSample, "--format", "csv"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }
};

TEST_F(MarkingGroupsTest, MarkRefusesAJudgeOutsideTheGroup) {
  const std::string before = History();
  // E05 scored other candidates' B2.7 before the groups: now E05 is no member of B2's group.
  ExpectRefused(Db({"--as", "E05", "mark", kSample, "C04", "B2.7", "0"}),
                "skillscore: error: mark refused: " + kOutsideB2 + "\n");
  ExpectRefused(Db({"--as", "E05", "--lang", "ru", "mark", kSample, "C04", "B2.7", "0"}),
                "skillscore: ошибка: оценка отклонена: эксперт E05 не входит в группу оценки "
                "подкритерия B2 (E02, E03, E04): B2.7 оценивают только её члены\n");
  // The chief expert transcribes a member's signed form, but not an outsider's.
  ExpectRefused(AsChief({"mark", kSample, "C04", "B2.7", "0", "--judge", "E05"}),
                "skillscore: error: mark refused: " + kOutsideB2 + "\n");
  EXPECT_EQ(History(), before);
  RunResult transcribed = AsChief({"mark", kSample, "C04", "B2.7", "2", "--judge", "E03"});
  EXPECT_EQ(transcribed.exit_code, 0) << transcribed.err;
  // Measurements have no group: anyone of the exam enters them.
  RunResult measured = Db({"--as", "E06", "mark", kSample, "C04", "B2.1", "7"});
  EXPECT_EQ(measured.exit_code, 0) << measured.err;
}

TEST_F(MarkingGroupsTest, MarksImportRefusesTheSameRowAndWritesNothing) {
  const std::string before = History();
  const std::string file = Groups("marks-outside-group.csv");
  ExpectRefused(AsChief({"marks", "import", kSample, file}),
                file + ":3: error: " + kOutsideB2 + "\n");
  EXPECT_EQ(History(), before);
}

TEST_F(MarkingGroupsTest, StatusNamesOnlyTheGroupsMembers) {
  // Without groups E01, E03, E05 and E06 owed C04's B2.7 once E03's score was withdrawn
  // (status_owers_test.cc); with them, only E03 does.
  ASSERT_EQ(AsChief({"withdraw", kSample, "C04", "B2.7", "--judge", "E03", "--reason", "wrong"})
                .exit_code,
            0);
  EXPECT_EQ(GapLines(db_),
            "Missing and disputed marks:\n"
            "  B2 C04: B2.7 incomplete (2 of 3 scores), owed by E03\n"
            "  B2 C06: B2.7 disputed (scores 1, 3, 3)\n");
}

TEST_F(MarkingGroupsTest, GroupsAreReplacedByTheNextImportAndAudited) {
  // The sample's own file has no subcriteria column: every judge it lists leaves their groups.
  RunResult plain =
      AsChief({"judges", "import", kSample, SourcePath("samples/de-2026-0412/judges.csv")});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  RunResult outside = Db({"--as", "E05", "mark", kSample, "C04", "B2.7", "0"});
  EXPECT_EQ(outside.err,
            "skillscore: error: mark refused: the panel of B2.7 for candidate C04 is full: 3 "
            "judges score it (E02, E03, E04); judge E05 is not on it\n");
  const std::string history = History();
  EXPECT_NE(history.find(",E01,judge change,,,,,E02,subcriteria: A1 B2,\"subcriteria: \","),
            std::string::npos)
      << history;
  RunResult verify = Db({"audit", "verify", kSample});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST_F(MarkingGroupsTest, ABadSubcriteriaCellIsRefusedWithItsLine) {
  const std::string before = History();
  const std::string unknown = Groups("judges-unknown-subcriterion.csv");
  ExpectRefused(AsChief({"judges", "import", kSample, unknown}),
                unknown +
                    ":5: error: judge E04: subcriteria: \"B9\" is not a sub-criterion of rubric "
                    "09.02.07-2026-PU@2026.1: expected one of A1, A2, A3, B1, B2, B3, C1, C2, D1, "
                    "D2\n");
  ExpectRefused(AsChief({"judges", "import", kSample, Groups("judges-small-group.csv")}),
                "skillscore: error: the marking group of sub-criterion B2 would have 2 judges "
                "(E02, E04), but a panel takes 3 scores (rubric 09.02.07-2026-PU@2026.1): list at "
                "least 3 judges for B2, or none\n");
  const std::string twice = dir_.File("twice.csv");
  WriteFile(twice,
            "id,name,organization,subcriteria\n"
            "E07,Эксперт Семь,Колледж №7,\"A1, B1, A1\"\n");
  ExpectRefused(AsChief({"judges", "import", kSample, twice}),
                twice + ":2: error: subcriteria: \"A1\" is listed twice\n");
  EXPECT_EQ(History(), before);
}

class MarkingGroupsBundleTest : public TwoStoresTest {};

TEST_F(MarkingGroupsBundleTest, GroupsTravelToPostgresAndBack) {
  MarkTheSample(sqlite_);
  const std::string first = dir_.File("first.bundle");
  const std::string second = dir_.File("second.bundle");
  const std::string back = dir_.File("back.db");
  ASSERT_EQ(OnSqlite({"exam", "export", kSample, "--out", first}).exit_code, 0);
  RunResult arrived = OnPostgres({"exam", "import", first});
  ASSERT_EQ(arrived.exit_code, 0) << arrived.err;
  ASSERT_EQ(OnPostgres({"exam", "export", kSample, "--out", second}).exit_code, 0);
  EXPECT_EQ(ReadFile(second), ReadFile(first));
  EXPECT_NE(ReadFile(first).find(R"("role": "expert", "subcriteria": "A1 B2" })"),
            std::string::npos);
  ASSERT_EQ(OnStore(back, {"exam", "import", second}).exit_code, 0);
  for (const std::string& db : {pg_.url(), back}) {
    ExpectRefused(OnStore(db, {"--as", "E05", "mark", kSample, "C04", "B2.7", "0"}),
                  "skillscore: error: mark refused: " + kOutsideB2 + "\n");
    RunResult withdrawn = OnStore(
        db, {"--as", "E01", "withdraw", kSample, "C04", "B2.7", "--judge", "E03", "--reason", "x"});
    ASSERT_EQ(withdrawn.exit_code, 0) << withdrawn.err;
    EXPECT_EQ(GapLines(db),
              "Missing and disputed marks:\n"
              "  B2 C04: B2.7 incomplete (2 of 3 scores), owed by E03\n"
              "  B2 C06: B2.7 disputed (scores 1, 3, 3)\n");
    RunResult verify = OnStore(db, {"audit", "verify", kSample});
    EXPECT_EQ(verify.exit_code, 0) << verify.err;
  }
}

}  // namespace
}  // namespace skillscore::testing
