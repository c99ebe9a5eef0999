// The tests' PostgreSQL server (tests/support/pg_server.sh, pg_test_server.h): what the store's
// tests rely on — a password-authenticated role that creates databases of its own, each test's
// database fresh and dropped afterwards, and a private server that survives a crash.
#include "pg_test_server.h"

#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>

namespace skillscore::testing {
namespace {

TEST(PgUrlWithDatabase, ReplacesOnlyTheDatabaseName) {
  EXPECT_EQ(PgUrlWithDatabase("postgresql://u:p@127.0.0.1:5432/postgres", "t1"),
            "postgresql://u:p@127.0.0.1:5432/t1");
  EXPECT_EQ(PgUrlWithDatabase("postgresql:///postgres?host=/tmp/s&port=5&user=postgres", "t2"),
            "postgresql:///t2?host=/tmp/s&port=5&user=postgres");
  EXPECT_EQ(PgUrlWithDatabase("postgresql://h:5432", "t3"), "postgresql://h:5432/t3");
  EXPECT_EQ(PgUrlWithDatabase("postgres://h?sslmode=disable", "t4"),
            "postgres://h/t4?sslmode=disable");
}

TEST(PgTestServer, TheRoleUnderTestLogsInWithItsPasswordAndIsNoSuperuser) {
  const PgServer& server = SharedPgServer();
  EXPECT_EQ(PgValue(server.url, "SELECT current_user"), server.user);
  EXPECT_EQ(PgValue(server.url, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"), "f");
  EXPECT_EQ(PgValue(server.url, "SELECT current_setting('server_version_num')::int / 10000"), "15");
  EXPECT_EQ(PgValue(server.url, "SHOW server_encoding"), "UTF8");
  EXPECT_EQ(PgValue(server.url, "SHOW lc_collate"), "C");
}

TEST(PgTestServer, AWrongPasswordIsRefused) {
  const PgServer& server = SharedPgServer();
  std::string url =
      "postgresql://" + server.user + ":wrong@" + server.host + ":" + server.port + "/postgres";
  try {
    PgQuery(url, "SELECT 1");
    FAIL() << "a wrong password was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("password authentication failed"), std::string::npos)
        << error.what();
  }
}

TEST(PgTestDatabase, IsFreshOwnedByTheRoleAndDroppedAfterwards) {
  const PgServer& server = SharedPgServer();
  std::string name;
  {
    PgTestDatabase database;
    name = database.name();
    EXPECT_TRUE(std::regex_match(name, std::regex("skillscore_t_[0-9]+_[0-9]+"))) << name;
    EXPECT_EQ(PgValue(database.url(), "SELECT current_database()"), name);
    EXPECT_EQ(PgValue(database.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
              "0");
    PgExec(database.url(), "CREATE TABLE t (x int); INSERT INTO t VALUES (7)");
    EXPECT_EQ(PgValue(database.url(), "SELECT x FROM t"), "7");
    PgTestDatabase other;
    EXPECT_NE(other.name(), name);
  }
  EXPECT_EQ(PgValue(server.url, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"),
            "0");
}

TEST(PrivatePgServer, KeepsWhatWasCommittedThroughACrash) {
  PrivatePgServer own;
  PgTestDatabase database(own.server());
  PgExec(database.url(), "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)");
  own.Kill();
  EXPECT_THROW(PgQuery(database.url(), "SELECT 1"), std::runtime_error);
  own.Restart();
  EXPECT_EQ(PgValue(database.url(), "SELECT sum(x) FROM t"), "3");
}

}  // namespace
}  // namespace skillscore::testing
