// ExamStore::ScanExams for the SQLite store (store.h): one streaming query over the marks of every
// exam in scope, handed to the visitor exam by exam, and the re-binding of exams to a corrected
// rubric version (rescore --apply). Kept apart from sqlite_store.cc, which calls it.
//
// Thread safety: uses the store's connection; one thread at a time, like the store.
#pragma once

#include <string>

#include "skillscore/store.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

// What the store adds to a scan: when it runs, and who acts when the scan does not say.
struct ScanContext {
  std::string now;  // UTC, recorded with re-binding events
  std::string actor;
};

// Throws sqlite::Error for a failure of SQLite; expected failures are values.
StoreResult<std::size_t> ScanExams(Database& db, audit::AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context);

}  // namespace skillscore::sqlite
