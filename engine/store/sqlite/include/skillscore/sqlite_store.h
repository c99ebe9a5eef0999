// The SQLite implementation of the exam store (store.h): one database file per exam site, the
// embedded default. The file is created (or its schema upgraded by numbered migrations) on open.
//
// Thread safety: as store.h says; any number of stores may open the same file at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "skillscore/store.h"

namespace skillscore {

struct SqliteStoreOptions {
  // When false, a database file that does not exist is kNotFound instead of being created.
  bool create_if_missing = true;
  // Opens the file read-only, for commands that only read: they then work on a file or folder
  // the user may not write (the writing methods fail with kStorage). A database whose schema is
  // older than this program's is upgraded (opened for writing) when the user may write it, and
  // refused otherwise.
  bool read_only = false;
  // How long a write waits for other writers before failing with kStorage.
  std::chrono::milliseconds busy_timeout{10'000};
  // The time recorded with imports and audit events; the system clock when empty (tests pass a
  // fixed one).
  std::function<std::chrono::system_clock::time_point()> clock;
  // Who is acting (`--as`), recorded in the audit log with imports; MarkSource::actor and
  // ChiefAction::actor name the actor of marks and of a chief expert's actions.
  std::string actor = {};
};

// Opens (and creates or upgrades the schema of) the SQLite database at `path`. A path that SQLite
// would not take as a file — empty (a temporary database), ":memory:", or a "file:" URI — is
// refused (kInvalidInput): what is stored there is lost when the command ends.
StoreResult<std::unique_ptr<ExamStore>> OpenSqliteStore(const std::string& path,
                                                        const SqliteStoreOptions& options = {});

}  // namespace skillscore
