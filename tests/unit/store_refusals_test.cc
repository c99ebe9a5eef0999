// What every store refuses, as codes with parameters (store_error.h): typed tests that each
// backend of store_kinds.h must pass. The messages for people are made from these at the edge
// (store_messages_test.cc); here only the code, its kind, its parameters and, for a batch of marks,
// each refused mark's line are stated.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "bundle_fixture.h"
#include "pg_test_server.h"  // its PostgreSQL kind runs on the test server (the ctest fixture)
#include "skillscore/exam_bundle.h"
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

// The refusals of moving an exam between stores: the bundle of an exam day (bundle_fixture.h),
// changed as a forger would (the trailer recomputed) or meeting what the target holds already.
template <typename StoreKind>
class BundleRefusalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = StoreKind::Open(dir_, [] { return FixedTime(); });
    RunAnExamDay(*source_);
    bundle_ = Export(*source_);
    target_ = StoreKind::Open(dir_, [] { return FixedTime(); });
  }

  // The refusal of importing the bundle with `from` replaced by `to`, into the target.
  std::string ImportChanged(const std::string& from, const std::string& to) {
    std::string changed = Resealed(Replaced(bundle_, from, to));
    EXPECT_NE(changed, bundle_);
    std::string refusal = Refusal(Import(*target_, changed));
    EXPECT_EQ(target_->GetExam("E1").error().code, Code::kExamNotFound) << "nothing is written";
    return refusal;
  }

  testing::TempDir dir_;
  std::unique_ptr<ExamStore> source_;
  std::unique_ptr<ExamStore> target_;
  std::string bundle_;
};

TYPED_TEST_SUITE(BundleRefusalsTest, StoreKinds);

TYPED_TEST(BundleRefusalsTest, ExportNamesTheExam) {
  std::ostringstream out;
  BundleFileWriter writer(out);
  EXPECT_EQ(Refusal(this->source_->ExportExam("E9", writer)), "bundle_exam_not_found(E9)");
}

TYPED_TEST(BundleRefusalsTest, WhatTheTargetHoldsAlreadyIsNamed) {
  auto reader = BundleFileReader::FromText(this->bundle_, "e1.bundle");
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(Refusal(this->target_->ImportExam(**reader)),
            "bundle_rubric_not_stored(09.02.07-2026-PU, 2026.1)");
  EXPECT_EQ(Refusal(Import(*this->source_, this->bundle_)), "bundle_exam_exists(E1)");
}

TYPED_TEST(BundleRefusalsTest, APassportOrCodeNumberTakenHereIsNamed) {
  auto& target = *this->target_;
  ASSERT_TRUE(target.ImportRubric(kRubricYaml, Parse(kRubricYaml)));
  ASSERT_TRUE(target.CreateExam({"E2", kCode, std::nullopt, "2026-04-13", "Room 2", "J2", ""}));
  ASSERT_TRUE(target.ImportJudges("E2", std::vector<Judge>{{"J1", "Jan", "College 3"}}));
  ASSERT_TRUE(
      target.StoreCodes("E2", std::vector<NewCredential>{{"J1", "$argon2id$E2"}}, {"J2", ""}));
  EXPECT_EQ(Refusal(Import(target, this->bundle_)), "bundle_code_number_taken(1)");
  ASSERT_TRUE(target.IssuePassports("E2", std::vector{Passport("P-1", "C1")}, {"J2", ""}));
  EXPECT_EQ(Refusal(Import(target, this->bundle_)), "bundle_passport_registered(P-1)");
  EXPECT_EQ(target.GetExam("E1").error().code, Code::kExamNotFound);
}

TYPED_TEST(BundleRefusalsTest, PeopleAndCodesOutsideTheTablesAreNamed) {
  EXPECT_EQ(this->ImportChanged("\"College 2\", \"status\": \"present\"",
                                "\"College 2\", \"status\": \"late\""),
            "bundle_unknown_status(C2, late)");
  EXPECT_EQ(this->ImportChanged("\"role\": \"chief\"", "\"role\": \"boss\""),
            "bundle_unknown_role(J2, boss)");
  EXPECT_EQ(this->ImportChanged("\"judge\": \"J1\", \"hash\"", "\"judge\": \"J9\", \"hash\""),
            "bundle_code_judge_missing(1, J9)");
}

TYPED_TEST(BundleRefusalsTest, MarksOfUnknownPeopleOrAspectsAreNamedByEntry) {
  EXPECT_EQ(
      this->ImportChanged("\"candidate\": \"C2\", \"aspect\"", "\"candidate\": \"C7\", \"aspect\""),
      "bundle_unknown_person(E1, C7, 2)");
  EXPECT_EQ(this->ImportChanged("\"aspect\": \"A1.1\"", "\"aspect\": \"A9.9\""),
            "bundle_unknown_aspect(A9.9, 1)");
}

TYPED_TEST(BundleRefusalsTest, ABrokenChainIsNamedByItsEvent) {
  EXPECT_EQ(this->ImportChanged("\"reason\": \"came\"", "\"reason\": \"come\""),
            "chain_event_changed(7)");
  EXPECT_EQ(this->ImportChanged("{ \"event\": { \"id\": 2,", "{ \"event\": { \"id\": 3,"),
            "chain_event_out_of_place(3, 2, E1)");
  EXPECT_EQ(this->ImportChanged("\"exam\": \"E1\", \"subject\"", "\"exam\": \"E2\", \"subject\""),
            "chain_event_of_other_exam(1, E2, E1)");
  EXPECT_EQ(this->ImportChanged("\"prev_hash\": \"" + std::string(64, '0'),
                                "\"prev_hash\": \"" + std::string(64, '1')),
            "chain_event_not_following(1)");
  const std::string head = this->source_->VerifyAudit("E1")->head;
  const std::string forged(64, 'f');
  EXPECT_EQ(this->ImportChanged("\"chain_head\": \"" + head, "\"chain_head\": \"" + forged),
            "chain_end_mismatch(E1, 11, " + forged + ")");
}

TYPED_TEST(BundleRefusalsTest, AnExamThatDoesNotVerifyOnArrivalIsNamedWithTheProblem) {
  std::string refusal = this->ImportChanged("\"note\": \"recounted\", \"withdrawn\"",
                                            "\"note\": \"recountes\", \"withdrawn\"");
  EXPECT_EQ(refusal.rfind("bundle_does_not_verify(E1, audit log broken at event 5", 0), 0u)
      << refusal;
}

TYPED_TEST(BundleRefusalsTest, AnUnreadableLineIsNamedByItsPlace) {
  // A head announcing 12 events: line 13, the first mark, is read where an event was due.
  EXPECT_EQ(this->ImportChanged("\"events\": 11,", "\"events\": 12,"),
            "bundle_unreadable(e1.bundle, 13, 0, expected a line {\"event\": {…}})");
}

}  // namespace
}  // namespace skillscore
