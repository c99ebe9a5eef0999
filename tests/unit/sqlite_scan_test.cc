// ExamStore::ScanExams on the SQLite store: exams handed over one by one with their current marks,
// the version filter, and re-binding to a corrected rubric version (all or nothing, audited).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

constexpr char kCode[] = "09.02.07-2026-PU";

// The same aspects in the same places: A1.1's maximum moves to A1.2.
std::string CorrectedYaml() {
  std::string yaml = Replaced(kRubricYaml, "version: \"2026.1\"", "version: \"2026.2\"");
  yaml = Replaced(yaml, "section: \"1\", max: 0.5 }", "section: \"1\", max: 0.25 }");
  return Replaced(yaml, "max: 1.0\n            calculation: { number_completed: 5 }",
                  "max: 1.25\n            calculation: { number_completed: 5 }");
}

// A new pass/fail aspect A1.6 comes first, the others keep their ids (now explicit) but move one
// place on, and the judgement aspect A1.5 is gone.
std::string MovedAndRemovedYaml() {
  std::string yaml = Replaced(kRubricYaml, "version: \"2026.1\"", "version: \"2026.4\"");
  yaml = Replaced(yaml, "        aspects:\n          - { type: measurement,",
                  "        aspects:\n          - { id: A1.6, type: measurement, text: \"Report\", "
                  "section: \"3\", max: 2 }\n          - { id: A1.1, type: measurement,");
  yaml = Replaced(yaml, "text: \"All 5 blocks\"", "id: A1.2\n            text: \"All 5 blocks\"");
  yaml = Replaced(yaml, "text: \"WCAG violations\"",
                  "id: A1.3\n            text: \"WCAG violations\"");
  yaml = Replaced(yaml, "text: \"Test coverage\"", "id: A1.4\n            text: \"Test coverage\"");
  return yaml.erase(yaml.find("          - type: judgement"));
}

struct Visit {
  std::string exam;
  std::string rubric;  // code@version
  std::size_t done = 0;
  std::size_t total = 0;
  std::string sheets;  // Describe(BuildSheets(…))
};

class SqliteScanTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    SetUpExam();
    Import({Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J1", 2),
            Row(4, "C1", kJudgement, "J3", 3)});
    Import({Row(2, "C1", kPassFail, "J1", 0)});  // replaces the first value
    ASSERT_TRUE(store_->CreateExam({"E0", kCode, std::nullopt, "", "", "", ""}).has_value());
  }

  void ImportRubric(const std::string& yaml) {
    auto imported = store_->ImportRubric(yaml, Parse(yaml));
    ASSERT_TRUE(imported.has_value()) << StoreMessage(imported.error());
  }

  // Every exam the scan visits; `step` says what to do after each.
  std::vector<Visit> Scan(const ExamScan& scan, std::function<ScanStep(const ExamMarks&)> step,
                          StoreResult<std::size_t>& result) {
    std::vector<Visit> visits;
    result = store_->ScanExams(scan, [&](const ExamMarks& exam, const ScanProgress& progress) {
      visits.push_back({exam.exam.id, exam.rubric->Identity(), progress.done, progress.total,
                        Describe(exam.sheets)});
      return step(exam);
    });
    return visits;
  }

  std::string VersionOf(const std::string& exam) {
    auto info = store_->GetExam(exam);
    EXPECT_TRUE(info.has_value());
    return info ? info->rubric.version : "";
  }
};

TEST_F(SqliteScanTest, HandsOverEveryExamWithItsCurrentMarks) {
  StoreResult<std::size_t> result;
  std::vector<Visit> visits = Scan(
      {.rubric_code = kCode}, [](const ExamMarks&) { return ScanStep::kNext; }, result);
  ASSERT_TRUE(result.has_value()) << StoreMessage(result.error());
  EXPECT_EQ(*result, 0u);
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[0].exam, "E0");  // by exam id
  EXPECT_EQ(visits[0].sheets, "");  // no candidates
  EXPECT_EQ(visits[0].done, 1u);
  EXPECT_EQ(visits[0].total, 2u);
  EXPECT_EQ(visits[1].exam, "E1");
  EXPECT_EQ(visits[1].rubric, "09.02.07-2026-PU@2026.1");
  EXPECT_EQ(visits[1].done, 2u);
  EXPECT_EQ(visits[1].sheets, Describe(StoredSheets()));
  EXPECT_EQ(visits[1].sheets,
            "C1: [0.00] [] [] [] [J1=2 J3=3 ]\n"
            "C2: [] [] [] [] []\n");
}

TEST_F(SqliteScanTest, VisitsOnlyTheNamedExamsOfTheCodeAndNotOfTheExceptedVersion) {
  ImportRubric(CorrectedYaml());
  ASSERT_TRUE(store_->CreateExam({"E2", kCode, "2026.2", "", "", "", ""}).has_value());
  StoreResult<std::size_t> result;
  auto next = [](const ExamMarks&) { return ScanStep::kNext; };
  std::vector<Visit> visits =
      Scan({.rubric_code = kCode, .except_version = "2026.2"}, next, result);
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[1].exam, "E1");
  visits = Scan({.rubric_code = kCode, .exams = {"E1"}}, next, result);
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].total, 1u);
  EXPECT_TRUE(Scan({.rubric_code = "OTHER"}, next, result).empty());
  Scan({.rubric_code = kCode, .exams = {"E9"}}, next, result);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, StoreError::Kind::kNotFound);
}

TEST_F(SqliteScanTest, RebindsAuditedExamsToTheCorrectedVersion) {
  ImportRubric(CorrectedYaml());
  ExamScan scan{.rubric_code = kCode,
                .except_version = "2026.2",
                .rebind = ExamScan::Rebind{"2026.2", {"J2", "A1.1 maximum was wrong"}}};
  StoreResult<std::size_t> result;
  Scan(
      scan,
      [](const ExamMarks& exam) {
        return exam.exam.id == "E1" ? ScanStep::kRebind : ScanStep::kNext;
      },
      result);
  ASSERT_TRUE(result.has_value()) << StoreMessage(result.error());
  EXPECT_EQ(*result, 1u);
  EXPECT_EQ(VersionOf("E1"), "2026.2");
  EXPECT_EQ(VersionOf("E0"), "2026.1");
  auto history = store_->History("E1", {});
  ASSERT_TRUE(history.has_value());
  const HistoryEntry& last = history->back();
  EXPECT_EQ(last.action, "rubric rebind");
  EXPECT_EQ(last.actor, "J2");
  EXPECT_EQ(last.old_value, "09.02.07-2026-PU@2026.1");
  EXPECT_EQ(last.new_value, "09.02.07-2026-PU@2026.2");
  EXPECT_EQ(last.reason, "A1.1 maximum was wrong");
  auto audit = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(audit.has_value()) << StoreMessage(audit.error());
  EXPECT_EQ(audit->problem, std::nullopt);
  // The marks now count under the corrected version.
  auto data = store_->LoadExamData("E1");
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ(data->rubric.version, "2026.2");
  EXPECT_EQ(Describe(data->sheets), "C1: [0.00] [] [] [] [J1=2 J3=3 ]\nC2: [] [] [] [] []\n");
}

// Marks are stored by aspect slot, so they follow their aspect's id into the new version: none is
// rewritten, and those of the removed aspect stay stored, out of the count, in the history.
TEST_F(SqliteScanTest, RebindsToAVersionThatMovesAndRemovesAspects) {
  ImportRubric(MovedAndRemovedYaml());
  EXPECT_EQ(RawDatabase(path_).Text(
                "SELECT group_concat(a.code || '=' || a.slot, ' ') FROM (SELECT * FROM "
                "rubric_aspects ORDER BY ordinal) a JOIN rubrics r ON r.id = a.rubric "
                "WHERE r.version = '2026.4'"),
            "A1.6=5 A1.1=0 A1.2=1 A1.3=2 A1.4=3");
  ExamScan scan{.rubric_code = kCode,
                .exams = {"E1"},
                .rebind = ExamScan::Rebind{"2026.4", {"J2", "A1.5 replaced by a report"}}};
  StoreResult<std::size_t> result;
  Scan(
      scan, [](const ExamMarks&) { return ScanStep::kRebind; }, result);
  ASSERT_TRUE(result.has_value()) << StoreMessage(result.error());
  EXPECT_EQ(*result, 1u);
  EXPECT_EQ(VersionOf("E1"), "2026.4");
  EXPECT_EQ(Describe(StoredSheets()), "C1: [] [0.00] [] [] []\nC2: [] [] [] [] []\n");
  auto audit = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(audit.has_value()) << StoreMessage(audit.error());
  EXPECT_EQ(audit->problem, std::nullopt);
  auto history = store_->History("E1", {.candidate = "C1"});
  ASSERT_TRUE(history.has_value());
  std::vector<std::string> lines;
  for (const HistoryEntry& line : *history) {
    lines.push_back(line.aspect + " " + line.judge + " " + line.old_value + "→" + line.new_value);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"A1.1 J1 →yes", "A1.5 J1 →2", "A1.5 J3 →3",
                                             "A1.1 J1 yes→no"}));
  // Marks entered under the new version land in its aspects' slots: A1.6 is new, and A1.1's
  // new value replaces the one entered under the old version.
  EXPECT_EQ(Import({Row(2, "C1", 0, "J1", 1), Row(3, "C1", 1, "J1", 1)}), (ImportCounts{1, 1, 0}));
  EXPECT_EQ(Describe(StoredSheets()), "C1: [1.00] [1.00] [] [] []\nC2: [] [] [] [] []\n");
  EXPECT_EQ(store_->VerifyAudit(std::nullopt)->problem, std::nullopt);

  // Bound back to the first version, the removed aspect's marks count again.
  scan.rebind->version = "2026.1";
  scan.rebind->action.reason = "the report was a mistake";
  Scan(
      scan, [](const ExamMarks&) { return ScanStep::kRebind; }, result);
  ASSERT_TRUE(result.has_value()) << StoreMessage(result.error());
  EXPECT_EQ(Describe(StoredSheets()), "C1: [1.00] [] [] [] [J1=2 J3=3 ]\nC2: [] [] [] [] []\n");
}

// Versions imported before slots existed store their aspects by position (migration 4): such a
// version that moves aspects cannot take over the marks of an exam as they are.
TEST_F(SqliteScanTest, RefusesToRebindWhenAnOlderVersionStoredAspectsElsewhere) {
  ImportRubric(MovedAndRemovedYaml());
  {
    RawDatabase raw(path_);
    raw.Execute("UPDATE rubric_aspects SET slot = ordinal + 10 WHERE rubric = 2");
    raw.Execute("UPDATE rubric_aspects SET slot = ordinal WHERE rubric = 2");
  }
  ExamScan scan{.rubric_code = kCode, .rebind = ExamScan::Rebind{"2026.4", {"", "a report"}}};
  StoreResult<std::size_t> result;
  Scan(
      scan, [](const ExamMarks&) { return ScanStep::kRebind; }, result);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, StoreError::Kind::kConflict);
  EXPECT_EQ(StoreMessage(result.error()),
            "exam E0 cannot be bound to rubric 09.02.07-2026-PU@2026.4: 09.02.07-2026-PU@2026.1 "
            "was imported by an older skillscore, which stored aspect A1.1 elsewhere than "
            "09.02.07-2026-PU@2026.4 does");
  EXPECT_EQ(VersionOf("E0"), "2026.1");
  EXPECT_EQ(VersionOf("E1"), "2026.1");
}

// A re-binding scan that the visitor stops or discards writes nothing, whatever it re-bound
// before; a stopped scan visits no more exams, a discarded one visits them all.
TEST_F(SqliteScanTest, StoppingOrDiscardingWritesNothing) {
  ImportRubric(CorrectedYaml());
  ExamScan scan{.rubric_code = kCode, .rebind = ExamScan::Rebind{"2026.2", {"", "fix"}}};
  std::size_t events = store_->VerifyAudit(std::nullopt)->events;
  struct Case {
    ScanStep e0, e1;
    std::size_t visits;
  };
  for (const Case& c :
       {Case{ScanStep::kRebind, ScanStep::kStop, 2}, Case{ScanStep::kStop, ScanStep::kRebind, 1},
        Case{ScanStep::kDiscard, ScanStep::kRebind, 2}}) {
    StoreResult<std::size_t> result;
    std::vector<Visit> visits = Scan(
        scan, [&](const ExamMarks& exam) { return exam.exam.id == "E0" ? c.e0 : c.e1; }, result);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*result, 0u);
    EXPECT_EQ(visits.size(), c.visits);
    EXPECT_EQ(VersionOf("E0"), "2026.1");
    EXPECT_EQ(VersionOf("E1"), "2026.1");
    EXPECT_EQ(store_->VerifyAudit(std::nullopt)->events, events);
  }
}

TEST_F(SqliteScanTest, RefusesAnUnknownVersionToRebindTo) {
  StoreResult<std::size_t> result;
  Scan(
      {.rubric_code = kCode, .rebind = ExamScan::Rebind{"2099", {"", "fix"}}},
      [](const ExamMarks&) { return ScanStep::kRebind; }, result);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, StoreError::Kind::kNotFound);
}

}  // namespace
}  // namespace skillscore
