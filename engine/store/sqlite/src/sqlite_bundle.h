// Moving an exam between stores, the SQLite side (store.h ExportExam / ImportExam, exam_bundle.h):
// the exam's rows read out by the exam's own identifiers, and written back with their entry
// numbers, event numbers and hashes as they were. Both run inside the store's transaction.
#pragma once

#include <string_view>

#include "skillscore/exam_bundle.h"
#include "skillscore/store.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

StoreResult<void> ExportExam(Database& db, std::string_view exam, BundleSink& sink);

// Writes everything, then verifies the exam's audit trail; the caller commits only on success.
StoreResult<void> ImportExam(Database& db, audit::AuditLog& log, BundleSource& source);

}  // namespace skillscore::sqlite
