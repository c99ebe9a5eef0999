// The PostgreSQL store's schema and its numbered migrations (pg_schema.cc).
#pragma once

#include <optional>

#include "pg_db.h"
#include "skillscore/store.h"

namespace skillscore::pg {

// Brings the schema of the connection's current schema up to date, once, whoever else opens the
// database at the same time (a transaction-scoped advisory lock makes concurrent openers wait
// for the first). Refuses a database of another application or one with a newer schema.
std::optional<StoreError> Migrate(Connection& db);

}  // namespace skillscore::pg
