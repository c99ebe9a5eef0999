// Helpers shared by the end-to-end tests of the exam-database commands (db_*_test.cc): each test
// works on a fresh database in its own temporary directory, through `skillscore --db`, and may
// look at what was stored through the store's own API.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli_support.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"

namespace skillscore::testing {

// The exam of tests/e2e/data: rubric exam.yaml (T-EXAM@1), candidates.csv and judges.csv.
inline constexpr char kExam[] = "T-2026-01";

class DbTest : public ::testing::Test {
 protected:
  // skillscore --db <this test's database> ARGS…, run in tests/e2e/data. Every change needs an
  // acting person: the exam's chief expert E1 acts (SKILLSCORE_JUDGE) unless the test names
  // someone else with --as or its own SKILLSCORE_JUDGE.
  RunResult Db(std::vector<std::string> args, RunOptions options = {}) {
    args.insert(args.begin(), {"--db", db_});
    options.env.try_emplace("SKILLSCORE_JUDGE", "E1");
    return RunInData(args, std::move(options));
  }

  // A command that must succeed without a word.
  void Ok(const std::vector<std::string>& args) {
    RunResult run = Db(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "");
  }

  // The rubric, the exam T-2026-01 and its candidates and judges.
  void CreateExam() {
    Ok({"rubric", "import", "exam.yaml"});
    Ok({"exam", "create", kExam, "--rubric", "T-EXAM@1"});
    Ok({"candidates", "import", kExam, "candidates.csv"});
    Ok({"judges", "import", kExam, "judges.csv"});
  }

  // The exam of tests/e2e/data/integrity: rubric LOCKS (A1: A1.1 pass_fail, A1.2 judgement; A2:
  // A2.1 number_completed 4), exam E1 with chief K0 named at creation, candidates C1 (present)
  // and C2 (absent), judges J1, J3 (experts) and J2 (chief), and marks.csv, which completes A1
  // for C1 (events 1–5). K0 registers the people (until then J2 is no chief); J2 acts otherwise.
  void SetUpLocksExam() {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", "integrity/rubric.yaml", "--as", "J2"},
             {"exam", "create", "E1", "--rubric", "LOCKS", "--chief", "K0", "--as", "J2"},
             {"candidates", "import", "E1", "integrity/candidates.csv", "--as", "K0"},
             {"judges", "import", "E1", "integrity/judges.csv", "--as", "K0"},
             {"marks", "import", "E1", "integrity/marks.csv", "--as", "J2"}}) {
      Ok(args);
    }
  }

  std::string ResultsJson() {
    RunResult run = Db({"results", kExam, "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }

  // Every mark entry of the exam, replaced ones included, in entry order, one line each. Read
  // from the tables, since the store gives only the sheets the current marks make.
  std::vector<std::string> Entries() {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + db_);
    }
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT c.code, a.code, j.code, m.value, m.den FROM "
                       "(SELECT candidate, aspect, judge, value, den, entry FROM marks UNION ALL "
                       "SELECT candidate, aspect, judge, value, den, entry FROM mark_history) m "
                       "JOIN candidates c ON c.id = m.candidate JOIN exams e ON e.id = c.exam "
                       "JOIN judges j ON j.id = m.judge "
                       "JOIN rubric_aspects a ON a.rubric = e.rubric AND a.slot = m.aspect "
                       "WHERE e.code = ?1 ORDER BY m.entry",
                       -1, &query, nullptr);
    sqlite3_bind_text(query, 1, kExam, -1, SQLITE_STATIC);
    std::vector<std::string> entries;
    auto text = [&](int column) {
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(query, column)));
    };
    while (sqlite3_step(query) == SQLITE_ROW) {
      MarkValue value;
      value.not_attempted = sqlite3_column_type(query, 3) == SQLITE_NULL;
      if (!value.not_attempted) {
        value.number = Rational::Of(sqlite3_column_int64(query, 3), sqlite3_column_int64(query, 4));
      }
      entries.push_back(text(0) + " " + text(1) + " " + text(2) + " " + ValueText(value));
    }
    sqlite3_finalize(query);
    sqlite3_close(db);
    return entries;
  }

  // "na", "3" or "7/2".
  static std::string ValueText(const MarkValue& value) {
    if (value.not_attempted) return "na";
    std::string text = std::to_string(value.number.numerator());
    if (value.number.denominator() == 1) return text;
    return text + "/" + std::to_string(value.number.denominator());
  }

  bool DatabaseExists() const { return std::filesystem::exists(db_); }

  TempDir dir_;
  std::string db_ = dir_.File("exam.db");
};

// A refusal: exit 1, nothing on stdout, exactly `err` on stderr.
inline void ExpectRefused(const RunResult& run, const std::string& err) {
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, err);
}

}  // namespace skillscore::testing
