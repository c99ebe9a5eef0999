// Hostile input and hostile users (issue 17), through the real binary: ids that are paths or
// hold NUL and control characters, export through a symlink, formula injection in CSV output,
// endless inputs, databases that keep nothing, read-only databases and terminal escapes in names.
// Each test reproduces a defect of the hostile run; the overflow of exact arithmetic (item 4) is
// in hostile_overflow_test.cc.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "db_support.h"

namespace skillscore::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

class HostileTest : public DbTest {
 protected:
  // The rubric of tests/e2e/data and the exam T-2026-01, without candidates or judges.
  void CreateBareExam() {
    Ok({"rubric", "import", "exam.yaml"});
    Ok({"exam", "create", kExam, "--rubric", "T-EXAM@1"});
  }

  // A file of this test's folder holding `content`; its path.
  std::string File(const std::string& name, const std::string& content) {
    WriteFile(dir_.File(name), content);
    return dir_.File(name);
  }
};

// --- 1, 5: ids that are paths, or hold NUL and control characters -----------------------------

TEST_F(HostileTest, ExamIdsThatArePathsAreRefused) {
  Ok({"rubric", "import", "exam.yaml"});
  ExpectRefused(Db({"exam", "create", "/home/someone/ABS", "--rubric", "T-EXAM@1"}),
                "skillscore: error: exam id \"/home/someone/ABS\" holds '/', '\\' or \"..\": an "
                "id must not look like a path\n");
  ExpectRefused(Db({"exam", "create", "../../tmp/PWN", "--rubric", "T-EXAM@1"}),
                "skillscore: error: exam id \"../../tmp/PWN\" holds '/', '\\' or \"..\": an id "
                "must not look like a path\n");
  ExpectRefused(Db({"exam", "create", "E\x1b[2J", "--rubric", "T-EXAM@1"}),
                "skillscore: error: exam id \"E\\x1B[2J\" holds the control character \\x1B: "
                "remove it\n");
  EXPECT_EQ(Db({"exam", "list", "--format", "csv"}).out,
            "id,rubric,version,date,site,chief,created_at,timezone\n");
}

TEST_F(HostileTest, CandidateIdsWithNulAreRefused) {
  CreateBareExam();
  const std::string file = File("nul.csv", "id,name,organization\nC\0a,Ann,X\nC\0b,Bob,X\n"s);
  ExpectRefused(Db({"candidates", "import", kExam, file}),
                file + ":2: error: id \"C\\x00a\" holds the control character \\x00: remove it\n" +
                    file +
                    ":3: error: id \"C\\x00b\" holds the control character \\x00: remove it\n");
}

TEST_F(HostileTest, JudgeIdsThatArePathsAreRefused) {
  CreateBareExam();
  const std::string file = File("judges.csv", "id,name,organization\n../E1,Eve,X\n");
  ExpectRefused(Db({"judges", "import", kExam, file}),
                file +
                    ":2: error: id \"../E1\" holds '/', '\\' or \"..\": an id must not look "
                    "like a path\n");
}

TEST_F(HostileTest, ARubricVersionWithNulIsRefused) {
  std::string rubric = ReadFile(E2eDataPath("exam.yaml"));
  rubric.replace(rubric.find("version: \"1\""), 12, "version: \"1\\0a\"");
  const std::string file = File("nul.yaml", rubric);
  RunResult run = Db({"rubric", "import", file});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, file +
                         ":5:10: error: version \"1\\x00a\" holds the control character \\x00: "
                         "remove it\n");
  EXPECT_FALSE(DatabaseExists());
}

TEST_F(HostileTest, ARubricCodeThatIsAPathIsRefused) {
  std::string rubric = ReadFile(E2eDataPath("exam.yaml"));
  rubric.replace(rubric.find("code: \"T-EXAM\""), 14, "code: \"../T\"");
  const std::string file = File("path.yaml", rubric);
  RunResult run = Db({"rubric", "import", file});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            file +
                ":4:7: error: code \"../T\" holds '/', '\\' or \"..\": an id must not look "
                "like a path\n");
}

// --- 10, 6: control characters and formulas in names --------------------------------------------

TEST_F(HostileTest, NamesWithTerminalEscapesOrALeadingTabAreRefused) {
  CreateBareExam();
  const std::string file =
      File("escapes.csv", "id,name,organization\nC1,\x1b]0;pwned\a,X\nC2,\t=1+1,X\n");
  ExpectRefused(Db({"candidates", "import", kExam, file}),
                file +
                    ":2: error: name \"\\x1B]0;pwned\\x07\" holds the control character "
                    "\\x1B: remove it\n" +
                    file +
                    ":3: error: name \"\\t=1+1\" holds the control character \\t: "
                    "remove it\n");
}

TEST_F(HostileTest, NamesAlreadyStoredWithEscapesAreShownEscapedInTables) {
  CreateBareExam();
  {
    SqliteStoreOptions options;
    options.create_if_missing = false;
    auto store = OpenSqliteStore(db_, options);
    ASSERT_TRUE(store.has_value());
    const std::vector<Candidate> candidates = {
        {"C1", "\x1b[31mRed\x1b[2J", "X", CandidateStatus::kPresent}};
    ASSERT_TRUE((*store)->ImportCandidates(kExam, candidates).has_value());
  }
  RunResult run = Db({"results", kExam, "--format", "table"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  EXPECT_NE(run.out.find("\\x1B[31mRed\\x1B[2J"), std::string::npos) << run.out;
}

TEST_F(HostileTest, CsvOutputNeverHoldsALiveFormula) {
  CreateBareExam();
  const std::string file = File("formula.csv",
                                "id,name,organization\nC1,=cmd|' /C calc'!A0,@SUM(A1)\n"
                                "C2,-2+3,+x\n");
  Ok({"candidates", "import", kExam, file});
  RunResult run = Db({"results", kExam, "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\nC1,'=cmd|' /C calc'!A0,'@SUM(A1),present,0,0,"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("\nC2,'-2+3,'+x,present,0,0,"), std::string::npos) << run.out;
}

// --- 7: endless inputs
// ----------------------------------------------------------------------------

// Each of these read /dev/zero until 1.6–2 GB of memory were taken; now each stops at its limit.
TEST_F(HostileTest, EndlessInputsAreRefusedQuickly) {
  CreateBareExam();
  const auto start = std::chrono::steady_clock::now();
  const std::string document =
      "/dev/zero: error: the input is larger than 16 MiB, the most this "
      "command reads whole: is it the right file?\n";
  const std::string table =
      "/dev/zero: error: the input is larger than 256 MiB, the most this "
      "command reads whole: is it the right file?\n";
  ExpectRefused(Db({"rubric", "validate", "/dev/zero"}), document);
  ASSERT_EQ(Db({"keys", "init", "--issuer", "Org X", "--dir", dir_.File("keys")}).exit_code, 0);
  ExpectRefused(Db({"passport", "verify", "/dev/zero", "--dir", dir_.File("keys")}), document);
  ExpectRefused(Db({"candidates", "import", kExam, "/dev/zero"}), table);
  ExpectRefused(Db({"marks", "import", kExam, "/dev/zero", "--as", "E1"}), table);
  ExpectRefused(Db({"score", "--rubric", "exam.yaml", "--marks", "/dev/zero"}), table);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

// --- 8: databases that keep nothing
// ----------------------------------------------------------------

TEST_F(HostileTest, DatabasesThatKeepNothingAreRefused) {
  ExpectRefused(RunInData({"--db", "", "rubric", "import", "exam.yaml"}),
                "skillscore: error: the database path is empty: give a file with --db or "
                "$SKILLSCORE_DB\n");
  for (const char* path : {":memory:", "file:x?mode=memory"}) {
    ExpectRefused(RunInData({"--db", path, "rubric", "import", "exam.yaml"}),
                  "skillscore: error: --db "s + path +
                      " is not a file: an in-memory database or a URI keeps nothing once the "
                      "command ends; give a file path\n");
  }
}

// --- 9: a database the user may only read
// ----------------------------------------------------------

// Runs skillscore as the user nobody when the tests run as root (root may write any file), so that
// the file and folder modes apply.
RunResult RunAsOtherUser(const std::vector<std::string>& args) {
  RunOptions options;
  options.env = {{"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANG", "C.UTF-8"}};
  options.working_directory = E2eDataPath("");
  if (::geteuid() != 0) return Run(SKILLSCORE_BINARY, args, options);
  std::vector<std::string> as_nobody = {"--reuid=65534", "--regid=65534", "--clear-groups",
                                        SKILLSCORE_BINARY};
  as_nobody.insert(as_nobody.end(), args.begin(), args.end());
  return Run("/usr/bin/setpriv", as_nobody, options);
}

TEST_F(HostileTest, ReadOnlyDatabasesCanBeRead) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks.csv", "--as", "E1"});
  const std::string results = Db({"results", kExam, "--format", "csv"}).out;
  ASSERT_NE(results, "");
  fs::permissions(db_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir_.path(), fs::perms::owner_read | fs::perms::owner_exec |
                                   fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
  const std::string note = "skillscore: note: database " + db_ +
                           " is read-only for this user: reading it without changing it\n";
  RunResult run = RunAsOtherUser({"--db", db_, "results", kExam, "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, results);
  EXPECT_EQ(run.err, note);
  RunResult list = RunAsOtherUser({"--db", db_, "exam", "list", "--format", "csv"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_EQ(list.err, note);
  EXPECT_NE(list.out.find(kExam), std::string::npos) << list.out;
  RunResult write = RunAsOtherUser({"--db", db_, "mark", kExam, "C1", "A1.1", "no", "--as", "E1"});
  EXPECT_EQ(write.exit_code, 3) << write.err;
  fs::permissions(dir_.path(), fs::perms::owner_all);
  fs::permissions(db_, fs::perms::owner_read | fs::perms::owner_write);
}

// --- 1: export writes only inside --out ----------------------------------------------------------

class HostileExportTest : public DbTest {
 protected:
  // The exam of tests/e2e/data/integrity with final results and one passport, E1-C1-1.
  void SetUp() override {
    SetUpLocksExam();
    ASSERT_EQ(Db({"keys", "init", "--issuer", "Org X", "--dir", keys_}).exit_code, 0);
    Ok({"mark", "E1", "C1", "A2.1", "3", "--as", "J1"});
    Ok({"lock", "E1", "A1", "--as", "K0"});
    Ok({"lock", "E1", "A2", "--as", "K0"});
    ASSERT_EQ(Db({"passport", "issue", "E1", "--as", "K0", "--dir", keys_}).exit_code, 0);
  }

  std::string keys_ = dir_.File("keys");
};

TEST_F(HostileExportTest, ExportReplacesASymlinkInsteadOfWritingThroughIt) {
  const std::string outside = dir_.File("precious.txt");
  WriteFile(outside, "precious\n");
  const std::string out = dir_.File("out");
  fs::create_directory(out);
  fs::create_symlink(outside, out + "/E1-C1-1.json");
  Ok({"passport", "export", "E1", "--to", "json", "--out", out});
  EXPECT_EQ(ReadFile(outside), "precious\n");
  EXPECT_FALSE(fs::is_symlink(out + "/E1-C1-1.json"));
  EXPECT_EQ(ReadFile(out + "/E1-C1-1.json"), Db({"passport", "show", "E1-C1-1"}).out);
  // Nothing else is left in the folder (no temporary file).
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace skillscore::testing
