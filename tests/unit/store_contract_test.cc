// The contract of ExamStore (store.h), stated once as typed tests that every backend must pass:
// what it keeps, what it returns, what it refuses as a matter of storage (the rules of the exam day
// are the service's and are tested there). A backend joins by adding a kind to StoreKinds: a type
// with a name and an Open(dir, clock) that gives a fresh, empty store.
//
// The rubric and rows come from the SQLite fixture's worked example (sqlite_store_fixture.h); the
// tests below use nothing but the ExamStore interface.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
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
#include "store_kinds.h"

namespace skillscore {
namespace {

using Kind = StoreError::Kind;

template <typename StoreKind>
class StoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = StoreKind::Open(dir_, [this] { return now_; });
  }

  void SetUpExam() { SetUpWorkedExam(*store_); }

  std::string Sheets() {
    auto data = store_->LoadExamData("E1");
    EXPECT_TRUE(data.has_value()) << StoreMessage(data.error());
    return Describe(data->sheets);
  }

  static LockGuard Agree() {
    return [](const ExamData&, std::string_view) { return true; };
  }

  testing::TempDir dir_;
  std::chrono::system_clock::time_point now_ = FixedTime();
  std::unique_ptr<ExamStore> store_;
};

TYPED_TEST_SUITE(StoreContractTest, StoreKinds);

TYPED_TEST(StoreContractTest, ARubricIsKeptUnderItsCodeAndVersion) {
  auto& store = *this->store_;
  EXPECT_EQ(store.ImportRubric(kRubricYaml, Parse(kRubricYaml)), Change::kAdded);
  EXPECT_EQ(store.ImportRubric(kRubricYaml, Parse(kRubricYaml)), Change::kUnchanged);
  std::string changed = Replaced(kRubricYaml, "\"Markup validates\"", "\"Markup is valid\"");
  auto conflict = store.ImportRubric(changed, Parse(changed));
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().kind, Kind::kConflict);
  auto stored = store.GetRubric("09.02.07-2026-PU", std::nullopt);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->yaml_text, kRubricYaml);
  EXPECT_EQ(stored->info.version, "2026.1");
  EXPECT_EQ(stored->info.sha256, Parse(kRubricYaml).sha256);
  EXPECT_EQ(store.GetRubric("NO-SUCH", std::nullopt).error().kind, Kind::kNotFound);
}

TYPED_TEST(StoreContractTest, AnExamIsBoundToOneRubricVersionAndItsIdIsUnique) {
  auto& store = *this->store_;
  EXPECT_EQ(store.CreateExam({"E1", "NO-SUCH", std::nullopt, "", "", "", ""}).error().kind,
            Kind::kNotFound);
  this->SetUpExam();
  EXPECT_EQ(store.CreateExam({"E1", "09.02.07-2026-PU", std::nullopt, "", "", "", ""}).error().kind,
            Kind::kConflict);
  ASSERT_TRUE(store.CreateExam({"A0", "09.02.07-2026-PU", "2026.1", "", "", "", ""}).has_value());
  auto exams = store.ListExams();
  ASSERT_TRUE(exams.has_value());
  ASSERT_EQ(exams->size(), 2u);
  EXPECT_EQ((*exams)[0].id, "A0");  // by id
  EXPECT_EQ((*exams)[1].id, "E1");
  EXPECT_EQ((*exams)[1].chief, "J2");
  EXPECT_EQ((*exams)[1].rubric.version, "2026.1");
  EXPECT_EQ(store.GetExam("E9").error().kind, Kind::kNotFound);
}

TYPED_TEST(StoreContractTest, PeopleAreAddedUpdatedAndCountedAllOrNothing) {
  this->SetUpExam();
  auto& store = *this->store_;
  std::vector<Candidate> again = {{"C1", "Ann", "College 1", CandidateStatus::kPresent},
                                  {"C2", "Bob", "College 5", CandidateStatus::kAbsent},
                                  {"C3", "Cy", "College 1", CandidateStatus::kPresent}};
  EXPECT_EQ(store.ImportCandidates("E1", again), (ImportCounts{1, 1, 1}));
  std::vector<Candidate> twice = {{"C4", "", "", CandidateStatus::kPresent},
                                  {"C4", "", "", CandidateStatus::kPresent}};
  EXPECT_EQ(store.ImportCandidates("E1", twice).error().kind, Kind::kInvalidInput);
  auto roster = store.LoadRoster("E1");
  ASSERT_TRUE(roster.has_value());
  ASSERT_EQ(roster->candidates.size(), 3u);  // C4 was not stored
  EXPECT_EQ(roster->candidates[1].organization, "College 5");
  EXPECT_TRUE(roster->sheets.empty());
}

// A candidate's rows out of rubric order are sorted before they are written; each keeps its note.
TYPED_TEST(StoreContractTest, MarksOutOfRubricOrderKeepTheirNotes) {
  this->SetUpExam();
  auto& store = *this->store_;
  const std::string long_note = "the panel disagreed: a note longer than any short string";
  std::vector<NewMark> rows = {Row(2, "C1", kJudgement, "J1", 2, long_note),
                               Row(3, "C1", kPassFail, "J1", 1, "short")};
  EXPECT_EQ(store.ImportMarks("E1", rows, {"J2", "marks.csv"}), (ImportCounts{2, 0, 0}));
  auto history = store.History("E1", {.candidate = "C1"});
  ASSERT_TRUE(history.has_value());
  std::vector<std::string> notes;
  for (const HistoryEntry& entry : *history) {
    if (entry.action == "mark") notes.push_back(entry.aspect + ": " + entry.reason);
  }
  EXPECT_EQ(notes, (std::vector<std::string>{"A1.5: " + long_note, "A1.1: short"}));
}

TYPED_TEST(StoreContractTest, MarksCollapseToTheLastAndTheReplacedStayInTheHistory) {
  this->SetUpExam();
  auto& store = *this->store_;
  std::vector<NewMark> rows = {Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kJudgement, "J1", 2),
                               Row(4, "C1", kJudgement, "J3", 3), Row(5, "C1", kPassFail, "J1", 0)};
  EXPECT_EQ(store.ImportMarks("E1", rows, {"J2", "marks.csv"}), (ImportCounts{3, 0, 0}));
  EXPECT_EQ(store.ImportMarks("E1", rows, {"J2", "marks.csv"}), (ImportCounts{0, 0, 3}));
  EXPECT_EQ(store.EnterMark("E1", {"C1", kJudgement, "J3", MarkValue{false, 1}}, "recount",
                            {"J3", "", ""}),
            Change::kChanged);
  EXPECT_EQ(store.EnterMark("E1", {"C1", kJudgement, "J3", MarkValue{false, 1}}, "recount",
                            {"J3", "", ""}),
            Change::kUnchanged);
  EXPECT_EQ(this->Sheets(),
            "C1: [0.00] [] [] [] [J1=2 J3=1 ]\n"
            "C2: [] [] [] [] []\n");
  auto history = store.History("E1", {.candidate = "C1", .aspect = "A1.5"});
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[2].old_value, "3");
  EXPECT_EQ((*history)[2].new_value, "1");
  EXPECT_EQ((*history)[2].reason, "recount");
  EXPECT_EQ(store
                .ImportMarks("E1", std::vector<NewMark>{Row(2, "C9", kPassFail, "J1", 1)},
                             {"J2", "bad.csv"})
                .error()
                .kind,
            Kind::kInvalidInput);
}

// Entering a mark reads one candidate's sheet (store.h, LoadCandidateData): the same sheet as
// among every sheet, its panel in order of each judge's first score even after a re-score, a
// withdrawn mark left out, the roster current after an import.
TYPED_TEST(StoreContractTest, OneCandidatesDataIsItsSheetAmongAllAndTheCurrentRoster) {
  this->SetUpExam();
  auto& store = *this->store_;
  std::vector<NewMark> rows = {Row(2, "C1", kJudgement, "J3", 3), Row(3, "C1", kJudgement, "J1", 2),
                               Row(4, "C2", kPassFail, "J1", 1), Row(5, "C1", kPassFail, "J1", 1),
                               Row(6, "C1", kRanged, "J1", 4)};
  ASSERT_EQ(store.ImportMarks("E1", rows, {"J2", "marks.csv"}), (ImportCounts{5, 0, 0}));
  ASSERT_EQ(
      store.EnterMark("E1", {"C1", kJudgement, "J3", MarkValue{false, 1}}, "", {"J3", "", ""}),
      Change::kChanged);
  ASSERT_TRUE(store.WithdrawMark("E1", "C1", kRanged, "J1", {"J2", "wrong candidate"}));
  auto one = store.LoadCandidateData("E1", "C1");
  ASSERT_TRUE(one.has_value()) << StoreMessage(one.error());
  EXPECT_EQ(Describe(one->sheets), "C1: [1.00] [] [] [] [J3=1 J1=2 ]\n");
  EXPECT_EQ(this->Sheets(),
            "C1: [1.00] [] [] [] [J3=1 J1=2 ]\n"
            "C2: [1.00] [] [] [] []\n");
  EXPECT_EQ(one->exam.chief, "J2");
  EXPECT_EQ(one->rubric.sha256, Parse(kRubricYaml).sha256);
  ASSERT_EQ(one->candidates.size(), 2u);
  ASSERT_EQ(one->judges.size(), 3u);
  EXPECT_EQ(Describe(store.LoadCandidateData("E1", "C2")->sheets), "C2: [1.00] [] [] [] []\n");

  std::vector<Candidate> more = {{"C3", "Cy", "College 5", CandidateStatus::kPresent}};
  ASSERT_EQ(store.ImportCandidates("E1", more), (ImportCounts{1, 0, 0}));
  auto newcomer = store.LoadCandidateData("E1", "C3");
  ASSERT_TRUE(newcomer.has_value());
  EXPECT_EQ(newcomer->candidates.size(), 3u);
  EXPECT_EQ(Describe(newcomer->sheets), "C3: [] [] [] [] []\n");
  auto unknown = store.LoadCandidateData("E1", "C9");
  ASSERT_TRUE(unknown.has_value());
  EXPECT_TRUE(unknown->sheets.empty());
  EXPECT_EQ(unknown->candidates.size(), 3u);
  EXPECT_EQ(store.LoadCandidateData("E9", "C1").error().kind, Kind::kNotFound);
}

// The sheets read as a stream (results, status, report judges) are LoadExamData's, one at a time.
TYPED_TEST(StoreContractTest, StreamedSheetsAreTheSheetsOfTheExamInTheOrderOfItsCandidates) {
  this->SetUpExam();
  auto& store = *this->store_;
  std::vector<NewMark> rows = {Row(2, "C2", kJudgement, "J3", 2), Row(3, "C1", kJudgement, "J3", 3),
                               Row(4, "C1", kJudgement, "J1", 2), Row(5, "C2", kPassFail, "J1", 1)};
  ASSERT_EQ(store.ImportMarks("E1", rows, {"J2", "marks.csv"}), (ImportCounts{4, 0, 0}));
  ExamData roster;
  std::vector<CandidateSheet> streamed;
  auto read = store.StreamExamSheets(
      "E1", roster, [&](const CandidateSheet& sheet) { streamed.push_back(sheet); });
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(Describe(streamed),
            "C1: [] [] [] [] [J3=3 J1=2 ]\n"
            "C2: [1.00] [] [] [] [J3=2 ]\n");
  EXPECT_EQ(Describe(streamed), this->Sheets());
  EXPECT_EQ(roster.exam.id, "E1");
  EXPECT_EQ(roster.candidates.size(), 2u);
  EXPECT_EQ(roster.judges.size(), 3u);
  EXPECT_TRUE(roster.sheets.empty());
  ExamData none;
  EXPECT_EQ(store.StreamExamSheets("E9", none, [](const CandidateSheet&) {}).error().kind,
            Kind::kNotFound);
}

// Group commit (store.h, WriteTogether): the writes inside commit together, each keeps its own
// all-or-nothing, a read inside sees the writes before it, and the chain is in the order written.
TYPED_TEST(StoreContractTest, WritesTogetherCommitOnceEachKeepingItsOwnAllOrNothing) {
  this->SetUpExam();
  auto& store = *this->store_;
  std::vector<std::string> outcomes;
  auto outcome = [&](const auto& result) {
    outcomes.push_back(result ? "ok"
                              : "refused " + std::to_string(static_cast<int>(result.error().kind)));
  };
  auto written = store.WriteTogether([&] {
    outcome(store.EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", ""}));
    auto seen = store.LoadCandidateData("E1", "C1");
    outcomes.push_back(seen ? Describe(seen->sheets) : StoreMessage(seen.error()));
    outcome(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree()));
    outcome(store.EnterMark("E1", {"C2", kPassFail, "J1", MarkValue{false, 0}}, "", {"J1", ""}));
    outcome(store.ImportMarks(
        "E1",
        std::vector<NewMark>{Row(2, "C2", kRanged, "J1", 90), Row(3, "C9", kPassFail, "J1", 1)},
        {"J2", "bad.csv"}));
    outcome(store.UnlockSubcriterion("E1", "A1", {"J2", "a typo"}));
    outcome(store.EnterMark("E1", {"C2", kRanged, "J3", MarkValue{false, 85}}, "", {"J3", ""}));
  });
  ASSERT_TRUE(written.has_value()) << StoreMessage(written.error());
  EXPECT_EQ(outcomes, (std::vector<std::string>{"ok", "C1: [1.00] [] [] [] []\n", "ok", "refused 0",
                                                "refused 0", "ok", "ok"}));
  EXPECT_EQ(this->Sheets(),
            "C1: [1.00] [] [] [] []\n"
            "C2: [] [] [] [85.00] []\n");
  auto history = store.History("E1", {});
  ASSERT_TRUE(history.has_value());
  std::vector<std::string> actions;
  for (const HistoryEntry& entry : *history) actions.push_back(entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"exam create", "candidates import", "judges import",
                                               "mark", "lock", "unlock", "mark"}));
  auto report = store.VerifyAudit("E1");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->problem, std::nullopt);
  EXPECT_EQ(report->events, 7u);
  // A gathered write that is refused alone leaves the store as it was.
  std::optional<StoreError> refused;
  ASSERT_TRUE(store.WriteTogether([&] {
    auto result = store.SetCandidateStatus("E1", "C9", CandidateStatus::kPresent, {"J2", "came"});
    if (!result) refused = result.error();
  }));
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->kind, Kind::kInvalidInput);
  EXPECT_EQ(store.VerifyAudit("E1")->events, 7u);
}

TYPED_TEST(StoreContractTest, ALockedSubcriterionRefusesMarksUntilUnlocked) {
  this->SetUpExam();
  auto& store = *this->store_;
  auto refused = store.LockSubcriterion("E1", "A1", {"J2", ""},
                                        [](const ExamData&, std::string_view) { return false; });
  EXPECT_EQ(refused.error().kind, Kind::kConflict);
  EXPECT_TRUE(store.LockedSubcriteria("E1")->empty());
  auto lock = store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree());
  ASSERT_TRUE(lock.has_value()) << StoreMessage(lock.error());
  EXPECT_EQ(lock->locked_by, "J2");
  EXPECT_EQ(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree()).error().kind,
            Kind::kConflict);
  EXPECT_EQ(store.LockSubcriterion("E1", "Z9", {"J2", ""}, this->Agree()).error().kind,
            Kind::kInvalidInput);
  EXPECT_EQ(store.EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", "", ""})
                .error()
                .kind,
            Kind::kInvalidInput);
  ASSERT_TRUE(store.UnlockSubcriterion("E1", "A1", {"J2", "typo"}).has_value());
  EXPECT_EQ(store.UnlockSubcriterion("E1", "A1", {"J2", "again"}).error().kind, Kind::kConflict);
  EXPECT_EQ(store.EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", "", ""}),
            Change::kAdded);
}

TYPED_TEST(StoreContractTest, AStatusChangeIsKeptAndARepeatChangesNothing) {
  this->SetUpExam();
  auto& store = *this->store_;
  EXPECT_EQ(store.SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "came"}),
            Change::kChanged);
  EXPECT_EQ(store.SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "came"}),
            Change::kUnchanged);
  EXPECT_EQ(
      store.SetCandidateStatus("E1", "C9", CandidateStatus::kPresent, {"J2", "came"}).error().kind,
      Kind::kInvalidInput);
  EXPECT_EQ(store.LoadRoster("E1")->candidates[1].status, CandidateStatus::kPresent);
}

TYPED_TEST(StoreContractTest, EveryChangeIsAnEventOfAChainThatVerifies) {
  this->SetUpExam();
  auto& store = *this->store_;
  ASSERT_TRUE(store.ImportMarks("E1", std::vector<NewMark>{Row(2, "C1", kPassFail, "J1", 1)},
                                {"J2", "marks.csv"}));
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""}, this->Agree()));
  auto report = store.VerifyAudit(std::nullopt);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->events, 6u);  // rubric, exam, candidates, judges, marks, lock
  EXPECT_EQ(report->problem, std::nullopt);
  EXPECT_EQ(report->head.size(), 64u);
  auto one = store.VerifyAudit("E1");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->events, 5u);  // the rubric's import is in the rubric's chain
  EXPECT_EQ(one->problem, std::nullopt);
  EXPECT_NE(one->head, report->head);
  EXPECT_EQ(store.VerifyAudit("E9").error().kind, Kind::kNotFound);
}

// The same exam day on two stores, one of which first holds another rubric and exam with marks
// (so every row id differs), in the order a real exam day goes.
template <typename Store>
void RunTheSameExamDay(Store& store, const LockGuard& agree) {
  SetUpWorkedExam(store);
  ASSERT_TRUE(store.ImportMarks(
      "E1",
      std::vector<NewMark>{Row(2, "C1", kPassFail, "J1", 1), Row(3, "C2", kPassFail, "J3", 0),
                           Row(4, "C2", kJudgement, "J1", 2), NotAttempted(5, "C1", kRanged, "J3")},
      {"J2", "marks.csv"}));
  ASSERT_EQ(store.EnterMark("E1", {"C1", kPassFail, "J3", MarkValue{false, 0}}, "recounted",
                            {"J3", "", ""}),
            Change::kChanged);
  ASSERT_EQ(store.SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "came"}),
            Change::kChanged);
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""}, agree));
}

TYPED_TEST(StoreContractTest, AnExamsChainHasTheSameBytesWhateverElseTheStoreHolds) {
  testing::TempDir other_dir;
  auto other = TypeParam::Open(other_dir, [this] { return this->now_; });
  std::string rubric = Replaced(kRubricYaml, "09.02.07-2026-PU", "OTHER-2026");
  ASSERT_EQ(other->ImportRubric(rubric, Parse(rubric)), Change::kAdded);
  ASSERT_TRUE(other->CreateExam({"E0", "OTHER-2026", std::nullopt, "", "Hall", "K1", ""}));
  std::vector<Candidate> candidates = {{"X1", "Xi", "", CandidateStatus::kPresent},
                                       {"C1", "Cy", "", CandidateStatus::kPresent}};
  std::vector<Judge> judges = {{"K1", "Kay", "", JudgeRole::kChief},
                               {"J3", "Jo", "", JudgeRole::kExpert}};
  ASSERT_TRUE(other->ImportCandidates("E0", candidates));
  ASSERT_TRUE(other->ImportJudges("E0", judges));
  ASSERT_TRUE(other->ImportMarks("E0", std::vector<NewMark>{Row(2, "X1", kPassFail, "J3", 1)},
                                 {"K1", "other.csv"}));
  RunTheSameExamDay(*this->store_, this->Agree());
  RunTheSameExamDay(*other, this->Agree());
  auto here = this->store_->VerifyAudit("E1");
  auto there = other->VerifyAudit("E1");
  ASSERT_TRUE(here.has_value() && there.has_value());
  EXPECT_EQ(here->problem, std::nullopt);
  EXPECT_EQ(there->problem, std::nullopt);
  EXPECT_EQ(here->events, 7u);  // exam, candidates, judges, marks, mark, status, lock
  EXPECT_EQ(there->events, here->events);
  EXPECT_EQ(there->head, here->head);
  EXPECT_EQ(other->History("E1", {}).value(), this->store_->History("E1", {}).value());
  EXPECT_EQ(other->VerifyAudit(std::nullopt)->problem, std::nullopt);
}

TYPED_TEST(StoreContractTest, ScansVisitExamsByIdWithTheirCurrentMarks) {
  this->SetUpExam();
  auto& store = *this->store_;
  ASSERT_TRUE(store.CreateExam({"A0", "09.02.07-2026-PU", "2026.1", "", "", "", ""}));
  ASSERT_TRUE(store.ImportMarks(
      "E1",
      std::vector<NewMark>{Row(2, "C1", kPassFail, "J1", 1), Row(3, "C1", kPassFail, "J1", 0)},
      {"J2", "marks.csv"}));
  std::vector<std::string> visited;
  std::string sheets_of_e1;
  auto scanned =
      store.ScanExams({.rubric_code = "09.02.07-2026-PU"},
                      [&](const ExamMarks& exam, const ScanProgress& progress) {
                        visited.push_back(exam.exam.id + " " + std::to_string(progress.done) + "/" +
                                          std::to_string(progress.total));
                        if (exam.exam.id == "E1") sheets_of_e1 = Describe(exam.sheets);
                        return ScanStep::kNext;
                      });
  ASSERT_TRUE(scanned.has_value());
  EXPECT_EQ(*scanned, 0u);
  EXPECT_EQ(visited, (std::vector<std::string>{"A0 1/2", "E1 2/2"}));
  EXPECT_EQ(sheets_of_e1, "C1: [0.00] [] [] [] []\nC2: [] [] [] [] []\n");  // the mark that counts
}

TYPED_TEST(StoreContractTest, ANewCodeReplacesTheJudgesLastOneAndOnlyHashesAreKept) {
  auto& store = *this->store_;
  this->SetUpExam();
  std::vector<NewCredential> first = {{"J1", "$argon2id$one"}, {"J3", "$argon2id$three"}};
  auto numbers = store.StoreCodes("E1", first, {"J2", ""});
  ASSERT_TRUE(numbers.has_value()) << StoreMessage(numbers.error());
  ASSERT_EQ(numbers->size(), 2u);
  EXPECT_LT((*numbers)[0], (*numbers)[1]);
  auto current = store.CurrentCode("E1", "J1");
  ASSERT_TRUE(current.has_value() && current->has_value());
  EXPECT_EQ(**current, (StoredCredential{.number = (*numbers)[0],
                                         .judge = "J1",
                                         .hash = "$argon2id$one",
                                         .issued_at = "2026-04-12T09:30:00Z",
                                         .issued_by = "J2"}));
  std::vector<NewCredential> again = {{"J1", "$argon2id$again"}};
  auto replaced = store.StoreCodes("E1", again, {"J2", ""});
  ASSERT_TRUE(replaced.has_value());
  EXPECT_GT(replaced->front(), (*numbers)[1]);
  EXPECT_EQ((*store.CurrentCode("E1", "J1"))->hash, "$argon2id$again");
  auto all = store.ListCodes("E1");
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].revoked_at, "2026-04-12T09:30:00Z");
  EXPECT_EQ((*all)[0].revoked_by, "J2");
  EXPECT_EQ((*all)[0].revoked_reason, "replaced by a new code");
  EXPECT_EQ((*all)[1].revoked_at, std::nullopt);
  EXPECT_EQ((*all)[2].judge, "J1");
  EXPECT_EQ(store.CurrentCode("E1", "J2").value(), std::nullopt);
  std::vector<NewCredential> stranger = {{"J9", "$argon2id$x"}};
  EXPECT_EQ(store.StoreCodes("E1", stranger, {"J2", ""}).error().kind, Kind::kInvalidInput);
  std::vector<NewCredential> twice = {{"J2", "$argon2id$a"}, {"J2", "$argon2id$b"}};
  EXPECT_EQ(store.StoreCodes("E1", twice, {"J2", ""}).error().kind, Kind::kInvalidInput);
  EXPECT_EQ(store.ListCodes("E1")->size(), 3u);  // nothing of a refused write
  EXPECT_EQ(store.StoreCodes("E9", first, {"J2", ""}).error().kind, Kind::kNotFound);
  EXPECT_EQ(store.CurrentCode("E9", "J1").error().kind, Kind::kNotFound);
  EXPECT_EQ(store.VerifyAudit(std::nullopt)->problem, std::nullopt);
}

TYPED_TEST(StoreContractTest, ARevokedCodeIsNoLongerCurrent) {
  auto& store = *this->store_;
  this->SetUpExam();
  std::vector<NewCredential> codes = {{"J3", "$argon2id$three"}};
  ASSERT_TRUE(store.StoreCodes("E1", codes, {"J2", ""}).has_value());
  auto revoked = store.RevokeCode("E1", "J3", {"J2", "card lost"});
  ASSERT_TRUE(revoked.has_value()) << StoreMessage(revoked.error());
  EXPECT_EQ(revoked->judge, "J3");
  EXPECT_EQ(revoked->revoked_by, "J2");
  EXPECT_EQ(revoked->revoked_reason, "card lost");
  EXPECT_EQ(store.CurrentCode("E1", "J3").value(), std::nullopt);
  EXPECT_EQ(store.RevokeCode("E1", "J3", {"J2", "again"}).error().kind, Kind::kNotFound);
  EXPECT_EQ(store.RevokeCode("E1", "J9", {"J2", "who"}).error().kind, Kind::kNotFound);
  auto history = store.History("E1", {});
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->back().action, "code revoke");
  EXPECT_EQ(history->back().judge, "J3");
  EXPECT_EQ(history->back().reason, "card lost");
  EXPECT_EQ(store.VerifyAudit("E1")->problem, std::nullopt);
}

TYPED_TEST(StoreContractTest, AnExamRequiresPinsOnlyWhenToldTo) {
  auto& store = *this->store_;
  this->SetUpExam();
  EXPECT_EQ(store.PinRequired("E1"), false);
  EXPECT_EQ(store.SetPinRequired("E1", true, {"J2", ""}), Change::kChanged);
  EXPECT_EQ(store.SetPinRequired("E1", true, {"J2", ""}), Change::kUnchanged);
  EXPECT_EQ(store.PinRequired("E1"), true);
  EXPECT_EQ(store.SetPinRequired("E1", false, {"J2", ""}), Change::kChanged);
  EXPECT_EQ(store.PinRequired("E1"), false);
  EXPECT_EQ(store.PinRequired("E9").error().kind, Kind::kNotFound);
  auto history = store.History("E1", {});
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->back().action, "pin rule");
  EXPECT_EQ(history->back().old_value, "required");
  EXPECT_EQ(history->back().new_value, "not required");
}

TYPED_TEST(StoreContractTest, TheFirstAdministratorIsCreatedOnceAndNamesAreUnique) {
  auto& store = *this->store_;
  EXPECT_EQ(store.CountAdmins(), 0u);
  ASSERT_TRUE(store.CreateAdmin({.name = "root", .hash = "$argon2id$r", .created_by = "root"}, true)
                  .has_value());
  EXPECT_EQ(store.GetAdmin("root").value(),
            std::optional<StoredAdmin>({"root", "$argon2id$r", "2026-04-12T09:30:00Z", "root"}));
  auto second_first =
      store.CreateAdmin({.name = "other", .hash = "$argon2id$o", .created_by = "other"}, true);
  EXPECT_EQ(second_first.error().kind, Kind::kConflict);
  EXPECT_TRUE(
      store.CreateAdmin({.name = "other", .hash = "$argon2id$o", .created_by = "root"}, false)
          .has_value());
  auto same_name =
      store.CreateAdmin({.name = "other", .hash = "$argon2id$x", .created_by = "root"}, false);
  EXPECT_EQ(same_name.error().kind, Kind::kConflict);
  EXPECT_EQ(store.GetAdmin("nobody").value(), std::nullopt);
  EXPECT_EQ(store.CountAdmins(), 2u);
  EXPECT_EQ(store.VerifyAudit(std::nullopt)->problem, std::nullopt);
}

TYPED_TEST(StoreContractTest, ARosterChangeIsRecordedPerPersonAndFieldWithBeforeAndAfter) {
  auto& store = *this->store_;
  this->SetUpExam();
  std::vector<Judge> judges = {{"J1", "Jan", "College 9", JudgeRole::kChief},
                               {"J3", "Jim", "College 4", JudgeRole::kExpert}};
  ASSERT_EQ(store.ImportJudges("E1", judges), (ImportCounts{0, 1, 1}));
  std::vector<Candidate> candidates = {{"C2", "Bobby", "College 2", CandidateStatus::kPresent}};
  ASSERT_EQ(store.ImportCandidates("E1", candidates), (ImportCounts{0, 1, 0}));
  auto history = store.History("E1", {});
  ASSERT_TRUE(history.has_value());
  ASSERT_GE(history->size(), 6u);
  auto line = [&](std::size_t from_end) { return (*history)[history->size() - from_end]; };
  EXPECT_EQ(line(6).action, "judge change");
  EXPECT_EQ(line(6).judge, "J1");
  EXPECT_EQ(line(6).old_value, "organization: College 3");
  EXPECT_EQ(line(6).new_value, "organization: College 9");
  EXPECT_EQ(line(5).action, "judge change");
  EXPECT_EQ(line(5).old_value, "role: expert");
  EXPECT_EQ(line(5).new_value, "role: chief");
  EXPECT_EQ(line(4).action, "judges import");
  EXPECT_EQ(line(4).new_value, "added 0, changed 1, unchanged 1");
  EXPECT_EQ(line(3).action, "candidate change");
  EXPECT_EQ(line(3).candidate, "C2");
  EXPECT_EQ(line(3).old_value, "name: Bob");
  EXPECT_EQ(line(3).new_value, "name: Bobby");
  EXPECT_EQ(line(2).action, "status");
  EXPECT_EQ(line(2).old_value, "absent");
  EXPECT_EQ(line(2).new_value, "present");
  EXPECT_EQ(line(1).action, "candidates import");
  auto of_c2 = store.History("E1", {.candidate = "C2"});
  ASSERT_TRUE(of_c2.has_value());
  ASSERT_EQ(of_c2->size(), 2u);
  EXPECT_EQ((*of_c2)[0].action, "candidate change");
  EXPECT_EQ(store.VerifyAudit(std::nullopt)->problem, std::nullopt);
}

// A judge's marking groups (marking_groups.h) are kept with the judge, replaced by the next
// import, audited as a field of the judge, and covered by the digest VerifyAudit compares.
TYPED_TEST(StoreContractTest, MarkingGroupsAreKeptReplacedAndAudited) {
  auto& store = *this->store_;
  this->SetUpExam();
  std::vector<Judge> grouped = {{"J1", "Jan", "College 3", JudgeRole::kExpert, {"A1"}},
                                {"J3", "Jim", "College 4", JudgeRole::kExpert, {"A1"}}};
  ASSERT_EQ(store.ImportJudges("E1", grouped), (ImportCounts{0, 2, 0}));
  auto roster = store.LoadRoster("E1");
  ASSERT_TRUE(roster.has_value());
  ASSERT_EQ(roster->judges.size(), 3u);
  EXPECT_EQ(roster->judges[0].subcriteria, (std::vector<std::string>{"A1"}));
  EXPECT_TRUE(roster->judges[1].subcriteria.empty());
  EXPECT_EQ(store.LoadCandidateData("E1", "C1")->judges[2].subcriteria,
            (std::vector<std::string>{"A1"}));
  std::vector<Judge> ungrouped = {{"J3", "Jim", "College 4", JudgeRole::kExpert}};
  ASSERT_EQ(store.ImportJudges("E1", ungrouped), (ImportCounts{0, 1, 0}));
  EXPECT_TRUE(store.LoadRoster("E1")->judges[2].subcriteria.empty());
  auto history = store.History("E1", {});
  ASSERT_TRUE(history.has_value());
  const HistoryEntry& change = (*history)[history->size() - 2];
  EXPECT_EQ(change.action, "judge change");
  EXPECT_EQ(change.judge, "J3");
  EXPECT_EQ(change.old_value, "subcriteria: A1");
  EXPECT_EQ(change.new_value, "subcriteria: ");
  EXPECT_EQ(store.VerifyAudit("E1")->problem, std::nullopt);
}

}  // namespace
}  // namespace skillscore
