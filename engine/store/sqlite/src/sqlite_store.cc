// The SQLite ExamStore (store.h).
//
// Schema (migration 1; see kMigrations for the exact text):
//   rubrics         id, code, version, sha256, title, yaml, imported_at; unique (code, version)
//   rubric_aspects  (rubric, ordinal) → aspect id, sub-criterion, judgement flag (and its slot,
//                   migration 4)
//   exams           id, code (the user's exam id), rubric, date, site, chief, created_at
//   candidates      id, exam, code, name, organization, status; unique (exam, code)
//   judges          id, exam, code, name, organization, role; unique (exam, code); and its
//                   marking groups, subcriteria (migration 8)
//   mark_batches    one row per write of marks: who, when, which file, its entry numbers, counts
//   marks           the marks that count, keyed by (candidate, aspect slot, panel), WITHOUT ROWID
//   mark_history    every replaced mark, moved there by a trigger when its row in marks changes
//
// Marks are kept compact because an exam database may hold tens of millions of them: integer keys
// only (candidate and judge row ids, the aspect's slot), the value as an exact
// fraction value/den (value NULL = not attempted; 0, 1 and small numbers take no or one byte).
// `panel` is the judge's id for a judgement score and 0 for a measurement, so that a measurement
// has one current value per candidate × aspect whoever enters it, and a judgement one per judge.
//
// The mark tables name candidates and judges without FOREIGN KEY clauses, unlike every other
// table: SQLite looks the parent row up for each inserted row, which made bulk imports a third
// slower (measured on 1M marks). Their integrity rests instead on the store, which resolves every
// id against the exam's registered people inside the write transaction, and on triggers that
// refuse to delete a candidate or judge who has marks (the restricting half of a foreign key).
//
// Every mark carries an entry number, increasing in the order marks were entered (a batch of n
// rows takes n numbers; a row's number is its position in the batch). History rows keep theirs,
// so sorting current and replaced marks by entry number replays the exam's entries in order.
//
// Migration 2 adds sign-off and the audit log (sqlite_audit.h describes its design):
//   audit_events    the hash-chained events; triggers refuse UPDATE and DELETE
//   locks           (exam, sub-criterion) → who locked it and when
// and triggers that make mark_history append-only and refuse to delete marks. A database of
// schema 1 gets events for the data it already holds when it is upgraded.
//
// Migration 3 adds the register of signed skills passports (passports: number → exam, candidate,
// the signed record file, its marks and rubric digests, issue time, the number it supersedes and
// its revocation), whose rows are never deleted.
//
// Migration 4 gives every aspect its slot (rubric_aspects.slot, sqlite_slots.h): the key its marks
// are stored under, which stays the same across the versions of a rubric, so that marks keep
// their aspect when an exam is bound to a corrected version. marks.aspect and mark_history.aspect
// hold slots from then on; the migration sets each existing aspect's slot to its ordinal, which is
// what those columns held, so that no mark is rewritten.
//
// Migration 5 gives every exam its time zone (exams.timezone, an IANA name), the zone people read
// its times in; exams created before it have '' and are shown in UTC.
//
// Migration 6 gives every exam an audit chain of its own and every rubric code one
// (audit_chain.h): audit_events.chain and .seq place each event in its chain, the digests name no
// row id, and entry numbers count per exam (an exam's next batch starts after its own last one).
// The events written before it stay as they are, the legacy chain, verified by its old rule; the
// migration seals it by starting each existing exam's chain with a "chain start" event that
// records the legacy chain's last hash. It also lets a chief expert withdraw a mark: a withdrawn
// mark stays in marks as a tombstone (marks.withdrawn = 1, its entry and note those of the
// withdrawal), no longer counts, and its replaced value goes to mark_history as any other.
//
// Migration 7 adds credentials: judges' sign-in codes, PIN rules and administrators, as hashes
// (sqlite_credentials.h).
//
// Migration 8 adds marking groups (marking_groups.h): judges.subcriteria.
//
// Migration 9 adds exams.roster_generation, raised by triggers whenever an exam's row, candidates,
// judges or locks change (sqlite_roster.h), so that a connection may keep what a mark reads.
#include "skillscore/sqlite_store.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "skillscore/candidate_status.h"
#include "skillscore/exam_catalog.h"
#include "skillscore/exam_roster.h"
#include "skillscore/i18n.h"
#include "skillscore/mark_batches.h"
#include "skillscore/passport_rows.h"
#include "skillscore/people_import.h"
#include "skillscore/store.h"
#include "skillscore/subcriterion_locks.h"
#include "sqlite_audit.h"
#include "sqlite_bundle.h"
#include "sqlite_credentials.h"
#include "sqlite_db.h"
#include "sqlite_mark_writer.h"
#include "sqlite_roster.h"
#include "sqlite_scan.h"
#include "sqlite_sheets.h"
#include "sqlite_slots.h"
#include "sqlite_values.h"
#include "sqlite_withdrawal.h"

namespace skillscore {
namespace {

using sqlite::Database;
using sqlite::Refuse;
using sqlite::Statement;
using sqlite::Transaction;
using store_common::ExamNotFound;

// PRAGMA application_id of skillscore databases ("SKSC"), so that another program's SQLite file is
// recognised and left alone.
constexpr std::int64_t kApplicationId = 0x534B5343;

// Migration i (0-based) takes the schema from user_version i to i + 1. Released migrations are
// never edited: a change to the schema is a new migration appended here.
constexpr std::array<const char*, 9> kMigrations = {
    R"sql(
CREATE TABLE rubrics (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL,
  version     TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  title       TEXT NOT NULL,
  yaml        TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (code, version)
);
CREATE TABLE rubric_aspects (
  rubric       INTEGER NOT NULL REFERENCES rubrics (id),
  ordinal      INTEGER NOT NULL,
  code         TEXT NOT NULL,
  subcriterion TEXT NOT NULL,
  judgement    INTEGER NOT NULL CHECK (judgement IN (0, 1)),
  PRIMARY KEY (rubric, ordinal),
  UNIQUE (rubric, code)
) WITHOUT ROWID;
CREATE TABLE exams (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  rubric     INTEGER NOT NULL REFERENCES rubrics (id),
  date       TEXT NOT NULL,
  site       TEXT NOT NULL,
  chief      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE candidates (
  id           INTEGER PRIMARY KEY,
  exam         INTEGER NOT NULL REFERENCES exams (id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  organization TEXT NOT NULL,
  status       TEXT NOT NULL
               CHECK (status IN ('present', 'absent', 'withdrawn', 'disqualified')),
  UNIQUE (exam, code)
);
CREATE TABLE judges (
  id           INTEGER PRIMARY KEY,
  exam         INTEGER NOT NULL REFERENCES exams (id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  organization TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('expert', 'chief')),
  UNIQUE (exam, code)
);
CREATE TABLE mark_batches (
  id          INTEGER PRIMARY KEY,
  exam        INTEGER NOT NULL REFERENCES exams (id),
  actor       TEXT NOT NULL,
  file        TEXT NOT NULL,
  entered_at  TEXT NOT NULL,
  first_entry INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL
);
CREATE TABLE marks (
  candidate INTEGER NOT NULL,
  aspect    INTEGER NOT NULL,
  panel     INTEGER NOT NULL,
  judge     INTEGER NOT NULL,
  value     INTEGER,
  den       INTEGER NOT NULL CHECK (den > 0),
  entry     INTEGER NOT NULL,
  note      TEXT,
  PRIMARY KEY (candidate, aspect, panel),
  CHECK (panel = 0 OR panel = judge)
) WITHOUT ROWID;
CREATE TABLE mark_history (
  candidate INTEGER NOT NULL,
  aspect    INTEGER NOT NULL,
  panel     INTEGER NOT NULL,
  judge     INTEGER NOT NULL,
  value     INTEGER,
  den       INTEGER NOT NULL,
  entry     INTEGER NOT NULL,
  note      TEXT,
  PRIMARY KEY (candidate, aspect, panel, entry)
) WITHOUT ROWID;
CREATE TRIGGER candidates_keep_marked BEFORE DELETE ON candidates
WHEN EXISTS (SELECT 1 FROM marks WHERE candidate = OLD.id)
  OR EXISTS (SELECT 1 FROM mark_history WHERE candidate = OLD.id) BEGIN
  SELECT RAISE(ABORT, 'a candidate with marks cannot be deleted');
END;
CREATE TRIGGER judges_keep_marked BEFORE DELETE ON judges
WHEN EXISTS (SELECT 1 FROM marks WHERE judge = OLD.id)
  OR EXISTS (SELECT 1 FROM mark_history WHERE judge = OLD.id) BEGIN
  SELECT RAISE(ABORT, 'a judge with marks cannot be deleted');
END;
CREATE TRIGGER marks_keep_replaced AFTER UPDATE ON marks BEGIN
  INSERT INTO mark_history (candidate, aspect, panel, judge, value, den, entry, note)
  VALUES (OLD.candidate, OLD.aspect, OLD.panel, OLD.judge, OLD.value, OLD.den, OLD.entry,
          OLD.note);
END;
)sql",
    R"sql(
CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  exam        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  first_entry INTEGER,
  entries     INTEGER,
  state       TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_events_by_exam ON audit_events (exam, id);
CREATE TABLE locks (
  exam         INTEGER NOT NULL REFERENCES exams (id),
  subcriterion TEXT NOT NULL,
  locked_by    TEXT NOT NULL,
  locked_at    TEXT NOT NULL,
  PRIMARY KEY (exam, subcriterion)
) WITHOUT ROWID;
CREATE TRIGGER audit_events_keep_events BEFORE UPDATE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its events cannot be changed');
END;
CREATE TRIGGER audit_events_keep_all BEFORE DELETE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its events cannot be deleted');
END;
CREATE TRIGGER mark_history_keep_entries BEFORE UPDATE ON mark_history BEGIN
  SELECT RAISE(ABORT, 'the mark history is append-only: its entries cannot be changed');
END;
CREATE TRIGGER mark_history_keep_all BEFORE DELETE ON mark_history BEGIN
  SELECT RAISE(ABORT, 'the mark history is append-only: its entries cannot be deleted');
END;
CREATE TRIGGER marks_keep_all BEFORE DELETE ON marks BEGIN
  SELECT RAISE(ABORT, 'marks cannot be deleted: enter a new value instead');
END;
)sql",
    R"sql(
CREATE TABLE passports (
  number         TEXT PRIMARY KEY,
  exam           INTEGER NOT NULL REFERENCES exams (id),
  candidate      TEXT NOT NULL,
  record         TEXT NOT NULL,
  marks_sha256   TEXT NOT NULL,
  rubric_sha256  TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  supersedes     TEXT REFERENCES passports (number),
  revoked_at     TEXT,
  revoked_by     TEXT,
  revoked_reason TEXT
);
CREATE INDEX passports_by_exam ON passports (exam, candidate);
CREATE TRIGGER passports_keep_all BEFORE DELETE ON passports BEGIN
  SELECT RAISE(ABORT, 'passports cannot be deleted: revoke them instead');
END;
)sql",
    R"sql(
CREATE TABLE rubric_aspects_4 (
  rubric       INTEGER NOT NULL REFERENCES rubrics (id),
  ordinal      INTEGER NOT NULL,
  code         TEXT NOT NULL,
  subcriterion TEXT NOT NULL,
  judgement    INTEGER NOT NULL CHECK (judgement IN (0, 1)),
  slot         INTEGER NOT NULL CHECK (slot >= 0),
  PRIMARY KEY (rubric, ordinal),
  UNIQUE (rubric, code),
  UNIQUE (rubric, slot)
) WITHOUT ROWID;
INSERT INTO rubric_aspects_4 (rubric, ordinal, code, subcriterion, judgement, slot)
SELECT rubric, ordinal, code, subcriterion, judgement, ordinal FROM rubric_aspects;
DROP TABLE rubric_aspects;
ALTER TABLE rubric_aspects_4 RENAME TO rubric_aspects;
)sql",
    R"sql(
ALTER TABLE exams ADD COLUMN timezone TEXT NOT NULL DEFAULT '';
)sql",
    R"sql(
ALTER TABLE audit_events ADD COLUMN chain TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN seq INTEGER;
CREATE UNIQUE INDEX audit_events_by_chain ON audit_events (chain, seq);
CREATE INDEX mark_batches_by_exam ON mark_batches (exam, id);
ALTER TABLE marks ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));
ALTER TABLE mark_history ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER marks_keep_replaced;
CREATE TRIGGER marks_keep_replaced AFTER UPDATE ON marks BEGIN
  INSERT INTO mark_history (candidate, aspect, panel, judge, value, den, entry, note, withdrawn)
  VALUES (OLD.candidate, OLD.aspect, OLD.panel, OLD.judge, OLD.value, OLD.den, OLD.entry,
          OLD.note, OLD.withdrawn);
END;
)sql",
    sqlite::kCredentialsMigration,
    // Migration 8: marking groups (marking_groups.h), each judge's sub-criteria as stored by
    // JoinSubcriteria ("B1 B2"; empty: in no group).
    R"sql(
ALTER TABLE judges ADD COLUMN subcriteria TEXT NOT NULL DEFAULT '';
)sql",
    sqlite::kRosterGenerationMigration,
};

StoreError MakeError(StoreError::Kind kind, std::string message) {
  return StoreError{kind, std::move(message)};
}

StoreError StorageError(const std::string& path, const sqlite::Error& error,
                        std::chrono::milliseconds busy_timeout) {
  if (error.code() == SQLITE_BUSY || error.code() == SQLITE_LOCKED) {
    return MakeError(StoreError::Kind::kStorage,
                     Tr("database {0} is busy: another program kept it locked for more than {1} "
                        "ms; try again",
                        path, busy_timeout.count()));
  }
  return MakeError(StoreError::Kind::kStorage, Tr("database {0}: {1}", path, error.what()));
}

using store_common::ExamRow;
using store_common::KeptExam;
using store_common::Person;
using store_common::PersonKind;

// The SQL that differs between the candidates and judges tables; the fourth column is the
// candidate's status or the judge's role.
struct PersonTable {
  const char* select;
  const char* insert;
  const char* update;
  PersonKind kind;
};

constexpr PersonTable kCandidateTable = {
    "SELECT name, organization, status FROM candidates WHERE exam = ?1 AND code = ?2",
    "INSERT INTO candidates (exam, code, name, organization, status) VALUES (?1, ?2, ?3, ?4, ?5)",
    "UPDATE candidates SET name = ?3, organization = ?4, status = ?5 WHERE exam = ?1 AND code = ?2",
    PersonKind::kCandidate,
};

// A judge's marking groups are a fifth column (?6).
constexpr PersonTable kJudgeTable = {
    "SELECT name, organization, role, subcriteria FROM judges WHERE exam = ?1 AND code = ?2",
    "INSERT INTO judges (exam, code, name, organization, role, subcriteria) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "UPDATE judges SET name = ?3, organization = ?4, role = ?5, subcriteria = ?6 "
    "WHERE exam = ?1 AND code = ?2",
    PersonKind::kJudge,
};

RubricInfo ReadRubricInfo(const Statement& row, int first_column) {
  return RubricInfo{row.Text(first_column + 1), row.Text(first_column + 2),
                    row.Text(first_column + 3), row.Text(first_column + 4),
                    row.Text(first_column + 5)};
}

// Exams with their rubrics, by exam id: all of them, or the one whose id is bound to ?1.
constexpr const char* kSelectExams =
    "SELECT e.id, e.code, e.date, e.site, e.chief, e.created_at, "
    "r.id, r.code, r.version, r.sha256, r.title, r.imported_at, r.yaml, e.timezone "
    "FROM exams e JOIN rubrics r ON r.id = e.rubric "
    "WHERE ?1 IS NULL OR e.code = ?1 ORDER BY e.code";

ExamRow ReadExamRow(const Statement& row) {
  ExamRow exam;
  exam.id = row.Int(0);
  exam.info.id = row.Text(1);
  exam.info.date = row.Text(2);
  exam.info.site = row.Text(3);
  exam.info.chief = row.Text(4);
  exam.info.created_at = row.Text(5);
  exam.rubric_id = row.Int(6);
  exam.info.rubric = ReadRubricInfo(row, 6);
  exam.rubric_yaml = row.Text(12);
  exam.info.timezone = row.Text(13);
  return exam;
}

// "2026-04-12T09:30:00Z"
std::string FormatUtc(std::chrono::system_clock::time_point time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

class SqliteStore final : public ExamStore,
                          private store_common::RosterRows,
                          private store_common::PassportRows,
                          private store_common::LockRows,
                          private store_common::CandidateStatusRows,
                          private store_common::CatalogRows {
 public:
  SqliteStore(std::unique_ptr<Database> db, const SqliteStoreOptions& options)
      : db_(std::move(db)),
        audit_(*db_),
        credentials_(*db_, audit_),
        busy_timeout_(options.busy_timeout),
        clock_(options.clock),
        actor_(options.actor) {
    if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
  }

  StoreResult<Change> ImportRubric(std::string_view yaml_text, const Rubric& rubric) override {
    return Guarded([&]() -> StoreResult<Change> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto change = store_common::ImportRubric(*this, yaml_text, rubric, actor_, NowClock());
      if (change) transaction.Commit();
      return change;
    });
  }

  StoreResult<std::vector<RubricInfo>> ListRubrics() override {
    return Guarded([&]() -> StoreResult<std::vector<RubricInfo>> {
      std::vector<RubricInfo> rubrics;
      Statement query = db_->Prepare(
          "SELECT r.id, r.code, r.version, r.sha256, r.title, r.imported_at FROM rubrics r "
          "ORDER BY r.code, r.id");
      while (query.Step()) rubrics.push_back(ReadRubricInfo(query, 0));
      return rubrics;
    });
  }

  StoreResult<StoredRubric> GetRubric(std::string_view code,
                                      const std::optional<std::string>& version) override {
    return Guarded([&]() -> StoreResult<StoredRubric> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      return store_common::GetRubric(*this, code, version);
    });
  }

  StoreResult<ExamInfo> CreateExam(const NewExam& exam) override {
    return Guarded([&]() -> StoreResult<ExamInfo> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto info = store_common::CreateExam(*this, exam, actor_, NowClock());
      if (info) transaction.Commit();
      return info;
    });
  }

  StoreResult<std::vector<ExamInfo>> ListExams() override {
    return Guarded([&]() -> StoreResult<std::vector<ExamInfo>> {
      std::vector<ExamInfo> exams;
      Statement query = db_->Prepare(kSelectExams);
      while (query.Step()) exams.push_back(ReadExamRow(query).info);
      return exams;
    });
  }

  StoreResult<ExamInfo> GetExam(std::string_view exam) override {
    return Guarded([&]() -> StoreResult<ExamInfo> {
      auto found = RequireExam(exam);
      if (!found) return tl::unexpected(found.error());
      return found->info;
    });
  }

  StoreResult<ImportCounts> ImportCandidates(std::string_view exam,
                                             std::span<const Candidate> candidates) override {
    return ImportPeople(exam, store_common::CandidatesAsPeople(candidates), kCandidateTable);
  }

  StoreResult<ImportCounts> ImportJudges(std::string_view exam,
                                         std::span<const Judge> judges) override {
    std::vector<std::string> subcriteria;  // kept alive for the views in the people
    return ImportPeople(exam, store_common::JudgesAsPeople(judges, subcriteria), kJudgeTable);
  }

  StoreResult<ImportCounts> ImportMarks(std::string_view exam, std::span<const NewMark> rows,
                                        const MarkSource& source) override {
    return ImportMarkStream(exam, store_common::RowsOf(rows), source);
  }

  StoreResult<ImportCounts> ImportMarkStream(std::string_view exam, const NewMarkSource& rows,
                                             const MarkSource& source) override {
    return Guarded([&] { return WriteMarks(exam, rows, source); });
  }

  StoreResult<Change> EnterMark(std::string_view exam, const MarkEntry& entry,
                                std::string_view note, const MarkSource& source) override {
    NewMark row{0, entry, std::string(note)};
    auto counts = ImportMarks(exam, std::span<const NewMark>(&row, 1), source);
    if (!counts) return tl::unexpected(counts.error());
    return store_common::ChangeOf(*counts);
  }

  StoreResult<void> WriteTogether(const std::function<void()>& writes) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      Gathering gathering(*db_);
      writes();
      transaction.Commit();
      return {};
    });
  }

  StoreResult<ExamData> LoadRoster(std::string_view exam) override {
    return Guarded([&]() -> StoreResult<ExamData> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      return std::move(roster->data);
    });
  }

  StoreResult<ExamData> LoadExamData(std::string_view exam) override {
    return Guarded([&]() -> StoreResult<ExamData> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      roster->data.sheets = ReadSheets(*roster);
      return std::move(roster->data);
    });
  }

  StoreResult<void> StreamExamSheets(std::string_view exam, ExamData& data,
                                     const SheetSink& take) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      data = std::move(roster->data);
      sqlite::StreamCurrentSheets(*db_, data.rubric, roster->slots,
                                  {data.candidates, roster->candidate_ids, roster->judge_codes},
                                  take);
      return {};
    });
  }

  StoreResult<AuditReport> VerifyAndStreamExamSheets(std::string_view exam, ExamData& data,
                                                     const SheetSink& take) override {
    return Guarded([&]() -> StoreResult<AuditReport> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto kept = CurrentExam(exam);
      if (!kept) return tl::unexpected(kept.error());
      const Roster& roster = (*kept)->roster;
      data = roster.data;
      return sqlite::VerifyAndStreamSheets(
          *db_, audit_, {std::string(exam), (*kept)->row.id}, roster.slots,
          {roster.data.candidates, roster.candidate_ids, roster.judge_codes}, data.rubric, take);
    });
  }

  StoreResult<ExamData> LoadCandidateData(std::string_view exam,
                                          std::string_view candidate) override {
    return Guarded([&]() -> StoreResult<ExamData> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      const std::vector<Candidate>& candidates = roster->data.candidates;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].id != candidate) continue;
        roster->data.sheets.push_back(
            sqlite::ReadCurrentSheet(*db_, roster->data.rubric, roster->slots,
                                     {candidates, roster->candidate_ids, roster->judge_codes}, i));
        break;
      }
      return std::move(roster->data);
    });
  }

  StoreResult<std::vector<SubcriterionLock>> LockedSubcriteria(std::string_view exam) override {
    return Guarded([&]() -> StoreResult<std::vector<SubcriterionLock>> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      return ReadLocks(*exam_row);
    });
  }

  StoreResult<SubcriterionLock> LockSubcriterion(std::string_view exam,
                                                 std::string_view subcriterion,
                                                 const ChiefAction& action,
                                                 const LockGuard& guard) override {
    return Guarded([&]() -> StoreResult<SubcriterionLock> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto lock = store_common::LockSubcriterion(
          *this, *exam_row, subcriterion, action, guard,
          [&]() -> StoreResult<ExamData> {
            auto roster = ReadRoster(exam);
            if (!roster) return tl::unexpected(roster.error());
            roster->data.sheets = ReadSheets(*roster);
            return std::move(roster->data);
          },
          NowClock());
      if (lock) transaction.Commit();
      return lock;
    });
  }

  StoreResult<void> UnlockSubcriterion(std::string_view exam, std::string_view subcriterion,
                                       const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto unlocked =
          store_common::UnlockSubcriterion(*this, *exam_row, subcriterion, action, NowClock());
      if (unlocked) transaction.Commit();
      return unlocked;
    });
  }

  StoreResult<void> WithdrawMark(std::string_view exam, std::string_view candidate,
                                 std::size_t aspect, std::string_view judge,
                                 const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      const std::int64_t entry = NextEntry(exam_row->id);
      auto digest = sqlite::WithdrawMark(*db_, {.exam_id = exam_row->id,
                                                .rubric_id = exam_row->rubric_id,
                                                .exam = exam_row->info.id,
                                                .candidate = std::string(candidate),
                                                .aspect = aspect,
                                                .judge = std::string(judge),
                                                .reason = action.reason,
                                                .entry = entry});
      if (!digest) return tl::unexpected(digest.error());
      std::string now = Now();
      Statement batch = db_->Prepare(
          "INSERT INTO mark_batches (exam, actor, file, entered_at, first_entry, rows, added, "
          "changed, unchanged) VALUES (?1, ?2, '', ?3, ?4, 1, 0, 1, 0)");
      batch.Bind(1, exam_row->id).Bind(2, action.actor).Bind(3, now).Bind(4, entry);
      batch.Run();
      audit::Event event{.at = now,
                         .actor = action.actor,
                         .action = audit::kMarkWithdraw,
                         .exam = exam_row->info.id,
                         .subject = std::string(candidate),
                         .new_value = "withdrawn",
                         .reason = action.reason,
                         .first_entry = entry,
                         .entries = 1,
                         .state = *digest};
      audit_.Append(event);
      transaction.Commit();
      return {};
    });
  }

  StoreResult<Change> SetCandidateStatus(std::string_view exam, std::string_view candidate,
                                         CandidateStatus status,
                                         const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<Change> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto changed =
          store_common::SetCandidateStatus(*this, *exam_row, candidate, status, action, NowClock());
      if (changed) transaction.Commit();
      return changed;
    });
  }

  StoreResult<std::vector<HistoryEntry>> History(std::string_view exam,
                                                 const HistoryFilter& filter) override {
    return Guarded([&]() -> StoreResult<std::vector<HistoryEntry>> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      auto scope = store_common::ScopeHistory(exam,
                                              {exam_row->id, &roster->data, &roster->candidate_ids,
                                               &roster->judge_codes, &roster->slots},
                                              filter);
      if (!scope) return tl::unexpected(scope.error());
      return audit_.History(*scope);
    });
  }

  StoreResult<AuditReport> VerifyAudit(const std::optional<std::string>& exam) override {
    return Guarded([&]() -> StoreResult<AuditReport> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      if (exam) {
        if (auto exam_row = RequireExam(*exam); !exam_row) {
          return tl::unexpected(exam_row.error());
        }
      }
      return audit_.Verify(exam);
    });
  }

  StoreResult<std::size_t> ScanExams(const ExamScan& scan, const ExamVisitor& visit) override {
    sqlite::ScanContext context{
        .now = Now(),
        .actor = actor_,
        .read_register =
            [&](std::string_view exam, ExamMarks& marks) {
              ExamRow exam_row = *FindExam(exam);
              marks.locks = ReadLocks(exam_row);
              marks.passports = ReadPassports(exam_row);
            },
        .register_passports =
            [&](std::string_view exam, std::span<const StoredPassport> passports,
                const ChiefAction& action) {
              return store_common::WritePassports(*this, *FindExam(exam), passports, action,
                                                  NowClock());
            }};
    return Guarded([&] { return sqlite::ScanExams(*db_, audit_, scan, visit, context); });
  }

  StoreResult<void> IssuePassports(std::string_view exam, std::span<const StoredPassport> passports,
                                   const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      if (passports.empty()) return {};
      if (auto refusal = store_common::WritePassports(*this, *exam_row, passports,
                                                      {action.actor, {}}, NowClock())) {
        return tl::unexpected(*refusal);
      }
      transaction.Commit();
      return {};
    });
  }

  StoreResult<std::vector<StoredPassport>> ListPassports(std::string_view exam) override {
    return Guarded([&]() -> StoreResult<std::vector<StoredPassport>> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      return ReadPassports(*exam_row);
    });
  }

  StoreResult<StoredPassport> GetPassport(std::string_view number) override {
    return Guarded([&]() -> StoreResult<StoredPassport> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      return store_common::FindPassport(*this, number);
    });
  }

  StoreResult<StoredPassport> RevokePassport(std::string_view number,
                                             const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<StoredPassport> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto passport = store_common::FindPassport(*this, number);
      if (!passport) return passport;
      auto exam_row = RequireExam(passport->exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      if (auto refusal =
              store_common::RevokePassport(*this, *exam_row, *passport, action, NowClock())) {
        return tl::unexpected(*refusal);
      }
      transaction.Commit();
      return passport;
    });
  }

  StoreResult<std::vector<std::int64_t>> StoreCodes(std::string_view exam,
                                                    std::span<const NewCredential> codes,
                                                    const ChiefAction& action) override {
    return OnExam(exam, Transaction::Mode::kImmediate,
                  [&](const sqlite::CredentialExam& row) -> StoreResult<std::vector<std::int64_t>> {
                    return credentials_.StoreCodes(row, codes, action, Now());
                  });
  }

  StoreResult<StoredCredential> RevokeCode(std::string_view exam, std::string_view judge,
                                           const ChiefAction& action) override {
    return OnExam(exam, Transaction::Mode::kImmediate,
                  [&](const sqlite::CredentialExam& row) -> StoreResult<StoredCredential> {
                    return credentials_.RevokeCode(row, judge, action, Now());
                  });
  }

  StoreResult<std::vector<StoredCredential>> ListCodes(std::string_view exam) override {
    return OnExam(
        exam, Transaction::Mode::kRead,
        [&](const sqlite::CredentialExam& row) -> StoreResult<std::vector<StoredCredential>> {
          return credentials_.ListCodes(row);
        });
  }

  StoreResult<std::optional<StoredCredential>> CurrentCode(std::string_view exam,
                                                           std::string_view judge) override {
    return OnExam(
        exam, Transaction::Mode::kRead,
        [&](const sqlite::CredentialExam& row) -> StoreResult<std::optional<StoredCredential>> {
          return credentials_.CurrentCode(row, judge);
        });
  }

  StoreResult<bool> PinRequired(std::string_view exam) override {
    return OnExam(exam, Transaction::Mode::kRead,
                  [&](const sqlite::CredentialExam& row) -> StoreResult<bool> {
                    return credentials_.PinRequired(row);
                  });
  }

  StoreResult<Change> SetPinRequired(std::string_view exam, bool required,
                                     const ChiefAction& action) override {
    return OnExam(exam, Transaction::Mode::kImmediate,
                  [&](const sqlite::CredentialExam& row) -> StoreResult<Change> {
                    return credentials_.SetPinRequired(row, required, action, Now());
                  });
  }

  StoreResult<void> CreateAdmin(const StoredAdmin& admin, bool only_first) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto created = credentials_.CreateAdmin(admin, only_first, Now());
      if (created) transaction.Commit();
      return created;
    });
  }

  StoreResult<std::optional<StoredAdmin>> GetAdmin(std::string_view name) override {
    return Guarded([&]() -> StoreResult<std::optional<StoredAdmin>> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      return credentials_.GetAdmin(name);
    });
  }

  StoreResult<std::size_t> CountAdmins() override {
    return Guarded([&]() -> StoreResult<std::size_t> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      return credentials_.CountAdmins();
    });
  }

  StoreResult<void> ExportExam(std::string_view exam, BundleSink& sink) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      return sqlite::ExportExam(*db_, exam, sink);
    });
  }

  StoreResult<void> ImportExam(BundleSource& source) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto imported = sqlite::ImportExam(*db_, audit_, source);
      if (imported) transaction.Commit();
      return imported;
    });
  }

 private:
  // Runs `body` on the exam's row in a transaction of `mode`, committing a write that succeeded.
  template <typename Body>
  auto OnExam(std::string_view exam, Transaction::Mode mode, Body&& body)
      -> decltype(body(sqlite::CredentialExam{})) {
    return Guarded([&]() -> decltype(body(sqlite::CredentialExam{})) {
      Transaction transaction(*db_, mode);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto result = body(sqlite::CredentialExam{exam_row->id, exam_row->info.id});
      if (result && mode == Transaction::Mode::kImmediate) transaction.Commit();
      return result;
    });
  }

  static constexpr char kSelectPassports[] =
      "SELECT p.number, e.code, p.candidate, p.record, p.marks_sha256, p.rubric_sha256, "
      "p.issued_at, p.supersedes, p.revoked_at, p.revoked_by, p.revoked_reason "
      "FROM passports p JOIN exams e ON e.id = p.exam";

  static StoredPassport ReadPassport(const Statement& row) {
    auto optional = [&](int column) {
      return row.IsNull(column) ? std::nullopt : std::optional<std::string>(row.Text(column));
    };
    return StoredPassport{row.Text(0), row.Text(1), row.Text(2), row.Text(3),
                          row.Text(4), row.Text(5), row.Text(6), optional(7),
                          optional(8), optional(9), optional(10)};
  }

  std::optional<StoredPassport> FindPassport(std::string_view number) override {
    Statement query =
        db_->Prepare(std::string(kSelectPassports).append(" WHERE p.number = ?1").c_str());
    query.Bind(1, number);
    if (!query.Step()) return std::nullopt;
    return ReadPassport(query);
  }

  void WriteRevocation(const StoredPassport& passport) override {
    Statement update = db_->Prepare(
        "UPDATE passports SET revoked_at = ?2, revoked_by = ?3, revoked_reason = ?4 "
        "WHERE number = ?1");
    update.Bind(1, passport.number).Bind(2, *passport.revoked_at);
    update.Bind(3, *passport.revoked_by).Bind(4, *passport.revoked_reason);
    update.Run();
  }

  // The exam's passports in order of issue.
  std::vector<StoredPassport> ReadPassports(const ExamRow& exam) {
    Statement query = db_->Prepare(
        std::string(kSelectPassports).append(" WHERE p.exam = ?1 ORDER BY p.rowid").c_str());
    query.Bind(1, exam.id);
    std::vector<StoredPassport> list;
    while (query.Step()) list.push_back(ReadPassport(query));
    return list;
  }

  void InsertPassport(std::int64_t exam_id, const StoredPassport& passport) override {
    Statement insert = db_->Prepare(
        "INSERT INTO passports (number, exam, candidate, record, marks_sha256, rubric_sha256, "
        "issued_at, supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.Bind(1, passport.number).Bind(2, exam_id).Bind(3, passport.candidate);
    insert.Bind(4, passport.record_json).Bind(5, passport.marks_sha256);
    insert.Bind(6, passport.rubric_sha256).Bind(7, passport.issued_at);
    insert.BindTextOrNull(8, passport.supersedes.value_or(""));
    insert.Run();
  }

  std::string PassportsState(std::int64_t exam_id) override {
    return audit_.PassportsState(exam_id);
  }

  void Append(audit::Event& event) override { audit_.Append(event); }

  std::vector<std::string> ReadSubcriteria(std::int64_t rubric_id) override {
    std::vector<std::string> known;
    Statement query = db_->Prepare(
        "SELECT subcriterion FROM rubric_aspects WHERE rubric = ?1 GROUP BY subcriterion "
        "ORDER BY min(ordinal)");
    query.Bind(1, rubric_id);
    while (query.Step()) known.push_back(query.Text(0));
    return known;
  }

  void InsertLock(std::int64_t exam_id, const SubcriterionLock& lock) override {
    Statement insert = db_->Prepare(
        "INSERT INTO locks (exam, subcriterion, locked_by, locked_at) VALUES (?1, ?2, ?3, ?4)");
    insert.Bind(1, exam_id).Bind(2, lock.subcriterion).Bind(3, lock.locked_by);
    insert.Bind(4, lock.locked_at);
    insert.Run();
  }

  void DeleteLock(std::int64_t exam_id, std::string_view subcriterion) override {
    Statement remove = db_->Prepare("DELETE FROM locks WHERE exam = ?1 AND subcriterion = ?2");
    remove.Bind(1, exam_id).Bind(2, subcriterion);
    remove.Run();
  }

  std::string LocksState(std::int64_t exam_id) override { return audit_.LocksState(exam_id); }

  std::optional<std::string> ReadStatus(std::int64_t exam_id, std::string_view candidate) override {
    Statement current = db_->Prepare("SELECT status FROM candidates WHERE exam = ?1 AND code = ?2");
    current.Bind(1, exam_id).Bind(2, candidate);
    if (!current.Step()) return std::nullopt;
    return current.Text(0);
  }

  void WriteStatus(std::int64_t exam_id, std::string_view candidate,
                   std::string_view status) override {
    Statement update =
        db_->Prepare("UPDATE candidates SET status = ?3 WHERE exam = ?1 AND code = ?2");
    update.Bind(1, exam_id).Bind(2, candidate).Bind(3, status);
    update.Run();
  }

  std::string CandidatesState(std::int64_t exam_id) override {
    return audit_.CandidatesState(exam_id);
  }

  // Runs a store operation, turning a failure of SQLite into a kStorage error; whatever the
  // operation had written is rolled back by its Transaction on the way out.
  template <typename Body>
  auto Guarded(Body&& body) -> decltype(body()) {
    try {
      return body();
    } catch (const sqlite::Error& error) {
      return tl::unexpected(StorageError(db_->path(), error, busy_timeout_));
    }
  }

  std::string Now() const { return FormatUtc(clock_()); }
  store_common::Clock NowClock() const {
    return [this] { return Now(); };
  }

  std::optional<std::string> ReadRubricSha256(const std::string& code,
                                              const std::string& version) override {
    Statement existing =
        db_->Prepare("SELECT sha256 FROM rubrics WHERE code = ?1 AND version = ?2");
    existing.Bind(1, code).Bind(2, version);
    if (!existing.Step()) return std::nullopt;
    return existing.Text(0);
  }

  std::int64_t InsertRubric(std::string_view yaml_text, const Rubric& rubric,
                            const std::string& sha256, const std::string& now) override {
    Statement insert = db_->Prepare(
        "INSERT INTO rubrics (code, version, sha256, title, yaml, imported_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.Bind(1, rubric.code).Bind(2, rubric.version).Bind(3, sha256).Bind(4, rubric.title);
    insert.Bind(5, yaml_text).Bind(6, now);
    insert.Run();
    std::int64_t rubric_id = db_->LastInsertRowid();
    std::vector<std::int64_t> slots = sqlite::AssignSlots(*db_, rubric);
    Statement aspect = db_->Prepare(
        "INSERT INTO rubric_aspects (rubric, ordinal, code, subcriterion, judgement, slot) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
      const AspectLocation& where = rubric.aspect_order[ordinal];
      const Aspect& a = rubric.AspectAt(ordinal);
      aspect.Bind(1, rubric_id).Bind(2, static_cast<std::int64_t>(ordinal)).Bind(3, a.id);
      aspect.Bind(4, rubric.modules[where.module].subcriteria[where.subcriterion].id);
      aspect.Bind(5, std::int64_t{a.type == AspectType::kJudgement ? 1 : 0});
      aspect.Bind(6, slots[ordinal]);
      aspect.Run();
      aspect.Reset();
    }
    return rubric_id;
  }

  std::vector<StoredRubric> ReadRubrics(std::string_view code,
                                        const std::optional<std::string>& version) override {
    Statement query = db_->Prepare(
        "SELECT r.id, r.code, r.version, r.sha256, r.title, r.imported_at, r.yaml FROM rubrics r "
        "WHERE r.code = ?1 AND (?2 IS NULL OR r.version = ?2) ORDER BY r.id");
    query.Bind(1, code);
    if (version) query.Bind(2, *version);
    std::vector<StoredRubric> matches;
    while (query.Step()) {
      matches.push_back(StoredRubric{ReadRubricInfo(query, 0), query.Text(6), Rubric{}});
    }
    return matches;
  }

  StoreResult<Rubric> ParseRubric(const RubricInfo& info, const std::string& yaml) override {
    return sqlite::ParseStoredRubric(db_->path(), info, yaml);
  }

  std::optional<std::int64_t> InsertExam(const ExamInfo& info) override {
    Statement insert = db_->Prepare(
        "INSERT INTO exams (code, rubric, date, site, chief, created_at, timezone) "
        "SELECT ?1, id, ?2, ?3, ?4, ?5, ?8 FROM rubrics WHERE code = ?6 AND version = ?7");
    insert.Bind(1, info.id).Bind(2, info.date).Bind(3, info.site).Bind(4, info.chief);
    insert.Bind(5, info.created_at).Bind(6, info.rubric.code).Bind(7, info.rubric.version);
    insert.Bind(8, info.timezone);
    insert.Run();
    return db_->LastInsertRowid();
  }

  std::string RubricState(std::int64_t rubric_id) override { return audit_.RubricState(rubric_id); }

  std::string ExamState(std::int64_t exam_id) override { return audit_.ExamState(exam_id); }

  std::optional<ExamRow> FindExam(std::string_view code) override {
    Statement query = db_->Prepare(kSelectExams);
    query.Bind(1, code);
    if (!query.Step()) return std::nullopt;
    return ReadExamRow(query);
  }

  StoreResult<ExamRow> RequireExam(std::string_view code) {
    if (auto exam = FindExam(code)) return std::move(*exam);
    return ExamNotFound(code);
  }

  StoreResult<ImportCounts> ImportPeople(std::string_view exam, const std::vector<Person>& people,
                                         const PersonTable& table) {
    return Guarded([&]() -> StoreResult<ImportCounts> {
      if (auto problem = store_common::CheckPeopleIds(people)) return tl::unexpected(*problem);
      Transaction transaction(*db_, Transaction::Mode::kImmediate);
      auto exam_row = RequireExam(exam);
      if (!exam_row) return tl::unexpected(exam_row.error());
      PersonRows rows(*this, exam_row->id, table);
      ImportCounts counts = store_common::ImportPeople(
          rows, people, table.kind, {exam_row->info.id, actor_, [&] { return Now(); }});
      transaction.Commit();
      return counts;
    });
  }

  // The rows of one exam's candidates or judges (people_import.h).
  class PersonRows final : public store_common::PeopleRows {
   public:
    PersonRows(SqliteStore& store, std::int64_t exam_id, const PersonTable& table)
        : store_(store), exam_id_(exam_id), table_(table) {}

    std::optional<store_common::StoredPerson> Find(const Person& person) override {
      Statement existing = store_.db_->Prepare(table_.select);
      existing.Bind(1, exam_id_).Bind(2, person.id);
      if (!existing.Step()) return std::nullopt;
      return store_common::StoredPerson{
          existing.Text(0), existing.Text(1), existing.Text(2),
          table_.kind == PersonKind::kJudge ? existing.Text(3) : std::string()};
    }
    void Insert(const Person& person) override { Write(table_.insert, person); }
    void Update(const Person& person) override { Write(table_.update, person); }
    std::string State() override {
      return table_.kind == PersonKind::kCandidate ? store_.audit_.CandidatesState(exam_id_)
                                                   : store_.audit_.JudgesState(exam_id_);
    }
    void Append(audit::Event& event) override { store_.audit_.Append(event); }

   private:
    void Write(const char* sql, const Person& person) {
      Statement statement = store_.db_->Prepare(sql);
      statement.Bind(1, exam_id_).Bind(2, person.id).Bind(3, person.name);
      statement.Bind(4, person.organization).Bind(5, person.attribute);
      if (table_.kind == PersonKind::kJudge) statement.Bind(6, person.subcriteria);
      statement.Run();
    }

    SqliteStore& store_;
    std::int64_t exam_id_;
    const PersonTable& table_;
  };

  // Writes the rows with a writer that takes each candidate's rows as they come; when the rows
  // of a candidate are not together, writes them again with one that gathers them all first
  // (which is never scattered).
  StoreResult<ImportCounts> WriteMarks(std::string_view exam, const NewMarkSource& rows,
                                       const MarkSource& source) {
    if (auto written = WriteMarks(exam, rows, source, MarkWriter::Grouping::kByCandidate)) {
      return std::move(*written);
    }
    return *WriteMarks(exam, rows, source, MarkWriter::Grouping::kWholeBatch);
  }

  // The counts, or nullopt when the rows were scattered (and nothing was written).
  std::optional<StoreResult<ImportCounts>> WriteMarks(std::string_view exam,
                                                      const NewMarkSource& rows,
                                                      const MarkSource& source,
                                                      MarkWriter::Grouping grouping) {
    Transaction transaction(*db_, Transaction::Mode::kImmediate);
    auto kept = CurrentExam(exam);
    if (!kept) return tl::unexpected(kept.error());
    const ExamRow row = (*kept)->row;
    const ExamRow* exam_row = &row;
    const std::int64_t first_entry = NextEntry(exam_row->id);
    MarkWriter writer(*db_, BatchScope(*exam_row, first_entry, (*kept)->locks), source, grouping);
    // A source that refused rows has reported them itself.
    if (!rows([&writer](const NewMark& row) { writer.Take(row); })) {
      return Refuse(StoreError::Code::kMarksRefused, {source.file});
    }
    if (auto refused = writer.Problems()) return tl::unexpected(*refused);
    if (writer.scattered()) return std::nullopt;
    writer.Finish();
    const ImportCounts& counts = writer.counts();
    const auto row_count = static_cast<std::int64_t>(writer.rows());
    std::string now = Now();
    Statement batch = db_->Prepare(
        "INSERT INTO mark_batches (exam, actor, file, entered_at, first_entry, rows, added, "
        "changed, unchanged) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    batch.Bind(1, exam_row->id).Bind(2, source.actor).Bind(3, source.file).Bind(4, now);
    batch.Bind(5, first_entry).Bind(6, row_count);
    batch.Bind(7, static_cast<std::int64_t>(counts.added));
    batch.Bind(8, static_cast<std::int64_t>(counts.changed));
    batch.Bind(9, static_cast<std::int64_t>(counts.unchanged));
    batch.Run();
    audit::Event event{.at = now,
                       .actor = source.actor.empty() ? actor_ : source.actor,
                       .action = source.file.empty() ? audit::kMark : audit::kMarksImport,
                       .exam = exam_row->info.id,
                       .subject = source.file,
                       .new_value = audit::CountsText(counts),
                       .reason = source.reason,
                       .first_entry = first_entry,
                       .entries = row_count,
                       .state = writer.WrittenDigest()};
    audit_.Append(event);
    transaction.Commit();
    return counts;
  }

  MarkBatchScope BatchScope(const ExamRow& exam, std::int64_t first_entry,
                            std::vector<SubcriterionLock> locks) {
    return MarkBatchScope{.exam_id = exam.id,
                          .rubric_id = exam.rubric_id,
                          .exam = exam.info.id,
                          .rubric_code = exam.info.rubric.code,
                          .rubric_version = exam.info.rubric.version,
                          .locks = std::move(locks),
                          .first_entry = first_entry};
  }

  // The exam's locks, in rubric order.
  std::vector<SubcriterionLock> ReadLocks(const ExamRow& exam) override {
    Statement query = db_->Prepare(
        "SELECT l.subcriterion, l.locked_by, l.locked_at FROM locks l WHERE l.exam = ?1 "
        "ORDER BY (SELECT min(a.ordinal) FROM rubric_aspects a "
        "WHERE a.rubric = ?2 AND a.subcriterion = l.subcriterion), l.subcriterion");
    query.Bind(1, exam.id).Bind(2, exam.rubric_id);
    std::vector<SubcriterionLock> locks;
    while (query.Step()) locks.push_back({query.Text(0), query.Text(1), query.Text(2)});
    return locks;
  }

  // The exam's next entry number: entry numbers count per exam (audit_chain.h).
  std::int64_t NextEntry(std::int64_t exam_id) {
    Statement query = db_->Prepare(
        "SELECT first_entry + rows FROM mark_batches WHERE exam = ?1 ORDER BY id DESC LIMIT 1");
    query.Bind(1, exam_id);
    return query.Step() ? query.Int(0) : 1;
  }

  // Marks the connection as gathering writes (sqlite_db.h) for its life.
  class Gathering {
   public:
    explicit Gathering(Database& db) : db_(db) { db_.SetGathering(true); }
    Gathering(const Gathering&) = delete;
    Gathering& operator=(const Gathering&) = delete;
    ~Gathering() { db_.SetGathering(false); }

   private:
    Database& db_;
  };

  using Roster = store_common::Roster;

  // The exam as it is in the caller's transaction (exam_roster.h).
  StoreResult<const KeptExam*> CurrentExam(std::string_view exam) {
    auto version = sqlite::RosterVersion<KeptExam>(*db_, exam);
    if (!version) return ExamNotFound(exam);
    return kept_exams_.Current(*this, exam, *version);
  }

  StoreResult<Roster> ReadRoster(std::string_view exam) {
    auto kept = CurrentExam(exam);
    if (!kept) return tl::unexpected(kept.error());
    return (*kept)->roster;
  }

  sqlite::AspectSlots ReadAspectSlots(std::int64_t rubric_id) override {
    return sqlite::ReadAspectSlots(*db_, rubric_id);
  }

  std::vector<store_common::PersonRow> ReadCandidates(std::int64_t exam_id) override {
    Statement query = db_->Prepare(
        "SELECT id, code, name, organization, status FROM candidates WHERE exam = ?1 ORDER BY id");
    query.Bind(1, exam_id);
    std::vector<store_common::PersonRow> rows;
    while (query.Step()) {
      rows.push_back({query.Int(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4)});
    }
    return rows;
  }

  std::vector<store_common::PersonRow> ReadJudges(std::int64_t exam_id) override {
    Statement query = db_->Prepare(
        "SELECT id, code, name, organization, role, subcriteria FROM judges WHERE exam = ?1 "
        "ORDER BY id");
    query.Bind(1, exam_id);
    std::vector<store_common::PersonRow> rows;
    while (query.Step()) {
      rows.push_back({query.Int(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4),
                      query.Text(5)});
    }
    return rows;
  }

  // Every candidate's current sheet (sqlite_sheets.h).
  std::vector<CandidateSheet> ReadSheets(const Roster& roster) {
    return sqlite::ReadCurrentSheets(
        *db_, roster.data.rubric, roster.slots,
        {roster.data.candidates, roster.candidate_ids, roster.judge_codes});
  }

  std::unique_ptr<Database> db_;
  store_common::KeptExams kept_exams_;
  audit::AuditLog audit_;
  sqlite::CredentialTables credentials_;
  std::chrono::milliseconds busy_timeout_;
  std::function<std::chrono::system_clock::time_point()> clock_;
  std::string actor_;
};

// Brings the schema up to date: nothing when it is current, else every missing migration in one
// transaction. Refuses a database of a newer program or of another application.
std::optional<StoreError> Migrate(Database& db, const std::string& now) {
  const auto latest = static_cast<std::int64_t>(kMigrations.size());
  if (db.QueryInt("PRAGMA user_version") == latest &&
      db.QueryInt("PRAGMA application_id") == kApplicationId) {
    return std::nullopt;
  }
  Transaction transaction(db, Transaction::Mode::kImmediate);
  std::int64_t version = db.QueryInt("PRAGMA user_version");
  std::int64_t application = db.QueryInt("PRAGMA application_id");
  bool empty = db.QueryInt("SELECT count(*) FROM sqlite_schema") == 0;
  if (application != kApplicationId && !(application == 0 && empty)) {
    return MakeError(StoreError::Kind::kStorage, Tr("{0} is not a skillscore database", db.path()));
  }
  if (version > latest) {
    return MakeError(StoreError::Kind::kStorage,
                     Tr("database {0} has schema version {1}, newer than this program knows "
                        "({2}): use a newer skillscore",
                        db.path(), version, latest));
  }
  for (std::int64_t v = version; v < latest; ++v) db.Execute(kMigrations[v]);
  constexpr std::int64_t kAuditLogVersion = 2;    // the schema that added the audit log
  constexpr std::int64_t kExamChainsVersion = 6;  // the one that gave each exam its chain
  if (version > 0 && version < kAuditLogVersion) audit::AuditLog(db).AdoptExistingData(now);
  if (version >= kAuditLogVersion && version < kExamChainsVersion) {
    audit::AuditLog(db).SealLegacyChain(now);
  }
  db.Execute(
      fmt::format("PRAGMA user_version = {}; PRAGMA application_id = {};", latest, kApplicationId)
          .c_str());
  transaction.Commit();
  return std::nullopt;
}

// Why SQLite would not keep what is written at `path` in a file, or nullopt.
std::optional<StoreError> DatabasePathProblem(const std::string& path) {
  if (path.empty()) return StoreError::Of(StoreError::Code::kDatabasePathEmpty);
  if (path == ":memory:" || path.starts_with("file:")) {
    return StoreError::Of(StoreError::Code::kDatabaseNotAFile, {path});
  }
  return std::nullopt;
}

// Read-only first; when SQLite cannot make the -shm file that reading in WAL mode needs (a folder
// the user cannot write, and no writer has the database open, or the file would exist), the file
// is read as immutable.
std::unique_ptr<Database> OpenReadOnlyDatabase(const std::string& path) {
  try {
    auto db = std::make_unique<Database>(path, Database::Mode::kReadOnly);
    db->QueryInt("SELECT count(*) FROM sqlite_schema");  // opens the WAL index, if it can
    return db;
  } catch (const sqlite::Error&) {
    return std::make_unique<Database>(path, Database::Mode::kImmutable);
  }
}

StoreResult<std::unique_ptr<ExamStore>> OpenReadOnlySqliteStore(const std::string& path,
                                                                const SqliteStoreOptions& options) {
  try {
    auto db = OpenReadOnlyDatabase(path);
    db->SetBusyTimeout(options.busy_timeout);
    db->Execute("PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA threads = 2;");
    if (db->QueryInt("PRAGMA application_id") != kApplicationId) {
      return Refuse(StoreError::Kind::kStorage, Tr("{0} is not a skillscore database", path));
    }
    if (db->QueryInt("PRAGMA user_version") != static_cast<std::int64_t>(kMigrations.size())) {
      // An older schema is upgraded as before when the user may write the file; else refused.
      db.reset();
      SqliteStoreOptions writing = options;
      writing.read_only = false;
      writing.create_if_missing = false;
      if (auto upgraded = OpenSqliteStore(path, writing)) return upgraded;
      return Refuse(StoreError::Kind::kStorage,
                    Tr("database {0} has another schema version than this program, and reading "
                       "it read-only cannot upgrade it: run a command that writes as a user who "
                       "may write it",
                       path));
    }
    return std::make_unique<SqliteStore>(std::move(db), options);
  } catch (const sqlite::Error& error) {
    return tl::unexpected(StorageError(path, error, options.busy_timeout));
  }
}

}  // namespace

StoreResult<std::unique_ptr<ExamStore>> OpenSqliteStore(const std::string& path,
                                                        const SqliteStoreOptions& options) {
  if (auto problem = DatabasePathProblem(path)) return tl::unexpected(*problem);
  if (!options.create_if_missing && !std::filesystem::exists(path)) {
    return Refuse(StoreError::Code::kDatabaseNotFound, {path});
  }
  if (options.read_only) return OpenReadOnlySqliteStore(path, options);
  try {
    auto db = std::make_unique<Database>(path, options.create_if_missing);
    db->SetBusyTimeout(options.busy_timeout);
    // WAL lets judges read while one of them writes. FULL synchronisation syncs the WAL at every
    // commit, so that an entered mark survives a power cut as well as a crash (NORMAL may lose
    // the last commits); it costs one sync per commit, which a bulk import pays once. The
    // 64 MiB page cache keeps large imports from re-reading the b-tree pages they just wrote, and
    // the WAL file is cut back to 64 MiB after a large import instead of keeping its peak size.
    db->QueryText("PRAGMA journal_mode = WAL");
    // Large sorts (every mark in entry order, for `audit verify`) may use a second thread.
    db->Execute(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; "
        "PRAGMA journal_size_limit = 67108864; PRAGMA threads = 2;");
    auto clock = options.clock ? options.clock : [] { return std::chrono::system_clock::now(); };
    if (auto error = Migrate(*db, FormatUtc(clock()))) return tl::unexpected(*error);
    return std::make_unique<SqliteStore>(std::move(db), options);
  } catch (const sqlite::Error& error) {
    return tl::unexpected(StorageError(path, error, options.busy_timeout));
  }
}

}  // namespace skillscore
