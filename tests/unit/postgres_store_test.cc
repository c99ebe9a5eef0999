// What the PostgreSQL store guarantees beyond the typed store suite (store_contract_test.cc): it
// keeps to its own databases and schema versions, the database itself refuses to rewrite the
// audit log and the mark history, many writers at once lose and double nothing, and a broken
// connection leaves nothing half-written and no password in any message.
#include "skillscore/postgres_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "pg_test_server.h"
#include "process.h"
#include "skillscore/open_store.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using Kind = StoreError::Kind;
using testing::PgExec;
using testing::PgTestDatabase;
using testing::PgValue;

std::unique_ptr<ExamStore> Open(const std::string& url) {
  PostgresStoreOptions options;
  options.clock = [] { return FixedTime(); };
  options.actor = "A0";
  auto store = OpenPostgresStore(url, options);
  EXPECT_TRUE(store.has_value()) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

// The server as messages name it: host:port and database.
std::string ServerName(const PgTestDatabase& db) {
  const testing::PgServer& server = testing::SharedPgServer();
  return server.host + ":" + server.port + ", database " + db.name();
}

TEST(PostgresStoreTest, ADescriptionForLogsNamesTheServerNeverThePassword) {
  EXPECT_EQ(DescribeExamStore("postgresql://exams:s3cret@127.0.0.1:5999/region"),
            "PostgreSQL server 127.0.0.1:5999, database region");
  EXPECT_EQ(DescribeExamStore("postgres://exams:s3cret@db.example/region?sslmode=require"),
            "PostgreSQL server db.example:5432, database region");
  EXPECT_EQ(DescribeExamStore("site/exam.db"), "site/exam.db");
}

TEST(PostgresStoreTest, ADatabaseOfAnotherApplicationIsLeftAlone) {
  PgTestDatabase db;
  PgExec(db.url(), "CREATE TABLE invoices (id integer)");
  auto store = OpenPostgresStore(db.url());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_EQ(store.error().message, "PostgreSQL server " + ServerName(db) +
                                       " is not a skillscore database: it holds other tables "
                                       "and no skillscore_schema");
  EXPECT_EQ(PgValue(db.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "1");
}

TEST(PostgresStoreTest, ASchemaNewerThanTheProgramIsRefused) {
  PgTestDatabase db;
  ASSERT_NE(Open(db.url()), nullptr);
  const std::string latest = PgValue(db.url(), "SELECT version FROM skillscore_schema");
  PgExec(db.url(), "UPDATE skillscore_schema SET version = 99");
  auto store = OpenPostgresStore(db.url());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_EQ(store.error().message, "database PostgreSQL server " + ServerName(db) +
                                       " has schema version 99, newer than this program knows (" +
                                       latest + "): use a newer skillscore");
}

TEST(PostgresStoreTest, OpenersAtTheSameTimeCreateTheSchemaOnce) {
  PgTestDatabase db;
  std::atomic<int> opened = 0;
  std::vector<std::thread> openers;
  for (int i = 0; i < 8; ++i) {
    openers.emplace_back([&] {
      if (OpenPostgresStore(db.url())) ++opened;
    });
  }
  for (std::thread& opener : openers) opener.join();
  EXPECT_EQ(opened, 8);
  // One row, with the version a database opened once gets.
  PgTestDatabase once;
  ASSERT_NE(Open(once.url()), nullptr);
  EXPECT_EQ(PgValue(db.url(), "SELECT string_agg(version::text, ',') FROM skillscore_schema"),
            PgValue(once.url(), "SELECT version::text FROM skillscore_schema"));
}

TEST(PostgresStoreTest, TheDatabaseRefusesToRewriteTheLogAndTheHistory) {
  PgTestDatabase db;
  auto store = Open(db.url());
  SetUpWorkedExam(*store);
  ASSERT_TRUE(store->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 1)},
                                 {"J2", "marks.csv"}));
  ASSERT_TRUE(store->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 0)},
                                 {"J2", "marks.csv"}));
  auto refusal = [&](const std::string& sql) {
    try {
      PgExec(db.url(), sql);
      return std::string("done");
    } catch (const std::runtime_error& error) {
      std::string message = error.what();
      return message.substr(message.find("ERROR:"));
    }
  };
  const std::string log =
      "ERROR:  the audit log is append-only: its events cannot be changed or "
      "deleted\nCONTEXT:  PL/pgSQL function skillscore_refuse() line 3 at "
      "RAISE\n";
  EXPECT_EQ(refusal("UPDATE audit_events SET actor = 'X'"), log);
  EXPECT_EQ(refusal("DELETE FROM audit_events"), log);
  EXPECT_EQ(refusal("TRUNCATE audit_events"), log);
  const std::string history =
      "ERROR:  the mark history is append-only: its entries cannot be "
      "changed or deleted\nCONTEXT:  PL/pgSQL function skillscore_refuse() "
      "line 3 at RAISE\n";
  EXPECT_EQ(refusal("UPDATE mark_history SET value = 1"), history);
  EXPECT_EQ(refusal("DELETE FROM mark_history"), history);
  EXPECT_EQ(refusal("DELETE FROM marks"),
            "ERROR:  marks cannot be deleted: enter a new value instead\nCONTEXT:  PL/pgSQL "
            "function skillscore_refuse() line 3 at RAISE\n");
  EXPECT_EQ(PgValue(db.url(), "SELECT count(*) FROM mark_history"), "1");
  EXPECT_EQ(store->VerifyAudit(std::nullopt)->problem, std::nullopt);
}

// The role of docs/postgresql.md: the program works, and the log is beyond its rights.
TEST(PostgresStoreTest, AnApplicationRoleWithoutRightsOnTheLogRunsEverything) {
  PgTestDatabase db;
  ASSERT_NE(Open(db.url()), nullptr);  // the owner creates the schema
  const std::string role = "skillscore_app_" + db.name().substr(db.name().find('_') + 1);
  PgExec(db.url(), "CREATE ROLE " + role + " LOGIN PASSWORD 'app-secret'");
  PgExec(db.url(), "GRANT USAGE ON SCHEMA public TO " + role +
                       "; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO " + role +
                       "; GRANT UPDATE ON rubrics, exams, candidates, judges, marks, locks, "
                       "passports, audit_chains TO " +
                       role + "; GRANT DELETE ON locks TO " + role +
                       "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role);
  struct DropRole {
    const PgTestDatabase& db;
    std::string role;
    ~DropRole() { PgExec(db.admin_url(), "DROP OWNED BY " + role + "; DROP ROLE " + role); }
  } drop{db, role};
  const testing::PgServer& server = testing::SharedPgServer();
  if (server.password.empty()) GTEST_SKIP() << "the developer's server takes no passwords";
  std::string url =
      "postgresql://" + role + ":app-secret@" + server.host + ":" + server.port + "/" + db.name();
  auto store = Open(url);
  ASSERT_NE(store, nullptr);
  SetUpWorkedExam(*store);
  ASSERT_TRUE(store->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 1)},
                                 {"J2", "marks.csv"}));
  ASSERT_TRUE(store->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 0)},
                                 {"J2", "marks.csv"}));
  ASSERT_TRUE(store->LockSubcriterion("E1", "A1", {"J2", ""},
                                      [](const ExamData&, std::string_view) { return true; }));
  ASSERT_TRUE(store->UnlockSubcriterion("E1", "A1", {"J2", "typo"}));
  EXPECT_EQ(store->VerifyAudit(std::nullopt)->events, 8u);
  for (const char* sql :
       {"UPDATE audit_events SET actor = 'X'", "DELETE FROM mark_history", "DELETE FROM marks"}) {
    try {
      PgExec(url, sql);
      ADD_FAILURE() << sql << " was allowed";
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find("permission denied"), std::string::npos)
          << error.what();
    }
  }
  store.reset();  // before its role is dropped
}

TEST(PostgresStoreTest, AnEditOfTheTablesBreaksTheChainAtTheEventThatRecordedThem) {
  PgTestDatabase db;
  auto store = Open(db.url());
  SetUpWorkedExam(*store);
  ASSERT_TRUE(store->ImportMarks("E1", std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 1)},
                                 {"J2", "marks.csv"}));
  PgExec(db.admin_url(), "UPDATE marks SET value = 0");
  auto report = store->VerifyAudit("E1");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->problem,
            "audit log broken at event 4 (marks import marks.csv, J2, 2026-04-12T09:30:00Z): the "
            "marks it entered were changed or deleted outside skillscore");
}

// What an exam day writes, on any store.
void RunAnExamDay(ExamStore& store) {
  SetUpWorkedExam(store);
  ASSERT_TRUE(store.ImportMarks(
      "E1",
      std::vector<MarkRow>{Row(2, "C1", kPassFail, "J1", 1), Row(3, "C2", kPassFail, "J3", 0),
                           Row(4, "C2", kJudgement, "J1", 2, "shaky"),
                           NotAttempted(5, "C1", kRanged, "J3"), Row(6, "C1", kPassFail, "J3", 0)},
      {"J2", "marks.csv", "second sitting"}));
  ASSERT_EQ(store.EnterMark("E1", {"C2", kJudgement, "J1", MarkValue{false, 3}}, "recounted",
                            {"J1", "", ""}),
            Change::kChanged);
  ASSERT_TRUE(store.WithdrawMark("E1", "C2", kJudgement, "J1", {"J2", "not her work"}));
  ASSERT_TRUE(store.WithdrawMark("E1", "C1", kPassFail, "", {"J2", "wrong sheet"}));
  ASSERT_EQ(store.EnterMark("E1", {"C1", kPassFail, "J1", MarkValue{false, 1}}, "", {"J1", "", ""}),
            Change::kChanged);  // the tombstone is replaced
  ASSERT_TRUE(
      store.ImportJudges("E1", std::vector<Judge>{{"J3", "Jim", "College 5", JudgeRole::kExpert}}));
  ASSERT_EQ(store.SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "came"}),
            Change::kChanged);
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""},
                                     [](const ExamData&, std::string_view) { return true; }));
  ASSERT_TRUE(store.IssuePassports(
      "E1", std::vector<StoredPassport>{{"P-1", "", "C1", "{}", "m", "r", "2026-04-12"}},
      {"J2", ""}));
  ASSERT_TRUE(store.RevokePassport("P-1", {"J2", "typo"}));
}

// The chain of an exam is the same bytes on SQLite and on PostgreSQL (audit_chain.h).
TEST(PostgresStoreTest, AnExamsChainHasTheSameHashesAsOnSqlite) {
  ::skillscore::testing::TempDir dir;
  SqliteStoreOptions options;
  options.clock = [] { return FixedTime(); };
  options.actor = "A0";
  auto sqlite = OpenSqliteStore(dir.File("exam.db"), options);
  ASSERT_TRUE(sqlite.has_value());
  PgTestDatabase db;
  auto postgres = Open(db.url());
  RunAnExamDay(**sqlite);
  RunAnExamDay(*postgres);
  auto there = (*sqlite)->VerifyAudit("E1");
  auto here = postgres->VerifyAudit("E1");
  ASSERT_TRUE(here.has_value() && there.has_value());
  EXPECT_EQ(here->problem, std::nullopt);
  EXPECT_EQ(here->events, 14u);
  EXPECT_EQ(here->events, there->events);
  EXPECT_EQ(here->head, there->head);
  EXPECT_EQ(postgres->History("E1", {}).value(), (*sqlite)->History("E1", {}).value());
  EXPECT_EQ(postgres->VerifyAudit(std::nullopt)->head, (*sqlite)->VerifyAudit(std::nullopt)->head);
  EXPECT_EQ(Describe(postgres->LoadExamData("E1")->sheets),
            Describe((*sqlite)->LoadExamData("E1")->sheets));
}

// 16 writers, each with its own connection: 8 on exam E1 (two per candidate × aspect, so that
// they also overwrite each other) and 8 on exams of their own.
TEST(PostgresStoreTest, ManyWritersLoseNothingAndForkNoChain) {
  PgTestDatabase db;
  auto setup = Open(db.url());
  SetUpWorkedExam(*setup);
  for (int exam = 2; exam <= 9; ++exam) {
    std::string id = "E" + std::to_string(exam);
    ASSERT_TRUE(setup->CreateExam({id, "09.02.07-2026-PU", std::nullopt, "", "", "J2", ""}));
    ASSERT_TRUE(setup->ImportCandidates(
        id, std::vector<Candidate>{{"C1", "Ann", "College 1", CandidateStatus::kPresent}}));
    ASSERT_TRUE(setup->ImportJudges(
        id, std::vector<Judge>{{"J1", "Jan", "College 3", JudgeRole::kExpert}}));
  }
  constexpr int kMarksPerWriter = 20;
  std::atomic<int> failures = 0;
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 16; ++writer) {
    writers.emplace_back([&, writer] {
      auto store = Open(db.url());
      const bool shared = writer < 8;
      const std::string exam = shared ? "E1" : "E" + std::to_string(writer - 6);
      const std::string judge = shared ? std::vector<std::string>{"J1", "J3"}[writer % 2] : "J1";
      for (int i = 0; i < kMarksPerWriter; ++i) {
        MarkEntry entry{"C1", kJudgement, judge, MarkValue{false, Rational(i % 4)}};
        if (!store->EnterMark(exam, entry, "", {judge, "", ""})) ++failures;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(failures, 0);
  // Every entry is one event: 5 of the set-up, 3 per other exam, and one per mark.
  auto report = setup->VerifyAudit(std::nullopt);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->problem, std::nullopt);
  EXPECT_EQ(report->events, 4u + 8u * 3u + 16u * kMarksPerWriter);
  EXPECT_EQ(PgValue(db.url(), "SELECT sum(rows) FROM mark_batches"),
            std::to_string(16 * kMarksPerWriter));
  // Each writer's last value (19 % 4 = 3) counts; E1's two judges each have one current mark, in
  // the order their first marks happened to come.
  std::vector<PanelScore> panel = setup->LoadExamData("E1")->sheets[0].aspects[kJudgement].panel;
  ASSERT_EQ(panel.size(), 2u);
  EXPECT_EQ(panel[0].judge == "J1" ? panel[1].judge : panel[0].judge, "J3");
  EXPECT_EQ(panel[0].score, 3);
  EXPECT_EQ(panel[1].score, 3);
  EXPECT_EQ(PgValue(db.url(), "SELECT count(*) FROM marks"), "10");
  // Every mark added or changed is either current or in the history, exactly once. A writer of
  // an exam of its own changes its mark with every entry (0, 1, 2, 3, 0, …).
  EXPECT_EQ(PgValue(db.url(), "SELECT sum(added + changed) FROM mark_batches"),
            PgValue(db.url(),
                    "SELECT (SELECT count(*) FROM marks) + "
                    "(SELECT count(*) FROM mark_history)"));
  EXPECT_EQ(PgValue(db.url(),
                    "SELECT count(*) FROM mark_history h JOIN candidates c ON "
                    "c.id = h.candidate JOIN exams e ON e.id = c.exam "
                    "WHERE e.code <> 'E1'"),
            std::to_string(8 * (kMarksPerWriter - 1)));
}

TEST(PostgresStoreTest, ALostConnectionLeavesNothingOfTheImport) {
  PgTestDatabase db;
  auto store = Open(db.url());
  SetUpWorkedExam(*store);
  const std::string backends =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name() +
      "' AND pid <> pg_backend_pid()";
  auto rows = [&](const MarkRowSink& take) {
    take(Row(2, "C1", kPassFail, "J1", 1));
    PgExec(db.admin_url(), backends);  // as if the network failed mid-file
    take(Row(3, "C2", kPassFail, "J1", 1));
    return true;
  };
  auto counts = store->ImportMarkStream("E1", rows, {"J2", "marks.csv"});
  ASSERT_FALSE(counts.has_value());
  EXPECT_EQ(counts.error().kind, Kind::kStorage);
  EXPECT_TRUE(counts.error().message.starts_with("lost the connection to PostgreSQL server " +
                                                 ServerName(db) + " ("))
      << counts.error().message;
  EXPECT_EQ(PgValue(db.url(), "SELECT count(*) FROM marks"), "0");
  EXPECT_EQ(Open(db.url())->VerifyAudit(std::nullopt)->events, 4u);
}

TEST(PostgresStoreTest, AServerThatCannotBeReachedIsNamedWithoutThePassword) {
  auto store = OpenPostgresStore("postgresql://judge:s3cret-pass@127.0.0.1:1/exams");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_TRUE(store.error().message.starts_with(
      "cannot connect to PostgreSQL server 127.0.0.1:1, database exams: "))
      << store.error().message;
  EXPECT_EQ(store.error().message.find("s3cret-pass"), std::string::npos);
}

TEST(PostgresStoreTest, AWrongPasswordIsRefusedWithoutPrintingIt) {
  const testing::PgServer& server = testing::SharedPgServer();
  if (server.password.empty()) GTEST_SKIP() << "the developer's server takes no password";
  std::string url = "postgresql://" + server.user + ":not-" + server.password + "@" + server.host +
                    ":" + server.port + "/postgres";
  auto store = OpenPostgresStore(url);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().kind, Kind::kStorage);
  EXPECT_TRUE(store.error().message.starts_with("cannot connect to PostgreSQL server " +
                                                server.host + ":" + server.port +
                                                ", database postgres: "))
      << store.error().message;
  EXPECT_NE(store.error().message.find("password authentication failed"), std::string::npos);
  EXPECT_EQ(store.error().message.find(server.password), std::string::npos);
}

}  // namespace
}  // namespace skillscore
