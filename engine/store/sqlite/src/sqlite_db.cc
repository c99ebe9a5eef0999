#include "sqlite_db.h"

#include <algorithm>
#include <limits>

#include "skillscore/i18n.h"

namespace skillscore::sqlite {

Statement::~Statement() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK) Fail(code);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  int code = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
  if (code != SQLITE_OK) Fail(code);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK) Fail(code);
  return *this;
}

Statement& Statement::BindTextOrNull(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}

bool Statement::Step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  Fail(code);
}

void Statement::Run() {
  while (Step()) {
  }
}

void Statement::Reset() { sqlite3_reset(statement_); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

void Statement::Fail(int code) const {
  sqlite3* db = sqlite3_db_handle(statement_);
  throw Error(sqlite3_extended_errcode(db) != SQLITE_OK ? sqlite3_extended_errcode(db) : code,
              sqlite3_errmsg(db));
}

namespace {

// "file:" URI of a path, for the immutable parameter: '%', '?' and '#' escaped (sqlite.org/uri).
std::string FileUri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      uri += c == '%' ? "%25" : c == '?' ? "%3f" : "%23";
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

Database::Database(const std::string& path, bool create)
    : Database(path, create ? Mode::kCreate : Mode::kReadWrite) {}

Database::Database(const std::string& path, Mode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  std::string name = path;
  switch (mode) {
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kImmutable:
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
      name = FileUri(path);
      break;
  }
  int code = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(code, message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
  statements_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

void Database::Execute(const char* sql) {
  int code = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) Fail(code);
}

std::int64_t Database::QueryInt(const char* sql) {
  Statement query = Prepare(sql);
  if (!query.Step()) throw Error(SQLITE_MISUSE, std::string("no result from: ") + sql);
  return query.Int(0);
}

std::string Database::QueryText(const char* sql) {
  Statement query = Prepare(sql);
  if (!query.Step()) throw Error(SQLITE_MISUSE, std::string("no result from: ") + sql);
  return query.Text(0);
}

Statement Database::Prepare(const char* sql) {
  auto cached = statements_.find(sql);
  if (cached == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    int code = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) Fail(code);
    cached = statements_.emplace(sql, statement).first;
  }
  return Statement(cached->second.get());
}

void Database::SetBusyTimeout(std::chrono::milliseconds timeout) {
  auto clamped =
      std::min<std::chrono::milliseconds::rep>(timeout.count(), std::numeric_limits<int>::max());
  sqlite3_busy_timeout(db_, static_cast<int>(clamped));
}

void Database::Fail(int code) const {
  int extended = sqlite3_extended_errcode(db_);
  throw Error(extended != SQLITE_OK ? extended : code, sqlite3_errmsg(db_));
}

Transaction::Transaction(Database& db, Mode mode) : db_(db), nested_(db.InTransaction()) {
  if (db_.gathering() && !nested_) {
    throw Error(SQLITE_ABORT,
                Tr("{0}: the transaction of the gathered writes ended early", db_.path()));
  }
  // A read inside a transaction already sees one state and has nothing to undo.
  if (nested_ && mode == Mode::kRead) open_ = false;
  if (!open_) return;
  if (nested_) {
    db_.Execute("SAVEPOINT nested");
  } else {
    db_.Execute(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN");
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.Execute(nested_ ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
  } catch (const Error&) {
    // SQLite may already have rolled back (after an I/O error or SQLITE_FULL): nothing to undo.
  }
}

void Transaction::Commit() {
  if (!open_) return;
  db_.Execute(nested_ ? "RELEASE nested" : "COMMIT");
  open_ = false;
}

}  // namespace skillscore::sqlite
