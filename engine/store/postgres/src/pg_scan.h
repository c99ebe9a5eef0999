// Scanning exams for re-scoring in the PostgreSQL store (ExamStore::ScanExams): the exams in order
// of code, and for each its current marks in the order of the marks' primary key (candidate, slot,
// panel), which the server walks without a sort, streamed by COPY … TO STDOUT as the client works
// on them, so that memory holds one exam whatever the size of the database; the
// grouping, the visitor's decisions and re-binding are engine/store/common's (exam_scan.h).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pg_audit.h"
#include "pg_db.h"
#include "skillscore/exam_scan.h"
#include "skillscore/store.h"

namespace skillscore::pg {

using store_common::ScanContext;

StoreResult<std::size_t> ScanExams(Connection& db, AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context);

}  // namespace skillscore::pg
