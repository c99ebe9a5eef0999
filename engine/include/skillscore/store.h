// The exam database: rubrics, exams, candidates, judges and marks kept between commands, as judges
// and administrators work on an exam over days (shared/spec/cli.md). ExamStore is the small
// interface the commands use; OpenSqliteStore() gives the SQLite implementation. The store keeps
// data and returns it as plain values; computing (sheets, status, results) stays in the pure core:
// LoadExamData() gives what BuildSheets() and the scoring functions need.
//
// What the store guarantees:
//  - A rubric is stored as imported (its YAML text and content SHA-256) under code@version;
//    different content under an existing code@version is refused, the same content is a no-op.
//  - An exam is bound to one rubric version for its whole life.
//  - Every write is one transaction: imports are all-or-nothing, and a failure leaves the database
//    as it was. Re-importing the same data is idempotent (counted as unchanged).
//  - No mark is lost: the latest entry for a candidate × aspect (× judge, for judgement panels)
//    counts, and every value it replaced stays in the history (scoring.md §2, §7).
//
// Validation of marks (values, conflict of interest) is the caller's, with CheckMark/ReadMarks
// (exam_files.h) against LoadRoster(); the store itself refuses only what it cannot store: ids
// that are not registered in the exam and aspect ordinals outside the rubric.
//
// Errors are values (StoreError); the messages are in the current language (i18n.h).
//
// Ownership and thread safety: OpenSqliteStore() returns an owning pointer; the store owns its
// database connection. One ExamStore object must be used by one thread at a time. Any number of
// store objects, in one process or in many, may open the same database file at the same time:
// writers take turns (each waits up to SqliteStoreOptions::busy_timeout for the others), and
// readers see the last committed state.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/exam_files.h"
#include "skillscore/rubric.h"

namespace skillscore {

struct StoreError {
  enum class Kind {
    kInvalidInput,  // the request itself is wrong (unregistered id, bad argument)
    kConflict,      // it contradicts what is stored (different rubric content, existing exam)
    kNotFound,      // a named rubric or exam does not exist
    kStorage,       // the database failed: busy beyond the timeout, corrupt, I/O error
  };
  Kind kind = Kind::kStorage;
  std::string message;
};

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

struct RubricInfo {
  std::string code;
  std::string version;
  std::string sha256;  // of the canonical content (Rubric::sha256)
  std::string title;
  std::string imported_at;  // UTC, "2026-04-12T09:30:00Z"
};

struct StoredRubric {
  RubricInfo info;
  std::string yaml_text;  // exactly as imported
  Rubric rubric;          // parsed from yaml_text
};

// The exam's own record; `rubric` names the rubric version it is bound to.
struct ExamInfo {
  std::string id;  // user-chosen, e.g. "DE-2026-0412"
  RubricInfo rubric;
  std::string date;  // as given (YYYY-MM-DD) or empty
  std::string site;
  std::string chief;  // judge id of the chief expert, or empty
  std::string created_at;
};

struct NewExam {
  std::string id;
  std::string rubric_code;
  // nullopt: the only version of rubric_code (refused as ambiguous when there are several).
  std::optional<std::string> rubric_version;
  std::string date;
  std::string site;
  std::string chief;
};

// Everything the core needs about one exam.
struct ExamData {
  ExamInfo exam;
  Rubric rubric;
  std::vector<Candidate> candidates;  // in order of registration
  std::vector<Judge> judges;          // in order of registration
  // LoadExamData only: every recorded entry, replaced ones included, in the order they were
  // made, so that BuildSheets(rubric, candidates, entries) gives the current sheets.
  std::vector<MarkEntry> entries;
};

// Who writes marks and from where; kept with every batch of marks for the history.
struct MarkSource {
  std::string actor;  // the acting judge (`--as`), may be empty
  std::string file;   // the marks file, or empty for a single mark; also prefixes messages
};

class ExamStore {
 public:
  virtual ~ExamStore() = default;

  // Stores `rubric`, which must be ParseRubric(yaml_text). kAdded, or kUnchanged when the same
  // content is already stored under its code@version; kConflict when different content is.
  virtual StoreResult<Change> ImportRubric(std::string_view yaml_text, const Rubric& rubric) = 0;
  // All stored rubrics, by code, then in order of import.
  virtual StoreResult<std::vector<RubricInfo>> ListRubrics() = 0;
  // A rubric by code and version; without a version, the only version of that code.
  virtual StoreResult<StoredRubric> GetRubric(std::string_view code,
                                              const std::optional<std::string>& version) = 0;

  // kNotFound for an unknown rubric, kConflict for an existing exam id.
  virtual StoreResult<ExamInfo> CreateExam(const NewExam& exam) = 0;
  // All exams, by id.
  virtual StoreResult<std::vector<ExamInfo>> ListExams() = 0;
  virtual StoreResult<ExamInfo> GetExam(std::string_view exam) = 0;

  // Adds candidates (judges) and updates the ones already registered under the same id; all or
  // nothing. An id repeated within `candidates` is refused.
  virtual StoreResult<ImportCounts> ImportCandidates(std::string_view exam,
                                                     std::span<const Candidate> candidates) = 0;
  virtual StoreResult<ImportCounts> ImportJudges(std::string_view exam,
                                                 std::span<const Judge> judges) = 0;

  // Enters checked marks as one batch, all or nothing. Rows for the same candidate × aspect
  // (× judge, for judgement aspects) collapse to the last one, as if entered in file order.
  // A row equal to the stored mark (value and note) is unchanged; a different one replaces the
  // stored mark, which moves to the history.
  virtual StoreResult<ImportCounts> ImportMarks(std::string_view exam,
                                                std::span<const MarkRow> rows,
                                                const MarkSource& source) = 0;
  // Enters one checked mark; the same rules as ImportMarks.
  virtual StoreResult<Change> EnterMark(std::string_view exam, const MarkEntry& entry,
                                        std::string_view note, const MarkSource& source) = 0;

  // The exam, its rubric, candidates and judges (ExamData::entries stays empty).
  virtual StoreResult<ExamData> LoadRoster(std::string_view exam) = 0;
  // LoadRoster plus every mark entry.
  virtual StoreResult<ExamData> LoadExamData(std::string_view exam) = 0;
};

struct SqliteStoreOptions {
  // When false, a database file that does not exist is kNotFound instead of being created.
  bool create_if_missing = true;
  // How long a write waits for other writers before failing with kStorage.
  std::chrono::milliseconds busy_timeout{10'000};
  // The time recorded with imports; the system clock when empty (tests pass a fixed one).
  std::function<std::chrono::system_clock::time_point()> clock;
};

// Opens (and creates or upgrades the schema of) the SQLite database at `path`.
StoreResult<std::unique_ptr<ExamStore>> OpenSqliteStore(const std::string& path,
                                                        const SqliteStoreOptions& options = {});

}  // namespace skillscore
