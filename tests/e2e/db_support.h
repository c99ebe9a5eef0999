// Helpers shared by the end-to-end tests of the exam-database commands (db_*_test.cc): each test
// works on a fresh database in its own temporary directory, through `skillscore --db`, and may
// look at what was stored through the store's own API.
#pragma once

#include <gtest/gtest.h>

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

  std::string ResultsJson() {
    RunResult run = Db({"results", kExam, "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }

  // Every mark entry of the exam, replaced ones included, in entry order, one line each.
  std::vector<std::string> Entries() {
    SqliteStoreOptions options;
    options.create_if_missing = false;
    auto store = OpenSqliteStore(db_, options);
    if (!store) throw std::runtime_error(store.error().message);
    auto data = (*store)->LoadExamData(kExam);
    if (!data) throw std::runtime_error(data.error().message);
    std::vector<std::string> entries;
    for (const MarkEntry& entry : data->entries) {
      entries.push_back(entry.candidate + " " + data->rubric.AspectAt(entry.aspect).id + " " +
                        entry.judge + " " + ValueText(entry.value));
    }
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
