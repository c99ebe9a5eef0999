// Scanning exams for re-scoring in the PostgreSQL store (ExamStore::ScanExams): one server-side
// cursor walks the exams in order of id, each exam's candidates and each candidate's current
// marks in key order, so that memory holds one exam whatever the size of the database.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pg_audit.h"
#include "pg_db.h"
#include "skillscore/store.h"

namespace skillscore::pg {

struct ScanContext {
  std::string now;
  std::string actor;
  std::function<void(std::string_view exam, ExamMarks& marks)> read_register;
  std::function<std::optional<StoreError>(
      std::string_view exam, std::span<const StoredPassport> passports, const ChiefAction& action)>
      register_passports;
};

StoreResult<std::size_t> ScanExams(Connection& db, AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context);

}  // namespace skillscore::pg
