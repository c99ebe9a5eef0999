// Moving an exam between stores (store.h ExportExam / ImportExam, exam_bundle.h) on every backend:
// an exam day written on one store, exported to a bundle and imported into a fresh store of each
// kind, arrives with the same chain, history, sheets, locks, passports and codes, and exports back
// to the same bytes; a bundle that does not verify, or an exam that is there already, writes
// nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bundle_fixture.h"
#include "pg_test_server.h"
#include "process.h"
#include "skillscore/exam_bundle.h"
#include "skillscore/postgres_store.h"
#include "skillscore/sha256.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"
#include "sqlite_store_fixture.h"
#include "store_kinds.h"

namespace skillscore {
namespace {

using Kind = StoreError::Kind;

template <typename StoreKind>
class BundleStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<ExamStore> Open() {
    return StoreKind::Open(dir_, [this] { return now_; });
  }

  testing::TempDir dir_;
  std::chrono::system_clock::time_point now_ = FixedTime();
};

TYPED_TEST_SUITE(BundleStoreTest, StoreKinds);

template <typename Target>
void ExpectTheSameExam(ExamStore& source, const std::string& bundle, const testing::TempDir& dir,
                       std::chrono::system_clock::time_point later) {
  auto target = Target::Open(dir, [later] { return later; });
  auto imported = Import(*target, bundle);
  ASSERT_TRUE(imported.has_value()) << StoreMessage(imported.error());
  auto here = source.VerifyAudit("E1");
  auto there = target->VerifyAudit("E1");
  ASSERT_TRUE(here && there);
  EXPECT_EQ(there->problem, std::nullopt);
  EXPECT_EQ(there->events, 11u);
  EXPECT_EQ(there->events, here->events);
  EXPECT_EQ(there->head, here->head);
  EXPECT_EQ(target->VerifyAudit(std::nullopt)->problem, std::nullopt);
  EXPECT_EQ(target->History("E1", {}).value(), source.History("E1", {}).value());
  EXPECT_EQ(Describe(target->LoadExamData("E1")->sheets),
            Describe(source.LoadExamData("E1")->sheets));
  EXPECT_EQ(target->LockedSubcriteria("E1").value(), source.LockedSubcriteria("E1").value());
  EXPECT_EQ(target->ListPassports("E1").value(), source.ListPassports("E1").value());
  EXPECT_EQ(target->ListCodes("E1").value(), source.ListCodes("E1").value());
  EXPECT_TRUE(target->PinRequired("E1").value());
  EXPECT_EQ(Export(*target), bundle);  // and back, byte for byte
  // The target goes on where the source stopped: the next mark follows the imported chain.
  ASSERT_TRUE(target->UnlockSubcriterion("E1", "A1", {"J2", "recheck"}));
  EXPECT_EQ(target->VerifyAudit("E1")->problem, std::nullopt);
  EXPECT_EQ(target->VerifyAudit("E1")->events, 12u);
}

TYPED_TEST(BundleStoreTest, AnExamArrivesOnEveryStoreAsItWas) {
  auto source = this->Open();
  RunAnExamDay(*source);
  std::string bundle = Export(*source);
  ExpectTheSameExam<SqliteKind>(*source, bundle, this->dir_, this->now_ + std::chrono::hours(1));
  ExpectTheSameExam<PostgresKind>(*source, bundle, this->dir_, this->now_ + std::chrono::hours(1));
}

TYPED_TEST(BundleStoreTest, AnExamThatIsThereAlreadyIsRefusedAndNothingIsWritten) {
  auto source = this->Open();
  RunAnExamDay(*source);
  std::string bundle = Export(*source);
  auto reader = BundleFileReader::FromText(bundle, "e1.bundle");
  ASSERT_TRUE(reader.has_value());
  auto again = source->ImportExam(**reader);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind, Kind::kConflict);
  EXPECT_EQ(StoreMessage(again.error()), "exam E1 already exists");
  EXPECT_EQ(source->VerifyAudit("E1")->events, 11u);
}

TYPED_TEST(BundleStoreTest, AChangedMarkInAResealedBundleIsRefusedByTheChain) {
  auto source = this->Open();
  RunAnExamDay(*source);
  std::string bundle = Export(*source);
  std::string changed = Resealed(Replaced(bundle, "\"note\": \"recounted\", \"withdrawn\"",
                                          "\"note\": \"recountes\", \"withdrawn\""));
  ASSERT_NE(changed, bundle);
  auto target = this->Open();
  auto imported = Import(*target, changed);
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().kind, Kind::kInvalidInput);
  EXPECT_EQ(StoreMessage(imported.error())
                .rfind("the bundle of exam E1 does not verify on arrival, so "
                       "nothing was imported: audit log broken at event 5",
                       0),
            0u)
      << StoreMessage(imported.error());
  EXPECT_EQ(target->GetExam("E1").error().kind, Kind::kNotFound);
}

TYPED_TEST(BundleStoreTest, AChangedEventIsRefusedByItsHash) {
  auto source = this->Open();
  RunAnExamDay(*source);
  std::string changed =
      Resealed(Replaced(Export(*source), "\"reason\": \"came\"", "\"reason\": \"come\""));
  auto target = this->Open();
  auto imported = Import(*target, changed);
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(StoreMessage(imported.error()),
            "event 7 of the bundle was changed: its hash does not match its content");
  EXPECT_EQ(target->GetExam("E1").error().kind, Kind::kNotFound);
}

TYPED_TEST(BundleStoreTest, AnExamWithoutItsRubricHereIsRefused) {
  auto source = this->Open();
  RunAnExamDay(*source);
  auto reader = BundleFileReader::FromText(Export(*source), "e1.bundle");
  ASSERT_TRUE(reader.has_value());
  auto target = this->Open();
  auto imported = target->ImportExam(**reader);
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().kind, Kind::kConflict);
  EXPECT_EQ(StoreMessage(imported.error()),
            "rubric 09.02.07-2026-PU@2026.1 with the bundle's content is not stored here");
}

TYPED_TEST(BundleStoreTest, AnUnknownExamIsNotFound) {
  auto source = this->Open();
  std::ostringstream out;
  BundleFileWriter writer(out);
  EXPECT_EQ(source->ExportExam("E9", writer).error().kind, Kind::kNotFound);
}

}  // namespace
}  // namespace skillscore
