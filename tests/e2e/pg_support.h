// Helpers of the end-to-end tests on PostgreSQL (pg_*_test.cc): the real binary with
// `--db postgresql://…` on a fresh database of the tests' server (tests/support/pg_server.sh), and
// the same commands on an SQLite file beside it, to compare what the two stores print.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "background_process.h"
#include "cli_support.h"
#include "paths.h"
#include "pg_test_server.h"

namespace skillscore::testing {

// skillscore --db DB ARGS…, run in tests/e2e/data as DbTest does: the chief expert E1 acts
// (SKILLSCORE_JUDGE) unless the command names someone else.
inline RunResult OnStore(const std::string& db, std::vector<std::string> args,
                         RunOptions options = {}) {
  args.insert(args.begin(), {"--db", db});
  options.env.try_emplace("SKILLSCORE_JUDGE", "E1");
  return RunInData(args, std::move(options));
}

// The same command started in the background (its environment as OnStore gives it).
inline std::unique_ptr<BackgroundProcess> StartOnStore(
    const std::string& db, std::vector<std::string> args,
    std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), {"--db", db});
  env.try_emplace("SKILLSCORE_JUDGE", "E1");
  env.try_emplace("LC_ALL", "");
  env.try_emplace("LC_MESSAGES", "");
  env.try_emplace("LANG", "C.UTF-8");
  env.try_emplace("LANGUAGE", "");
  env.try_emplace("TZ", "UTC");
  return std::make_unique<BackgroundProcess>(BinaryPath(), args, env, E2eDataPath(""));
}

// What two runs of the same commands may print differently: the clock (UTC for machines, the
// exam's zone to the minute for people) → "T", and the SHA-256 hashes of audit events, which
// cover those times → "H". Content hashes (rubrics, marks) stay: they must agree.
inline std::string WithoutTimesAndEventHashes(const std::string& text) {
  static const std::regex kTime(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z|(\d{4}-\d\d-\d\d|\d\d\.\d\d\.\d{4}) \d\d:\d\d UTC)");
  static const std::regex kEventHash(R"((last hash |хеш последнего )[0-9a-f]{64})");
  return std::regex_replace(std::regex_replace(text, kTime, "T"), kEventHash, "$1H");
}

// A test with two stores: an SQLite file in a temporary directory and a fresh PostgreSQL
// database, each starting empty.
class TwoStoresTest : public ::testing::Test {
 protected:
  RunResult OnSqlite(const std::vector<std::string>& args, RunOptions options = {}) {
    return OnStore(sqlite_, args, std::move(options));
  }
  RunResult OnPostgres(const std::vector<std::string>& args, RunOptions options = {}) {
    return OnStore(pg_.url(), args, std::move(options));
  }

  // Runs a command on both stores and expects the same exit code, output and messages, times and
  // event hashes aside; returns PostgreSQL's run.
  RunResult OnBoth(const std::vector<std::string>& args, RunOptions options = {}) {
    RunResult sqlite = OnSqlite(args, options);
    RunResult postgres = OnPostgres(args, std::move(options));
    std::string command;
    for (const std::string& arg : args) command += arg + " ";
    EXPECT_EQ(postgres.exit_code, sqlite.exit_code) << command << "\n" << postgres.err;
    EXPECT_EQ(WithoutTimesAndEventHashes(postgres.out), WithoutTimesAndEventHashes(sqlite.out))
        << command;
    EXPECT_EQ(WithoutTimesAndEventHashes(postgres.err), WithoutTimesAndEventHashes(sqlite.err))
        << command;
    return postgres;
  }

  // A command that must succeed without a word on both stores.
  void OkOnBoth(const std::vector<std::string>& args) {
    RunResult run = OnBoth(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "");
  }

  TempDir dir_;
  std::string sqlite_ = dir_.File("exam.db");
  PgTestDatabase pg_;
};

// Files for an exam of the integrity rubric (tests/e2e/data/integrity: A1.1 pass_fail, A1.2 a
// judgement panel of J1–J3, A2.1 number_completed 4): candidates PREFIX<first> …
// PREFIX<first + count - 1> appended to `candidates` (with its header when the file is new) and
// their five marks each appended to `marks`, every value a function of the candidate's number.
inline void AppendLocksExamPeople(const std::string& candidates, const std::string& prefix,
                                  int first, int count) {
  bool fresh = !std::filesystem::exists(candidates);
  std::ofstream out(candidates, std::ios::app);
  if (fresh) out << "id,name,organization\n";
  for (int number = first; number < first + count; ++number) {
    out << prefix << number << ",,College 9\n";
  }
}

inline void AppendLocksExamMarks(const std::string& marks, const std::string& prefix, int first,
                                 int count) {
  bool fresh = !std::filesystem::exists(marks);
  std::ofstream out(marks, std::ios::app);
  if (fresh) out << "candidate,aspect,judge,value\n";
  for (int number = first; number < first + count; ++number) {
    std::string id = prefix + std::to_string(number);
    out << id << ",A1.1,J1," << (number % 2 == 0 ? "yes" : "no") << "\n"
        << id << ",A1.2,J1," << number % 4 << "\n"
        << id << ",A1.2,J2," << number % 4 << "\n"
        << id << ",A1.2,J3," << (number + 1) % 4 << "\n"
        << id << ",A2.1,J1," << number % 5 << "\n";
  }
}

// Creates the exam EXAM of the integrity rubric (chief K0 named at creation, J2 the chief of its
// judges) on `db` with the candidates of `candidates`; the rubric is imported first when asked.
inline void CreateLocksExam(const std::string& db, const std::string& exam,
                            const std::string& candidates, bool import_rubric) {
  std::vector<std::vector<std::string>> steps;
  if (import_rubric) steps.push_back({"rubric", "import", "integrity/rubric.yaml", "--as", "J2"});
  steps.push_back({"exam", "create", exam, "--rubric", "LOCKS", "--chief", "K0", "--as", "J2"});
  steps.push_back({"candidates", "import", exam, candidates, "--as", "K0"});
  steps.push_back({"judges", "import", exam, "integrity/judges.csv", "--as", "K0"});
  for (const std::vector<std::string>& args : steps) {
    RunResult run = OnStore(db, args);
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
}

// A command that must succeed without a word on one store.
inline void ExpectSilentSuccess(const RunResult& run) {
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "");
}

}  // namespace skillscore::testing
