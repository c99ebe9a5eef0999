// The rosters a store keeps between marks (roster_cache.h): given back only while the exam's
// roster generation stays, which every change to the exam's people or locks moves — made by the
// same store or by another connection to the same database, as another process would.
#include "skillscore/roster_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "pg_test_server.h"
#include "process.h"
#include "skillscore/postgres_store.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using Version = RosterCache<std::string>::Version;

TEST(RosterCacheTest, GivesBackARosterOnlyAtTheVersionItWasKeptAt) {
  RosterCache<std::string> cache;
  EXPECT_EQ(cache.Find("E1", Version{1, 0}), nullptr);
  cache.Keep("E1", Version{1, 4}, "roster at 4");
  ASSERT_NE(cache.Find("E1", Version{1, 4}), nullptr);
  EXPECT_EQ(*cache.Find("E1", Version{1, 4}), "roster at 4");
  EXPECT_EQ(cache.Find("E1", Version{1, 5}), nullptr);  // the roster changed since
  EXPECT_EQ(cache.Find("E1", Version{2, 4}), nullptr);  // another row under the same code
  EXPECT_EQ(cache.Find("E2", Version{1, 4}), nullptr);
  cache.Keep("E1", Version{1, 5}, "roster at 5");
  EXPECT_EQ(cache.Find("E1", Version{1, 4}), nullptr);
  EXPECT_EQ(*cache.Find("E1", Version{1, 5}), "roster at 5");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(RosterCacheTest, AFullCacheStartsAfresh) {
  RosterCache<std::string> cache;
  for (std::size_t i = 0; i < RosterCache<std::string>::kKept; ++i) {
    cache.Keep("E" + std::to_string(i), Version{static_cast<std::int64_t>(i), 0}, "r");
  }
  EXPECT_EQ(cache.size(), RosterCache<std::string>::kKept);
  cache.Keep("E0", Version{0, 1}, "again");  // a kept exam: replaced in place
  EXPECT_EQ(cache.size(), RosterCache<std::string>::kKept);
  cache.Keep("NEW", Version{99, 0}, "new");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(*cache.Find("NEW", Version{99, 0}), "new");
  EXPECT_EQ(cache.Find("E0", Version{0, 1}), nullptr);
}

// Two stores on one database: `first` reads (and keeps) the roster, `second` changes it.
struct SqliteKind {
  static std::pair<std::unique_ptr<ExamStore>, std::unique_ptr<ExamStore>> OpenTwo(
      const testing::TempDir& dir) {
    SqliteStoreOptions options;
    options.clock = FixedTime;
    options.actor = "A0";
    auto first = OpenSqliteStore(dir.File("roster.db"), options);
    auto second = OpenSqliteStore(dir.File("roster.db"), options);
    if (!first || !second) throw std::runtime_error("cannot open roster.db");
    return {std::move(*first), std::move(*second)};
  }
};

struct PostgresKind {
  static std::pair<std::unique_ptr<ExamStore>, std::unique_ptr<ExamStore>> OpenTwo(
      const testing::TempDir&) {
    static const testing::PgServer& server = testing::SharedPgServer();
    static std::vector<std::unique_ptr<testing::PgTestDatabase>> databases;
    const auto& database =
        databases.emplace_back(std::make_unique<testing::PgTestDatabase>(server));
    PostgresStoreOptions options;
    options.clock = FixedTime;
    options.actor = "A0";
    auto first = OpenPostgresStore(database->url(), options);
    auto second = OpenPostgresStore(database->url(), options);
    if (!first || !second) throw std::runtime_error("cannot open " + database->name());
    return {std::move(*first), std::move(*second)};
  }
};

template <typename StoreKind>
class StoreRosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::tie(first_, second_) = StoreKind::OpenTwo(dir_);
    SetUpWorkedExam(*second_);
  }

  // The judges of E1 as `store` reads them: "J1 Jan, J2 Jo, …".
  static std::string Judges(ExamStore& store) {
    auto roster = store.LoadRoster("E1");
    EXPECT_TRUE(roster.has_value()) << StoreMessage(roster.error());
    std::string text;
    for (const Judge& judge : roster->judges) {
      text += (text.empty() ? "" : ", ") + judge.id + " " + judge.name;
    }
    return text;
  }

  StoreResult<Change> Mark(ExamStore& store, Rational value) {
    return store.EnterMark("E1", MarkEntry{"C1", kPassFail, "J1", MarkValue{false, value}}, "",
                           {"J1", ""});
  }

  testing::TempDir dir_;
  std::unique_ptr<ExamStore> first_;
  std::unique_ptr<ExamStore> second_;
};

using StoreKinds = ::testing::Types<SqliteKind, PostgresKind>;
TYPED_TEST_SUITE(StoreRosterTest, StoreKinds);

TYPED_TEST(StoreRosterTest, JudgesReimportedByAnotherConnectionAreSeenAtTheNextRead) {
  ExamStore& first = *this->first_;
  ExamStore& second = *this->second_;
  EXPECT_EQ(this->Judges(first), "J1 Jan, J2 Jo, J3 Jim");
  EXPECT_EQ(this->Judges(first), "J1 Jan, J2 Jo, J3 Jim");  // kept
  std::vector<Judge> again = {{"J1", "Jan Novak", "College 3", JudgeRole::kExpert},
                              {"J4", "Kim", "College 6", JudgeRole::kExpert}};
  ASSERT_EQ(second.ImportJudges("E1", again), (ImportCounts{1, 1, 0}));
  EXPECT_EQ(this->Judges(first), "J1 Jan Novak, J2 Jo, J3 Jim, J4 Kim");
  // The candidate's data for a mark carries the new roster as well.
  auto data = first.LoadCandidateData("E1", "C1");
  ASSERT_TRUE(data.has_value()) << StoreMessage(data.error());
  ASSERT_EQ(data->judges.size(), 4u);
  EXPECT_EQ(data->judges[3].id, "J4");
  ASSERT_EQ(data->sheets.size(), 1u);
  EXPECT_EQ(data->sheets[0].candidate.id, "C1");
}

TYPED_TEST(StoreRosterTest, PeopleChangedByTheSameStoreAreSeenAtOnce) {
  ExamStore& first = *this->first_;
  EXPECT_EQ(this->Judges(first), "J1 Jan, J2 Jo, J3 Jim");
  std::vector<Judge> renamed = {{"J3", "Jim Beam", "College 4", JudgeRole::kExpert}};
  ASSERT_EQ(first.ImportJudges("E1", renamed), (ImportCounts{0, 1, 0}));
  EXPECT_EQ(this->Judges(first), "J1 Jan, J2 Jo, J3 Jim Beam");
  ASSERT_EQ(first.SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "arrived"}),
            Change::kChanged);
  auto roster = first.LoadRoster("E1");
  ASSERT_TRUE(roster.has_value());
  EXPECT_EQ(roster->candidates[1].status, CandidateStatus::kPresent);
}

// Writes gathered into one transaction (ExamStore::WriteTogether) see each other's changes: a
// roster read between two imports of the same transaction is not kept past the second.
TYPED_TEST(StoreRosterTest, ARosterChangedTwiceInOneTransactionIsReadAfreshEachTime) {
  ExamStore& first = *this->first_;
  std::string between;
  std::string after;
  ASSERT_TRUE(first
                  .WriteTogether([&] {
                    std::vector<Judge> fourth = {{"J4", "Kim", "College 6", JudgeRole::kExpert}};
                    ASSERT_EQ(first.ImportJudges("E1", fourth), (ImportCounts{1, 0, 0}));
                    between = this->Judges(first);
                    std::vector<Judge> fifth = {{"J5", "Lee", "College 7", JudgeRole::kExpert}};
                    ASSERT_EQ(first.ImportJudges("E1", fifth), (ImportCounts{1, 0, 0}));
                    after = this->Judges(first);
                  })
                  .has_value());
  EXPECT_EQ(between, "J1 Jan, J2 Jo, J3 Jim, J4 Kim");
  EXPECT_EQ(after, "J1 Jan, J2 Jo, J3 Jim, J4 Kim, J5 Lee");
  EXPECT_EQ(this->Judges(first), "J1 Jan, J2 Jo, J3 Jim, J4 Kim, J5 Lee");
  EXPECT_EQ(this->Judges(*this->second_), "J1 Jan, J2 Jo, J3 Jim, J4 Kim, J5 Lee");
}

TYPED_TEST(StoreRosterTest, ALockMadeOrLiftedByAnotherConnectionHoldsForTheNextMark) {
  ExamStore& first = *this->first_;
  ExamStore& second = *this->second_;
  EXPECT_EQ(this->Mark(first, 1), Change::kAdded);  // reads and keeps the roster and its locks
  auto agree = [](const ExamData&, std::string_view) { return true; };
  ASSERT_TRUE(second.LockSubcriterion("E1", "A1", {"J2", ""}, agree).has_value());
  auto refused = this->Mark(first, 0);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, StoreError::Kind::kInvalidInput);
  EXPECT_EQ(StoreMessage(refused.error()),
            "sub-criterion A1 is locked (signed off by J2 at 2026-04-12T09:30:00Z): the mark of C1 "
            "for A1.1 is refused; only the chief expert can unlock it");
  ASSERT_TRUE(second.UnlockSubcriterion("E1", "A1", {"J2", "a typo"}).has_value());
  EXPECT_EQ(this->Mark(first, 0), Change::kChanged);
}

// The counter the cache relies on: moved by people and locks, by any writer, and not by marks
// (else the cache would be read afresh for every mark).
TEST(SqliteRosterGenerationTest, MovesWithPeopleAndLocksAndNotWithMarks) {
  testing::TempDir dir;
  auto [store, other] = SqliteKind::OpenTwo(dir);
  SetUpWorkedExam(*store);
  RawDatabase raw(dir.File("roster.db"));
  const std::string generation = "SELECT roster_generation FROM exams WHERE code = 'E1'";
  const std::int64_t set_up = raw.Int(generation);
  EXPECT_EQ(set_up, 5);  // two candidates and three judges inserted
  ASSERT_EQ(
      store->EnterMark("E1", MarkEntry{"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", ""}),
      Change::kAdded);
  EXPECT_EQ(raw.Int(generation), set_up);
  auto agree = [](const ExamData&, std::string_view) { return true; };
  ASSERT_TRUE(other->LockSubcriterion("E1", "A1", {"J2", ""}, agree).has_value());
  EXPECT_EQ(raw.Int(generation), set_up + 1);
  raw.Execute("UPDATE judges SET name = 'Jo Smith' WHERE code = 'J2'");  // the sqlite3 shell
  EXPECT_EQ(raw.Int(generation), set_up + 2);
  auto roster = store->LoadRoster("E1");
  ASSERT_TRUE(roster.has_value());
  EXPECT_EQ(roster->judges[1].name, "Jo Smith");
}

}  // namespace
}  // namespace skillscore
