#include "pg_test_server.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "paths.h"

namespace skillscore::testing {
namespace {

const std::string kScript = "tests/support/pg_server.sh";

// Runs pg_server.sh VERB DIR; throws with its output when it fails. A server started here stops
// when this process ends, even if it ends by a crash.
void ServerScript(const std::string& verb, const std::string& dir) {
  std::vector<std::string> args = {SourcePath(kScript), verb, dir};
  if (verb == "start") args.push_back(std::to_string(getpid()));
  RunResult run = Run("/bin/bash", args);
  if (run.exit_code != 0) {
    throw std::runtime_error("pg_server.sh " + verb + " " + dir + " failed (exit " +
                             std::to_string(run.exit_code) + "): " + run.err + run.out);
  }
}

// The variables of a pg.env file written by pg_server.sh (KEY=VALUE or KEY='VALUE').
std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> values;
  std::istringstream lines(ReadFile(path));
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    std::string value = line.substr(equals + 1);
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
      value = value.substr(1, value.size() - 2);
    }
    values[line.substr(0, equals)] = value;
  }
  return values;
}

PgServer ServerFromEnvFile(const std::string& path) {
  std::map<std::string, std::string> env = ReadEnvFile(path);
  PgServer server;
  server.url = env["SKILLSCORE_TEST_PG_URL"];
  server.admin_url = env["SKILLSCORE_TEST_PG_ADMIN_URL"];
  server.host = env["SKILLSCORE_TEST_PG_HOST"];
  server.port = env["SKILLSCORE_TEST_PG_PORT"];
  server.user = env["SKILLSCORE_TEST_PG_USER"];
  server.password = env["SKILLSCORE_TEST_PG_PASSWORD"];
  server.data = env["SKILLSCORE_TEST_PG_DATA"];
  if (server.url.empty()) throw std::runtime_error(path + " names no SKILLSCORE_TEST_PG_URL");
  return server;
}

// A server described by the environment: SKILLSCORE_TEST_PG_URL (and _ADMIN_URL, else the same).
std::optional<PgServer> ServerFromEnvironment() {
  const char* url = std::getenv("SKILLSCORE_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  PgServer server;
  server.url = url;
  const char* admin = std::getenv("SKILLSCORE_TEST_PG_ADMIN_URL");
  server.admin_url = admin != nullptr && *admin != '\0' ? admin : url;
  return server;
}

// The server this process started because neither ctest nor the developer gave one; stopped when
// the process exits normally.
struct OwnServer {
  TempDir dir;
  OwnServer() { ServerScript("start", dir.path()); }
  ~OwnServer() {
    try {
      ServerScript("stop", dir.path());
    } catch (const std::exception&) {
      // Nothing to report to at exit; the cluster is in the temporary directory.
    }
  }
};

PgServer FindSharedServer() {
  if (std::optional<PgServer> server = ServerFromEnvironment()) return *server;
  const std::string fixture_file = SKILLSCORE_PG_TEST_ENV;
  if (std::filesystem::exists(fixture_file)) return ServerFromEnvFile(fixture_file);
  static OwnServer own;
  return ServerFromEnvFile(own.dir.File("pg.env"));
}

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};

}  // namespace

const PgServer& SharedPgServer() {
  static const PgServer server = FindSharedServer();
  return server;
}

std::string PgUrlWithDatabase(const std::string& url, const std::string& database) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("not a PostgreSQL URL: " + url);
  std::size_t query = url.find('?', scheme + 3);
  std::size_t path = url.find('/', scheme + 3);
  if (path == std::string::npos || (query != std::string::npos && path > query)) {
    path = query == std::string::npos ? url.size() : query;
    return url.substr(0, path) + "/" + database + url.substr(path);
  }
  std::size_t end = query == std::string::npos ? url.size() : query;
  return url.substr(0, path + 1) + database + url.substr(end);
}

namespace {

std::vector<std::vector<std::string>> QueryOn(PGconn* connection, const std::string& sql) {
  std::unique_ptr<PGresult, ResultClearer> result(PQexec(connection, sql.c_str()));
  ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(sql + ": " + PQerrorMessage(connection));
  }
  std::vector<std::vector<std::string>> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    std::vector<std::string>& values = rows.emplace_back();
    for (int column = 0; column < PQnfields(result.get()); ++column) {
      values.push_back(PQgetisnull(result.get(), row, column)
                           ? "\\N"
                           : std::string(PQgetvalue(result.get(), row, column)));
    }
  }
  return rows;
}

PGconn* Connect(const std::string& url) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = PQerrorMessage(connection);
    PQfinish(connection);
    throw std::runtime_error("cannot connect to the test server: " + message);
  }
  return connection;
}

}  // namespace

std::vector<std::vector<std::string>> PgQuery(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, ConnectionCloser> connection(Connect(url));
  return QueryOn(connection.get(), sql);
}

PgSession::PgSession(const std::string& url) : connection_(Connect(url)) {}

PgSession::~PgSession() { PQfinish(connection_); }

std::vector<std::vector<std::string>> PgSession::Query(const std::string& sql) {
  return QueryOn(connection_, sql);
}

std::string PgValue(const std::string& url, const std::string& sql) {
  std::vector<std::vector<std::string>> rows = PgQuery(url, sql);
  if (rows.size() != 1 || rows[0].size() != 1) {
    throw std::runtime_error(sql + ": expected one value, got " + std::to_string(rows.size()) +
                             " rows");
  }
  return rows[0][0];
}

PgTestDatabase::PgTestDatabase(const PgServer& server) : server_(server) {
  static std::atomic<int> counter{0};
  name_ = "skillscore_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  PgExec(server_.url, "CREATE DATABASE " + name_);
  url_ = PgUrlWithDatabase(server_.url, name_);
  admin_url_ = PgUrlWithDatabase(server_.admin_url, name_);
}

PgTestDatabase::~PgTestDatabase() {
  try {
    PgExec(server_.admin_url, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // A server that a test stopped takes its databases with it.
  }
}

PrivatePgServer::PrivatePgServer() {
  ServerScript("start", dir_.path());
  server_ = ServerFromEnvFile(dir_.File("pg.env"));
}

PrivatePgServer::~PrivatePgServer() {
  try {
    ServerScript("stop", dir_.path());
  } catch (const std::exception&) {
    // The cluster lives in a temporary directory of its own; nothing more to do here.
  }
}

void PrivatePgServer::Kill() { ServerScript("kill", dir_.path()); }

void PrivatePgServer::Restart() { ServerScript("restart", dir_.path()); }

}  // namespace skillscore::testing
