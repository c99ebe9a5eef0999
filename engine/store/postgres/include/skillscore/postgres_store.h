// The PostgreSQL implementation of the exam store (store.h), for a regional server that many exam
// sites, processes and connections write at once. The schema is created, or upgraded by numbered
// migrations, on open (pg_schema.cc); it lives in the connection's current schema, where a table
// skillscore_schema marks it as skillscore's.
//
// Concurrency: every write to an exam first locks that exam's row (SELECT … FOR UPDATE), so the
// writes to one exam — and the appends to its audit chain — take turns, while writes to different
// exams go on side by side. Reads run in one REPEATABLE READ snapshot each.
//
// Thread safety: one store object (one connection) per thread; any number of stores, in one
// process or many, may use the same database at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "skillscore/store.h"

namespace skillscore {

struct PostgresStoreOptions {
  // The time recorded with imports and audit events; the system clock when empty.
  std::function<std::chrono::system_clock::time_point()> clock;
  // Who is acting (`--as`), recorded with rubric imports, exam creation and people imports.
  std::string actor = {};
  // How long a statement may wait for a lock held by another writer before failing (kStorage).
  std::chrono::milliseconds lock_timeout{30'000};
};

// Whether `db` names a PostgreSQL database (a postgresql:// or postgres:// URL).
bool IsPostgresUrl(std::string_view db);

// Connects with `conninfo` (a URL or "key=value" string, passed to libpq as it is, so that the
// PG* environment variables and ~/.pgpass apply) and creates or upgrades the schema. Refuses a
// database of another application or with a schema newer than this program (kStorage). Messages
// name the server as host:port and database, never the password.
StoreResult<std::unique_ptr<ExamStore>> OpenPostgresStore(const std::string& conninfo,
                                                          const PostgresStoreOptions& options = {});

// The server and database `conninfo` names, as the store's messages name it (host:port and
// database, never the password), without connecting: for logs and listings.
std::string DescribePostgresServer(const std::string& conninfo);

}  // namespace skillscore
