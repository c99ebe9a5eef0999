// What the tests of the SQLite store share: a small rubric, an exam set up on it, raw access to
// the database file, and mark rows.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "process.h"
#include "skillscore/exam.h"
#include "skillscore/rubric_loader.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"

namespace skillscore {

// The worked example of rubric-format.md: A1.1 pass_fail, A1.2 number_completed 5, A1.3 choice,
// A1.4 ranged, A1.5 judgement.
constexpr const char* kRubricYaml = R"(format: skillscore-rubric/1
code: "09.02.07-2026-PU"
version: "2026.1"
title: "Web development"
kind: exam
max: 6
sections:
  - { id: "1", title: "Organisation", target: 0.5 }
  - { id: "2", title: "Interface", target: 2 }
  - { id: "3", title: "Quality", target: 3.5 }
modules:
  - id: A
    title: "Layout"
    subcriteria:
      - id: A1
        title: "Structure"
        day: 1
        aspects:
          - { type: measurement, text: "Markup validates", section: "1", max: 0.5 }
          - type: measurement
            text: "All 5 blocks"
            section: "2"
            max: 1.0
            calculation: { number_completed: 5 }
          - type: measurement
            text: "WCAG violations"
            section: "3"
            max: 1.5
            calculation:
              choice:
                - { label: "none", deduct: 0 }
                - { label: "1-2", deduct: 33.3 }
          - type: measurement
            text: "Test coverage"
            section: "2"
            max: 1.0
            calculation:
              ranged:
                - { from: 80, to: 100, deduct: 0 }
                - { from: 0, to: 79.99, deduct: 50 }
          - type: judgement
            text: "Visual impression"
            section: "3"
            max: 2.0
            levels: { 0: "below", 1: "meets", 2: "exceeds in part", 3: "exceeds" }
)";

constexpr std::size_t kPassFail = 0;
constexpr std::size_t kRanged = 3;
constexpr std::size_t kJudgement = 4;

inline std::chrono::system_clock::time_point FixedTime() {
  return std::chrono::system_clock::from_time_t(1775986200);  // 2026-04-12T09:30:00Z
}

inline Rubric Parse(const std::string& yaml) {
  RubricLoad load = ParseRubric(yaml, "rubric.yaml");
  EXPECT_TRUE(load.rubric.has_value());
  return *load.rubric;
}

inline std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

// Raw SQLite access, to look at what the store wrote and to disturb it.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  ~RawDatabase() { sqlite3_close(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  std::int64_t Int(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW) << sql;
    std::int64_t value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW) << sql;
    std::string value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    return value;
  }
  void Execute(const std::string& sql) { EXPECT_EQ(Refusal(sql), "") << sql; }
  // SQLite's message when `sql` fails, or "" when it succeeds.
  std::string Refusal(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) return "";
    return sqlite3_errmsg(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

inline MarkRow Row(int line, const std::string& candidate, std::size_t aspect,
                   const std::string& judge, Rational number, const std::string& note = "") {
  return MarkRow{line, MarkEntry{candidate, aspect, judge, MarkValue{false, number}}, note};
}

inline MarkRow NotAttempted(int line, const std::string& candidate, std::size_t aspect,
                            const std::string& judge) {
  return MarkRow{line, MarkEntry{candidate, aspect, judge, MarkValue{true, 0}}, ""};
}

inline std::vector<MarkEntry> Entries(const std::vector<MarkRow>& rows) {
  std::vector<MarkEntry> entries;
  for (const MarkRow& row : rows) entries.push_back(row.entry);
  return entries;
}

// A sheet as text, so that whole sheets compare with one EXPECT_EQ and print readably.
inline std::string Describe(const std::vector<CandidateSheet>& sheets) {
  std::string text;
  for (const CandidateSheet& sheet : sheets) {
    text += sheet.candidate.id + ":";
    for (const AspectRecord& record : sheet.aspects) {
      text += " [";
      if (record.measurement) {
        text += record.measurement->not_attempted ? "na" : record.measurement->number.ToDecimal(2);
      }
      for (const PanelScore& score : record.panel) {
        text += score.judge + "=" + std::to_string(score.score) + " ";
      }
      text += "]";
    }
    text += "\n";
  }
  return text;
}

// Into any store: the worked-example rubric, exam "E1" (chief J2 named at creation), candidates
// C1 (College 1, present), C2 (College 2, absent), judges J1 (College 3), J2 (chief), J3
// (College 4), each step checked with what a fresh store must answer.
inline void SetUpWorkedExam(ExamStore& store) {
  ASSERT_EQ(store.ImportRubric(kRubricYaml, Parse(kRubricYaml)), Change::kAdded);
  ASSERT_TRUE(
      store.CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "2026-04-12", "Room 1", "J2", ""})
          .has_value());
  std::vector<Candidate> candidates = {{"C1", "Ann", "College 1", CandidateStatus::kPresent},
                                       {"C2", "Bob", "College 2", CandidateStatus::kAbsent}};
  std::vector<Judge> judges = {{"J1", "Jan", "College 3", JudgeRole::kExpert},
                               {"J2", "Jo", "College 4", JudgeRole::kChief},
                               {"J3", "Jim", "College 4", JudgeRole::kExpert}};
  ASSERT_EQ(store.ImportCandidates("E1", candidates), (ImportCounts{2, 0, 0}));
  ASSERT_EQ(store.ImportJudges("E1", judges), (ImportCounts{3, 0, 0}));
}

// The schema version of a database this program creates (the number of its migrations), read
// from a new one, so that a test does not name a number the next migration changes.
inline std::int64_t CurrentSchemaVersion() {
  testing::TempDir dir;
  const std::string path = dir.File("fresh.db");
  EXPECT_TRUE(OpenSqliteStore(path).has_value());
  return RawDatabase(path).Int("PRAGMA user_version");
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("exam.db");
    store_ = Open();
  }

  std::unique_ptr<ExamStore> Open(
      std::chrono::milliseconds busy_timeout = std::chrono::seconds(10)) {
    SqliteStoreOptions options;
    options.clock = [this] { return now_; };
    options.busy_timeout = busy_timeout;
    options.actor = "A0";
    auto store = OpenSqliteStore(path_, options);
    EXPECT_TRUE(store.has_value()) << store.error().message;
    return std::move(*store);
  }

  void SetUpExam() { SetUpWorkedExam(*store_); }

  ImportCounts Import(const std::vector<MarkRow>& rows, const std::string& file = "marks.csv") {
    auto counts = store_->ImportMarks("E1", rows, {"J2", file});
    EXPECT_TRUE(counts.has_value()) << counts.error().message;
    return counts.value_or(ImportCounts{});
  }

  std::vector<CandidateSheet> StoredSheets() {
    auto data = store_->LoadExamData("E1");
    EXPECT_TRUE(data.has_value()) << data.error().message;
    return data ? std::move(data->sheets) : std::vector<CandidateSheet>();
  }

  std::vector<CandidateSheet> SheetsOf(const std::vector<MarkRow>& rows) {
    auto data = store_->LoadRoster("E1");
    EXPECT_TRUE(data.has_value());
    return BuildSheets(data->rubric, data->candidates, Entries(rows));
  }

  testing::TempDir dir_;
  std::string path_;
  std::chrono::system_clock::time_point now_ = FixedTime();  // what the store's clock says
  std::unique_ptr<ExamStore> store_;
};

}  // namespace skillscore
