// The PostgreSQL ExamStore (postgres_store.h): the SQLite store's behaviour (sqlite_store.cc) over
// the schema of pg_schema.cc.
//
// Every write is one transaction. A write to an exam starts by locking the exam's row
// (FindExam(…, kLock): SELECT … FOR UPDATE), which makes the writes of one exam take turns — no
// mark lost or doubled, entry numbers (exams.next_entry) handed out once — while writers of other
// exams lock other rows. The audit chain's head row is always locked last (AuditLog::Append), so
// writers never wait for each other in a circle. Imports of one rubric code take turns on an
// advisory lock, since a new version's slots depend on the versions before it.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <unordered_map>

#include "pg_audit.h"
#include "pg_bundle.h"
#include "pg_credentials.h"
#include "pg_db.h"
#include "pg_marks.h"
#include "pg_roster.h"
#include "pg_rubrics.h"
#include "pg_scan.h"
#include "pg_schema.h"
#include "pg_sheets.h"
#include "pg_withdrawal.h"
#include "skillscore/candidate_status.h"
#include "skillscore/exam_catalog.h"
#include "skillscore/exam_roster.h"
#include "skillscore/i18n.h"
#include "skillscore/mark_batches.h"
#include "skillscore/passport_rows.h"
#include "skillscore/people_import.h"
#include "skillscore/postgres_store.h"
#include "skillscore/subcriterion_locks.h"

namespace skillscore {
namespace {

using pg::Connection;
using pg::Refuse;
using pg::Result;
using pg::Transaction;
using store_common::ExamNotFound;

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
    "SELECT name, organization, status FROM candidates WHERE exam = $1 AND code = $2",
    "INSERT INTO candidates (exam, code, name, organization, status) VALUES ($1, $2, $3, $4, $5)",
    "UPDATE candidates SET name = $3, organization = $4, status = $5 WHERE exam = $1 AND code = $2",
    PersonKind::kCandidate,
};

// A judge's marking groups are a fifth column ($6).
constexpr PersonTable kJudgeTable = {
    "SELECT name, organization, role, subcriteria FROM judges WHERE exam = $1 AND code = $2",
    "INSERT INTO judges (exam, code, name, organization, role, subcriteria) "
    "VALUES ($1, $2, $3, $4, $5, $6)",
    "UPDATE judges SET name = $3, organization = $4, role = $5, subcriteria = $6 "
    "WHERE exam = $1 AND code = $2",
    PersonKind::kJudge,
};

constexpr char kSelectExams[] =
    "SELECT e.id, e.code, e.date, e.site, e.chief, e.created_at, "
    "r.id, r.code, r.version, r.sha256, r.title, r.imported_at, r.yaml, e.timezone "
    "FROM exams e JOIN rubrics r ON r.id = e.rubric "
    "WHERE $1::text IS NULL OR e.code = $1 ORDER BY e.code";

RubricInfo ReadRubricInfo(const Result& rows, int row, int first) {
  return RubricInfo{rows.Text(row, first + 1), rows.Text(row, first + 2), rows.Text(row, first + 3),
                    rows.Text(row, first + 4), rows.Text(row, first + 5)};
}

ExamRow ReadExamRow(const Result& rows, int row) {
  ExamRow exam;
  exam.id = rows.Int(row, 0);
  exam.info.id = rows.Text(row, 1);
  exam.info.date = rows.Text(row, 2);
  exam.info.site = rows.Text(row, 3);
  exam.info.chief = rows.Text(row, 4);
  exam.info.created_at = rows.Text(row, 5);
  exam.rubric_id = rows.Int(row, 6);
  exam.info.rubric = ReadRubricInfo(rows, row, 6);
  exam.rubric_yaml = rows.Text(row, 12);
  exam.info.timezone = rows.Text(row, 13);
  return exam;
}

std::string FormatUtc(std::chrono::system_clock::time_point time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

constexpr char kSelectPassports[] =
    "SELECT p.number, e.code, p.candidate, p.record, p.marks_sha256, p.rubric_sha256, "
    "p.issued_at, p.supersedes, p.revoked_at, p.revoked_by, p.revoked_reason "
    "FROM passports p JOIN exams e ON e.id = p.exam";

StoredPassport ReadPassport(const Result& rows, int row) {
  return StoredPassport{
      rows.Text(row, 0),         rows.Text(row, 1),         rows.Text(row, 2),
      rows.Text(row, 3),         rows.Text(row, 4),         rows.Text(row, 5),
      rows.Text(row, 6),         rows.OptionalText(row, 7), rows.OptionalText(row, 8),
      rows.OptionalText(row, 9), rows.OptionalText(row, 10)};
}

class PostgresStore final : public ExamStore,
                            private store_common::RosterRows,
                            private store_common::PassportRows,
                            private store_common::LockRows,
                            private store_common::CandidateStatusRows,
                            private store_common::CatalogRows {
 public:
  PostgresStore(std::unique_ptr<Connection> db, const PostgresStoreOptions& options)
      : db_(std::move(db)),
        audit_(*db_),
        credentials_(*db_, audit_),
        clock_(options.clock),
        actor_(options.actor) {
    if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
  }

  StoreResult<Change> ImportRubric(std::string_view yaml_text, const Rubric& rubric) override {
    return Guarded([&]() -> StoreResult<Change> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      db_->Exec("SELECT pg_advisory_xact_lock(hashtext('skillscore rubric ' || $1))", rubric.code);
      auto change = store_common::ImportRubric(*this, yaml_text, rubric, actor_, NowClock());
      if (change) transaction.Commit();
      return change;
    });
  }

  StoreResult<std::vector<RubricInfo>> ListRubrics() override {
    return Guarded([&]() -> StoreResult<std::vector<RubricInfo>> {
      Result rows = db_->Exec(
          "SELECT id, code, version, sha256, title, imported_at FROM rubrics ORDER BY code, id");
      std::vector<RubricInfo> rubrics;
      for (int row = 0; row < rows.rows(); ++row) rubrics.push_back(ReadRubricInfo(rows, row, 0));
      return rubrics;
    });
  }

  StoreResult<StoredRubric> GetRubric(std::string_view code,
                                      const std::optional<std::string>& version) override {
    return Guarded([&]() -> StoreResult<StoredRubric> {
      return store_common::GetRubric(*this, code, version);
    });
  }

  StoreResult<ExamInfo> CreateExam(const NewExam& exam) override {
    return Guarded([&]() -> StoreResult<ExamInfo> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto info = store_common::CreateExam(*this, exam, actor_, NowClock());
      if (info) transaction.Commit();
      return info;
    });
  }

  StoreResult<std::vector<ExamInfo>> ListExams() override {
    return Guarded([&]() -> StoreResult<std::vector<ExamInfo>> {
      Result rows = db_->Exec(kSelectExams, nullptr);
      std::vector<ExamInfo> exams;
      for (int row = 0; row < rows.rows(); ++row) exams.push_back(ReadExamRow(rows, row).info);
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
    return Guarded([&]() -> StoreResult<ImportCounts> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      std::int64_t first_entry = 0;
      auto kept = CurrentExam(exam, kLock, &first_entry);
      if (!kept) return tl::unexpected(kept.error());
      const ExamRow row = (*kept)->row;
      const ExamRow* exam_row = &row;
      const pg::MarkBatchScope scope{.exam_id = exam_row->id,
                                     .rubric_id = exam_row->rubric_id,
                                     .exam = exam_row->info.id,
                                     .rubric_code = exam_row->info.rubric.code,
                                     .rubric_version = exam_row->info.rubric.version,
                                     .locks = (*kept)->locks,
                                     .first_entry = first_entry};
      // An exam's first batch goes straight into marks; if a key of it repeats, the rows are read
      // again and upserted (pg_marks.h).
      auto writer = std::make_unique<pg::MarkWriter>(
          *db_, scope, source, first_entry == 1 ? pg::MarkPath::kNewMarks : pg::MarkPath::kUpsert);
      bool read_well = pg::WriteMarkRows(*writer, rows);
      if (read_well && writer->repeated()) {
        writer = std::make_unique<pg::MarkWriter>(*db_, scope, source, pg::MarkPath::kUpsert);
        read_well = pg::WriteMarkRows(*writer, rows);
      }
      if (!read_well) return Refuse(StoreError::Code::kMarksRefused, {source.file});
      const pg::MarkWriter& written = *writer;
      if (auto refused = written.Problems()) return tl::unexpected(*refused);
      const ImportCounts& counts = written.counts();
      const auto row_count = static_cast<std::int64_t>(written.rows());
      std::string now = Now();
      // The batch and the exam's next entry number, in one round trip.
      db_->Exec(
          "WITH moved AS (UPDATE exams SET next_entry = $10 WHERE id = $1) "
          "INSERT INTO mark_batches (exam, actor, file, entered_at, first_entry, rows, added, "
          "changed, unchanged) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          exam_row->id, source.actor, source.file, now, first_entry, row_count, counts.added,
          counts.changed, counts.unchanged, first_entry + row_count);
      audit::Event event{.at = now,
                         .actor = source.actor.empty() ? actor_ : source.actor,
                         .action = source.file.empty() ? audit::kMark : audit::kMarksImport,
                         .exam = exam_row->info.id,
                         .subject = source.file,
                         .new_value = audit::CountsText(counts),
                         .reason = source.reason,
                         .first_entry = first_entry,
                         .entries = row_count,
                         .state = writer->WrittenDigest()};
      audit_.Append(event);
      transaction.Commit();
      return counts;
    });
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
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      Gathering gathering(*db_);
      writes();
      // PostgreSQL answers COMMIT of a failed transaction with a rollback, not an error.
      if (PQtransactionStatus(db_->raw()) != PQTRANS_INTRANS) {
        return Refuse(StoreError::Kind::kStorage,
                      Tr("{0}: a gathered write failed outside its own savepoint; none of the "
                         "gathered writes was stored",
                         db_->server()));
      }
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
      pg::StreamCurrentSheets(*db_,
                              {roster->exam_id, data.rubric, roster->slots, data.candidates,
                               roster->candidate_ids, roster->judge_codes},
                              take);
      return {};
    });
  }

  StoreResult<ExamData> LoadCandidateData(std::string_view exam,
                                          std::string_view candidate) override {
    return Guarded([&]() -> StoreResult<ExamData> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      for (std::size_t i = 0; i < roster->candidate_ids.size(); ++i) {
        if (roster->data.candidates[i].id != candidate) continue;
        roster->data.sheets = ReadSheetOf(*roster, i);
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
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto exam_row = RequireExam(exam, kLock);
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
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto exam_row = RequireExam(exam, kLock);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto unlocked =
          store_common::UnlockSubcriterion(*this, *exam_row, subcriterion, action, NowClock());
      if (unlocked) transaction.Commit();
      return unlocked;
    });
  }

  StoreResult<Change> SetCandidateStatus(std::string_view exam, std::string_view candidate,
                                         CandidateStatus status,
                                         const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<Change> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto exam_row = RequireExam(exam, kLock);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto changed =
          store_common::SetCandidateStatus(*this, *exam_row, candidate, status, action, NowClock());
      if (changed) transaction.Commit();
      return changed;
    });
  }

  StoreResult<void> WithdrawMark(std::string_view exam, std::string_view candidate,
                                 std::size_t aspect, std::string_view judge,
                                 const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto exam_row = RequireExam(exam, kLock);
      if (!exam_row) return tl::unexpected(exam_row.error());
      const std::int64_t entry =
          db_->Exec("SELECT next_entry FROM exams WHERE id = $1", exam_row->id).Int(0, 0);
      auto digest = pg::WithdrawMark(*db_, {.exam_id = exam_row->id,
                                            .rubric_id = exam_row->rubric_id,
                                            .exam = exam_row->info.id,
                                            .candidate = std::string(candidate),
                                            .aspect = aspect,
                                            .judge = std::string(judge),
                                            .reason = action.reason,
                                            .entry = entry});
      if (!digest) return tl::unexpected(digest.error());
      std::string now = Now();
      db_->Exec("UPDATE exams SET next_entry = $2 WHERE id = $1", exam_row->id, entry + 1);
      db_->Exec(
          "INSERT INTO mark_batches (exam, actor, file, entered_at, first_entry, rows, added, "
          "changed, unchanged) VALUES ($1, $2, '', $3, $4, 1, 0, 1, 0)",
          exam_row->id, action.actor, now, entry);
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

  StoreResult<std::vector<HistoryEntry>> History(std::string_view exam,
                                                 const HistoryFilter& filter) override {
    return Guarded([&]() -> StoreResult<std::vector<HistoryEntry>> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      auto roster = ReadRoster(exam);
      if (!roster) return tl::unexpected(roster.error());
      auto scope =
          store_common::ScopeHistory(exam,
                                     {roster->exam_id, &roster->data, &roster->candidate_ids,
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
        if (auto exam_row = RequireExam(*exam); !exam_row) return tl::unexpected(exam_row.error());
      }
      return audit_.Verify(exam);
    });
  }

  StoreResult<std::size_t> ScanExams(const ExamScan& scan, const ExamVisitor& visit) override {
    pg::ScanContext context{
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
    return Guarded([&] { return pg::ScanExams(*db_, audit_, scan, visit, context); });
  }

  StoreResult<void> IssuePassports(std::string_view exam, std::span<const StoredPassport> passports,
                                   const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto exam_row = RequireExam(exam, kLock);
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
    return Guarded(
        [&]() -> StoreResult<StoredPassport> { return store_common::FindPassport(*this, number); });
  }

  StoreResult<StoredPassport> RevokePassport(std::string_view number,
                                             const ChiefAction& action) override {
    return Guarded([&]() -> StoreResult<StoredPassport> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto passport = store_common::FindPassport(*this, number);
      if (!passport) return passport;
      auto exam_row = RequireExam(passport->exam, kLock);
      if (!exam_row) return tl::unexpected(exam_row.error());
      passport = store_common::FindPassport(*this, number);  // as it is now that the exam is ours
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
    return OnExam(exam, kLock, [&](const pg::CredentialExam& row) {
      return credentials_.StoreCodes(row, codes, action, Now());
    });
  }

  StoreResult<StoredCredential> RevokeCode(std::string_view exam, std::string_view judge,
                                           const ChiefAction& action) override {
    return OnExam(exam, kLock, [&](const pg::CredentialExam& row) {
      return credentials_.RevokeCode(row, judge, action, Now());
    });
  }

  StoreResult<std::vector<StoredCredential>> ListCodes(std::string_view exam) override {
    return OnExam(exam, !kLock,
                  [&](const pg::CredentialExam& row) -> StoreResult<std::vector<StoredCredential>> {
                    return credentials_.ListCodes(row);
                  });
  }

  StoreResult<std::optional<StoredCredential>> CurrentCode(std::string_view exam,
                                                           std::string_view judge) override {
    return OnExam(
        exam, !kLock,
        [&](const pg::CredentialExam& row) -> StoreResult<std::optional<StoredCredential>> {
          return credentials_.CurrentCode(row, judge);
        });
  }

  StoreResult<bool> PinRequired(std::string_view exam) override {
    return OnExam(exam, !kLock, [&](const pg::CredentialExam& row) -> StoreResult<bool> {
      return credentials_.PinRequired(row);
    });
  }

  StoreResult<Change> SetPinRequired(std::string_view exam, bool required,
                                     const ChiefAction& action) override {
    return OnExam(exam, kLock, [&](const pg::CredentialExam& row) -> StoreResult<Change> {
      return credentials_.SetPinRequired(row, required, action, Now());
    });
  }

  StoreResult<void> CreateAdmin(const StoredAdmin& admin, bool only_first) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      // Administrators are added one at a time, so that two first ones cannot both be first.
      db_->Exec("SELECT pg_advisory_xact_lock(hashtext('skillscore administrators'))");
      auto created = credentials_.CreateAdmin(admin, only_first, Now());
      if (created) transaction.Commit();
      return created;
    });
  }

  StoreResult<std::optional<StoredAdmin>> GetAdmin(std::string_view name) override {
    return Guarded(
        [&]() -> StoreResult<std::optional<StoredAdmin>> { return credentials_.GetAdmin(name); });
  }

  StoreResult<std::size_t> CountAdmins() override {
    return Guarded([&]() -> StoreResult<std::size_t> { return credentials_.CountAdmins(); });
  }

  StoreResult<void> ExportExam(std::string_view exam, BundleSink& sink) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kRead);
      return pg::ExportExam(*db_, exam, sink);
    });
  }

  StoreResult<void> ImportExam(BundleSource& source) override {
    return Guarded([&]() -> StoreResult<void> {
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto imported = pg::ImportExam(*db_, audit_, source);
      if (imported) transaction.Commit();
      return imported;
    });
  }

 private:
  static constexpr bool kLock = true;

  // Runs `body` on the exam in one transaction: a write (the exam's row locked, committed when
  // `body` succeeds) with `lock`, else a read.
  template <typename Body>
  auto OnExam(std::string_view exam, bool lock, Body&& body)
      -> decltype(body(pg::CredentialExam{})) {
    return Guarded([&]() -> decltype(body(pg::CredentialExam{})) {
      Transaction transaction(*db_, lock ? Transaction::Mode::kWrite : Transaction::Mode::kRead);
      auto exam_row = RequireExam(exam, lock);
      if (!exam_row) return tl::unexpected(exam_row.error());
      auto result = body(pg::CredentialExam{exam_row->id, exam_row->info.id});
      if (result && lock) transaction.Commit();
      return result;
    });
  }

  // Marks the connection as gathering writes (pg_db.h) for its life.
  class Gathering {
   public:
    explicit Gathering(Connection& db) : db_(db) { db_.SetGathering(true); }
    Gathering(const Gathering&) = delete;
    Gathering& operator=(const Gathering&) = delete;
    ~Gathering() { db_.SetGathering(false); }

   private:
    Connection& db_;
  };

  using Roster = store_common::Roster;

  // The exam as it is in the caller's transaction (exam_roster.h). With `lock`, the exam's row
  // is locked, as for every write of the exam; `next_entry`, when given, is set to the exam's
  // next entry number, read in the same round trip. What a transaction that changed the roster
  // reads is not kept.
  StoreResult<const KeptExam*> CurrentExam(std::string_view exam, bool lock = false,
                                           std::int64_t* next_entry = nullptr) {
    auto version = pg::ReadRosterRow(*db_, exam, lock);
    if (!version) return ExamNotFound(exam);
    if (next_entry) *next_entry = version->next_entry;
    return kept_exams_.Current(*this, exam, {version->exam_id, version->generation},
                               !version->changed_here);
  }

  StoreResult<Roster> ReadRoster(std::string_view exam) {
    auto kept = CurrentExam(exam);
    if (!kept) return tl::unexpected(kept.error());
    return (*kept)->roster;
  }

  StoreResult<Rubric> ParseRubric(const RubricInfo& info, const std::string& yaml) override {
    return pg::ParseStoredRubric(*db_, info, yaml);
  }

  pg::AspectSlots ReadAspectSlots(std::int64_t rubric_id) override {
    return pg::ReadAspectSlots(*db_, rubric_id);
  }

  std::vector<store_common::PersonRow> ReadCandidates(std::int64_t exam_id) override {
    Result rows = db_->Exec(
        "SELECT id, code, name, organization, status FROM candidates WHERE exam = $1 ORDER BY id",
        exam_id);
    std::vector<store_common::PersonRow> people;
    for (int row = 0; row < rows.rows(); ++row) {
      people.push_back({rows.Int(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3),
                        rows.Text(row, 4)});
    }
    return people;
  }

  std::vector<store_common::PersonRow> ReadJudges(std::int64_t exam_id) override {
    Result rows = db_->Exec(
        "SELECT id, code, name, organization, role, subcriteria FROM judges WHERE exam = $1 "
        "ORDER BY id",
        exam_id);
    std::vector<store_common::PersonRow> people;
    for (int row = 0; row < rows.rows(); ++row) {
      people.push_back({rows.Int(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3),
                        rows.Text(row, 4), rows.Text(row, 5)});
    }
    return people;
  }

  // Every candidate's current sheet, from one query: each current mark with the first entry of
  // its place (its own, or that of the earliest mark it replaced), in that order, which is the
  // order BuildSheets places the judges of a panel in.
  std::vector<CandidateSheet> ReadSheets(const Roster& roster) {
    Result rows = db_->Exec(
        "SELECT m.candidate, m.aspect, m.judge, m.value, m.den FROM marks m "
        "JOIN candidates c ON c.id = m.candidate LEFT JOIN (SELECT h.candidate, h.aspect, "
        "h.panel, min(h.entry) AS first FROM mark_history h JOIN candidates k ON k.id = "
        "h.candidate WHERE k.exam = $1 GROUP BY 1, 2, 3) h ON h.candidate = m.candidate AND "
        "h.aspect = m.aspect AND h.panel = m.panel WHERE c.exam = $1 AND NOT m.withdrawn "
        "ORDER BY least(m.entry, h.first), m.entry",
        roster.exam_id);
    return SheetsFrom(roster, rows, roster.data.candidates);
  }

  // The current sheet of the candidate at `index` of the roster alone, as ReadSheets gives it.
  std::vector<CandidateSheet> ReadSheetOf(const Roster& roster, std::size_t index) {
    Result rows = db_->Exec(
        "SELECT m.candidate, m.aspect, m.judge, m.value, m.den FROM marks m "
        "LEFT JOIN (SELECT aspect, panel, min(entry) AS first FROM mark_history "
        "WHERE candidate = $1 GROUP BY 1, 2) h ON h.aspect = m.aspect AND h.panel = m.panel "
        "WHERE m.candidate = $1 AND NOT m.withdrawn ORDER BY least(m.entry, h.first), m.entry",
        roster.candidate_ids[index]);
    return SheetsFrom(roster, rows, {roster.data.candidates[index]});
  }

  // The sheets of `candidates` from current marks (candidate, aspect, judge, value, den) in the
  // order of each place's first entry.
  static std::vector<CandidateSheet> SheetsFrom(const Roster& roster, const Result& rows,
                                                const std::vector<Candidate>& candidates) {
    std::unordered_map<std::int64_t, std::size_t> candidate_index;
    for (std::size_t i = 0; i < roster.candidate_ids.size(); ++i) {
      candidate_index.emplace(roster.candidate_ids[i], i);
    }
    std::vector<MarkEntry> entries;
    entries.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
      std::optional<std::size_t> ordinal = roster.slots.OrdinalOf(rows.Int(row, 1));
      if (!ordinal) continue;  // an aspect the exam's rubric version removed
      MarkValue value;
      value.not_attempted = rows.IsNull(row, 3);
      if (!value.not_attempted) value.number = Rational::Of(rows.Int(row, 3), rows.Int(row, 4));
      entries.push_back({roster.data.candidates[candidate_index.at(rows.Int(row, 0))].id, *ordinal,
                         roster.judge_codes.at(rows.Int(row, 2)), value});
    }
    return BuildSheets(roster.data.rubric, candidates, entries);
  }

  std::vector<SubcriterionLock> ReadLocks(const ExamRow& exam) override {
    Result rows = db_->Exec(
        "SELECT l.subcriterion, l.locked_by, l.locked_at FROM locks l WHERE l.exam = $1 "
        "ORDER BY (SELECT min(a.ordinal) FROM rubric_aspects a "
        "WHERE a.rubric = $2 AND a.subcriterion = l.subcriterion), l.subcriterion",
        exam.id, exam.rubric_id);
    std::vector<SubcriterionLock> locks;
    for (int row = 0; row < rows.rows(); ++row) {
      locks.push_back({rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2)});
    }
    return locks;
  }

  std::vector<std::string> ReadSubcriteria(std::int64_t rubric_id) override {
    Result rows = db_->Exec(
        "SELECT subcriterion FROM rubric_aspects WHERE rubric = $1 GROUP BY subcriterion "
        "ORDER BY min(ordinal)",
        rubric_id);
    std::vector<std::string> known;
    for (int row = 0; row < rows.rows(); ++row) known.push_back(rows.Text(row, 0));
    return known;
  }

  void InsertLock(std::int64_t exam_id, const SubcriterionLock& lock) override {
    db_->Exec(
        "INSERT INTO locks (exam, subcriterion, locked_by, locked_at) VALUES ($1, $2, $3, $4)",
        exam_id, lock.subcriterion, lock.locked_by, lock.locked_at);
  }

  void DeleteLock(std::int64_t exam_id, std::string_view subcriterion) override {
    db_->Exec("DELETE FROM locks WHERE exam = $1 AND subcriterion = $2", exam_id, subcriterion);
  }

  std::string LocksState(std::int64_t exam_id) override { return audit_.LocksState(exam_id); }

  std::optional<std::string> ReadStatus(std::int64_t exam_id, std::string_view candidate) override {
    Result current = db_->Exec("SELECT status FROM candidates WHERE exam = $1 AND code = $2",
                               exam_id, candidate);
    if (current.rows() == 0) return std::nullopt;
    return current.Text(0, 0);
  }

  void WriteStatus(std::int64_t exam_id, std::string_view candidate,
                   std::string_view status) override {
    db_->Exec("UPDATE candidates SET status = $3 WHERE exam = $1 AND code = $2", exam_id, candidate,
              status);
  }

  std::string CandidatesState(std::int64_t exam_id) override {
    return audit_.CandidatesState(exam_id);
  }

  std::optional<StoredPassport> FindPassport(std::string_view number) override {
    Result rows =
        db_->Exec((std::string(kSelectPassports) + " WHERE p.number = $1").c_str(), number);
    if (rows.rows() == 0) return std::nullopt;
    return ReadPassport(rows, 0);
  }

  void WriteRevocation(const StoredPassport& passport) override {
    db_->Exec(
        "UPDATE passports SET revoked_at = $2, revoked_by = $3, revoked_reason = $4 "
        "WHERE number = $1",
        passport.number, *passport.revoked_at, *passport.revoked_by, *passport.revoked_reason);
  }

  std::vector<StoredPassport> ReadPassports(const ExamRow& exam) {
    Result rows = db_->Exec(
        (std::string(kSelectPassports) + " WHERE p.exam = $1 ORDER BY p.issued").c_str(), exam.id);
    std::vector<StoredPassport> list;
    for (int row = 0; row < rows.rows(); ++row) list.push_back(ReadPassport(rows, row));
    return list;
  }

  void InsertPassport(std::int64_t exam_id, const StoredPassport& passport) override {
    db_->Exec(
        "INSERT INTO passports (number, exam, candidate, record, marks_sha256, rubric_sha256, "
        "issued_at, supersedes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        passport.number, exam_id, passport.candidate, passport.record_json, passport.marks_sha256,
        passport.rubric_sha256, passport.issued_at, passport.supersedes);
  }

  std::string PassportsState(std::int64_t exam_id) override {
    return audit_.PassportsState(exam_id);
  }

  void Append(audit::Event& event) override { audit_.Append(event); }

  // Runs a store operation, turning a failure of the server into a kStorage error (kConflict for
  // a record another writer created at the same moment); the operation's Transaction rolls back
  // whatever it had written on the way out.
  template <typename Body>
  auto Guarded(Body&& body) -> decltype(body()) {
    try {
      return body();
    } catch (const pg::Error& error) {
      auto kind = error.sqlstate() == pg::kUniqueViolation ? StoreError::Kind::kConflict
                                                           : StoreError::Kind::kStorage;
      return tl::unexpected(StoreError{kind, error.what()});
    }
  }

  std::string Now() const { return FormatUtc(clock_()); }
  store_common::Clock NowClock() const {
    return [this] { return Now(); };
  }

  std::optional<std::string> ReadRubricSha256(const std::string& code,
                                              const std::string& version) override {
    Result existing =
        db_->Exec("SELECT sha256 FROM rubrics WHERE code = $1 AND version = $2", code, version);
    if (existing.rows() == 0) return std::nullopt;
    return existing.Text(0, 0);
  }

  std::int64_t InsertRubric(std::string_view yaml_text, const Rubric& rubric,
                            const std::string& sha256, const std::string& now) override {
    std::int64_t rubric_id =
        db_->Exec(
               "INSERT INTO rubrics (code, version, sha256, title, yaml, imported_at) "
               "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
               rubric.code, rubric.version, sha256, rubric.title, yaml_text, now)
            .Int(0, 0);
    std::vector<std::int64_t> slots = pg::AssignSlots(*db_, rubric);
    for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
      const AspectLocation& where = rubric.aspect_order[ordinal];
      const Aspect& a = rubric.AspectAt(ordinal);
      db_->Exec(
          "INSERT INTO rubric_aspects (rubric, ordinal, code, subcriterion, judgement, slot) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          rubric_id, ordinal, a.id, rubric.modules[where.module].subcriteria[where.subcriterion].id,
          a.type == AspectType::kJudgement, slots[ordinal]);
    }
    return rubric_id;
  }

  std::vector<StoredRubric> ReadRubrics(std::string_view code,
                                        const std::optional<std::string>& version) override {
    Result rows = db_->Exec(
        "SELECT id, code, version, sha256, title, imported_at, yaml FROM rubrics "
        "WHERE code = $1 AND ($2::text IS NULL OR version = $2) ORDER BY id",
        code, version);
    std::vector<StoredRubric> matches;
    for (int row = 0; row < rows.rows(); ++row) {
      matches.push_back(StoredRubric{ReadRubricInfo(rows, row, 0), rows.Text(row, 6), Rubric{}});
    }
    return matches;
  }

  // Inserts the exam unless another writer created it since it was looked for.
  std::optional<std::int64_t> InsertExam(const ExamInfo& info) override {
    Result inserted = db_->Exec(
        "INSERT INTO exams (code, rubric, date, site, chief, created_at, timezone) "
        "SELECT $1, id, $2, $3, $4, $5, $8 FROM rubrics WHERE code = $6 AND version = $7 "
        "ON CONFLICT (code) DO NOTHING RETURNING id",
        info.id, info.date, info.site, info.chief, info.created_at, info.rubric.code,
        info.rubric.version, info.timezone);
    if (inserted.rows() == 0) return std::nullopt;
    return inserted.Int(0, 0);
  }

  std::string RubricState(std::int64_t rubric_id) override { return audit_.RubricState(rubric_id); }

  std::string ExamState(std::int64_t exam_id) override { return audit_.ExamState(exam_id); }

  // The exam by id; with `lock`, its row is locked until the end of the write, so that writes to
  // one exam take turns.
  std::optional<ExamRow> FindExam(std::string_view code) override { return FindExam(code, false); }

  std::optional<ExamRow> FindExam(std::string_view code, bool lock) {
    std::string sql = kSelectExams;
    if (lock) sql += " FOR UPDATE OF e";
    Result rows = db_->Exec(sql.c_str(), code);
    if (rows.rows() == 0) return std::nullopt;
    return ReadExamRow(rows, 0);
  }

  StoreResult<ExamRow> RequireExam(std::string_view code, bool lock = false) {
    if (auto exam = FindExam(code, lock)) return std::move(*exam);
    return ExamNotFound(code);
  }

  StoreResult<ImportCounts> ImportPeople(std::string_view exam, const std::vector<Person>& people,
                                         const PersonTable& table) {
    return Guarded([&]() -> StoreResult<ImportCounts> {
      if (auto problem = store_common::CheckPeopleIds(people)) return tl::unexpected(*problem);
      Transaction transaction(*db_, Transaction::Mode::kWrite);
      auto exam_row = RequireExam(exam, kLock);
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
    PersonRows(PostgresStore& store, std::int64_t exam_id, const PersonTable& table)
        : store_(store), exam_id_(exam_id), table_(table) {}

    std::optional<store_common::StoredPerson> Find(const Person& person) override {
      Result existing = store_.db_->Exec(table_.select, exam_id_, person.id);
      if (existing.rows() == 0) return std::nullopt;
      return store_common::StoredPerson{
          existing.Text(0, 0), existing.Text(0, 1), existing.Text(0, 2),
          table_.kind == PersonKind::kJudge ? existing.Text(0, 3) : std::string()};
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
      if (table_.kind == PersonKind::kJudge) {
        store_.db_->Exec(sql, exam_id_, person.id, person.name, person.organization,
                         person.attribute, person.subcriteria);
      } else {
        store_.db_->Exec(sql, exam_id_, person.id, person.name, person.organization,
                         person.attribute);
      }
    }

    PostgresStore& store_;
    std::int64_t exam_id_;
    const PersonTable& table_;
  };

  std::unique_ptr<Connection> db_;
  store_common::KeptExams kept_exams_;
  pg::AuditLog audit_;
  pg::CredentialTables credentials_;
  std::function<std::chrono::system_clock::time_point()> clock_;
  std::string actor_;
};

}  // namespace

bool IsPostgresUrl(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string DescribePostgresServer(const std::string& conninfo) {
  return pg::ServerName(conninfo, nullptr);
}

StoreResult<std::unique_ptr<ExamStore>> OpenPostgresStore(const std::string& conninfo,
                                                          const PostgresStoreOptions& options) {
  try {
    auto db = std::make_unique<Connection>(conninfo);
    // The server's notices (a temporary table that exists already) are not for the user. JIT
    // compilation is off: the store's queries are simple, and compiling them took longer than
    // running them (0.7 s of 3.2 s for the sheets of 315 000 marks).
    db->Exec(
        "SELECT set_config('lock_timeout', $1, false), "
        "set_config('client_min_messages', 'warning', false), set_config('jit', 'off', false)",
        std::to_string(options.lock_timeout.count()) + "ms");
    if (auto error = pg::Migrate(*db)) return tl::unexpected(*error);
    return std::make_unique<PostgresStore>(std::move(db), options);
  } catch (const pg::Error& error) {
    return tl::unexpected(StoreError{StoreError::Kind::kStorage, error.what()});
  }
}

}  // namespace skillscore
