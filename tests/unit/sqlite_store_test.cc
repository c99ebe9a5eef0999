#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "process.h"
#include "skillscore/exam.h"
#include "skillscore/i18n.h"
#include "skillscore/rubric_loader.h"
#include "skillscore/store.h"

namespace skillscore {
namespace {

using testing::TempDir;
using Kind = StoreError::Kind;

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

std::chrono::system_clock::time_point FixedTime() {
  return std::chrono::system_clock::from_time_t(1775986200);  // 2026-04-12T09:30:00Z
}

Rubric Parse(const std::string& yaml) {
  RubricLoad load = ParseRubric(yaml, "rubric.yaml");
  EXPECT_TRUE(load.rubric.has_value());
  return *load.rubric;
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
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

MarkRow Row(int line, const std::string& candidate, std::size_t aspect, const std::string& judge,
            Rational number, const std::string& note = "") {
  return MarkRow{line, MarkEntry{candidate, aspect, judge, MarkValue{false, number}}, note};
}

MarkRow NotAttempted(int line, const std::string& candidate, std::size_t aspect,
                     const std::string& judge) {
  return MarkRow{line, MarkEntry{candidate, aspect, judge, MarkValue{true, 0}}, ""};
}

std::vector<MarkEntry> Entries(const std::vector<MarkRow>& rows) {
  std::vector<MarkEntry> entries;
  for (const MarkRow& row : rows) entries.push_back(row.entry);
  return entries;
}

// A sheet as text, so that whole sheets compare with one EXPECT_EQ and print readably.
std::string Describe(const std::vector<CandidateSheet>& sheets) {
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

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("exam.db");
    store_ = Open();
  }

  std::unique_ptr<ExamStore> Open(
      std::chrono::milliseconds busy_timeout = std::chrono::seconds(10)) {
    SqliteStoreOptions options;
    options.clock = FixedTime;
    options.busy_timeout = busy_timeout;
    auto store = OpenSqliteStore(path_, options);
    EXPECT_TRUE(store.has_value()) << store.error().message;
    return std::move(*store);
  }

  // A rubric, exam "E1", candidates C1 (College 1), C2 (College 2), judges J1 (College 3),
  // J2, J3 (College 4).
  void SetUpExam() {
    ASSERT_TRUE(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)).has_value());
    ASSERT_TRUE(
        store_->CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "2026-04-12", "Room 1", "J2"})
            .has_value());
    std::vector<Candidate> candidates = {{"C1", "Ann", "College 1", CandidateStatus::kPresent},
                                         {"C2", "Bob", "College 2", CandidateStatus::kAbsent}};
    std::vector<Judge> judges = {{"J1", "Jan", "College 3", JudgeRole::kExpert},
                                 {"J2", "Jo", "College 4", JudgeRole::kChief},
                                 {"J3", "Jim", "College 4", JudgeRole::kExpert}};
    ASSERT_TRUE(store_->ImportCandidates("E1", candidates).has_value());
    ASSERT_TRUE(store_->ImportJudges("E1", judges).has_value());
  }

  ImportCounts Import(const std::vector<MarkRow>& rows, const std::string& file = "marks.csv") {
    auto counts = store_->ImportMarks("E1", rows, {"J2", file});
    EXPECT_TRUE(counts.has_value()) << counts.error().message;
    return counts.value_or(ImportCounts{});
  }

  std::vector<CandidateSheet> StoredSheets() {
    auto data = store_->LoadExamData("E1");
    EXPECT_TRUE(data.has_value()) << data.error().message;
    return BuildSheets(data->rubric, data->candidates, data->entries);
  }

  std::vector<CandidateSheet> SheetsOf(const std::vector<MarkRow>& rows) {
    auto data = store_->LoadRoster("E1");
    EXPECT_TRUE(data.has_value());
    return BuildSheets(data->rubric, data->candidates, Entries(rows));
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<ExamStore> store_;
};

TEST_F(SqliteStoreTest, CreatesTheSchemaInWalModeWithForeignKeys) {
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), 1);
  EXPECT_EQ(raw.Int("PRAGMA application_id"), 0x534B5343);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 8);
  EXPECT_EQ(raw.Int("PRAGMA foreign_keys"), 0);  // a per-connection setting; the store's is on
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pragma_foreign_key_list('candidates')"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'marks_keep_replaced'"), 1);
}

TEST_F(SqliteStoreTest, ReopeningKeepsTheData) {
  ASSERT_TRUE(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)).has_value());
  store_.reset();
  store_ = Open();
  auto rubrics = store_->ListRubrics();
  ASSERT_TRUE(rubrics.has_value());
  ASSERT_EQ(rubrics->size(), 1u);
  EXPECT_EQ((*rubrics)[0].code, "09.02.07-2026-PU");
}

TEST_F(SqliteStoreTest, RefusesADatabaseOfANewerProgram) {
  store_.reset();
  RawDatabase(path_).Execute("PRAGMA user_version = 2");
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_EQ(store.error().message,
            "database " + path_ +
                " has schema version 2, newer than this program knows (1): use a newer skillscore");
}

TEST_F(SqliteStoreTest, RefusesAnotherApplicationsDatabase) {
  std::string other = dir_.File("other.db");
  RawDatabase(other).Execute("CREATE TABLE t (x)");
  auto store = OpenSqliteStore(other);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_EQ(store.error().message, other + " is not a skillscore database");
}

TEST_F(SqliteStoreTest, DoesNotCreateAMissingDatabaseWhenAskedNotTo) {
  SqliteStoreOptions options;
  options.create_if_missing = false;
  auto store = OpenSqliteStore(dir_.File("missing.db"), options);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kNotFound);
  EXPECT_EQ(store.error().message, "database " + dir_.File("missing.db") + " does not exist");
}

TEST_F(SqliteStoreTest, StoresARubricAsImported) {
  Rubric rubric = Parse(kRubricYaml);
  EXPECT_EQ(store_->ImportRubric(kRubricYaml, rubric), Change::kAdded);
  auto stored = store_->GetRubric("09.02.07-2026-PU", "2026.1");
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_EQ(stored->yaml_text, kRubricYaml);
  EXPECT_EQ(stored->info.sha256, rubric.sha256);
  EXPECT_EQ(stored->info.title, "Web development");
  EXPECT_EQ(stored->info.imported_at, "2026-04-12T09:30:00Z");
  EXPECT_EQ(stored->rubric.AspectCount(), 5u);
  EXPECT_EQ(stored->rubric.sha256, rubric.sha256);
}

TEST_F(SqliteStoreTest, ReimportingTheSameRubricContentIsANoOp) {
  ASSERT_EQ(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)), Change::kAdded);
  // A comment does not change the content.
  std::string commented = std::string("# reviewed\n") + kRubricYaml;
  EXPECT_EQ(store_->ImportRubric(commented, Parse(commented)), Change::kUnchanged);
  EXPECT_EQ(store_->GetRubric("09.02.07-2026-PU", std::nullopt)->yaml_text, kRubricYaml);
  EXPECT_EQ(RawDatabase(path_).Int("SELECT count(*) FROM rubrics"), 1);
}

TEST_F(SqliteStoreTest, RefusesDifferentContentUnderTheSameCodeAndVersion) {
  Rubric original = Parse(kRubricYaml);
  ASSERT_EQ(store_->ImportRubric(kRubricYaml, original), Change::kAdded);
  std::string changed_yaml = Replaced(kRubricYaml, "Markup validates", "Markup is valid");
  Rubric changed = Parse(changed_yaml);
  auto result = store_->ImportRubric(changed_yaml, changed);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, Kind::kConflict);
  EXPECT_EQ(result.error().message,
            "rubric 09.02.07-2026-PU@2026.1 is already imported with different content (SHA-256 " +
                original.sha256 + ", this file " + changed.sha256 +
                "): give the changed rubric a new version");
  EXPECT_EQ(store_->GetRubric("09.02.07-2026-PU", "2026.1")->yaml_text, kRubricYaml);
}

TEST_F(SqliteStoreTest, NamesRubricVersionsWhenTheCodeIsAmbiguous) {
  std::string second = Replaced(kRubricYaml, "\"2026.1\"", "\"2026.2\"");
  ASSERT_EQ(store_->ImportRubric(second, Parse(second)), Change::kAdded);
  ASSERT_EQ(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)), Change::kAdded);
  auto rubrics = store_->ListRubrics();
  ASSERT_EQ(rubrics->size(), 2u);
  EXPECT_EQ((*rubrics)[0].version, "2026.2");  // in order of import
  EXPECT_EQ((*rubrics)[1].version, "2026.1");
  auto ambiguous = store_->GetRubric("09.02.07-2026-PU", std::nullopt);
  ASSERT_FALSE(ambiguous.has_value());
  EXPECT_EQ(ambiguous.error().kind, Kind::kInvalidInput);
  EXPECT_EQ(ambiguous.error().message,
            "rubric 09.02.07-2026-PU has several versions (2026.2, 2026.1): name one as "
            "09.02.07-2026-PU@VERSION");
  EXPECT_EQ(store_->GetRubric("09.02.07-2026-PU", "2026.2")->info.version, "2026.2");
}

TEST_F(SqliteStoreTest, CreatesAnExamBoundToOneRubricVersion) {
  ASSERT_EQ(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)), Change::kAdded);
  auto exam = store_->CreateExam(
      {"DE-2026-0412", "09.02.07-2026-PU", "2026.1", "2026-04-12", "College 1", "J2"});
  ASSERT_TRUE(exam.has_value()) << exam.error().message;
  auto stored = store_->GetExam("DE-2026-0412");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->rubric.code, "09.02.07-2026-PU");
  EXPECT_EQ(stored->rubric.version, "2026.1");
  EXPECT_EQ(stored->rubric.sha256, Parse(kRubricYaml).sha256);
  EXPECT_EQ(stored->date, "2026-04-12");
  EXPECT_EQ(stored->site, "College 1");
  EXPECT_EQ(stored->chief, "J2");
  EXPECT_EQ(stored->created_at, "2026-04-12T09:30:00Z");
  auto exams = store_->ListExams();
  ASSERT_EQ(exams->size(), 1u);
  EXPECT_EQ((*exams)[0].id, "DE-2026-0412");
}

TEST_F(SqliteStoreTest, RefusesAnExamOnAnUnknownRubric) {
  auto exam = store_->CreateExam({"E1", "NOPE", "1", "", "", ""});
  ASSERT_FALSE(exam.has_value());
  EXPECT_EQ(exam.error().kind, Kind::kNotFound);
  EXPECT_EQ(exam.error().message,
            "rubric NOPE@1 is not in the database; import it with `skillscore rubric import "
            "FILE`");
  EXPECT_EQ(RawDatabase(path_).Int("SELECT count(*) FROM exams"), 0);
}

TEST_F(SqliteStoreTest, RefusesADuplicateExam) {
  SetUpExam();
  auto again = store_->CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "", "", ""});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind, Kind::kConflict);
  EXPECT_EQ(again.error().message, "exam E1 already exists (rubric 09.02.07-2026-PU@2026.1)");
  EXPECT_EQ(store_->GetExam("E1")->date, "2026-04-12");
}

TEST_F(SqliteStoreTest, MessagesAreInTheCurrentLanguage) {
  SetUpExam();
  SetLanguage(Language::kRussian);
  auto again = store_->CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "", "", ""});
  SetLanguage(Language::kEnglish);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().message,
            "экзамен E1 уже существует (схема оценки 09.02.07-2026-PU@2026.1)");
}

TEST_F(SqliteStoreTest, UnknownExamIsNotFound) {
  auto exam = store_->LoadExamData("E9");
  ASSERT_FALSE(exam.has_value());
  EXPECT_EQ(exam.error().kind, Kind::kNotFound);
  EXPECT_EQ(exam.error().message,
            "exam E9 does not exist; create it with `skillscore exam create`");
}

TEST_F(SqliteStoreTest, ImportsCandidatesAndJudgesByUpsert) {
  SetUpExam();
  std::vector<Candidate> update = {{"C2", "Bob", "College 2", CandidateStatus::kPresent},
                                   {"C1", "Ann", "College 1", CandidateStatus::kPresent},
                                   {"C3", "Cid", "College 3", CandidateStatus::kWithdrawn}};
  EXPECT_EQ(store_->ImportCandidates("E1", update), (ImportCounts{1, 1, 1}));
  std::vector<Judge> judges = {{"J1", "Jan", "College 3", JudgeRole::kChief}};
  EXPECT_EQ(store_->ImportJudges("E1", judges), (ImportCounts{0, 1, 0}));
  auto roster = store_->LoadRoster("E1");
  ASSERT_TRUE(roster.has_value());
  ASSERT_EQ(roster->candidates.size(), 3u);  // in order of registration
  EXPECT_EQ(roster->candidates[0].id, "C1");
  EXPECT_EQ(roster->candidates[1].status, CandidateStatus::kPresent);
  EXPECT_EQ(roster->candidates[2].status, CandidateStatus::kWithdrawn);
  EXPECT_EQ(roster->judges[0].role, JudgeRole::kChief);
  EXPECT_EQ(roster->judges[1].organization, "College 4");
  EXPECT_TRUE(roster->entries.empty());
}

TEST_F(SqliteStoreTest, RefusesRepeatedPeopleIdsWithoutWritingAny) {
  SetUpExam();
  std::vector<Candidate> repeated = {{"C7", "Eve", "", CandidateStatus::kPresent},
                                     {"C7", "Eve", "", CandidateStatus::kPresent}};
  auto result = store_->ImportCandidates("E1", repeated);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, Kind::kInvalidInput);
  EXPECT_EQ(result.error().message, "id C7 appears more than once");
  EXPECT_EQ(RawDatabase(path_).Int("SELECT count(*) FROM candidates"), 2);
}

TEST_F(SqliteStoreTest, ImportsMarksWithCounts) {
  SetUpExam();
  std::vector<MarkRow> rows = {Row(2, "C1", kPassFail, "J1", 1),
                               Row(3, "C1", kRanged, "J1", Rational::Of(7999, 100)),
                               Row(4, "C1", kJudgement, "J1", 2), Row(5, "C1", kJudgement, "J2", 3),
                               NotAttempted(6, "C2", kPassFail, "J3")};
  EXPECT_EQ(Import(rows), (ImportCounts{5, 0, 0}));
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 5);
  EXPECT_EQ(raw.Int("SELECT value FROM marks WHERE aspect = 3"), 7999);
  EXPECT_EQ(raw.Int("SELECT den FROM marks WHERE aspect = 3"), 100);
  EXPECT_EQ(raw.Int("SELECT value IS NULL FROM marks WHERE aspect = 0 AND judge = 3"), 1);
  EXPECT_EQ(raw.Text("SELECT actor || ' ' || file || ' ' || entered_at || ' ' || rows FROM "
                     "mark_batches"),
            "J2 marks.csv 2026-04-12T09:30:00Z 5");
}

TEST_F(SqliteStoreTest, ReimportingTheSameMarksIsIdempotent) {
  SetUpExam();
  std::vector<MarkRow> rows = {Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J1", 2),
                               Row(4, "C1", kJudgement, "J2", 3, "late")};
  ASSERT_EQ(Import(rows), (ImportCounts{3, 0, 0}));
  EXPECT_EQ(Import(rows), (ImportCounts{0, 0, 3}));
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 0);
  EXPECT_EQ(Describe(StoredSheets()), Describe(SheetsOf(rows)));
}

TEST_F(SqliteStoreTest, AChangedValueReplacesTheMarkAndKeepsTheOldOneInHistory) {
  SetUpExam();
  std::vector<MarkRow> first = {Row(2, "C1", kJudgement, "J1", 2),
                                Row(3, "C1", kJudgement, "J2", 3)};
  std::vector<MarkRow> second = {Row(2, "C1", kJudgement, "J1", 3),
                                 Row(3, "C1", kJudgement, "J2", 3)};
  ASSERT_EQ(Import(first), (ImportCounts{2, 0, 0}));
  EXPECT_EQ(Import(second), (ImportCounts{0, 1, 1}));
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 1);
  EXPECT_EQ(raw.Int("SELECT value FROM mark_history"), 2);
  auto data = store_->LoadExamData("E1");
  ASSERT_EQ(data->entries.size(), 3u);  // J1's 2, J2's 3, J1's 3
  EXPECT_EQ(data->entries[0].judge, "J1");
  EXPECT_EQ(data->entries[0].value.number, 2);
  EXPECT_EQ(data->entries[2].judge, "J1");
  EXPECT_EQ(data->entries[2].value.number, 3);
  EXPECT_EQ(Describe(StoredSheets()), "C1: [] [] [] [] [J1=3 J2=3 ]\nC2: [] [] [] [] []\n");
}

TEST_F(SqliteStoreTest, AChangedNoteIsAChange) {
  SetUpExam();
  ASSERT_EQ(Import({Row(2, "C1", kPassFail, "J1", 1)}), (ImportCounts{1, 0, 0}));
  EXPECT_EQ(Import({Row(2, "C1", kPassFail, "J1", 1, "checked twice")}), (ImportCounts{0, 1, 0}));
  EXPECT_EQ(RawDatabase(path_).Text("SELECT note FROM marks"), "checked twice");
}

TEST_F(SqliteStoreTest, TheLatestMeasurementCountsWhoeverEntersIt) {
  SetUpExam();
  ASSERT_EQ(Import({Row(2, "C1", kPassFail, "J1", 1)}), (ImportCounts{1, 0, 0}));
  EXPECT_EQ(store_->EnterMark("E1", {"C1", kPassFail, "J3", MarkValue{false, 0}}, "", {"J3", ""}),
            Change::kChanged);
  EXPECT_EQ(store_->EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 0}}, "", {"J1", ""}),
            Change::kUnchanged);
  EXPECT_EQ(RawDatabase(path_).Int("SELECT judge FROM marks"), 3);
  EXPECT_EQ(Describe(StoredSheets()), "C1: [0.00] [] [] [] []\nC2: [] [] [] [] []\n");
}

TEST_F(SqliteStoreTest, LaterRowsOfOneFileReplaceEarlierOnes) {
  SetUpExam();
  std::vector<MarkRow> rows = {Row(2, "C1", kJudgement, "J2", 1), Row(3, "C1", kJudgement, "J1", 2),
                               Row(4, "C1", kJudgement, "J2", 3), Row(5, "C1", kPassFail, "J1", 1),
                               Row(6, "C1", kPassFail, "J3", 0)};
  EXPECT_EQ(Import(rows), (ImportCounts{3, 0, 0}));
  EXPECT_EQ(Describe(StoredSheets()), "C1: [0.00] [] [] [] [J2=3 J1=2 ]\nC2: [] [] [] [] []\n");
  EXPECT_EQ(Describe(StoredSheets()), Describe(SheetsOf(rows)));
  EXPECT_EQ(Import(rows), (ImportCounts{0, 0, 3}));
}

TEST_F(SqliteStoreTest, LoadExamDataGivesTheSheetsOfTheEntries) {
  SetUpExam();
  // Out of key order, with a change in a later batch and panels whose judges came in either order.
  std::vector<MarkRow> day1 = {Row(2, "C2", kJudgement, "J3", 1),
                               Row(3, "C1", kJudgement, "J3", 2),
                               Row(4, "C2", kJudgement, "J1", 0),
                               Row(5, "C1", kJudgement, "J1", 3),
                               Row(6, "C1", kRanged, "J1", Rational::Of(1, 3)),
                               NotAttempted(7, "C2", kRanged, "J1")};
  std::vector<MarkRow> day2 = {Row(2, "C2", kJudgement, "J3", 2), Row(3, "C1", kJudgement, "J2", 3),
                               Row(4, "C2", kRanged, "J2", 85)};
  Import(day1, "day1.csv");
  Import(day2, "day2.csv");
  std::vector<MarkRow> all = day1;
  all.insert(all.end(), day2.begin(), day2.end());
  EXPECT_EQ(Describe(StoredSheets()), Describe(SheetsOf(all)));
  EXPECT_EQ(Describe(StoredSheets()),
            "C1: [] [] [] [0.33] [J3=2 J1=3 J2=3 ]\nC2: [] [] [] [85.00] [J3=2 J1=0 ]\n");
}

TEST_F(SqliteStoreTest, CountsEveryRowOfLargeImports) {
  SetUpExam();
  std::vector<Candidate> many;
  for (int c = 1; c <= 60; ++c) {
    many.push_back({"K" + std::to_string(c), "", "College 9", CandidateStatus::kPresent});
  }
  ASSERT_EQ(store_->ImportCandidates("E1", many), (ImportCounts{60, 0, 0}));
  auto rows_for = [](int candidate, int score) {
    std::vector<MarkRow> rows;
    for (const char* judge : {"J1", "J2", "J3"}) {
      rows.push_back(Row(candidate, "K" + std::to_string(candidate), kJudgement, judge, score));
    }
    rows.push_back(Row(candidate, "K" + std::to_string(candidate), kRanged, "J1", 95));
    return rows;
  };
  std::vector<MarkRow> first;   // 4 rows for each even candidate: 120 rows
  std::vector<MarkRow> second;  // 4 rows for every candidate, changed for every third: 240 rows
  for (int c = 1; c <= 60; ++c) {
    std::vector<MarkRow> rows = rows_for(c, 2);
    if (c % 2 == 0) first.insert(first.end(), rows.begin(), rows.end());
    if (c % 3 == 0) rows = rows_for(c, 1);
    second.insert(second.end(), rows.begin(), rows.end());
  }
  EXPECT_EQ(Import(first), (ImportCounts{120, 0, 0}));
  // Changed: the 3 scores of the 10 candidates that are even and a multiple of 3.
  EXPECT_EQ(Import(second), (ImportCounts{120, 30, 90}));
  EXPECT_EQ(Import(second), (ImportCounts{0, 0, 240}));
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 240);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 30);
  EXPECT_EQ(Describe(StoredSheets()), Describe(SheetsOf(second)));
}

TEST_F(SqliteStoreTest, PeopleWithMarksCannotBeDeleted) {
  SetUpExam();
  ASSERT_EQ(Import({Row(2, "C1", kJudgement, "J1", 1)}), (ImportCounts{1, 0, 0}));
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Refusal("DELETE FROM candidates WHERE code = 'C1'"),
            "a candidate with marks cannot be deleted");
  EXPECT_EQ(raw.Refusal("DELETE FROM judges WHERE code = 'J1'"),
            "a judge with marks cannot be deleted");
  EXPECT_EQ(raw.Refusal("DELETE FROM judges WHERE code = 'J3'"), "");
}

TEST_F(SqliteStoreTest, RefusesUnregisteredIdsListingEveryRowAndWritesNothing) {
  SetUpExam();
  std::vector<MarkRow> rows = {Row(2, "C1", kPassFail, "J1", 1), Row(3, "C9", kPassFail, "J1", 1),
                               Row(4, "C1", 99, "J7", 1)};
  auto result = store_->ImportMarks("E1", rows, {"J2", "marks.csv"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, Kind::kInvalidInput);
  EXPECT_EQ(result.error().message,
            "marks.csv:3: candidate C9 is not registered for exam E1\n"
            "marks.csv:4: judge J7 is not registered for exam E1\n"
            "marks.csv:4: aspect number 100 is outside rubric 09.02.07-2026-PU@2026.1 (5 aspects)");
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_batches"), 0);
}

TEST_F(SqliteStoreTest, AFailureMidwayLeavesNoMarkWritten) {
  SetUpExam();
  ASSERT_EQ(Import({Row(2, "C1", kPassFail, "J1", 1)}), (ImportCounts{1, 0, 0}));
  // The database itself refuses the third row, after two rows of the batch were written.
  RawDatabase(path_).Execute(
      "CREATE TRIGGER fail BEFORE INSERT ON marks WHEN NEW.candidate = 2 "
      "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
  std::vector<MarkRow> rows = {Row(2, "C1", kPassFail, "J1", 0), Row(3, "C1", kRanged, "J1", 90),
                               Row(4, "C2", kPassFail, "J1", 1)};
  auto result = store_->ImportMarks("E1", rows, {"J2", "marks.csv"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, Kind::kStorage);
  EXPECT_EQ(result.error().message, "database " + path_ + ": disk trouble");
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 1);
  EXPECT_EQ(raw.Int("SELECT value FROM marks"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_batches"), 1);
}

TEST_F(SqliteStoreTest, AWriterThatCannotGetTheLockInTimeFailsWithAStorageError) {
  SetUpExam();
  RawDatabase holder(path_);
  holder.Execute("BEGIN IMMEDIATE");
  auto impatient = Open(std::chrono::milliseconds(50));
  auto result = impatient->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 1)},
                                       {"J1", ""});
  holder.Execute("ROLLBACK");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, Kind::kStorage);
  EXPECT_EQ(result.error().message, "database " + path_ +
                                        " is busy: another program kept it locked for more than "
                                        "50 ms; try again");
}

TEST_F(SqliteStoreTest, SeveralWritersShareOneDatabase) {
  SetUpExam();
  constexpr int kMarksPerWriter = 150;
  auto write = [&](const std::string& judge, std::size_t aspect, std::atomic<int>& written) {
    SqliteStoreOptions options;
    auto store = OpenSqliteStore(path_, options);
    ASSERT_TRUE(store.has_value());
    for (int i = 0; i < kMarksPerWriter; ++i) {
      MarkEntry entry{judge == "J1" ? "C1" : "C2", aspect, judge, MarkValue{false, i % 4}};
      auto change = (*store)->EnterMark("E1", entry, "", {judge, ""});
      ASSERT_TRUE(change.has_value()) << change.error().message;
      written += 1;
    }
  };
  std::atomic<int> written_by_j1 = 0;
  std::atomic<int> written_by_j3 = 0;
  std::thread j1(write, "J1", kJudgement, std::ref(written_by_j1));
  std::thread j3(write, "J3", kJudgement, std::ref(written_by_j3));
  j1.join();
  j3.join();
  EXPECT_EQ(written_by_j1, kMarksPerWriter);
  EXPECT_EQ(written_by_j3, kMarksPerWriter);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_batches"), 2 * kMarksPerWriter);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 2 * (kMarksPerWriter - 1));
  EXPECT_EQ(Describe(StoredSheets()), "C1: [] [] [] [] [J1=1 ]\nC2: [] [] [] [] [J3=1 ]\n");
}

TEST(SqliteStoreOpenTest, SeveralProgramsMayCreateTheSameDatabaseAtOnce) {
  TempDir dir;
  std::string path = dir.File("new.db");
  std::vector<std::thread> openers;
  std::atomic<int> opened = 0;
  for (int i = 0; i < 4; ++i) {
    openers.emplace_back([&] {
      auto store = OpenSqliteStore(path);
      ASSERT_TRUE(store.has_value()) << store.error().message;
      ASSERT_TRUE((*store)->ListExams().has_value());
      opened += 1;
    });
  }
  for (std::thread& opener : openers) opener.join();
  EXPECT_EQ(opened, 4);
}

}  // namespace
}  // namespace skillscore
