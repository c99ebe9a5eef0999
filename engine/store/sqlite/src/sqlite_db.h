// Thin RAII wrappers over the SQLite C API for the store: a connection that owns its prepared
// statements (each SQL text is compiled once and reused), statement handles that reset themselves,
// and transactions that roll back unless committed.
//
// Failures of SQLite itself (I/O errors, corruption, busy beyond the timeout, a violated
// constraint that the store's own checks should have prevented) are not expected in normal use,
// so they are thrown as sqlite::Error and turned into a StoreError at the ExamStore boundary
// (sqlite_store.cc); expected failures are values there.
//
// Thread safety: a Database and its statements belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace skillscore::sqlite {

class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  // The primary SQLite result code (SQLITE_BUSY, SQLITE_IOERR, …).
  int code() const { return code_ & 0xff; }

 private:
  int code_;
};

// A cached prepared statement in use. Binding indexes are 1-based and columns 0-based, as in
// SQLite. The statement is reset (and its bindings cleared) when the handle goes away, so that a
// half-read query never keeps a read transaction open.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  // NULL when nullopt.
  Statement& Bind(int index, const std::optional<std::int64_t>& value);
  Statement& BindNull(int index);
  // Binds empty text as NULL.
  Statement& BindTextOrNull(int index, std::string_view text);

  // Runs one step: true when a row is ready to read, false when the statement is done.
  bool Step();
  // Steps to the end of a statement that returns no rows.
  void Run();
  // Makes the statement ready to run again; bindings stay until rebound.
  void Reset();

  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  std::string Text(int column) const;

 private:
  [[noreturn]] void Fail(int code) const;

  sqlite3_stmt* statement_;
};

class Database {
 public:
  // How a connection opens its file. kImmutable reads a file that nobody may change while it is
  // open (SQLite's immutable=1: no locks, no -shm file), for a read-only file in a folder the
  // user cannot write, where SQLite cannot make the -shm file that reading in WAL mode needs.
  enum class Mode { kReadWrite, kCreate, kReadOnly, kImmutable };

  // Opens a connection; `create` allows creating the file. Throws Error on failure.
  Database(const std::string& path, bool create);
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs SQL text of any number of statements that return nothing (schema, PRAGMA settings).
  void Execute(const char* sql);
  // One integer result of a query without parameters (PRAGMA user_version, count(*)).
  std::int64_t QueryInt(const char* sql);
  std::string QueryText(const char* sql);
  // The prepared statement for `sql`, compiled on first use and kept for the connection's life.
  Statement Prepare(const char* sql);
  // Rows changed by the last INSERT, UPDATE or DELETE (triggers excluded).
  std::int64_t Changes() const { return sqlite3_changes64(db_); }
  // The rowid given by the last successful INSERT.
  std::int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
  void SetBusyTimeout(std::chrono::milliseconds timeout);

  const std::string& path() const { return path_; }

  // Whether a transaction is open on the connection: a Transaction begun then is a savepoint.
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  // While writes are gathered into one transaction (ExamStore::WriteTogether): a Transaction
  // begun then must nest in it, and finding none open (SQLite ended it after an I/O error) is
  // an error rather than a transaction of its own, committed apart from the others.
  void SetGathering(bool gathering) { gathering_ = gathering; }
  bool gathering() const { return gathering_; }

 private:
  [[noreturn]] void Fail(int code) const;

  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };

  std::string path_;
  sqlite3* db_ = nullptr;
  bool gathering_ = false;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalizer>> statements_;
};

// A transaction that rolls back when it goes away without Commit(). kImmediate takes the write
// lock at the start (waiting up to the busy timeout), which every write transaction must do: a
// read transaction upgraded to a write later may fail at once with SQLITE_BUSY in WAL mode.
class Transaction {
 public:
  enum class Mode { kRead, kImmediate };
  Transaction(Database& db, Mode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Commit();

 private:
  Database& db_;
  bool nested_;  // a savepoint in a transaction already open
  bool open_ = true;
};

// The store sizes SQLite's page cache for imports (64 MiB), but a scan reads each page once: while
// it runs the cache is kept small, so that the pages read do not stay in memory beside what the
// scan builds (a million marks are about 23 MB of pages): sheets, or the marks in entry order of
// an audit verification.
class SmallPageCache {
 public:
  explicit SmallPageCache(Database& db)
      : db_(db),
        restore_("PRAGMA cache_size = " + std::to_string(db.QueryInt("PRAGMA cache_size"))) {
    db_.Execute("PRAGMA cache_size = -1024");  // KiB
  }
  SmallPageCache(const SmallPageCache&) = delete;
  SmallPageCache& operator=(const SmallPageCache&) = delete;
  ~SmallPageCache() {
    try {
      db_.Execute(restore_.c_str());
    } catch (const Error&) {  // the connection is failing anyway; its cache size hardly matters
    }
  }

 private:
  Database& db_;
  std::string restore_;
};

}  // namespace skillscore::sqlite
