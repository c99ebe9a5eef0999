// Migration 6 (audit_chain.h): a database of schema 5, made by the skillscore before per-exam
// chains (tests/data/schema5-legacy-chain.sql), keeps its global chain as it is, verified by the
// old rule and sealed, and each exam's own chain starts from an event naming its last hash.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "paths.h"
#include "skillscore/audit_chain.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using testing::SourcePath;

// The last hash of the legacy chain in the fixture: `audit verify` by that skillscore printed it.
constexpr char kLegacyHead[] = "32cdd24eb5b7b32e7ccf4ee169e867ebbed4577448b16b287201eb51b81c9abb";

class AuditChainUpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream file(SourcePath("tests/data/schema5-legacy-chain.sql"));
    std::stringstream sql;
    sql << file.rdbuf();
    RawDatabase(path_).Execute(sql.str());
    store_ = Open();
  }

  std::unique_ptr<ExamStore> Open() {
    SqliteStoreOptions options;
    options.clock = [] { return FixedTime(); };
    options.actor = "A0";
    auto store = OpenSqliteStore(path_, options);
    EXPECT_TRUE(store.has_value()) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  std::string Verify(const std::optional<std::string>& exam = std::nullopt) {
    auto report = store_->VerifyAudit(exam);
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report->problem.value_or("ok");
  }

  testing::TempDir dir_;
  std::string path_ = dir_.File("legacy.db");
  std::unique_ptr<ExamStore> store_;
};

TEST_F(AuditChainUpgradeTest, TheLegacyChainIsSealedAndEachExamsChainStartsFromItsHead) {
  ASSERT_NE(store_, nullptr);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), CurrentSchemaVersion());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM audit_events WHERE chain = ''"), 12);
  EXPECT_EQ(raw.Text("SELECT hash FROM audit_events WHERE id = 12"), kLegacyHead);
  // One "chain start" per exam, in the order the exams were created.
  EXPECT_EQ(raw.Text("SELECT group_concat(chain || ' ' || seq || ' ' || action || ' ' || "
                     "old_value || ' ' || new_value, '; ') FROM audit_events WHERE id > 12"),
            std::string("exam:T-2026-01 1 chain start ") + kLegacyHead + " 12; " +
                "exam:E1 1 chain start " + kLegacyHead + " 12");
  EXPECT_EQ(Verify(), "ok");
  EXPECT_EQ(Verify("E1"), "ok");
  auto report = store_->VerifyAudit("E1");
  EXPECT_EQ(report->events, 1u);
  EXPECT_EQ(report->head, raw.Text("SELECT hash FROM audit_events WHERE chain = 'exam:E1'"));
  EXPECT_EQ(store_->VerifyAudit(std::nullopt)->events, 14u);
}

TEST_F(AuditChainUpgradeTest, NewEventsFollowTheExamsChainAndEntriesContinueTheExams) {
  ASSERT_NE(store_, nullptr);
  // E1 entered 26–29 in the global numbering, T-2026-01 1–25 and 30: E1 goes on from 30.
  ASSERT_EQ(
      store_->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", 2, "J1", 4)}, {"J2", "late.csv"}),
      (ImportCounts{1, 0, 0}));
  ASSERT_EQ(
      store_->EnterMark("T-2026-01", {"C1", 1, "E1", MarkValue{false, 2}}, "again", {"E1", "", ""}),
      Change::kChanged);
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Text("SELECT group_concat(seq || ' ' || action || ' ' || first_entry, '; ') "
                     "FROM audit_events WHERE chain = 'exam:E1' AND first_entry IS NOT NULL"),
            "2 marks import 30");
  EXPECT_EQ(raw.Text("SELECT group_concat(seq || ' ' || action || ' ' || first_entry, '; ') "
                     "FROM audit_events WHERE chain = 'exam:T-2026-01' AND first_entry IS NOT "
                     "NULL"),
            "2 mark 31");
  EXPECT_EQ(Verify(), "ok");
  // A mark entered before the upgrade is withdrawn after it: the legacy event keeps its digest.
  ASSERT_TRUE(store_->WithdrawMark("T-2026-01", "C1", 2, "E2", {"E1", "recount"}));
  EXPECT_EQ(raw.Int("SELECT withdrawn FROM marks WHERE entry = 32"), 1);
  EXPECT_EQ(Verify("T-2026-01"), "ok");
  // The history goes through both chains: the legacy mark is what the new one replaced.
  auto history = store_->History("T-2026-01", {.candidate = "C1", .aspect = "A1.2"});
  ASSERT_TRUE(history.has_value()) << history.error().message;
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[1].event, 12);
  EXPECT_EQ((*history)[1].new_value, "4");
  EXPECT_EQ((*history)[2].event, 2);
  EXPECT_EQ((*history)[2].old_value, "4");
  EXPECT_EQ((*history)[2].new_value, "2");
}

TEST_F(AuditChainUpgradeTest, TheSealedChainStillCatchesEdits) {
  ASSERT_NE(store_, nullptr);
  store_.reset();
  RawDatabase raw(path_);
  raw.Execute("DROP TRIGGER audit_events_keep_events");
  raw.Execute("DROP TRIGGER audit_events_keep_all");
  raw.Execute("UPDATE audit_events SET reason = 'x' WHERE id = 11");
  store_ = Open();
  EXPECT_EQ(Verify("E1").substr(0, 36), "audit log broken at event 11 (lock A");
  EXPECT_NE(Verify("E1").find("the event was changed after it was written"), std::string::npos);
  raw.Execute("UPDATE audit_events SET reason = '' WHERE id = 11");
  EXPECT_EQ(Verify(), "ok");
  // The legacy chain loses its last event: both exams' chains no longer start where it ends.
  raw.Execute("DELETE FROM audit_events WHERE id = 12");
  EXPECT_NE(Verify("E1").find("audit log broken at event 1 (chain start E1, -, "),
            std::string::npos);
  EXPECT_NE(Verify("E1").find("the log kept before schema 6 no longer ends where this exam's "
                              "chain began"),
            std::string::npos);
}

}  // namespace
}  // namespace skillscore
