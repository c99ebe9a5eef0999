#include "pg_db.h"

#include <atomic>
#include <charconv>

#include "skillscore/i18n.h"

namespace skillscore::pg {

// PQconninfoParse keeps the password in a field of its own, which is never read here.
std::string ServerName(const std::string& conninfo, PGconn* conn) {
  std::string host;
  std::string port;
  std::string dbname;
  if (PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), nullptr)) {
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      if (option->val == nullptr) continue;
      std::string_view keyword = option->keyword;
      if (keyword == "host" || (keyword == "hostaddr" && host.empty())) host = option->val;
      if (keyword == "port") port = option->val;
      if (keyword == "dbname") dbname = option->val;
    }
    PQconninfoFree(options);
  }
  if (conn != nullptr) {
    if (host.empty() && PQhost(conn) != nullptr) host = PQhost(conn);
    if (port.empty() && PQport(conn) != nullptr) port = PQport(conn);
    if (dbname.empty() && PQdb(conn) != nullptr) dbname = PQdb(conn);
  }
  if (host.empty()) host = "localhost";
  if (port.empty()) port = "5432";
  return Tr("PostgreSQL server {0}:{1}, database {2}", host, port, dbname);
}

namespace {

// libpq's message without its trailing newline.
std::string Trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::int64_t Result::Int(int row, int column) const {
  const char* text = PQgetvalue(result_.get(), row, column);
  std::int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_.get(), row, column), value);
  return value;
}

std::int64_t Result::Affected() const {
  const char* text = PQcmdTuples(result_.get());
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

Connection::Connection(const std::string& conninfo)
    : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
  server_ = ServerName(conninfo, conn_.get());
  if (conn_ == nullptr) throw Error(Tr("{0}: out of memory", server_), "", true);
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw Error(Tr("cannot connect to {0}: {1}", server_, Trimmed(PQerrorMessage(conn_.get()))), "",
                true);
  }
}

void Connection::Fail(const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  // Connection exceptions (08…) and a server shutting down or ending this session (57P…) leave
  // the connection unusable even when libpq has not noticed yet.
  const std::string_view code = state != nullptr ? state : "";
  const bool lost =
      PQstatus(conn_.get()) != CONNECTION_OK || code.starts_with("08") || code.starts_with("57P");
  std::string message = Trimmed(PQerrorMessage(conn_.get()));
  if (lost) {
    throw Error(Tr("lost the connection to {0} ({1}); what was being written is not stored",
                   server_, message),
                state != nullptr ? state : "", true);
  }
  throw Error(Tr("{0}: {1}", server_, message), state != nullptr ? state : "", false);
}

Result Connection::Check(PGresult* raw) {
  Result result(raw);
  ExecStatusType status = PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
    Fail(raw);
  }
  return result;
}

Result Connection::ExecParams(const char* sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  return Check(PQexecParams(conn_.get(), sql, static_cast<int>(values.size()), nullptr,
                            values.data(), nullptr, nullptr, 0));
}

void Connection::Execute(const char* sql) { Check(PQexec(conn_.get(), sql)); }

void Connection::CopyBegin(const char* sql) { Check(PQexec(conn_.get(), sql)); }

void Connection::CopyPut(std::string_view data) {
  if (PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) == 1) return;
  // The server may have ended the COPY with an error of its own (a key it refused): that error,
  // with its SQLSTATE, rather than libpq's "no COPY in progress".
  while (PGresult* raw = PQgetResult(conn_.get())) Check(raw);
  Fail(nullptr);
}

void Connection::CopyEnd() {
  if (PQputCopyEnd(conn_.get(), nullptr) != 1) Fail(nullptr);
  while (PGresult* raw = PQgetResult(conn_.get())) Check(raw);
}

void Connection::CopyOut(const std::string& sql,
                         const std::function<void(std::string_view message)>& take) {
  PGresult* started = PQexec(conn_.get(), sql.c_str());
  if (PQresultStatus(started) != PGRES_COPY_OUT) {
    Result failed(started);  // freed as Fail throws
    Fail(started);
  }
  PQclear(started);
  char* buffer = nullptr;
  int length = 0;
  while ((length = PQgetCopyData(conn_.get(), &buffer, 0)) > 0) {
    std::unique_ptr<char, decltype(&PQfreemem)> row(buffer, &PQfreemem);
    take(std::string_view(buffer, static_cast<std::size_t>(length)));
  }
  if (length == -2) Fail(nullptr);
  while (PGresult* raw = PQgetResult(conn_.get())) Check(raw);
}

Transaction::Transaction(Connection& db, Mode mode) : db_(db), nested_(db.InTransaction()) {
  if (db_.gathering() && !nested_) {
    throw Error(Tr("{0}: the transaction of the gathered writes ended early", db_.server()), "",
                false);
  }
  // A read inside a transaction already sees its state and has nothing to undo (and a savepoint
  // the fewer keeps a long batch within PostgreSQL's cache of subtransactions).
  if (nested_ && mode == Mode::kRead) open_ = false;
  if (!open_) return;
  if (nested_) {
    db_.Execute("SAVEPOINT nested");
  } else {
    db_.Execute(mode == Mode::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  if (PQstatus(db_.raw()) != CONNECTION_OK) return;
  PQclear(PQexec(db_.raw(),
                 nested_ ? "ROLLBACK TO SAVEPOINT nested; RELEASE SAVEPOINT nested" : "ROLLBACK"));
}

void Transaction::Commit() {
  if (!open_) return;
  db_.Execute(nested_ ? "RELEASE SAVEPOINT nested" : "COMMIT");
  open_ = false;
}

void StreamRows(Connection& db, const std::string& sql, const std::vector<Param>& params,
                const std::function<void(const Result&, int row)>& visit, int batch) {
  static std::atomic<int> next_cursor = 0;
  const std::string name = "skillscore_rows_" + std::to_string(++next_cursor);
  db.ExecParams(("DECLARE " + name + " NO SCROLL CURSOR FOR " + sql).c_str(), params);
  const std::string fetch = "FETCH FORWARD " + std::to_string(batch) + " FROM " + name;
  for (;;) {
    Result rows = db.Exec(fetch.c_str());
    for (int row = 0; row < rows.rows(); ++row) visit(rows, row);
    if (rows.rows() < batch) break;
  }
  db.Execute(("CLOSE " + name).c_str());
}

void AppendCopyText(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace skillscore::pg
