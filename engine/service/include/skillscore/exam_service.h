// The exam service: every rule of the exam day in one place, one function per user action. The
// front ends (the command line today, the web tomorrow) parse what a person asked, call one
// function here and render what it returns; a store (store.h) only persists. So a rule — who may
// enter which mark, when results are final, what a chief expert must give to unlock — is written
// once, here, and holds on every path: `mark`, `marks import`, `enter`, and any later front end.
//
// Identity: every write names the acting person (Actor). The front end vouches for it — the command
// line takes `--as` / $SKILLSCORE_JUDGE, a web session its signed-in judge — and the service
// refuses a write without one (ServiceError::kNoActor) and checks what that person may do.
//
// Finality (scoring.md §7): results are final when no present candidate has a missing mark or a
// disputed panel (`na` is an answer, not a missing mark), every sub-criterion is locked by the
// chief expert, and the exam's own audit chain verifies — tampered data is never called final.
// `results`, `status` and `passport issue` all ask ExamFinality().
//
// Errors are values: a code for the front end to map to its exit code or HTTP status, and a
// message in the current language (i18n.h) naming the rule. Messages never name a command-line
// flag; the front end adds its own hint for kNoActor and kReasonRequired.
//
// Thread safety: a service uses its store, one thread at a time, like the store.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

#include "skillscore/entry_session.h"
#include "skillscore/exam.h"
#include "skillscore/exam_files.h"
#include "skillscore/i18n.h"
#include "skillscore/passport_register.h"
#include "skillscore/progress.h"
#include "skillscore/scoring.h"
#include "skillscore/store.h"

namespace skillscore {

// Who is acting: a judge id (or, for rubric imports before any exam exists, any named person), or
// an administrator's name. `authenticated`: the front end has checked the person's code or secret
// (credentials.h); an exam that requires PINs refuses command-line writes without it.
struct Actor {
  std::string id;
  bool administrator = false;  // an authenticated administrator (AdminActor)
  bool authenticated = false;
};

struct ServiceError {
  enum class Code {
    kInvalidInput,    // the request is wrong: an unknown id, a value that does not fit
    kNoActor,         // a write without an acting person
    kForbidden,       // the actor may not do this (not a judge of the exam, not a chief expert)
    kReasonRequired,  // unlock, status change, withdrawal and revocation need a reason
    kConflict,        // it contradicts what is stored (locked, already exists, not complete)
    kNotFound,        // the named rubric, exam, mark or passport does not exist
    kStorage,         // the store failed
    // A wrong, revoked or unknown code or secret, or a PIN the exam requires and was not given.
    kUnauthenticated,
  };
  Code code = Code::kStorage;
  std::string message;
  // For a refused file: every bad row, with its line (kInvalidInput).
  Diagnostics diagnostics = {};
  // The store's refusal this error reports (FromStore), for a front end to add its own hints to.
  std::optional<StoreError> store = {};
};

template <typename T>
using ServiceResult = tl::expected<T, ServiceError>;

// Why results are (not yet) final.
struct Finality {
  std::size_t blocked_candidates = 0;        // present candidates with missing/disputed marks
  std::vector<std::string> unlocked = {};    // sub-criteria no chief expert has locked
  std::optional<std::string> tampered = {};  // the audit chain's problem, when it does not verify
  bool Final() const { return blocked_candidates == 0 && unlocked.empty() && !tampered; }
};

// An exam as scored now, with its finality.
struct ExamResults {
  ExamData data = {};  // roster and every entry
  std::vector<SubcriterionLock> locks = {};
  std::vector<CandidateSheet> sheets = {};
  ExamResult result = {};
  Finality finality = {};
};

// Where marking stands, per sub-criterion, with who owes which score.
struct ExamStatus {
  ExamData data;  // with every candidate's current sheet (ExamData::sheets)
  std::vector<SubcriterionLock> locks;
  std::vector<SubcriterionProgress> progress;
  Finality finality;
};

// One mark as a person typed it.
struct MarkInput {
  std::string candidate;
  std::string aspect;       // aspect id
  std::string judge;        // in whose name the mark is entered: for a judgement, whose score
  std::string value;        // as typed: "3", "yes", "na", "12,5"
  std::string reason = {};  // kept with the mark
};

// One mark of EnterMarks: who enters it, into which exam.
struct MarkRequest {
  Actor actor;
  std::string exam;
  MarkInput mark;
  // The language of its refusal (its sender's); nullopt: the calling thread's.
  std::optional<Language> language = {};
};

// What `lock` asked for: named sub-criteria, or all that are complete.
struct LockRequest {
  std::vector<std::string> subcriteria = {};  // rubric ids
  bool all_complete = false;                  // every complete, undisputed, unlocked sub-criterion
};

struct LockOutcome {
  std::vector<std::string> locked;          // newly locked, in rubric order
  std::vector<std::string> already_locked;  // named and locked before (not an error)
  // all_complete: sub-criteria left unlocked, each with why ("2 marks missing, 1 panel disputed").
  std::vector<std::pair<std::string, std::string>> left_open;
};

// The rules for one mark, shared by every path that enters marks (MarkChecker below).
class MarkRules {
 public:
  // `data` is the exam's roster with its stored sheets (LoadExamData; those without a panel may be
  // left out), so that the panels as they stand are known; `acting` is who enters the marks.
  MarkRules(const ExamData& data, Actor acting);

  // The checked mark, or why it is refused: CheckMark's rules (registered ids, value, conflict of
  // interest), then who may enter it (a judgement score is the judge's own unless a chief expert
  // transcribes it) and the panel (only members of the sub-criterion's marking group, when it
  // has one, and no more scores than policy.judges from different judges; marking_groups.h).
  // An accepted mark counts in the panels for the marks checked after it.
  tl::expected<MarkEntry, std::string> Check(std::string_view candidate, std::string_view aspect,
                                             std::string_view judge, std::string_view value);
  // The same rules for a mark already parsed (a row of a marks file).
  std::optional<std::string> Admit(const MarkEntry& entry);

  const MarkContext& context() const { return context_; }

 private:
  const ExamData& data_;
  Actor acting_;
  bool acting_is_chief_;
  MarkContext context_;
  // The seats of one candidate × aspect panel; null for an unregistered candidate (CheckMark
  // refuses those first) or an aspect outside the rubric.
  std::uint16_t* Seats(std::string_view candidate, std::size_t aspect);
  std::optional<std::uint16_t> JudgeIndex(std::string_view judge) const;

  // Who sits on each candidate × aspect panel, as indices into data_.judges in the order of their
  // first score, kEmptySeat after the last: a flat table of seats_per_panel_ seats per panel, a
  // few bytes per mark, so that checking a file of a million marks stays cheap.
  static constexpr std::uint16_t kEmptySeat = 0xFFFF;
  std::unordered_map<std::string_view, std::uint32_t> candidate_index_;
  std::unordered_map<std::string_view, std::uint16_t> judge_index_;
  std::size_t seats_per_panel_ = 0;
  std::vector<std::uint16_t> seats_;
  // By aspect ordinal, which judges (by index into data_.judges) may sit on its panels: empty
  // when its sub-criterion has no marking group (anyone may).
  std::vector<std::vector<bool>> group_seats_;
  std::optional<std::string> GroupRefusal(const MarkEntry& entry, std::uint16_t judge) const;
};

// Whether `judge` is a chief expert of the exam: the exam's --chief, or registered as chief.
bool IsChiefExpert(const ExamData& roster, std::string_view judge);

struct ServiceOptions {
  // The time recorded in passports and the like; the system clock when empty.
  std::function<std::chrono::system_clock::time_point()> clock = {};
};

class ExamService {
 public:
  explicit ExamService(ExamStore& store, ServiceOptions options = {});

  // Reading.
  ServiceResult<ExamInfo> Exam(std::string_view exam);  // its record: rubric, date, time zone…
  // kKept: ExamResults::sheets and ExamStatus::data.sheets hold every candidate's sheet (judge
  // analytics, documents, passports and the web's views read them). kDropped: they stay empty,
  // and each sheet is scored and counted as the store reads it, so that memory holds one
  // candidate's sheet at a time (`results` and `status` on the command line).
  enum class Sheets { kKept, kDropped };
  ServiceResult<ExamResults> Results(std::string_view exam, Sheets sheets = Sheets::kKept);
  ServiceResult<ExamStatus> Status(std::string_view exam, Sheets sheets = Sheets::kKept);
  ServiceResult<std::vector<HistoryEntry>> History(std::string_view exam,
                                                   const HistoryFilter& filter);
  ServiceResult<AuditReport> VerifyAudit(const std::optional<std::string>& exam);

  // Marks.
  ServiceResult<Change> EnterMark(const Actor& actor, std::string_view exam, const MarkInput& mark);
  // A mark already parsed (guided entry, entry_session.h): the same rules as EnterMark.
  ServiceResult<Change> EnterMark(const Actor& actor, std::string_view exam,
                                  const MarkEntry& entry);
  // Many people's marks written together (group commit, docs/web.md): each is EnterMark's — the
  // same rules, the same refusal — in the order given, and the store commits them all with one
  // durable commit before this returns (ExamStore::WriteTogether). A refused mark is refused
  // alone and leaves nothing; each mark written has its own audit event, chained in the order
  // given. If the commit fails, every mark gets that error and none is stored: a success in the
  // result is a durable mark. One result per mark, in the order of `marks`.
  std::vector<ServiceResult<Change>> EnterMarks(std::span<const MarkRequest> marks);
  // A marks file: `read` parses its rows (ReadMarksCsv with the context it is given) and hands
  // each to the sink, which checks it with the rules of EnterMark. All or nothing.
  using MarkFileReader =
      std::function<bool(const MarkContext& context, const MarkRowSink& take, Diagnostics& bad)>;
  ServiceResult<ImportCounts> ImportMarks(const Actor& actor, std::string_view exam,
                                          const std::string& file, const MarkFileReader& read);

  // Sign-off.
  ServiceResult<LockOutcome> Lock(const Actor& actor, std::string_view exam,
                                  const LockRequest& request);
  ServiceResult<void> Unlock(const Actor& actor, std::string_view exam,
                             std::string_view subcriterion, const std::string& reason);
  ServiceResult<Change> SetCandidateStatus(const Actor& actor, std::string_view exam,
                                           std::string_view candidate, CandidateStatus status,
                                           const std::string& reason);
  // Takes a mark back (issue 12): only a chief expert, with a reason (kReasonRequired), never on
  // a locked sub-criterion (kConflict). The mark stops counting (its panel is incomplete again),
  // and stays in the history and the audit log as withdrawn. `judge` names whose judgement score
  // it is; a measurement has one mark, whoever entered it, and `judge` may be empty.
  ServiceResult<void> WithdrawMark(const Actor& actor, std::string_view exam,
                                   std::string_view candidate, std::string_view aspect,
                                   std::string_view judge, const std::string& reason);

  // Setting up: a rubric version and an exam bound to it. Both need an actor (recorded by the
  // store's audit log as the store was opened for them; see SqliteStoreOptions::actor). An exam
  // without a time zone gets the machine's; an unknown zone is refused (kInvalidInput).
  ServiceResult<Change> ImportRubric(const Actor& actor, std::string_view yaml_text,
                                     const Rubric& rubric);
  ServiceResult<ExamInfo> CreateExam(const Actor& actor, const NewExam& exam);

  // People. Both need an actor; once the exam has a chief expert, only a chief expert changes its
  // roster. A judge's organisation cannot change once they have marks (it decides the conflict
  // of interest of marks already entered), and no one changes their own record.
  ServiceResult<ImportCounts> ImportCandidates(const Actor& actor, std::string_view exam,
                                               std::span<const Candidate> candidates);
  // A judge's sub-criteria assign them to marking groups (marking_groups.h): each must be in the
  // exam's rubric, and a group must be large enough to fill a panel (kInvalidInput). They replace
  // the judge's groups. `source`, when the judges were read from a file (one row each, in order),
  // lets the refusal name the line of each bad row.
  ServiceResult<ImportCounts> ImportJudges(const Actor& actor, std::string_view exam,
                                           std::span<const Judge> judges,
                                           const CsvTable* source = nullptr);

  // Passports: a chief expert or an administrator signs one for every present candidate once the
  // results are final; the plan says what was issued (empty: the register is up to date).
  ServiceResult<std::vector<PlannedPassport>> IssuePassports(const Actor& actor,
                                                             std::string_view exam,
                                                             const SecretKey& key);
  ServiceResult<StoredPassport> RevokePassport(const Actor& actor, std::string_view number,
                                               const std::string& reason);
  // What IssuePassports would sign now for final `results` and the exam's register, writing
  // nothing (the administrator's page shows who would get a passport).
  ServiceResult<std::vector<PlannedPassport>> PlanIssue(
      const ExamResults& results, const std::vector<StoredPassport>& registered,
      const SecretKey& key);

  // Finality of an exam whose data, locks and result are at hand (Results() uses it).
  ServiceResult<Finality> FinalityOf(const ExamData& data, const ExamResult& result,
                                     const std::vector<SubcriterionLock>& locks);

  ExamStore& store() { return store_; }
  // Now as the service records it, UTC ("2026-04-12T09:30:00Z"): ServiceOptions::clock, else the
  // system clock.
  std::string Now() const;

 private:
  ServiceResult<ExamData> LoadForWrite(const Actor& actor, std::string_view exam);
  // Results; with `progress`, also where marking stands (Status), counted from the same sheets
  // as they are read.
  ServiceResult<ExamResults> ReadResults(std::string_view exam, Sheets sheets,
                                         std::vector<SubcriterionProgress>* progress);
  // FinalityOf with the exam's audit report at hand.
  static Finality FinalityGiven(const ExamData& data, const ExamResult& result,
                                const std::vector<SubcriterionLock>& locks,
                                const AuditReport& audit);
  // LoadForWrite with only `candidate`'s sheet: all that the rules of one mark read.
  ServiceResult<ExamData> LoadForMark(const Actor& actor, std::string_view exam,
                                      std::string_view candidate);
  // The checks of LoadForWrite around a load of the exam's data.
  ServiceResult<ExamData> LoadChecked(const Actor& actor, std::string_view exam,
                                      const std::function<StoreResult<ExamData>()>& load);
  // LoadForWrite for a change of the roster: the first import names no judge yet.
  ServiceResult<ExamData> LoadForRoster(const Actor& actor, std::string_view exam);
  std::optional<ServiceError> RequireChief(const ExamData& data, const Actor& actor,
                                           const std::string& what);
  // Why `actor` may not `what` (issue or revoke a passport) of `exam`, or nullopt.
  std::optional<ServiceError> PassportRefusal(const Actor& actor, std::string_view exam,
                                              const std::string& what);

  ExamStore& store_;
  ServiceOptions options_;
};

// The marks of an exam as a guided entry session (entry_session.h) sees them, saved through the
// service in the name of `actor`.
std::unique_ptr<EntryMarks> ServiceEntryMarks(ExamService& service, Actor actor, std::string exam);

// ServiceError from a store error: its kind as the code, its message made by StoreMessage, and the
// error itself kept.
ServiceError FromStore(const StoreError& error);

}  // namespace skillscore
