// ExamStore::ScanExams for the SQLite store (store.h): one streaming query over the marks of every
// exam in scope, handed to the visitor exam by exam, and the re-binding of exams to a corrected
// rubric version (rescore --apply). Kept apart from sqlite_store.cc, which calls it.
//
// Thread safety: uses the store's connection; one thread at a time, like the store.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "skillscore/store.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

// What the store adds to a scan: when it runs, who acts when the scan does not say, and, for a
// scan that re-binds, its register of passports and locks (by exam id).
struct ScanContext {
  std::string now;  // UTC, recorded with re-binding events
  std::string actor;
  // Fills ExamMarks::passports and ::locks.
  std::function<void(std::string_view exam, ExamMarks& marks)> read_register;
  // Registers passports as ExamStore::IssuePassports does, inside the scan's transaction.
  std::function<std::optional<StoreError>(
      std::string_view exam, std::span<const StoredPassport> passports, const ChiefAction& action)>
      register_passports;
};

// Throws sqlite::Error for a failure of SQLite; expected failures are values.
StoreResult<std::size_t> ScanExams(Database& db, audit::AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context);

}  // namespace skillscore::sqlite
