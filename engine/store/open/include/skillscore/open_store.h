// Opening the exam store that a --db (or $SKILLSCORE_DB) names: a postgresql:// or postgres://
// URL opens the PostgreSQL store (postgres_store.h), anything else the SQLite file
// (sqlite_store.h).
#pragma once

#include <memory>
#include <string>

#include "skillscore/postgres_store.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"

namespace skillscore {

// `options` are the SQLite store's; PostgreSQL takes their clock and actor (a server database is
// never created by opening it, nor opened read-only: its rights are the server's to give).
StoreResult<std::unique_ptr<ExamStore>> OpenExamStore(const std::string& db,
                                                      const SqliteStoreOptions& options);

// What `db` names, fit for a log line: the SQLite file's path, or the PostgreSQL server and
// database without the URL's password.
std::string DescribeExamStore(const std::string& db);

}  // namespace skillscore
