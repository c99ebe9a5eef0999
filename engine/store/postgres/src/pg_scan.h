// Scanning exams for re-scoring in the PostgreSQL store (ExamStore::ScanExams): one server-side
// cursor walks the exams in order of id, each exam's candidates and each candidate's current
// marks in key order, so that memory holds one exam whatever the size of the database; the
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
