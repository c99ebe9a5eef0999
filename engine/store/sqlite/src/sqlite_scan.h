// ExamStore::ScanExams for the SQLite store (store.h): one streaming query over the marks of every
// exam in scope, grouped and handed to the visitor exam by exam by engine/store/common
// (exam_scan.h), which also re-binds exams to a corrected rubric version (rescore --apply). Kept
// apart from sqlite_store.cc, which calls it.
//
// Thread safety: uses the store's connection; one thread at a time, like the store.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "skillscore/exam_scan.h"
#include "skillscore/store.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"

namespace skillscore::sqlite {

using store_common::ScanContext;

// Throws sqlite::Error for a failure of SQLite; expected failures are values.
StoreResult<std::size_t> ScanExams(Database& db, audit::AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context);

}  // namespace skillscore::sqlite
