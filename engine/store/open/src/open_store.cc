#include "skillscore/open_store.h"

namespace skillscore {

StoreResult<std::unique_ptr<ExamStore>> OpenExamStore(const std::string& db,
                                                      const SqliteStoreOptions& options) {
  if (!IsPostgresUrl(db)) return OpenSqliteStore(db, options);
  PostgresStoreOptions postgres;
  postgres.clock = options.clock;
  postgres.actor = options.actor;
  return OpenPostgresStore(db, postgres);
}

std::string DescribeExamStore(const std::string& db) {
  return IsPostgresUrl(db) ? DescribePostgresServer(db) : db;
}

}  // namespace skillscore
