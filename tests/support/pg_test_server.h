// The PostgreSQL server of the tests (tests/support/pg_server.sh) and fresh databases on it.
//
// ctest starts one server for the whole run (the fixture `postgresql` in tests/CMakeLists.txt);
// every test program whose source includes this header requires that fixture. A test program run
// on its own finds the server through SKILLSCORE_TEST_PG_URL (a server of the developer's), else
// through the fixture's file, else starts a private server that it stops when it exits.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "process.h"

struct pg_conn;  // libpq's PGconn

namespace skillscore::testing {

struct PgServer {
  std::string url;        // the role under test (password over TCP), database `postgres`
  std::string admin_url;  // a superuser (the tests' own server), else the same as url
  std::string host;
  std::string port;
  std::string user;
  std::string password;
  std::string data;  // the cluster's directory; empty for a server of the developer's
};

// The server every PostgreSQL test of this process shares.
const PgServer& SharedPgServer();

// `url` with its database name replaced: postgresql://u:p@h:5432/postgres?x=y → …/NAME?x=y.
std::string PgUrlWithDatabase(const std::string& url, const std::string& database);

// Runs SQL through libpq and returns the rows of the last statement as text (NULL → "\N").
// Throws std::runtime_error with the server's message when it fails.
std::vector<std::vector<std::string>> PgQuery(const std::string& url, const std::string& sql);
inline void PgExec(const std::string& url, const std::string& sql) { PgQuery(url, sql); }
// The single value of a one-row, one-column query.
std::string PgValue(const std::string& url, const std::string& sql);

// One connection kept open, for a test that holds a transaction (and its locks) while the code
// under test runs.
class PgSession {
 public:
  explicit PgSession(const std::string& url);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;
  // As PgQuery, on this connection.
  std::vector<std::vector<std::string>> Query(const std::string& sql);
  void Exec(const std::string& sql) { Query(sql); }

 private:
  ::pg_conn* connection_;
};

// A new empty database on the server, owned by the role under test, dropped (connections and
// all) when the object goes away.
class PgTestDatabase {
 public:
  explicit PgTestDatabase(const PgServer& server = SharedPgServer());
  ~PgTestDatabase();
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }              // as the role under test
  const std::string& admin_url() const { return admin_url_; }  // as the superuser

 private:
  const PgServer& server_;
  std::string name_;
  std::string url_;
  std::string admin_url_;
};

// A server of the test's own, for tests that crash or stop it: started on construction, stopped
// and deleted on destruction.
class PrivatePgServer {
 public:
  PrivatePgServer();
  ~PrivatePgServer();
  PrivatePgServer(const PrivatePgServer&) = delete;
  PrivatePgServer& operator=(const PrivatePgServer&) = delete;

  const PgServer& server() const { return server_; }
  void Kill();     // SIGKILL to the postmaster and every backend, as a crash would
  void Restart();  // start the crashed or stopped cluster again on the same port

 private:
  TempDir dir_;
  PgServer server_;
};

}  // namespace skillscore::testing
