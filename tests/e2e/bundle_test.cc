// skillscore exam export | import (docs/bundles.md): an exam marked on SQLite moves to PostgreSQL
// and back through bundles and prints the same results, history and audit hashes everywhere; the
// same bundle twice changes nothing; an exam with another history, a changed byte, a truncated or
// foreign file are refused with a precise message and nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pg_support.h"

namespace skillscore::testing {
namespace {

constexpr char kExam[] = "T-2026-01";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void Spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

class BundleTest : public TwoStoresTest {
 protected:
  // The exam day on the SQLite store: marks imported, several changed by a second file and by
  // hand, one withdrawn, a sub-criterion locked, a candidate's status changed.
  void MarkOnSqlite(const std::string& db) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", "exam.yaml"},
             {"exam", "create", kExam, "--rubric", "T-EXAM@1", "--date", "12.04.2026"},
             {"candidates", "import", kExam, "candidates.csv"},
             {"judges", "import", kExam, "judges.csv"},
             {"marks", "import", kExam, "marks-provisional.csv"},
             {"marks", "import", kExam, "marks.csv"},
             {"mark", kExam, "C1", "A1.3", "3", "--judge", "E4", "--reason", "recounted"},
             {"withdraw", kExam, "C2", "A1.3", "--judge", "E3", "--reason", "wrong candidate"},
             {"lock", kExam, "B1"},
             {"candidate", "status", kExam, "C4", "present", "--reason", "came late"},
         }) {
      RunResult run = OnStore(db, args);
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
  }

  // What the stores must agree on, byte for byte.
  std::vector<std::string> Outputs(const std::string& db) {
    std::vector<std::string> outputs;
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"results", kExam, "--format", "json"},
             {"history", kExam, "--format", "csv"},
             {"audit", "verify", kExam},
         }) {
      RunResult run = OnStore(db, args);
      EXPECT_EQ(run.exit_code, 0) << run.err;
      outputs.push_back(run.out + run.err);
    }
    return outputs;
  }

  RunResult Export(const std::string& db, const std::string& file) {
    return OnStore(db, {"exam", "export", kExam, "--out", file});
  }
  RunResult Import(const std::string& db, const std::string& file) {
    return OnStore(db, {"-v", "exam", "import", file});
  }
};

TEST_F(BundleTest, SqliteToPostgresToSqliteKeepsResultsHistoryAndHashes) {
  MarkOnSqlite(sqlite_);
  const std::string first = dir_.File("first.bundle");
  const std::string second = dir_.File("second.bundle");
  const std::string back = dir_.File("back.db");
  ASSERT_EQ(Export(sqlite_, first).exit_code, 0);
  RunResult arrived = Import(pg_.url(), first);
  ASSERT_EQ(arrived.exit_code, 0) << arrived.err;
  EXPECT_NE(arrived.err.find("exam T-2026-01 imported from " + first + ": 9 events, last hash "),
            std::string::npos)
      << arrived.err;
  ASSERT_EQ(Export(pg_.url(), second).exit_code, 0);
  EXPECT_EQ(Slurp(second), Slurp(first));
  ASSERT_EQ(Import(back, second).exit_code, 0);
  auto source = Outputs(sqlite_);
  EXPECT_EQ(Outputs(pg_.url()), source);
  EXPECT_EQ(Outputs(back), source);
  EXPECT_NE(source[2].find("9 events"), std::string::npos) << source[2];
  EXPECT_NE(source[1].find("mark withdraw"), std::string::npos);
  // The region goes on where the site stopped.
  RunResult unlock = OnPostgres({"unlock", kExam, "B1", "--reason", "appeal"});
  EXPECT_EQ(unlock.exit_code, 0) << unlock.err;
  EXPECT_EQ(OnPostgres({"audit", "verify", kExam}).exit_code, 0);
}

TEST_F(BundleTest, TheSameBundleTwiceChangesNothing) {
  MarkOnSqlite(sqlite_);
  const std::string bundle = dir_.File("exam.bundle");
  ASSERT_EQ(Export(sqlite_, bundle).exit_code, 0);
  ASSERT_EQ(Import(pg_.url(), bundle).exit_code, 0);
  auto before = Outputs(pg_.url());
  RunResult again = Import(pg_.url(), bundle);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("exam T-2026-01 unchanged: it is stored here with the same chain (9 "
                           "events, last hash "),
            std::string::npos)
      << again.err;
  EXPECT_EQ(Outputs(pg_.url()), before);
}

TEST_F(BundleTest, AnExamWithAnotherHistoryIsRefused) {
  MarkOnSqlite(sqlite_);
  const std::string bundle = dir_.File("exam.bundle");
  ASSERT_EQ(Export(sqlite_, bundle).exit_code, 0);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"rubric", "import", "exam.yaml"},
           {"exam", "create", kExam, "--rubric", "T-EXAM@1"},
           {"candidates", "import", kExam, "candidates.csv"},
       }) {
    ASSERT_EQ(OnPostgres(args).exit_code, 0);
  }
  auto before = OnPostgres({"audit", "verify", kExam});
  RunResult refused = Import(pg_.url(), bundle);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("exam T-2026-01 is already stored here with a different history (2 "
                             "events, last hash "),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("the bundle has 9 events"), std::string::npos) << refused.err;
  EXPECT_EQ(OnPostgres({"audit", "verify", kExam}).out, before.out);
}

TEST_F(BundleTest, OneChangedByteIsRefusedAndNothingIsWritten) {
  MarkOnSqlite(sqlite_);
  const std::string bundle = dir_.File("exam.bundle");
  ASSERT_EQ(Export(sqlite_, bundle).exit_code, 0);
  const std::string text = Slurp(bundle);
  const std::size_t value = text.find("\"value\": 3");
  const std::size_t hash = text.find("\"hash\": \"") + 9;
  const std::size_t digest = text.rfind("\"sha256\": \"") + 11;
  ASSERT_NE(value, std::string::npos);
  for (std::size_t at : {value + 9, hash, digest}) {
    std::string changed = text;
    changed[at] = changed[at] == '1' ? '2' : '1';
    const std::string file = dir_.File("changed.bundle");
    Spit(file, changed);
    RunResult refused = Import(pg_.url(), file);
    EXPECT_EQ(refused.exit_code, 1);
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_EQ(refused.err, file + ":" + std::to_string(lines) +
                               ": error: the bundle was changed or damaged: its content does not "
                               "match the SHA-256 of its closing line (" +
                               changed.substr(digest, 64) + ")\n");
  }
  EXPECT_EQ(OnPostgres({"exam", "list", "--format", "csv"}).out,
            "id,rubric,version,date,site,chief,created_at,timezone\n");
}

TEST_F(BundleTest, ATruncatedOrForeignFileIsRefusedWithFileAndPosition) {
  MarkOnSqlite(sqlite_);
  const std::string bundle = dir_.File("exam.bundle");
  ASSERT_EQ(Export(sqlite_, bundle).exit_code, 0);
  const std::string text = Slurp(bundle);
  const std::string cut = dir_.File("cut.bundle");
  Spit(cut, text.substr(0, 1000));
  RunResult truncated = Import(sqlite_, cut);
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_EQ(truncated.err, cut +
                               ": error: the bundle ends at byte 1000 without its closing line "
                               "(sha256): it is truncated or not a skillscore exam bundle\n");
  const std::string garbage = dir_.File("garbage.bundle");
  Spit(garbage, "candidate,aspect\nC1,A1\n");
  RunResult foreign = Import(sqlite_, garbage);
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_EQ(foreign.err.rfind(garbage + ":2: error: the bundle's last line is not its closing "
                                        "line (sha256): ",
                              0),
            0u)
      << foreign.err;
}

// A refusal of the store is worded at the edge from its code (bundle_exam_not_found): the same
// words on both stores, and no hint to create the exam, which exporting would not want.
TEST_F(BundleTest, AnExamNotStoredIsNamedOnExport) {
  MarkOnSqlite(sqlite_);
  for (const std::string& db : {sqlite_, pg_.url()}) {
    RunResult missing = OnStore(db, {"exam", "export", "E9", "--out", dir_.File("e9.bundle")});
    EXPECT_EQ(missing.exit_code, 1) << db;
    EXPECT_EQ(missing.err, "skillscore: error: exam E9 does not exist\n") << db;
  }
}

// Sign-in codes travel as hashes (the chain records their digest), so the exam verifies on the
// target; a store with administrators takes bundles from them only.
TEST_F(BundleTest, CodesTravelAndOnlyAnAdministratorImportsWhereThereAreSome) {
  MarkOnSqlite(sqlite_);
  RunResult codes = OnSqlite(
      {"judges", "codes", kExam, "--url", "https://exam.example", "--out", dir_.File("cards.pdf")});
  ASSERT_EQ(codes.exit_code, 0) << codes.err;
  const std::string bundle = dir_.File("exam.bundle");
  ASSERT_EQ(Export(sqlite_, bundle).exit_code, 0);
  RunOptions with_secret;
  with_secret.env["SKILLSCORE_ADMIN_SECRET"] = "a long enough secret";
  ASSERT_EQ(OnPostgres({"admin", "init", "region"}, with_secret).exit_code, 0);
  RunResult judge = Import(pg_.url(), bundle);
  EXPECT_EQ(judge.exit_code, 1);
  EXPECT_EQ(judge.err,
            "skillscore: error: E1 may not import exam T-2026-01: this database has "
            "administrators, and only they import exams\n");
  RunResult admin =
      OnStore(pg_.url(), {"--admin", "region", "exam", "import", bundle}, with_secret);
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_EQ(Outputs(pg_.url()), Outputs(sqlite_));
  EXPECT_NE(Outputs(pg_.url())[2].find("audit log intact: 13 events"), std::string::npos)
      << Outputs(pg_.url())[2];
}

}  // namespace
}  // namespace skillscore::testing
