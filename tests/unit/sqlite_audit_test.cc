// Sign-off, candidate status and the audit log of the SQLite store (store.h, sqlite_audit.h).
//
// Tampering is simulated as an attacker with the sqlite3 shell would do it: the append-only
// triggers are dropped first (DropGuards), then rows are changed, deleted or renumbered directly.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <string>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/exam_service.h"
#include "skillscore/i18n.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using Kind = StoreError::Kind;

// Two sub-criteria: A1 (A1.1 pass_fail, A1.2 judgement), A2 (A2.1 number_completed 4).
constexpr const char* kLocksYaml = R"(format: skillscore-rubric/1
code: "LOCKS"
version: "1"
title: "Sign-off"
kind: exam
max: 6
sections:
  - { id: "1", title: "All" }
modules:
  - id: A
    title: "Work"
    subcriteria:
      - id: A1
        title: "First"
        day: 1
        aspects:
          - { type: measurement, text: "Done", section: "1", max: 1 }
          - type: judgement
            text: "Look"
            section: "1"
            max: 2
            levels: { 0: "below", 1: "meets", 2: "exceeds in part", 3: "exceeds" }
      - id: A2
        title: "Second"
        day: 1
        aspects:
          - type: measurement
            text: "Parts"
            section: "1"
            max: 3
            calculation: { number_completed: 4 }
)";

constexpr std::size_t kDone = 0;   // A1.1
constexpr std::size_t kLook = 1;   // A1.2
constexpr std::size_t kParts = 2;  // A2.1

// "2026-04-12T09:3M:00Z": `minutes` after the fixture's fixed time.
std::string At(int minutes) {
  std::time_t time =
      std::chrono::system_clock::to_time_t(FixedTime() + std::chrono::minutes(minutes));
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&time));
  return text;
}

class AuditTest : public SqliteStoreTest {
 protected:
  // Each action a minute after the previous one: rubric import 1 (event 1), exam E1 with chief
  // K0 named at creation 2, candidates C1 (present) and C2 (absent) 3, judges J1, J3 (experts)
  // and J2 (chief) 4. The fixture's store acts as A0.
  void SetUpLockExam() {
    Tick();
    ASSERT_EQ(store_->ImportRubric(kLocksYaml, Parse(kLocksYaml)), Change::kAdded);
    Tick();
    ASSERT_TRUE(store_->CreateExam({"E1", "LOCKS", "1", "2026-04-12", "Room 1", "K0", ""}));
    Tick();
    std::vector<Candidate> candidates = {{"C1", "Ann", "College 1", CandidateStatus::kPresent},
                                         {"C2", "Bob", "College 2", CandidateStatus::kAbsent}};
    ASSERT_TRUE(store_->ImportCandidates("E1", candidates));
    Tick();
    std::vector<Judge> judges = {{"J1", "Jan", "College 3", JudgeRole::kExpert},
                                 {"J2", "Jo", "College 4", JudgeRole::kChief},
                                 {"J3", "Jim", "College 4", JudgeRole::kExpert}};
    ASSERT_TRUE(store_->ImportJudges("E1", judges));
  }

  // The marks that complete A1 for C1, undisputed: yes; scores 2, 2, 3.
  std::vector<NewMark> CompleteA1() {
    return {Row(2, "C1", kDone, "J1", 1), Row(3, "C1", kLook, "J1", 2),
            Row(4, "C1", kLook, "J2", 2), Row(5, "C1", kLook, "J3", 3)};
  }

  void Tick() { now_ += std::chrono::minutes(1); }

  // A lock through the exam service, which holds the rules of sign-off: the lock as stored, or
  // the refusal.
  tl::expected<SubcriterionLock, ServiceError> Lock(const std::string& subcriterion,
                                                    const std::string& actor = "K0") {
    Tick();
    ExamService service(*store_);
    auto outcome = service.Lock({actor}, "E1", {.subcriteria = {subcriterion}});
    if (!outcome) return tl::make_unexpected(outcome.error());
    auto locks = store_->LockedSubcriteria("E1");
    for (const SubcriterionLock& lock : locks.value()) {
      if (lock.subcriterion == subcriterion) return lock;
    }
    return tl::make_unexpected(ServiceError{ServiceError::Code::kStorage, "no lock stored"});
  }

  // The first problem VerifyAudit finds in the whole database, or "ok".
  std::string Verify(const std::optional<std::string>& exam = std::nullopt) {
    auto report = store_->VerifyAudit(exam);
    EXPECT_TRUE(report.has_value()) << StoreMessage(report.error());
    return report->problem.value_or("ok");
  }

  std::int64_t Count(const std::string& table) {
    return RawDatabase(path_).Int("SELECT count(*) FROM " + table);
  }

  // What an attacker does first: drop the triggers that keep the log and the marks.
  void DropGuards() {
    RawDatabase raw(path_);
    for (const char* trigger :
         {"audit_events_keep_events", "audit_events_keep_all", "mark_history_keep_entries",
          "mark_history_keep_all", "marks_keep_all"}) {
      raw.Execute(std::string("DROP TRIGGER ") + trigger);
    }
  }
};

TEST_F(AuditTest, TheChiefLocksACompleteSubcriterion) {
  SetUpLockExam();
  Import(CompleteA1());
  auto lock = Lock("A1");
  ASSERT_TRUE(lock.has_value()) << lock.error().message;
  EXPECT_EQ(*lock, (SubcriterionLock{"A1", "K0", At(5)}));
  EXPECT_EQ(store_->LockedSubcriteria("E1"), (std::vector<SubcriterionLock>{*lock}));
}

TEST_F(AuditTest, ALockOfAnIncompleteSubcriterionIsRefusedListingWhatIsMissing) {
  SetUpLockExam();
  Import({Row(2, "C1", kLook, "J1", 2)});
  auto lock = Lock("A1");
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().code, ServiceError::Code::kConflict);
  EXPECT_EQ(lock.error().message,
            "sub-criterion A1 of exam E1 cannot be locked: 3 marks missing, 0 panels disputed\n"
            "C1 A1.1 no mark\n"
            "C1 A1.2 incomplete (1 of 3 scores)");
  EXPECT_EQ(Count("locks"), 0);
}

TEST_F(AuditTest, ALockOfADisputedSubcriterionIsRefused) {
  SetUpLockExam();
  Import({Row(2, "C1", kDone, "J1", 1), Row(3, "C1", kLook, "J1", 0), Row(4, "C1", kLook, "J2", 3),
          Row(5, "C1", kLook, "J3", 2)});
  auto lock = Lock("A1");
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().message,
            "sub-criterion A1 of exam E1 cannot be locked: 0 marks missing, 1 panels disputed\n"
            "C1 A1.2 disputed (scores 0, 2, 3)");
}

TEST_F(AuditTest, OnlyAChiefExpertMayLock) {
  SetUpLockExam();
  Import(CompleteA1());
  Import({Row(2, "C1", kParts, "J1", 4)});
  auto expert = Lock("A1", "J1");
  ASSERT_FALSE(expert.has_value());
  EXPECT_EQ(expert.error().code, ServiceError::Code::kForbidden);
  EXPECT_EQ(expert.error().message,
            "J1 is an expert of exam E1; only a chief expert may lock a sub-criterion");
  EXPECT_EQ(Lock("A1", "J9").error().message, "J9 is not a judge of exam E1");
  EXPECT_EQ(Lock("A1", "").error().code, ServiceError::Code::kNoActor);
  EXPECT_EQ(Count("locks"), 0);
  // Registered with role chief, or named by `exam create --chief` (K0): both are chief experts.
  EXPECT_TRUE(Lock("A1", "J2").has_value());
  EXPECT_TRUE(Lock("A2", "K0").has_value());
}

TEST_F(AuditTest, LockingNamesUnknownAndLockedSubcriteria) {
  SetUpLockExam();
  Import(CompleteA1());
  EXPECT_EQ(Lock("Z9").error().message,
            "sub-criterion Z9 is not in rubric LOCKS@1 (its sub-criteria: A1, A2)");
  auto first = Lock("A1");
  ASSERT_TRUE(first.has_value());
  // Locking a locked sub-criterion is no error for the service; it keeps the first lock.
  auto again = Lock("A1");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, *first);
  // The store itself refuses a second lock row.
  auto twice = store_->LockSubcriterion("E1", "A1", {"K0", ""},
                                        [](const ExamData&, std::string_view) { return true; });
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().kind, Kind::kConflict);
  EXPECT_EQ(StoreMessage(twice.error()),
            "sub-criterion A1 of exam E1 is already locked (by K0 at " + At(6) + ")");
}

TEST_F(AuditTest, ALockedSubcriterionRefusesMarksInBulkAndSingly) {
  SetUpLockExam();
  Import(CompleteA1());
  ASSERT_TRUE(Lock("A1").has_value());
  std::int64_t events = Count("audit_events");
  std::vector<NewMark> rows = {Row(2, "C1", kParts, "J1", 4), Row(3, "C1", kDone, "J1", 0),
                               Row(4, "C1", kLook, "J3", 1)};
  auto bulk = store_->ImportMarks("E1", rows, {"J2", "late.csv"});
  ASSERT_FALSE(bulk.has_value());
  EXPECT_EQ(bulk.error().kind, Kind::kInvalidInput);
  std::string locked = "sub-criterion A1 is locked (signed off by K0 at " + At(5) + "): ";
  EXPECT_EQ(StoreMessage(bulk.error()),
            "late.csv:3: " + locked +
                "the mark of C1 for A1.1 is refused; only the chief expert can unlock it\n"
                "late.csv:4: " +
                locked + "the mark of C1 for A1.2 is refused; only the chief expert can unlock it");
  auto single =
      store_->EnterMark("E1", {"C1", kLook, "J3", MarkValue{false, 1}}, "", {"J3", "", ""});
  ASSERT_FALSE(single.has_value());
  EXPECT_EQ(StoreMessage(single.error()),
            locked + "the mark of C1 for A1.2 is refused; only the chief expert can unlock it");
  // Nothing of either was written, not even the A2 mark of the refused file.
  EXPECT_EQ(Count("marks"), 4);
  EXPECT_EQ(Count("mark_history"), 0);
  EXPECT_EQ(Count("audit_events"), events);
  // A2 is not locked.
  EXPECT_EQ(Import({Row(2, "C1", kParts, "J1", 4)}), (ImportCounts{1, 0, 0}));
}

TEST_F(AuditTest, UnlockingNeedsTheChiefAndAReasonAndReopensMarking) {
  SetUpLockExam();
  Import(CompleteA1());
  ASSERT_TRUE(Lock("A1").has_value());
  ExamService service(*store_);
  auto no_reason = service.Unlock({"K0"}, "E1", "A1", "  ");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().code, ServiceError::Code::kReasonRequired);
  EXPECT_EQ(no_reason.error().message, "a reason is required to unlock sub-criterion A1");
  EXPECT_EQ(service.Unlock({"J1"}, "E1", "A1", "typo").error().message,
            "J1 is an expert of exam E1; only a chief expert may unlock a sub-criterion");
  EXPECT_EQ(store_->LockedSubcriteria("E1")->size(), 1u);
  ASSERT_TRUE(store_->UnlockSubcriterion("E1", "A1", {"K0", "typo in A1.1"}).has_value());
  EXPECT_TRUE(store_->LockedSubcriteria("E1")->empty());
  auto twice = store_->UnlockSubcriterion("E1", "A1", {"K0", "again"});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().kind, Kind::kConflict);
  EXPECT_EQ(StoreMessage(twice.error()), "sub-criterion A1 of exam E1 is not locked");
  EXPECT_EQ(Import({Row(2, "C1", kDone, "J1", 0)}), (ImportCounts{0, 1, 0}));
}

TEST_F(AuditTest, ResultsAreFinalOnlyWhenEverySubcriterionIsLocked) {
  SetUpLockExam();
  Rubric rubric = Parse(kLocksYaml);
  EXPECT_EQ(UnlockedSubcriteria(rubric, {}), (std::vector<std::string>{"A1", "A2"}));
  Import(CompleteA1());
  Import({Row(2, "C1", kParts, "J1", 3)});
  ASSERT_TRUE(Lock("A2").has_value());
  EXPECT_EQ(UnlockedSubcriteria(rubric, *store_->LockedSubcriteria("E1")),
            (std::vector<std::string>{"A1"}));
  ASSERT_TRUE(Lock("A1").has_value());
  EXPECT_EQ(UnlockedSubcriteria(rubric, *store_->LockedSubcriteria("E1")),
            (std::vector<std::string>{}));
  // In rubric order, whatever the order of locking.
  EXPECT_EQ((*store_->LockedSubcriteria("E1"))[0].subcriterion, "A1");
}

TEST_F(AuditTest, TheChiefChangesACandidatesStatusWithAReason) {
  SetUpLockExam();
  ExamService service(*store_);
  auto no_reason = service.SetCandidateStatus({"K0"}, "E1", "C2", CandidateStatus::kPresent, "");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().message, "a reason is required to change the status of candidate C2");
  EXPECT_EQ(service.SetCandidateStatus({"J3"}, "E1", "C2", CandidateStatus::kPresent, "late")
                .error()
                .message,
            "J3 is an expert of exam E1; only a chief expert may change a candidate's status");
  EXPECT_EQ(
      StoreMessage(store_->SetCandidateStatus("E1", "C9", CandidateStatus::kPresent, {"K0", "late"})
                       .error()),
      "candidate C9 is not registered for exam E1");
  Tick();
  EXPECT_EQ(store_->SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "arrived"}),
            Change::kChanged);
  EXPECT_EQ(store_->SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "again"}),
            Change::kUnchanged);
  EXPECT_EQ(store_->LoadRoster("E1")->candidates[1].status, CandidateStatus::kPresent);
  auto history = store_->History("E1", {.candidate = "C2"});
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(*history, (std::vector<HistoryEntry>{{.event = 4,
                                                  .at = At(5),
                                                  .actor = "J2",
                                                  .action = "status",
                                                  .candidate = "C2",
                                                  .old_value = "absent",
                                                  .new_value = "present",
                                                  .reason = "arrived"}}));
}

TEST_F(AuditTest, AStatusChangedByACandidatesFileIsAuditedToo) {
  SetUpLockExam();
  Tick();
  std::vector<Candidate> update = {{"C2", "Bob", "College 2", CandidateStatus::kWithdrawn}};
  ASSERT_EQ(store_->ImportCandidates("E1", update), (ImportCounts{0, 1, 0}));
  auto history = store_->History("E1", {});
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 5u);
  EXPECT_EQ((*history)[3], (HistoryEntry{.event = 4,
                                         .at = At(5),
                                         .actor = "A0",
                                         .action = "status",
                                         .candidate = "C2",
                                         .old_value = "absent",
                                         .new_value = "withdrawn",
                                         .reason = "candidates import"}));
  EXPECT_EQ((*history)[4], (HistoryEntry{.event = 5,
                                         .at = At(5),
                                         .actor = "A0",
                                         .action = "candidates import",
                                         .new_value = "added 0, changed 1, unchanged 0"}));
  EXPECT_EQ(Verify(), "ok");
}

TEST_F(AuditTest, HistoryShowsWhoDidWhatWhenAndWhyWithOldAndNewValuesAsTyped) {
  SetUpLockExam();
  Tick();
  Import(CompleteA1());  // as J2, event 5
  Tick();
  ASSERT_EQ(store_->EnterMark("E1", {"C1", kDone, "J3", MarkValue{false, 0}}, "recounted",
                              {"J3", "", ""}),
            Change::kChanged);          // event 5
  ASSERT_TRUE(Lock("A1").has_value());  // event 6
  Tick();
  ASSERT_TRUE(store_->UnlockSubcriterion("E1", "A1", {"J2", "score of J1 mistyped"}));  // 7
  Tick();
  ASSERT_EQ(
      store_->EnterMark("E1", {"C1", kLook, "J1", MarkValue{false, 3}}, "", {"J1", "", "mistyped"}),
      Change::kChanged);  // event 8
  auto history = store_->History("E1", {});
  ASSERT_TRUE(history.has_value()) << StoreMessage(history.error());
  auto mark = [](std::int64_t event, int minute, std::string actor, std::string file,
                 std::string aspect, std::string judge, std::string old_value,
                 std::string new_value, std::string reason = "") {
    return HistoryEntry{.event = event,
                        .at = At(minute),
                        .actor = actor,
                        .action = "mark",
                        .file = file,
                        .candidate = "C1",
                        .subcriterion = "A1",
                        .aspect = aspect,
                        .judge = judge,
                        .old_value = old_value,
                        .new_value = new_value,
                        .reason = reason};
  };
  std::vector<HistoryEntry> expected = {
      {.event = 1, .at = At(2), .actor = "A0", .action = "exam create", .new_value = "LOCKS@1"},
      {.event = 2,
       .at = At(3),
       .actor = "A0",
       .action = "candidates import",
       .new_value = "added 2, changed 0, unchanged 0"},
      {.event = 3,
       .at = At(4),
       .actor = "A0",
       .action = "judges import",
       .new_value = "added 3, changed 0, unchanged 0"},
      {.event = 4,
       .at = At(5),
       .actor = "J2",
       .action = "marks import",
       .file = "marks.csv",
       .new_value = "added 4, changed 0, unchanged 0"},
      mark(4, 5, "J2", "marks.csv", "A1.1", "J1", "", "yes"),
      mark(4, 5, "J2", "marks.csv", "A1.2", "J1", "", "2"),
      mark(4, 5, "J2", "marks.csv", "A1.2", "J2", "", "2"),
      mark(4, 5, "J2", "marks.csv", "A1.2", "J3", "", "3"),
      mark(5, 6, "J3", "", "A1.1", "J3", "yes", "no", "recounted"),
      {.event = 6, .at = At(7), .actor = "K0", .action = "lock", .subcriterion = "A1"},
      {.event = 7,
       .at = At(8),
       .actor = "J2",
       .action = "unlock",
       .subcriterion = "A1",
       .reason = "score of J1 mistyped"},
      mark(8, 9, "J1", "", "A1.2", "J1", "2", "3", "mistyped"),
  };
  EXPECT_EQ(*history, expected);
  // Filtered: the marks of an aspect and the locks of its sub-criterion; a candidate's marks.
  auto look = store_->History("E1", {.aspect = "A1.2"});
  ASSERT_TRUE(look.has_value());
  EXPECT_EQ(*look, (std::vector<HistoryEntry>{expected[5], expected[6], expected[7], expected[9],
                                              expected[10], expected[11]}));
  auto both = store_->History("E1", {.candidate = "C1", .aspect = "A1.1"});
  EXPECT_EQ(*both, (std::vector<HistoryEntry>{expected[4], expected[8]}));
  EXPECT_EQ(StoreMessage(store_->History("E1", {.candidate = "C9"}).error()),
            "candidate C9 is not registered for exam E1");
  EXPECT_EQ(StoreMessage(store_->History("E1", {.aspect = "A9.9"}).error()),
            "aspect \"A9.9\" is not in rubric LOCKS@1");
}

TEST_F(AuditTest, EventsFormAHashChainThatTheDatabaseKeeps) {
  SetUpLockExam();
  Import(CompleteA1());
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM audit_events"), 5);
  EXPECT_EQ(raw.Text("SELECT prev_hash FROM audit_events WHERE id = 1"), std::string(64, '0'));
  // One chain for the rubric's imports, one for the exam's events.
  EXPECT_EQ(raw.Int("SELECT count(DISTINCT chain) FROM audit_events"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM audit_events WHERE seq = 1 AND prev_hash = '" +
                    std::string(64, '0') + "'"),
            2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM audit_events a JOIN audit_events b "
                    "ON b.chain = a.chain AND b.seq = a.seq + 1 WHERE b.prev_hash = a.hash"),
            3);
  EXPECT_EQ(raw.Refusal("UPDATE audit_events SET actor = 'X'"),
            "the audit log is append-only: its events cannot be changed");
  EXPECT_EQ(raw.Refusal("DELETE FROM audit_events WHERE id = 3"),
            "the audit log is append-only: its events cannot be deleted");
  EXPECT_EQ(raw.Refusal("DELETE FROM marks"), "marks cannot be deleted: enter a new value instead");
  Import({Row(2, "C1", kDone, "J1", 0)});
  EXPECT_EQ(raw.Refusal("UPDATE mark_history SET value = 1"),
            "the mark history is append-only: its entries cannot be changed");
  EXPECT_EQ(raw.Refusal("DELETE FROM mark_history"),
            "the mark history is append-only: its entries cannot be deleted");
  auto report = store_->VerifyAudit("E1");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->events, 5u);
  EXPECT_EQ(report->head, raw.Text("SELECT hash FROM audit_events WHERE id = 6"));
  EXPECT_EQ(report->problem, std::nullopt);
  // The whole database: every event, and one hash over each chain's name, length and last hash.
  auto all = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->events, 6u);
  audit::Digest heads;
  heads.Add("exam:E1").Add(std::int64_t{5}).Add(report->head);
  heads.Add("rubric:LOCKS").Add(std::int64_t{1});
  heads.Add(raw.Text("SELECT hash FROM audit_events WHERE id = 1"));
  EXPECT_EQ(all->head, heads.Hex());
}

// An exam with every kind of event, for the tamper tests: the rubric's chain holds its import
// (row 1); the exam's chain (rows 2–8) events 1–3 set-up, 4 marks.csv, 5 a changed mark, 6 lock
// A1, 7 status of C2.
class TamperTest : public AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    SetUpLockExam();
    Tick();
    Import(CompleteA1());
    Tick();
    ASSERT_TRUE(store_->EnterMark("E1", {"C1", kDone, "J1", MarkValue{false, 0}}, "", {"J1", ""}));
    ASSERT_TRUE(Lock("A1").has_value());
    Tick();
    ASSERT_TRUE(store_->SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"K0", "came"}));
    ASSERT_EQ(Verify(), "ok");
    DropGuards();
  }

  static std::string Broken(const std::string& event, const std::string& what) {
    return "audit log broken at event " + event + ": " + what;
  }
  const std::string marks_event_ = "4 (marks import marks.csv, J2, " + At(5) + ")";
  const std::string lock_event_ = "6 (lock A1, K0, " + At(7) + ")";
};

TEST_F(TamperTest, AChangedMarkValueIsDetected) {
  RawDatabase(path_).Execute("UPDATE marks SET value = 3 WHERE aspect = 1 AND judge = 1");
  EXPECT_EQ(Verify(), Broken(marks_event_,
                             "the marks it entered were changed or deleted "
                             "outside skillscore"));
}

TEST_F(TamperTest, ADeletedMarkIsDetected) {
  RawDatabase(path_).Execute("DELETE FROM marks WHERE aspect = 1 AND judge = 3");
  EXPECT_EQ(Verify(), Broken(marks_event_,
                             "the marks it entered were changed or deleted "
                             "outside skillscore"));
}

TEST_F(TamperTest, AChangedReplacedMarkIsDetected) {
  RawDatabase(path_).Execute("UPDATE mark_history SET value = 0");
  EXPECT_EQ(Verify(), Broken(marks_event_,
                             "the marks it entered were changed or deleted "
                             "outside skillscore"));
}

TEST_F(TamperTest, AMarkWrittenOutsideSkillscoreIsDetected) {
  RawDatabase(path_).Execute(
      "INSERT INTO marks (candidate, aspect, panel, judge, value, den, entry) "
      "VALUES (1, 2, 0, 3, 4, 1, 99)");
  EXPECT_EQ(Verify(),
            "audit log broken: the mark of candidate C1 for aspect A2.1 by judge J3 "
            "(entry 99) is in no event; it was written outside skillscore");
}

TEST_F(TamperTest, ADeletedEventIsDetected) {
  RawDatabase(path_).Execute("DELETE FROM audit_events WHERE id = 6");
  EXPECT_EQ(Verify(), Broken(lock_event_, "1 event(s) before it are missing (deleted)"));
}

TEST_F(TamperTest, AnEditedEventIsDetected) {
  RawDatabase(path_).Execute("UPDATE audit_events SET actor = 'J2' WHERE id = 7");
  EXPECT_EQ(Verify(), Broken("6 (lock A1, J2, " + At(7) + ")",
                             "the event was changed after it was written (its hash does not "
                             "match its content)"));
}

TEST_F(TamperTest, ReorderedEventsAreDetected) {
  // Events 5 and 6 of the exam swap numbers (through a free number, as the key is unique).
  RawDatabase raw(path_);
  raw.Execute("UPDATE audit_events SET seq = 100 WHERE id = 6");
  raw.Execute("UPDATE audit_events SET seq = 5 WHERE id = 7");
  raw.Execute("UPDATE audit_events SET seq = 6 WHERE id = 6");
  EXPECT_EQ(Verify(), Broken("5 (lock A1, K0, " + At(7) + ")",
                             "it does not follow the event before it (events were deleted, "
                             "inserted or reordered)"));
}

TEST_F(TamperTest, ADeletedLastEventLeavesItsDataUnrecorded) {
  // The last event (status of C2) goes; the status it set stays.
  RawDatabase(path_).Execute("DELETE FROM audit_events WHERE id = 8");
  EXPECT_EQ(Verify(), Broken("2 (candidates import, A0, " + At(3) + ")",
                             "the candidates of exam E1 no longer match what it recorded; they "
                             "were changed outside skillscore"));
}

TEST_F(TamperTest, ChangedPeopleAndLocksAreDetected) {
  RawDatabase raw(path_);
  raw.Execute("DELETE FROM locks");
  EXPECT_EQ(Verify(), Broken(lock_event_,
                             "the locks of exam E1 no longer match what it "
                             "recorded; they were changed outside skillscore"));
  raw.Execute("UPDATE judges SET role = 'chief' WHERE code = 'J1'");
  EXPECT_EQ(Verify(), Broken("3 (judges import, A0, " + At(4) + ")",
                             "the judges of exam E1 no longer match what it recorded; they were "
                             "changed outside skillscore"));
  raw.Execute("UPDATE exams SET chief = 'J1'");
  EXPECT_EQ(Verify(), Broken("1 (exam create E1, A0, " + At(2) + ")",
                             "exam E1 no longer matches what it recorded; it was changed outside "
                             "skillscore"));
  raw.Execute("UPDATE rubrics SET yaml = yaml || ' '");
  EXPECT_EQ(Verify(), Broken("1 (rubric import LOCKS@1, A0, " + At(1) + ")",
                             "rubric LOCKS@1 no longer matches what it recorded; it was changed "
                             "outside skillscore"));
}

TEST_F(TamperTest, VerifyingOneExamChecksItsOwnAndItsRubricsChainsAndData) {
  Tick();
  ASSERT_TRUE(store_->CreateExam({"E2", "LOCKS", "1", "", "", "", ""}));
  RawDatabase raw(path_);
  raw.Execute("UPDATE audit_events SET reason = '' WHERE id = 8");
  EXPECT_EQ(Verify("E2"), "ok");
  EXPECT_EQ(Verify("E1"), Broken("7 (status C2, K0, " + At(8) + ")",
                                 "the event was changed after it was written (its hash does not "
                                 "match its content)"));
  raw.Execute("UPDATE marks SET value = 3 WHERE aspect = 1 AND judge = 1");
  EXPECT_EQ(Verify("E2"), "ok");
  raw.Execute("UPDATE audit_events SET actor = 'X' WHERE id = 1");
  EXPECT_EQ(Verify("E2"), Broken("1 (rubric import LOCKS@1, X, " + At(1) + ")",
                                 "the event was changed after it was written (its hash does not "
                                 "match its content)"));
  auto unknown = store_->VerifyAudit("E9");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().kind, Kind::kNotFound);
}

TEST_F(AuditTest, LargeImportsMixingNewAndChangedMarksVerify) {
  SetUpLockExam();
  std::vector<Candidate> many;
  for (int c = 1; c <= 80; ++c) many.push_back({"K" + std::to_string(c), "", "College 9"});
  ASSERT_TRUE(store_->ImportCandidates("E1", many));
  auto rows_for = [](int from, int to, int score) {
    std::vector<NewMark> rows;
    for (int c = from; c <= to; ++c) {
      for (const char* judge : {"J1", "J2", "J3"}) {
        rows.push_back(Row(c, "K" + std::to_string(c), kLook, judge, score));
      }
    }
    return rows;
  };
  EXPECT_EQ(Import(rows_for(1, 50, 2)), (ImportCounts{150, 0, 0}));
  // Groups of 100 rows that mix marks already there (some changed) with new ones.
  std::vector<NewMark> mixed = rows_for(1, 20, 2);
  std::vector<NewMark> changed = rows_for(21, 50, 3);
  std::vector<NewMark> added = rows_for(51, 80, 1);
  mixed.insert(mixed.end(), changed.begin(), changed.end());
  mixed.insert(mixed.end(), added.begin(), added.end());
  EXPECT_EQ(Import(mixed), (ImportCounts{90, 90, 60}));
  EXPECT_EQ(Verify(), "ok");
  auto history = store_->History("E1", {});
  ASSERT_TRUE(history.has_value());
  // Events 2–4, the candidates import, two imports with a line each, and a line per mark written.
  EXPECT_EQ(history->size(), 3u + 1u + 2u + 150u + 180u);
}

TEST_F(AuditTest, ADatabaseOfSchemaOneGetsEventsForWhatItHolds) {
  SetUpLockExam();
  Import(CompleteA1());
  Import({Row(2, "C1", kDone, "J1", 0)}, "");
  store_.reset();
  {
    // Back to schema 1, as an older skillscore left it.
    RawDatabase raw(path_);
    for (const char* sql :
         {"DROP TABLE passports",
          "DROP TABLE audit_events",
          "DROP TABLE locks",
          "DROP TRIGGER mark_history_keep_entries",
          "DROP TRIGGER mark_history_keep_all",
          "DROP TRIGGER marks_keep_all",
          "DROP INDEX mark_batches_by_exam",
          "DROP TRIGGER marks_keep_replaced",
          "ALTER TABLE marks DROP COLUMN withdrawn",
          "ALTER TABLE mark_history DROP COLUMN withdrawn",
          "CREATE TRIGGER marks_keep_replaced AFTER UPDATE ON marks BEGIN INSERT INTO "
          "mark_history (candidate, aspect, panel, judge, value, den, entry, note) VALUES "
          "(OLD.candidate, OLD.aspect, OLD.panel, OLD.judge, OLD.value, OLD.den, OLD.entry, "
          "OLD.note); END",
          "DROP TRIGGER exams_roster_changed",
          "DROP TRIGGER candidates_roster_added",
          "DROP TRIGGER candidates_roster_changed",
          "DROP TRIGGER candidates_roster_removed",
          "DROP TRIGGER judges_roster_added",
          "DROP TRIGGER judges_roster_changed",
          "DROP TRIGGER judges_roster_removed",
          "ALTER TABLE exams DROP COLUMN roster_generation",
          "ALTER TABLE exams DROP COLUMN timezone",
          "DROP TABLE judge_credentials",
          "DROP TABLE exam_pin_rules",
          "DROP TABLE administrators",
          "ALTER TABLE judges DROP COLUMN subcriteria",
          "PRAGMA user_version = 1"}) {
      raw.Execute(sql);
    }
  }
  Tick();
  store_ = Open();
  EXPECT_EQ(RawDatabase(path_).Int("PRAGMA user_version"), CurrentSchemaVersion());
  EXPECT_EQ(Verify(), "ok");
  auto history = store_->History("E1", {.aspect = "A1.1"});
  ASSERT_TRUE(history.has_value());
  std::string adopted = "recorded before the audit log existed";
  EXPECT_EQ(*history, (std::vector<HistoryEntry>{{.event = 4,
                                                  .at = At(4),
                                                  .actor = "J2",
                                                  .action = "mark",
                                                  .file = "marks.csv",
                                                  .candidate = "C1",
                                                  .subcriterion = "A1",
                                                  .aspect = "A1.1",
                                                  .judge = "J1",
                                                  .new_value = "yes",
                                                  .reason = adopted},
                                                 {.event = 5,
                                                  .at = At(4),
                                                  .actor = "J2",
                                                  .action = "mark",
                                                  .candidate = "C1",
                                                  .subcriterion = "A1",
                                                  .aspect = "A1.1",
                                                  .judge = "J1",
                                                  .old_value = "yes",
                                                  .new_value = "no",
                                                  .reason = adopted}}));
  auto all = store_->History("E1", {});
  EXPECT_EQ((*all)[1], (HistoryEntry{.event = 2,
                                     .at = At(5),
                                     .action = "candidates import",
                                     .new_value = "added 2, changed 0, unchanged 0",
                                     .reason = adopted}));
}

TEST_F(AuditTest, RefusalsAreInTheCurrentLanguage) {
  SetUpLockExam();
  SetLanguage(Language::kRussian);
  auto lock = Lock("A1", "J1");
  SetLanguage(Language::kEnglish);
  EXPECT_EQ(lock.error().message,
            "J1 — эксперт экзамена E1; заблокировать подкритерий может только главный эксперт");
}

}  // namespace
}  // namespace skillscore
