// The exam database: rubrics, exams, candidates, judges and marks kept between commands, as judges
// and administrators work on an exam over days (shared/spec/cli.md). ExamStore is the small
// interface the commands use; OpenSqliteStore() gives the SQLite implementation. The store keeps
// data and returns it as plain values; computing (sheets, status, results) stays in the pure core:
// LoadExamData() gives the candidates' sheets (exam.h) that the scoring functions need.
//
// What the store guarantees:
//  - A rubric is stored as imported (its YAML text and content SHA-256) under code@version;
//    different content under an existing code@version is refused, the same content is a no-op.
//  - An exam is bound to one rubric version for its whole life.
//  - Every write is one transaction: imports are all-or-nothing, and a failure leaves the database
//    as it was. Re-importing the same data is idempotent (counted as unchanged).
//  - No mark is lost: the latest entry for a candidate × aspect (× judge, for judgement panels)
//    counts, and every value it replaced stays in the history (scoring.md §2, §7).
//  - Sign-off (scoring.md §6): the chief expert locks a sub-criterion once it is complete and
//    undisputed; a locked sub-criterion refuses marks until the chief expert unlocks it, giving
//    a reason. The chief experts of an exam are the judge named by `exam create --chief` and
//    every judge registered with role chief.
//  - Audit log: every write that changes something (rubric import, exam creation, imports of
//    candidates, judges and marks, a single mark, lock, unlock, candidate status) appends one
//    event: who (the acting judge), when (UTC), what, old → new, why. Events form a SHA-256 hash
//    chain, and the database refuses to update or delete them. Each event also records a digest
//    of the state it produced (the marks it wrote; the exam's candidates, judges or locks after
//    it; the rubric or exam record), so VerifyAudit() detects direct edits of the tables as well
//    as of the log. A re-import of an identical rubric writes nothing and is not logged.
//  - Commits are synchronous (PRAGMA synchronous = FULL): an entered mark survives a power cut,
//    and a killed import leaves either all of its marks or none.
//
// Validation of marks (values, conflict of interest) is the caller's (CheckMark and the marks
// readers of engine/formats) against LoadRoster(); the store takes marks as NewMark records, knows
// no file format, and refuses only what it cannot store: ids
// that are not registered in the exam and aspect ordinals outside the rubric.
//
// Errors are values (StoreError): a code and its parameters, whose message for people the edge
// makes (store_error.h).
//
// Ownership and thread safety: OpenSqliteStore() returns an owning pointer; the store owns its
// database connection. One ExamStore object must be used by one thread at a time. Any number of
// store objects, in one process or in many, may open the same database file at the same time:
// writers take turns (each waits up to SqliteStoreOptions::busy_timeout for the others), and
// readers see the last committed state.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/exam_bundle.h"
#include "skillscore/exam_history.h"
#include "skillscore/exam_info.h"
#include "skillscore/exam_registers.h"
#include "skillscore/rubric.h"
#include "skillscore/store_error.h"

namespace skillscore {

template <typename T>
using StoreResult = tl::expected<T, StoreError>;

// What a write did to one record.
enum class Change { kAdded, kChanged, kUnchanged };

// What a bulk write did, record by record.
struct ImportCounts {
  std::size_t added = 0;
  std::size_t changed = 0;
  std::size_t unchanged = 0;

  friend bool operator==(const ImportCounts&, const ImportCounts&) = default;
};

struct NewExam {
  std::string id;
  std::string rubric_code;
  // nullopt: the only version of rubric_code (refused as ambiguous when there are several).
  std::optional<std::string> rubric_version;
  std::string date;
  std::string site;
  std::string chief;
  std::string timezone;  // IANA name, already checked (ExamService::CreateExam)
};

// Receives the marks of one import one at a time, in their source's order.
using NewMarkSink = std::function<void(const NewMark&)>;
// Hands the marks of one import to `take`, in their source's order (a marks file's reader, for
// instance); false when it refused some mark, having reported why itself.
using NewMarkSource = std::function<bool(const NewMarkSink& take)>;

// Who writes marks and from where; kept with every batch of marks for the history.
struct MarkSource {
  std::string actor;        // the acting judge (`--as`), may be empty
  std::string file;         // the marks file, or empty for a single mark; also prefixes messages
  std::string reason = {};  // why (recorded in the audit log), may be empty
};

// A chief expert's action on an exam: who acts, and why. The service has checked both.
struct ChiefAction {
  std::string actor;
  std::string reason;
};

// Which part of an exam's audit trail to show: everything when both are empty; otherwise only
// what concerns the candidate (its marks and status changes) and/or the aspect (its marks and
// the locks of its sub-criterion).
struct HistoryFilter {
  std::string candidate = {};
  std::string aspect = {};  // aspect id, "A1.3"
};

// One line of an exam's audit trail. Marks are given as a judge would type them (MarkValueText);
// `old_value` is empty for a first entry. A marks import gives a line of counts (action
// One exam's current marks, as ExamStore::ScanExams hands them over.
struct ExamMarks {
  ExamInfo exam;
  // Parsed once per rubric version and shared by every exam bound to it.
  std::shared_ptr<const Rubric> rubric;
  std::vector<Candidate> candidates;  // by id
  // The current sheets, one per candidate in the order of `candidates`, as BuildSheets gives them
  // from the marks that count (replaced ones are left out): built as the marks stream, so that no
  // list of every mark is held besides them. The visitor may take them (std::move).
  std::vector<CandidateSheet> sheets;
  // Read only by a scan that re-binds (ExamScan::rebind), to see what the new version does to
  // the exam's signed results: its passports in order of issue and its locked sub-criteria.
  std::vector<StoredPassport> passports;
  std::vector<SubcriterionLock> locks;
};

// Which exams ScanExams visits (by exam id), and whether it binds them to another rubric version.
struct ExamScan {
  std::string rubric_code = {};                    // exams bound to a version of this rubric…
  std::optional<std::string> except_version = {};  // …other than this one
  std::vector<std::string> exams = {};             // only these (each must exist); all when empty
  // Binds each visited exam for which the visitor returns kRebind to rubric_code@version, with one
  // audit event ("rubric rebind": old → new version, who, why) per exam. The whole scan is then
  // one write transaction: every exam is re-bound or, on any failure, none. Marks are stored by
  // aspect id, not position, so they stay as they are: each counts under the new version when it
  // still has the aspect, and the marks of an aspect it removed stay stored but no longer count.
  // Whether the stored values fit the new aspects (same type, accepted values) is the caller's to
  // check, as for ImportMarks. kConflict for a version imported by an older skillscore whose
  // aspects are stored elsewhere than the target's.
  struct Rebind {
    std::string version;
    ChiefAction action;  // an empty actor: SqliteStoreOptions::actor
  };
  std::optional<Rebind> rebind = {};
};

struct ScanProgress {
  std::size_t done = 0;   // exams visited so far, this one included
  std::size_t total = 0;  // exams the scan will visit
};

// What the visitor wants done once it has seen an exam.
enum class ScanStep {
  kNext,     // go on to the next exam
  kRebind,   // bind this exam to the version of ExamScan::rebind, then go on
  kStop,     // end the scan here; with ExamScan::rebind, nothing at all is written
  kDiscard,  // go on visiting, but write nothing at all: the rest of the scan is a dry run
};

// What the visitor returns: the step, and with kRebind the signed passports to register in the
// same write (superseding those the new version changes), audited as IssuePassports does but in
// the name of whoever re-binds: re-scoring is an administrator's act, not an exam's chief's.
struct ScanDecision {
  ScanDecision(ScanStep step) : step(step) {}  // implicit: a visitor may return a bare step
  ScanDecision(ScanStep step, std::vector<StoredPassport> passports)
      : step(step), passports(std::move(passports)) {}

  ScanStep step;
  std::vector<StoredPassport> passports;
};

// A judge's sign-in code as the store keeps it (credentials.h): its number and the Argon2id hash
// of the code, never the code itself.
// A code to register for a judge of an exam: the judge and the hash of the new code.
struct NewCredential {
  std::string judge;
  std::string hash;
};

// Whether a sub-criterion may be locked, given the exam's data at the moment of the write.
using LockGuard = std::function<bool(const ExamData& now, std::string_view subcriterion)>;

using ExamVisitor = std::function<ScanDecision(ExamMarks&, const ScanProgress&)>;

class ExamStore {
 public:
  virtual ~ExamStore() = default;

  // ---- Rubrics: YAML kept as imported under code@version ----------------------------------------
  // Stores `rubric`, which must be ParseRubric(yaml_text). kAdded, or kUnchanged when the same
  // content is already stored under its code@version; kConflict when different content is.
  virtual StoreResult<Change> ImportRubric(std::string_view yaml_text, const Rubric& rubric) = 0;
  // All stored rubrics, by code, then in order of import.
  virtual StoreResult<std::vector<RubricInfo>> ListRubrics() = 0;
  // A rubric by code and version; without a version, the only version of that code.
  virtual StoreResult<StoredRubric> GetRubric(std::string_view code,
                                              const std::optional<std::string>& version) = 0;

  // ---- Exams and people: the exam record, its candidates and judges -----------------------------
  // kNotFound for an unknown rubric, kConflict for an existing exam id.
  virtual StoreResult<ExamInfo> CreateExam(const NewExam& exam) = 0;
  // All exams, by id.
  virtual StoreResult<std::vector<ExamInfo>> ListExams() = 0;
  virtual StoreResult<ExamInfo> GetExam(std::string_view exam) = 0;

  // Adds candidates (judges) and updates the ones already registered under the same id; all or
  // nothing. An id repeated within `candidates` is refused. Each changed field of a registered
  // person is audited before the import's own event ("candidate change" / "judge change", the
  // person as subject, "field: old" → "field: new"; a candidate's status is a "status" event).
  virtual StoreResult<ImportCounts> ImportCandidates(std::string_view exam,
                                                     std::span<const Candidate> candidates) = 0;
  virtual StoreResult<ImportCounts> ImportJudges(std::string_view exam,
                                                 std::span<const Judge> judges) = 0;
  // The exam, its rubric, candidates and judges (ExamData::sheets stays empty).
  virtual StoreResult<ExamData> LoadRoster(std::string_view exam) = 0;

  // ---- Marks: entered, imported, withdrawn, and read back as sheets -----------------------------
  // Enters checked marks as one batch, all or nothing. Rows for the same candidate × aspect
  // (× judge, for judgement aspects) collapse to the last one, as if entered in file order.
  // A row equal to the stored mark (value and note) is unchanged; a different one replaces the
  // stored mark, which moves to the history.
  virtual StoreResult<ImportCounts> ImportMarks(std::string_view exam,
                                                std::span<const NewMark> marks,
                                                const MarkSource& source) = 0;
  // ImportMarks for rows handed over one at a time, as a file of millions of marks is read: they
  // are checked and written as they come, in one transaction, so memory holds the rows of one
  // candidate instead of the whole file when each candidate's rows are together (as marks files
  // list them). Otherwise the store calls `rows` a second time and gathers every row before it
  // writes. When `rows` returns false nothing is written and the result is kMarksRefused with no
  // refusals: the source has reported the rows it refused.
  virtual StoreResult<ImportCounts> ImportMarkStream(std::string_view exam,
                                                     const NewMarkSource& rows,
                                                     const MarkSource& source) = 0;
  // Enters one checked mark; the same rules as ImportMarks.
  virtual StoreResult<Change> EnterMark(std::string_view exam, const MarkEntry& entry,
                                        std::string_view note, const MarkSource& source) = 0;
  // Runs `writes` — calls of this store's own functions — as one transaction, committed durably
  // once it returns: one synchronous commit for many writes (group commit). Each write inside
  // keeps its own all-or-nothing (a savepoint): a refused one undoes itself alone and the others
  // stand. Audit events are chained in the order the writes were made. An error of the commit
  // itself (kStorage) means that nothing `writes` did was stored.
  virtual StoreResult<void> WriteTogether(const std::function<void()>& writes) = 0;
  // LoadRoster plus every candidate's current sheet, read from the current marks alone (not
  // their history) one candidate at a time: no list of every entry is held.
  virtual StoreResult<ExamData> LoadExamData(std::string_view exam) = 0;
  // LoadExamData read as a stream, for commands that need every sheet once and none at the end
  // (results, status): fills `roster` (LoadRoster's), then hands `take` each candidate's current
  // sheet, in the order of the candidates, one at a time; memory never holds them all. The
  // default reads LoadExamData; a store that can read one sheet at a time does so.
  using SheetSink = std::function<void(const CandidateSheet& sheet)>;
  virtual StoreResult<void> StreamExamSheets(std::string_view exam, ExamData& roster,
                                             const SheetSink& take);
  // VerifyAudit(exam) and StreamExamSheets together, as one read: what `results` and `status`
  // need. The default calls the two; a store that can read the exam's marks once for both does
  // so (reading the marks is most of their time).
  virtual StoreResult<AuditReport> VerifyAndStreamExamSheets(std::string_view exam,
                                                             ExamData& roster,
                                                             const SheetSink& take);
  // LoadRoster plus the current sheet of one candidate, as LoadExamData gives it: what entering a
  // mark for that candidate needs, read with a few indexed queries whatever the size of the exam.
  // `sheets` holds that one sheet, or nothing when the exam has no such candidate (the caller's
  // checks name the unknown id). The parsed rubric is kept by the store object between calls:
  // stored content under a code@version never changes.
  virtual StoreResult<ExamData> LoadCandidateData(std::string_view exam,
                                                  std::string_view candidate) = 0;
  // Withdraws the current mark of `candidate` for the aspect with ordinal `aspect` (a judgement
  // score: `judge`'s; a measurement: whoever entered it): it stops counting, stays in the history
  // and is logged as a "mark withdraw" marks event whose digest covers its tombstone
  // (audit::MarkRecord::withdrawn), with the reason. Refused on a locked sub-criterion
  // (kConflict); kNotFound when there is no current mark there.
  virtual StoreResult<void> WithdrawMark(std::string_view exam, std::string_view candidate,
                                         std::size_t aspect, std::string_view judge,
                                         const ChiefAction& action) = 0;

  // ---- Locks and statuses: sign-off of sub-criteria, candidate status ---------------------------
  // The exam's locked sub-criteria, in rubric order.
  virtual StoreResult<std::vector<SubcriterionLock>> LockedSubcriteria(std::string_view exam) = 0;
  // Locks a sub-criterion, once `guard` — called inside the write, with the exam's data as it is
  // then (LoadExamData) — agrees; kConflict when it does not or when the sub-criterion is already
  // locked, kInvalidInput when it is not in the rubric. Who may lock is the service's rule.
  virtual StoreResult<SubcriterionLock> LockSubcriterion(std::string_view exam,
                                                         std::string_view subcriterion,
                                                         const ChiefAction& action,
                                                         const LockGuard& guard) = 0;
  // Re-opens a locked sub-criterion (kConflict when it is not locked), recording the reason.
  virtual StoreResult<void> UnlockSubcriterion(std::string_view exam, std::string_view subcriterion,
                                               const ChiefAction& action) = 0;
  // Changes a registered candidate's status, recording the reason. kUnchanged (and nothing
  // logged) when the candidate already has that status.
  virtual StoreResult<Change> SetCandidateStatus(std::string_view exam, std::string_view candidate,
                                                 CandidateStatus status,
                                                 const ChiefAction& action) = 0;

  // ---- Audit: the trail of one exam, and the check of the whole chain ---------------------------
  // The exam's audit trail in the order it was written.
  virtual StoreResult<std::vector<HistoryEntry>> History(std::string_view exam,
                                                         const HistoryFilter& filter) = 0;
  // Walks the whole hash chain and compares the state each event recorded with the tables: of
  // every exam, or only of `exam` (whose unknown id is kNotFound). A broken log is not an error:
  // it is reported in AuditReport::problem.
  virtual StoreResult<AuditReport> VerifyAudit(const std::optional<std::string>& exam) = 0;

  // ---- Passports: the register of signed passports ----------------------------------------------
  // Registers signed passports of `exam` (their `exam` field is ignored), as one write with one
  // audit event ("passport issue"). A passport whose `supersedes` names
  // an earlier one revokes that one in the same write (reason "superseded by NUMBER"). kConflict
  // for a number already registered or a superseded passport already revoked, kNotFound for an
  // unknown one. Nothing to issue writes nothing and logs nothing.
  virtual StoreResult<void> IssuePassports(std::string_view exam,
                                           std::span<const StoredPassport> passports,
                                           const ChiefAction& action) = 0;
  // The exam's passports in order of issue.
  virtual StoreResult<std::vector<StoredPassport>> ListPassports(std::string_view exam) = 0;
  // kNotFound for an unknown number.
  virtual StoreResult<StoredPassport> GetPassport(std::string_view number) = 0;
  // Revokes a passport (audit event "passport revoke") with the action's reason; kConflict when it
  // is revoked already.
  virtual StoreResult<StoredPassport> RevokePassport(std::string_view number,
                                                     const ChiefAction& action) = 0;

  // ---- Scans: every exam of a rubric read in turn, re-bound to another version ------------------
  // Visits the exams of `scan` one at a time, in order of exam id, reading their marks as one
  // stream: memory holds one exam, whatever the size of the database. Returns the number of exams
  // re-bound (0 when the visitor stopped or discarded the scan). kNotFound for an unknown exam in
  // scan.exams or an unknown rubric version to re-bind to. Readers see one consistent state
  // throughout.
  virtual StoreResult<std::size_t> ScanExams(const ExamScan& scan, const ExamVisitor& visit) = 0;

  // ---- Sign-in codes and administrators ---------------------------------------------------------
  // Credentials (credentials.h). Only hashes are stored; every write appends audit events that
  // name who acted and for whom — never a hash — and record the digest of the exam's codes and PIN
  // rule (or of every administrator), which VerifyAudit compares with the tables.
  //
  // Registers new codes for judges of `exam`, one event ("code issue") per judge; each judge's
  // current code, if any, is revoked in the same write (reason "replaced by a new code"). Returns
  // the new credentials' numbers in the order of `codes`. kInvalidInput for a judge not registered
  // in the exam or named twice.
  virtual StoreResult<std::vector<std::int64_t>> StoreCodes(std::string_view exam,
                                                            std::span<const NewCredential> codes,
                                                            const ChiefAction& action) = 0;
  // Revokes the judge's current code ("code revoke", with the action's reason); kNotFound when the
  // judge has none.
  virtual StoreResult<StoredCredential> RevokeCode(std::string_view exam, std::string_view judge,
                                                   const ChiefAction& action) = 0;
  // Every code of the exam, current and revoked, in order of issue.
  virtual StoreResult<std::vector<StoredCredential>> ListCodes(std::string_view exam) = 0;
  // The judge's current (unrevoked) code, or nullopt.
  virtual StoreResult<std::optional<StoredCredential>> CurrentCode(std::string_view exam,
                                                                   std::string_view judge) = 0;
  // Whether command-line writes to the exam require the acting judge's PIN, and setting it
  // ("pin rule" event; kUnchanged and nothing logged when it is so already).
  virtual StoreResult<bool> PinRequired(std::string_view exam) = 0;
  virtual StoreResult<Change> SetPinRequired(std::string_view exam, bool required,
                                             const ChiefAction& action) = 0;
  // Adds an administrator ("admin create" event in the name of `admin.created_by`; its created_at
  // is set by the store). kConflict for an existing name, and — with `only_first` — when any
  // administrator exists, checked inside the write so that two first administrators cannot race.
  virtual StoreResult<void> CreateAdmin(const StoredAdmin& admin, bool only_first) = 0;
  // nullopt for an unknown name.
  virtual StoreResult<std::optional<StoredAdmin>> GetAdmin(std::string_view name) = 0;
  virtual StoreResult<std::size_t> CountAdmins() = 0;

  // ---- Bundles: moving an exam between stores ---------------------------------------------------
  // Hands `sink` the exam's rows in one read transaction: kNotFound for an unknown exam;
  // kConflict for what a bundle cannot carry (a chain begun in the sealed legacy chain, marks of
  // an aspect its rubric version no longer has).
  virtual StoreResult<void> ExportExam(std::string_view exam, BundleSink& sink) = 0;
  // Writes the exam of `source` as it was, in one transaction: its rubric version must be stored
  // already with the bundle's hash (the caller imports it). The events keep their numbers and
  // hashes; each must follow the one before it, and the exam's whole audit trail must verify
  // (VerifyAudit) before anything is committed: else kInvalidInput naming the first problem.
  // kConflict when the exam exists, or a passport number or code number is taken.
  virtual StoreResult<void> ImportExam(BundleSource& source) = 0;
};

}  // namespace skillscore
