// A thin layer over libpq for the PostgreSQL store: a connection that names its server without the
// password, statements with text parameters, results read by row and column, transactions that
// roll back unless committed, and COPY FROM STDIN and TO STDOUT. Failures are thrown as pg::Error;
// the store turns them into StoreError values at its edge (pg_store.cc).
//
// Thread safety: a Connection is used by one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace skillscore::pg {

class Error : public std::runtime_error {
 public:
  Error(std::string message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(std::move(message)),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// SQLSTATE of a unique violation: two writers created the same record at once.
inline constexpr char kUniqueViolation[] = "23505";

using Param = std::optional<std::string>;  // nullopt: NULL

inline Param ToParam(std::string_view text) { return std::string(text); }
inline Param ToParam(const std::string& text) { return text; }
inline Param ToParam(const char* text) { return std::string(text); }
inline Param ToParam(std::int64_t number) { return std::to_string(number); }
inline Param ToParam(int number) { return std::to_string(number); }
inline Param ToParam(std::size_t number) { return std::to_string(number); }
inline Param ToParam(bool flag) { return std::string(flag ? "t" : "f"); }
inline Param ToParam(const std::optional<std::int64_t>& number) {
  return number ? Param(std::to_string(*number)) : std::nullopt;
}
inline Param ToParam(const std::optional<std::string>& text) { return text; }
inline Param ToParam(std::nullptr_t) { return std::nullopt; }

class Result {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) == 1; }
  std::string Text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  std::int64_t Int(int row, int column) const;
  std::optional<std::int64_t> OptionalInt(int row, int column) const {
    if (IsNull(row, column)) return std::nullopt;
    return Int(row, column);
  }
  std::optional<std::string> OptionalText(int row, int column) const {
    if (IsNull(row, column)) return std::nullopt;
    return Text(row, column);
  }
  // The number of rows an INSERT, UPDATE or DELETE touched.
  std::int64_t Affected() const;

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// The server a connection string names (host:port, database), never its password; completed by
// what libpq resolved on `conn` (defaults, PG* variables) when there is a connection.
std::string ServerName(const std::string& conninfo, PGconn* conn);

class Connection {
 public:
  // Connects; throws Error naming the server (ServerName) when it cannot.
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  // "PostgreSQL server HOST:PORT, database DB", for messages; never the password.
  const std::string& server() const { return server_; }

  template <typename... Args>
  Result Exec(const char* sql, const Args&... args) {
    std::vector<Param> params{ToParam(args)...};
    return ExecParams(sql, params);
  }
  Result ExecParams(const char* sql, const std::vector<Param>& params);
  // Runs statements without parameters (several, separated by ';').
  void Execute(const char* sql);

  // COPY … FROM STDIN: Begin, Put pieces of text-format data, then End.
  void CopyBegin(const char* sql);
  void CopyPut(std::string_view data);
  void CopyEnd();
  // COPY … TO STDOUT: hands `take` each CopyData message as it arrives (one row: in text format
  // with its newline, in binary format the header in front of the first; pg_copy_binary_rows.h),
  // so that the server produces rows while the client works on them.
  void CopyOut(const std::string& sql, const std::function<void(std::string_view message)>& take);

  PGconn* raw() { return conn_.get(); }

  // Whether a transaction is open (or failed and not yet ended): a Transaction begun then is a
  // savepoint.
  bool InTransaction() { return PQtransactionStatus(raw()) != PQTRANS_IDLE; }
  // While writes are gathered into one transaction (ExamStore::WriteTogether): a Transaction
  // begun then must nest in it, and finding none open is an error rather than a transaction of
  // its own, committed apart from the others.
  void SetGathering(bool gathering) { gathering_ = gathering; }
  bool gathering() const { return gathering_; }

 private:
  [[noreturn]] void Fail(const PGresult* result);
  Result Check(PGresult* result);

  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
  std::string server_;
  bool gathering_ = false;
};

// BEGIN on construction; ROLLBACK on destruction unless Commit() was called.
class Transaction {
 public:
  enum class Mode { kWrite, kRead };  // kRead: one REPEATABLE READ snapshot, read only
  Transaction(Connection& db, Mode mode);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void Commit();

 private:
  Connection& db_;
  bool nested_;  // a savepoint in a transaction already open
  bool open_ = true;
};

// Runs a query through a server-side cursor (inside the caller's transaction), handing `visit`
// every row in the query's order, a batch of rows at a time, so that any number is read in bounded
// memory.
void StreamRows(Connection& db, const std::string& sql, const std::vector<Param>& params,
                const std::function<void(const Result&, int row)>& visit, int batch = 20000);

// Escapes text for a COPY text-format field (backslash, tab, newline, carriage return).
void AppendCopyText(std::string& out, std::string_view text);

}  // namespace skillscore::pg
