// The exam's time zone in the SQLite store (migration 5): kept and read back, and covered by the
// exam record's audit digest only when it is set, so that the events of exams created before
// zones were kept verify as they did.
#include <gtest/gtest.h>

#include "skillscore/audit_chain.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

// The digest of an exam record as it was before migration 5: its seven fields.
audit::Digest& ExamFields(audit::Digest& digest, const std::string& exam) {
  return digest.Add(exam)
      .Add("09.02.07-2026-PU")
      .Add("2026.1")
      .Add("2026-04-12")
      .Add("Room 1")
      .Add("J2")
      .Add("2026-04-12T09:30:00Z");
}

std::string ExamCreateState(const std::string& path, const std::string& exam) {
  RawDatabase raw(path);
  return raw.Text("SELECT state FROM audit_events WHERE action = 'exam create' AND exam = '" +
                  exam + "'");
}

TEST_F(SqliteStoreTest, AnExamKeepsItsTimeZone) {
  ASSERT_TRUE(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)).has_value());
  auto created = store_->CreateExam(
      {"E1", "09.02.07-2026-PU", std::nullopt, "2026-04-12", "Room 1", "J2", "Europe/Moscow"});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->timezone, "Europe/Moscow");
  EXPECT_EQ(store_->GetExam("E1")->timezone, "Europe/Moscow");
  EXPECT_EQ(store_->ListExams()->at(0).timezone, "Europe/Moscow");
  EXPECT_EQ(store_->LoadExamData("E1")->exam.timezone, "Europe/Moscow");
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), CurrentSchemaVersion());
}

TEST_F(SqliteStoreTest, TheZoneEntersTheExamDigestOnlyWhenSet) {
  ASSERT_TRUE(store_->ImportRubric(kRubricYaml, Parse(kRubricYaml)).has_value());
  ASSERT_TRUE(store_->CreateExam(
      {"E1", "09.02.07-2026-PU", std::nullopt, "2026-04-12", "Room 1", "J2", ""}));
  ASSERT_TRUE(store_->CreateExam(
      {"E2", "09.02.07-2026-PU", std::nullopt, "2026-04-12", "Room 1", "J2", "Europe/Moscow"}));
  audit::Digest without_zone;
  EXPECT_EQ(ExamCreateState(path_, "E1"), ExamFields(without_zone, "E1").Hex());
  audit::Digest with_zone;
  EXPECT_EQ(ExamCreateState(path_, "E2"),
            ExamFields(with_zone, "E2").Add("timezone").Add("Europe/Moscow").Hex());
  EXPECT_EQ(store_->VerifyAudit(std::nullopt)->problem, std::nullopt);
}

}  // namespace
}  // namespace skillscore
