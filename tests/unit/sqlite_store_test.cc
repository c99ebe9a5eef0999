#include "skillscore/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "paths.h"
#include "process.h"
#include "skillscore/exam.h"
#include "skillscore/i18n.h"
#include "skillscore/rubric_loader.h"
#include "skillscore/store.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using testing::TempDir;
using Kind = StoreError::Kind;

TEST_F(SqliteStoreTest, CreatesTheSchemaInWalModeWithForeignKeys) {
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), CurrentSchemaVersion());
  EXPECT_EQ(raw.Int("PRAGMA application_id"), 0x534B5343);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 14);
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
  const std::int64_t latest = CurrentSchemaVersion();
  RawDatabase(path_).Execute("PRAGMA user_version = " + std::to_string(latest + 1));
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_EQ(store.error().message, "database " + path_ + " has schema version " +
                                       std::to_string(latest + 1) +
                                       ", newer than this program knows (" +
                                       std::to_string(latest) + "): use a newer skillscore");
}

// Schema 3 stored marks by aspect position; migration 4 numbers each aspect's slot by it, so that
// every mark, and every digest the audit log recorded, stays valid as it is. The database is the
// schema-5 fixture (made by an older skillscore, tests/data) taken back to schema 3.
TEST_F(SqliteStoreTest, UpgradingFromSchemaThreeKeepsMarksWhereTheyAre) {
  store_.reset();
  std::ifstream file(testing::SourcePath("tests/data/schema5-legacy-chain.sql"));
  std::stringstream fixture;
  fixture << file.rdbuf();
  std::string direct = dir_.File("direct.db");
  std::string three = dir_.File("three.db");
  RawDatabase(direct).Execute(fixture.str());
  RawDatabase(three).Execute(fixture.str());
  {
    RawDatabase raw(three);
    for (const char* sql :
         {"CREATE TABLE old (rubric INTEGER NOT NULL REFERENCES rubrics (id), ordinal INTEGER NOT "
          "NULL, code TEXT NOT NULL, subcriterion TEXT NOT NULL, judgement INTEGER NOT NULL, "
          "PRIMARY KEY (rubric, ordinal), UNIQUE (rubric, code)) WITHOUT ROWID",
          "INSERT INTO old SELECT rubric, ordinal, code, subcriterion, judgement FROM "
          "rubric_aspects",
          "DROP TABLE rubric_aspects", "ALTER TABLE old RENAME TO rubric_aspects",
          "ALTER TABLE exams DROP COLUMN timezone", "PRAGMA user_version = 3"}) {
      raw.Execute(sql);
    }
  }
  auto sheets_of = [](const std::string& path) {
    auto store = OpenSqliteStore(path);
    EXPECT_TRUE(store.has_value()) << store.error().message;
    auto data = (*store)->LoadExamData("T-2026-01");
    EXPECT_TRUE(data.has_value()) << data.error().message;
    auto audit = (*store)->VerifyAudit(std::nullopt);
    EXPECT_TRUE(audit.has_value()) << audit.error().message;
    EXPECT_EQ(audit->problem, std::nullopt);
    return Describe(data->sheets);
  };
  ASSERT_TRUE(OpenSqliteStore(three).has_value());
  RawDatabase raw(three);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), CurrentSchemaVersion());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM rubric_aspects WHERE slot = ordinal"), 8);
  EXPECT_EQ(raw.Text("SELECT group_concat(timezone, ',') FROM exams"), ",");  // shown in UTC
  // The fixture's exams were created with a zone, which schema 3 had no column for and which
  // their audit events recorded: put it back, so that the audit log is the fixture's again.
  raw.Execute("UPDATE exams SET timezone = 'Etc/UTC'");
  EXPECT_EQ(sheets_of(three), sheets_of(direct));
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
      {"DE-2026-0412", "09.02.07-2026-PU", "2026.1", "2026-04-12", "College 1", "J2", ""});
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
  auto exam = store_->CreateExam({"E1", "NOPE", "1", "", "", "", ""});
  ASSERT_FALSE(exam.has_value());
  EXPECT_EQ(exam.error().kind, Kind::kNotFound);
  EXPECT_EQ(exam.error().message,
            "rubric NOPE@1 is not in the database; import it with `skillscore rubric import "
            "FILE`");
  EXPECT_EQ(RawDatabase(path_).Int("SELECT count(*) FROM exams"), 0);
}

TEST_F(SqliteStoreTest, RefusesADuplicateExam) {
  SetUpExam();
  auto again = store_->CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "", "", "", ""});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind, Kind::kConflict);
  EXPECT_EQ(again.error().message, "exam E1 already exists (rubric 09.02.07-2026-PU@2026.1)");
  EXPECT_EQ(store_->GetExam("E1")->date, "2026-04-12");
}

TEST_F(SqliteStoreTest, MessagesAreInTheCurrentLanguage) {
  SetUpExam();
  SetLanguage(Language::kRussian);
  auto again = store_->CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "", "", "", ""});
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
  EXPECT_TRUE(roster->sheets.empty());
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
  // J1's current score is the latest entry, but the panel keeps J1 first, by first entry, as
  // BuildSheets over every entry made (J1's 2, J2's 3, J1's 3) orders it.
  EXPECT_EQ(Describe(StoredSheets()), "C1: [] [] [] [] [J1=3 J2=3 ]\nC2: [] [] [] [] []\n");
  std::vector<MarkRow> every_entry = first;
  every_entry.push_back(second[0]);
  EXPECT_EQ(Describe(StoredSheets()), Describe(SheetsOf(every_entry)));
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

// A source handing over `rows`, counting how often the store reads them.
MarkRowSource Source(const std::vector<MarkRow>& rows, int& reads) {
  return [&rows, &reads](const MarkRowSink& take) {
    ++reads;
    for (const MarkRow& row : rows) take(row);
    return true;
  };
}

TEST_F(SqliteStoreTest, AStreamWhoseCandidatesComeTogetherIsReadOnce) {
  SetUpExam();
  std::vector<MarkRow> rows = {Row(2, "C2", kJudgement, "J1", 1), Row(3, "C2", kPassFail, "J1", 1),
                               Row(4, "C2", kJudgement, "J1", 2), Row(5, "C1", kJudgement, "J3", 3),
                               Row(6, "C1", kRanged, "J1", 85)};
  int reads = 0;
  auto counts = store_->ImportMarkStream("E1", Source(rows, reads), {"J2", "marks.csv"});
  EXPECT_EQ(counts, (ImportCounts{4, 0, 0}));
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(Describe(StoredSheets()), Describe(SheetsOf(rows)));
  EXPECT_EQ(RawDatabase(path_).Int("SELECT count(*) FROM mark_history"), 0);
  EXPECT_FALSE(store_->VerifyAudit(std::nullopt)->problem.has_value());
}

// C1's rows come back after C2's, the second time with a different value for a key it already had
// and then with its first value again: the batch collapses as a whole (the mark is unchanged, and
// its stored entry stays the first row's).
TEST_F(SqliteStoreTest, AStreamWhoseCandidatesComeBackIsWrittenAsOneBatch) {
  SetUpExam();
  ASSERT_EQ(Import({Row(2, "C1", kJudgement, "J1", 2)}), (ImportCounts{1, 0, 0}));
  std::vector<MarkRow> rows = {Row(2, "C1", kJudgement, "J1", 3), Row(3, "C2", kPassFail, "J1", 1),
                               Row(4, "C1", kJudgement, "J3", 1), Row(5, "C1", kJudgement, "J1", 2),
                               Row(6, "C2", kPassFail, "J3", 0)};
  int reads = 0;
  auto counts = store_->ImportMarkStream("E1", Source(rows, reads), {"J2", "marks.csv"});
  EXPECT_EQ(counts, (ImportCounts{2, 0, 1}));
  EXPECT_EQ(reads, 2);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_history"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_batches"), 2);
  EXPECT_EQ(Describe(StoredSheets()), "C1: [] [] [] [] [J1=2 J3=1 ]\nC2: [0.00] [] [] [] []\n");
  EXPECT_FALSE(store_->VerifyAudit(std::nullopt)->problem.has_value());
}

TEST_F(SqliteStoreTest, AStreamItsSourceRefusesWritesNothing) {
  SetUpExam();
  auto refused = [](const MarkRowSink& take) {
    take(Row(2, "C1", kPassFail, "J1", 1));
    take(Row(3, "C2", kPassFail, "J1", 1));
    return false;
  };
  auto result = store_->ImportMarkStream("E1", refused, {"J2", "marks.csv"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, Kind::kInvalidInput);
  EXPECT_EQ(result.error().message, "");
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_batches"), 0);
}

// Rows of C1 are written before C2's row shows that C9 is not registered; every refused row is
// still reported, and nothing stays written.
TEST_F(SqliteStoreTest, AStreamRefusedLateReportsEveryRowAndWritesNothing) {
  SetUpExam();
  std::vector<MarkRow> rows = {Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kRanged, "J1", 90),
                               Row(4, "C2", kPassFail, "J1", 1), Row(5, "C9", kPassFail, "J1", 1),
                               Row(6, "C2", kRanged, "J7", 90)};
  int reads = 0;
  auto result = store_->ImportMarkStream("E1", Source(rows, reads), {"J2", "marks.csv"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message,
            "marks.csv:5: candidate C9 is not registered for exam E1\n"
            "marks.csv:6: judge J7 is not registered for exam E1");
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM marks"), 0);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM mark_batches"), 0);
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
