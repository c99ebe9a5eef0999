// What every store refuses, as codes with parameters (store_error.h): typed tests that each
// backend of store_kinds.h must pass. The messages for people are made from these at the edge
// (store_messages_test.cc); here only the code, its kind, its parameters and, for a batch of marks,
// each refused mark's line are stated.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "skillscore/store.h"
#include "sqlite_store_fixture.h"
#include "store_kinds.h"

namespace skillscore {
namespace {

using Code = StoreError::Code;
using Kind = StoreError::Kind;

constexpr const char* kCode = "09.02.07-2026-PU";
constexpr const char* kVersion = "2026.1";
constexpr const char* kAt = "2026-04-12T09:30:00Z";  // FixedTime()
constexpr std::size_t kLook = 1;                     // A1.2, number_completed

// A refusal as one line: "code(arg, arg)", "@line" for a mark of a batch, and the refusals of a
// batch in brackets.
std::string Coded(const StoreError& error) {
  std::string text = std::string(CodeName(error.code)) + "(";
  for (std::size_t i = 0; i < error.args.size(); ++i) text += (i ? ", " : "") + error.args[i];
  text += ")";
  if (error.line > 0) text += "@" + std::to_string(error.line);
  if (!error.refusals.empty()) {
    text += " [";
    for (std::size_t i = 0; i < error.refusals.size(); ++i) {
      text += (i ? "; " : "") + Coded(error.refusals[i]);
    }
    text += "]";
  }
  return text;
}

template <typename T>
std::string Refusal(const StoreResult<T>& result) {
  if (result) return "accepted";
  EXPECT_EQ(result.error().kind, KindOf(result.error().code)) << Coded(result.error());
  return Coded(result.error());
}

template <typename StoreKind>
class StoreRefusalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = StoreKind::Open(dir_, [] { return FixedTime(); });
    SetUpWorkedExam(*store_);
  }

  static LockGuard Agree() {
    return [](const ExamData&, std::string_view) { return true; };
  }

  testing::TempDir dir_;
  std::unique_ptr<ExamStore> store_;
};

TYPED_TEST_SUITE(StoreRefusalsTest, StoreKinds);

TYPED_TEST(StoreRefusalsTest, RubricsNameTheVersionAndTheContent) {
  auto& store = *this->store_;
  EXPECT_EQ(Refusal(store.GetRubric("NOPE", std::string("1"))), "rubric_not_found(NOPE@1)");
  EXPECT_EQ(Refusal(store.GetRubric("NOPE", std::nullopt)), "rubric_not_found(NOPE)");
  const std::string changed = Replaced(kRubricYaml, "Web development", "Web design");
  const std::string stored = store.ListRubrics()->front().sha256;
  auto conflict = store.ImportRubric(changed, Parse(changed));
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, Code::kRubricContentConflict);
  EXPECT_EQ(conflict.error().kind, Kind::kConflict);
  ASSERT_EQ(conflict.error().args.size(), 3u);
  EXPECT_EQ(conflict.error().args[0], "09.02.07-2026-PU@2026.1");
  EXPECT_EQ(conflict.error().args[1], stored);
  EXPECT_EQ(conflict.error().args[2].size(), 64u);
  EXPECT_NE(conflict.error().args[2], stored);
  const std::string next = Replaced(kRubricYaml, "2026.1", "2026.2");
  ASSERT_EQ(store.ImportRubric(next, Parse(next)), Change::kAdded);
  EXPECT_EQ(Refusal(store.GetRubric(kCode, std::nullopt)),
            "rubric_ambiguous(09.02.07-2026-PU, 2026.1, 2026.2)");
}

TYPED_TEST(StoreRefusalsTest, ExamsAndPeopleNameTheirIds) {
  auto& store = *this->store_;
  EXPECT_EQ(Refusal(store.GetExam("E9")), "exam_not_found(E9)");
  EXPECT_EQ(Refusal(store.LoadExamData("E9")), "exam_not_found(E9)");
  EXPECT_EQ(Refusal(store.CreateExam({"E2", "NOPE", "1", "", "", "", ""})),
            "rubric_not_found(NOPE@1)");
  EXPECT_EQ(Refusal(store.CreateExam({"E1", kCode, std::nullopt, "", "", "", ""})),
            "exam_exists(E1, 09.02.07-2026-PU, 2026.1)");
  EXPECT_EQ(Refusal(store.CreateExam({"", kCode, std::nullopt, "", "", "", ""})),
            "exam_id_empty()");
  std::vector<Candidate> nameless = {{"C5", "Eve", "", CandidateStatus::kPresent},
                                     {"", "Nobody", "", CandidateStatus::kPresent}};
  EXPECT_EQ(Refusal(store.ImportCandidates("E1", nameless)), "person_id_empty(2)");
  std::vector<Judge> twice = {{"J7", "Al", "", JudgeRole::kExpert},
                              {"J7", "Al", "", JudgeRole::kChief}};
  EXPECT_EQ(Refusal(store.ImportJudges("E1", twice)), "person_id_repeated(J7)");
  EXPECT_EQ(Refusal(store.SetCandidateStatus("E1", "C9", CandidateStatus::kAbsent, {"J2", "x"})),
            "candidate_not_registered(C9, E1)");
}

TYPED_TEST(StoreRefusalsTest, ABatchOfMarksNamesEveryRefusedMarkByItsLine) {
  auto& store = *this->store_;
  std::vector<NewMark> marks = {Row(2, "C9", kPassFail, "J1", 1), Row(3, "C1", kPassFail, "J9", 1),
                                Row(4, "C1", 7, "J1", 1), Row(5, "C1", kPassFail, "J1", 1)};
  EXPECT_EQ(Refusal(store.ImportMarks("E1", marks, {"J2", "marks.csv"})),
            "marks_refused(marks.csv) [candidate_not_registered(C9, E1)@2; "
            "judge_not_registered(J9, E1)@3; aspect_outside_rubric(8, 09.02.07-2026-PU, 2026.1, "
            "5)@4]");
  EXPECT_EQ(Refusal(store.ImportMarks("E9", marks, {"J2", "marks.csv"})), "exam_not_found(E9)");
  auto refused_by_source = [](const NewMarkSink&) { return false; };
  EXPECT_EQ(Refusal(store.ImportMarkStream("E1", refused_by_source, {"J2", "marks.csv"})),
            "marks_refused(marks.csv)");
}

TYPED_TEST(StoreRefusalsTest, AMarkOfALockedSubcriterionNamesTheLock) {
  auto& store = *this->store_;
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree()).has_value());
  std::vector<NewMark> marks = {Row(2, "C1", kPassFail, "J1", 1), Row(3, "C2", kLook, "J3", 4)};
  EXPECT_EQ(Refusal(store.ImportMarks("E1", marks, {"J2", "late.csv"})),
            "marks_refused(late.csv) [mark_locked(A1, J2, 2026-04-12T09:30:00Z, C1, A1.1)@2; "
            "mark_locked(A1, J2, 2026-04-12T09:30:00Z, C2, A1.2)@3]");
  EXPECT_EQ(Refusal(store.EnterMark("E1", {"C1", kJudgement, "J1", MarkValue{false, 2}}, "",
                                    {"J1", "", ""})),
            "marks_refused() [mark_locked(A1, J2, 2026-04-12T09:30:00Z, C1, A1.5)]");
}

TYPED_TEST(StoreRefusalsTest, LocksNameTheSubcriterionTheExamAndWhoLockedIt) {
  auto& store = *this->store_;
  EXPECT_EQ(Refusal(store.LockSubcriterion("E1", "Z9", {"J2", ""}, this->Agree())),
            "subcriterion_not_in_rubric(Z9, 09.02.07-2026-PU, 2026.1, A1)");
  EXPECT_EQ(Refusal(store.LockSubcriterion(
                "E1", "A1", {"J2", ""}, [](const ExamData&, std::string_view) { return false; })),
            "changed_while_locking(A1, E1)");
  EXPECT_EQ(Refusal(store.UnlockSubcriterion("E1", "A1", {"J2", "typo"})), "not_locked(A1, E1)");
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree()).has_value());
  EXPECT_EQ(Refusal(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree())),
            std::string("already_locked(A1, E1, J2, ") + kAt + ")");
}

TYPED_TEST(StoreRefusalsTest, AWithdrawalNamesTheMarkItCannotTake) {
  auto& store = *this->store_;
  const ChiefAction chief{"J2", "wrong candidate"};
  EXPECT_EQ(Refusal(store.WithdrawMark("E1", "C1", 9, "J1", chief)),
            "withdrawal_outside_rubric(10)");
  EXPECT_EQ(Refusal(store.WithdrawMark("E1", "C9", kPassFail, "J1", chief)),
            "candidate_not_registered(C9, E1)");
  EXPECT_EQ(Refusal(store.WithdrawMark("E1", "C1", kJudgement, "J9", chief)),
            "judge_not_registered(J9, E1)");
  EXPECT_EQ(Refusal(store.WithdrawMark("E1", "C1", kJudgement, "J1", chief)),
            "no_mark_to_withdraw(C1, A1.5, J1)");
  EXPECT_EQ(Refusal(store.WithdrawMark("E1", "C1", kPassFail, "J1", chief)),
            "no_mark_to_withdraw(C1, A1.1, )");
  ASSERT_EQ(store.EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", "", ""}),
            Change::kAdded);
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree()).has_value());
  EXPECT_EQ(Refusal(store.WithdrawMark("E1", "C1", kPassFail, "J1", chief)),
            std::string("withdrawal_locked(A1, J2, ") + kAt + ", C1, A1.1)");
}

TYPED_TEST(StoreRefusalsTest, AHistoryFilterNamesWhatTheExamDoesNotHave) {
  auto& store = *this->store_;
  EXPECT_EQ(Refusal(store.History("E1", {.candidate = "C9"})), "candidate_not_registered(C9, E1)");
  EXPECT_EQ(Refusal(store.History("E1", {.aspect = "A9.9"})),
            "aspect_not_in_rubric(A9.9, 09.02.07-2026-PU@2026.1)");
  EXPECT_EQ(Refusal(store.VerifyAudit("E9")), "exam_not_found(E9)");
}

TYPED_TEST(StoreRefusalsTest, PassportsNameTheirNumberAndTheirRevocation) {
  auto& store = *this->store_;
  EXPECT_EQ(Refusal(store.GetPassport("P-9")), "passport_not_found(P-9)");
  std::vector<StoredPassport> one = {{"P-1", "", "C1", "{}", "m", "r", "2026-04-12"}};
  ASSERT_TRUE(store.IssuePassports("E1", one, {"J2", ""}).has_value());
  EXPECT_EQ(Refusal(store.IssuePassports("E1", one, {"J2", ""})), "passport_registered(P-1)");
  ASSERT_TRUE(store.RevokePassport("P-1", {"J2", "typo"}).has_value());
  EXPECT_EQ(Refusal(store.RevokePassport("P-1", {"J2", "again"})),
            std::string("passport_revoked(P-1, J2, ") + kAt + ", typo)");
  EXPECT_EQ(Refusal(store.RevokePassport("P-9", {"J2", "who"})), "passport_not_found(P-9)");
}

TYPED_TEST(StoreRefusalsTest, CodesAndAdministratorsNameTheJudgeOrTheName) {
  auto& store = *this->store_;
  std::vector<NewCredential> stranger = {{"J9", "$argon2id$x"}};
  EXPECT_EQ(Refusal(store.StoreCodes("E1", stranger, {"J2", ""})),
            "code_judge_not_registered(J9, E1)");
  std::vector<NewCredential> twice = {{"J2", "$argon2id$a"}, {"J2", "$argon2id$b"}};
  EXPECT_EQ(Refusal(store.StoreCodes("E1", twice, {"J2", ""})), "code_judge_named_twice(J2)");
  EXPECT_EQ(Refusal(store.RevokeCode("E1", "J3", {"J2", "lost"})), "no_code_in_force(J3, E1)");
  EXPECT_EQ(Refusal(store.RevokeCode("E1", "J9", {"J2", "lost"})),
            "revoke_judge_not_registered(J9, E1)");
  ASSERT_TRUE(store.CreateAdmin({.name = "root", .hash = "$argon2id$r", .created_by = "root"}, true)
                  .has_value());
  EXPECT_EQ(
      Refusal(store.CreateAdmin({.name = "other", .hash = "$argon2id$o", .created_by = "o"}, true)),
      "first_admin_exists()");
  EXPECT_EQ(Refusal(store.CreateAdmin({.name = "root", .hash = "$argon2id$x", .created_by = "root"},
                                      false)),
            "admin_exists(root)");
}

// Opening a SQLite file: the paths that keep nothing, and a file that is not there.
TEST(SqliteStoreRefusalsTest, ADatabasePathIsRefusedWithTheRefusalsCode) {
  testing::TempDir dir;
  EXPECT_EQ(Refusal(OpenSqliteStore("", {})), "database_path_empty()");
  EXPECT_EQ(Refusal(OpenSqliteStore(":memory:", {})), "database_not_a_file(:memory:)");
  SqliteStoreOptions existing_only;
  existing_only.create_if_missing = false;
  const std::string missing = dir.File("missing.db");
  EXPECT_EQ(Refusal(OpenSqliteStore(missing, existing_only)),
            "database_not_found(" + missing + ")");
}

}  // namespace
}  // namespace skillscore
