// Moving an exam between stores, the PostgreSQL side (store.h ExportExam / ImportExam,
// exam_bundle.h): the same rows as on SQLite, marks streamed out through a cursor and in through
// COPY. Both run inside the store's transaction.
#pragma once

#include <string_view>

#include "pg_audit.h"
#include "pg_db.h"
#include "skillscore/exam_bundle.h"
#include "skillscore/store.h"

namespace skillscore::pg {

StoreResult<void> ExportExam(Connection& db, std::string_view exam, BundleSink& sink);

// Writes everything, then verifies the exam's audit trail; the caller commits only on success.
StoreResult<void> ImportExam(Connection& db, AuditLog& log, BundleSource& source);

}  // namespace skillscore::pg
