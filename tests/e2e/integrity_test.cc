// Sign-off, candidate status and the audit log through the command line (scoring.md §6–§7):
// lock and unlock, refused marks, final results, history, `audit verify` against tampering done
// with the real sqlite3 shell, and a bulk import killed with SIGKILL.
//
// Tampering is done as an attacker would: the append-only triggers refuse UPDATE and DELETE, so
// the shell first drops them (kDropGuards), then edits the tables. Times in outputs are replaced
// by "T" (WithoutTimes): the command line records the real clock.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "db_support.h"

namespace skillscore::testing {
namespace {

constexpr char kDropGuards[] =
    "DROP TRIGGER audit_events_keep_events; DROP TRIGGER audit_events_keep_all; "
    "DROP TRIGGER mark_history_keep_entries; DROP TRIGGER mark_history_keep_all; "
    "DROP TRIGGER marks_keep_all; ";

// How `audit verify` names the import of marks.csv (after " audit log broken").
constexpr char kMarksEvent[] = " at event 4 (marks import integrity/marks.csv, J2, T): ";

// The sqlite3 shell, found on PATH as a user would run it.
std::string SqliteShell() {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin";
  for (std::size_t begin = 0; begin <= path.size();) {
    std::size_t end = std::min(path.find(':', begin), path.size());
    std::filesystem::path candidate =
        std::filesystem::path(path.substr(begin, end - begin)) / "sqlite3";
    if (std::filesystem::exists(candidate)) return candidate;
    begin = end + 1;
  }
  return "sqlite3";
}

std::string WithoutTimes(const std::string& text) {
  // UTC for machines, the exam's zone (UTC here: cli_support.h) to the minute for people.
  static const std::regex kTime(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|(\d{4}-\d\d-\d\d|\d\d\.\d\d\.\d{4}) \d\d:\d\d UTC)");
  return std::regex_replace(text, kTime, "T");
}

class IntegrityTest : public DbTest {
 protected:
  void SetUp() override { SetUpLocksExam(); }

  // The sqlite3 shell on this test's database; its output.
  std::string Shell(const std::string& sql) {
    RunResult run = testing::Run(SqliteShell(), {db_, sql});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }

  // "final" or "provisional", from `results --format json`.
  std::string Status() {
    RunResult results = Db({"results", "E1", "--format", "json"});
    EXPECT_EQ(results.exit_code, 0) << results.err;
    const std::string& json = results.out;
    std::size_t begin = json.find("\"status\": \"") + 11;
    return json.substr(begin, json.find('"', begin) - begin);
  }

  void ExpectBroken(const std::string& err) {
    RunResult run = Db({"audit", "verify"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(WithoutTimes(run.err), "skillscore: error: audit log broken" + err + "\n");
  }
};

TEST_F(IntegrityTest, ALockOfAnIncompleteSubcriterionIsRefusedListingWhatBlocksIt) {
  ExpectRefused(Db({"lock", "E1", "A2", "--as", "K0"}),
                "skillscore: error: sub-criterion A2 of exam E1 cannot be locked: 1 marks "
                "missing, 0 panels disputed\n"
                "skillscore: error: C1 A2.1 no mark\n");
}

TEST_F(IntegrityTest, ALockOfADisputedSubcriterionIsRefused) {
  Ok({"mark", "E1", "C1", "A1.2", "0", "--as", "J1"});
  ExpectRefused(Db({"lock", "E1", "A1", "--as", "K0"}),
                "skillscore: error: sub-criterion A1 of exam E1 cannot be locked: 0 marks "
                "missing, 1 panels disputed\n"
                "skillscore: error: C1 A1.2 disputed (scores 0, 2, 3)\n");
}

TEST_F(IntegrityTest, OnlyAChiefExpertMayLock) {
  ExpectRefused(Db({"lock", "E1", "A1", "--as", "J1"}),
                "skillscore: error: J1 is an expert of exam E1; only a chief expert may lock a "
                "sub-criterion\n");
  RunResult nobody = Db({"lock", "E1", "A1"}, WithEnv({{"SKILLSCORE_JUDGE", ""}}));
  EXPECT_EQ(nobody.exit_code, 2);
  EXPECT_EQ(nobody.err,
            "skillscore: error: who is acting? every change is recorded in the name of a judge "
            "of exam E1\n"
            "skillscore: error: say who is acting with --as JUDGE or SKILLSCORE_JUDGE\n");
  ExpectRefused(Db({"lock", "E1", "A1", "--as", "J9"}),
                "skillscore: error: J9 is not a judge of exam E1\n");
  RunResult chief = Db({"lock", "E1", "A1"}, WithEnv({{"SKILLSCORE_JUDGE", "J2"}}));
  EXPECT_EQ(chief.exit_code, 0) << chief.err;
}

TEST_F(IntegrityTest, ALockedSubcriterionRefusesMarksSinglyAndInBulk) {
  Ok({"lock", "E1", "A1", "--as", "J2"});
  std::string locked = "sub-criterion A1 is locked (signed off by J2 at T): the mark of C1 for ";
  RunResult single = Db({"mark", "E1", "C1", "A1.1", "no", "--as", "J1"});
  EXPECT_EQ(single.exit_code, 1);
  EXPECT_EQ(WithoutTimes(single.err), "skillscore: error: " + locked +
                                          "A1.1 is refused; only the chief expert can unlock it\n");
  RunResult bulk = Db({"marks", "import", "E1", "integrity/late.csv", "--as", "J2"});
  EXPECT_EQ(bulk.exit_code, 1);
  EXPECT_EQ(WithoutTimes(bulk.err), "skillscore: error: integrity/late.csv:3: " + locked +
                                        "A1.1 is refused; only the chief expert can unlock it\n");
  EXPECT_EQ(Shell("SELECT count(*) FROM marks"), "4\n");  // not even late.csv's A2.1
}

TEST_F(IntegrityTest, UnlockingNeedsAReason) {
  Ok({"lock", "E1", "A1", "--as", "K0"});
  RunResult no_option = Db({"unlock", "E1", "A1", "--as", "K0"});
  EXPECT_EQ(no_option.exit_code, 2);
  EXPECT_EQ(no_option.err,
            "skillscore: error: missing option '--reason'\nsee 'skillscore unlock --help'\n");
  ExpectRefused(Db({"unlock", "E1", "A1", "--reason", " ", "--as", "K0"}),
                "skillscore: error: a reason is required to unlock sub-criterion A1\n"
                "skillscore: error: give the reason with --reason TEXT\n");
  ExpectRefused(Db({"unlock", "E1", "A1", "--reason", "typo", "--as", "J3"}),
                "skillscore: error: J3 is an expert of exam E1; only a chief expert may unlock a "
                "sub-criterion\n");
  Ok({"unlock", "E1", "A1", "--reason", "J1 mistyped A1.1", "--as", "K0"});
  Ok({"mark", "E1", "C1", "A1.1", "no", "--as", "J1"});
}

TEST_F(IntegrityTest, ResultsAreProvisionalUntilEverySubcriterionIsLocked) {
  EXPECT_EQ(Status(), "provisional");
  Ok({"mark", "E1", "C1", "A2.1", "3", "--as", "J1"});
  Ok({"lock", "E1", "A1", "--as", "K0"});
  EXPECT_EQ(Status(), "provisional");  // complete, but A2 is not signed off
  Ok({"lock", "E1", "A2", "--as", "K0"});
  EXPECT_EQ(Status(), "final");
}

TEST_F(IntegrityTest, TheChiefChangesACandidatesStatusAndTheChangeIsAudited) {
  ExpectRefused(
      Db({"candidate", "status", "E1", "C2", "present", "--reason", "came", "--as", "J1"}),
      "skillscore: error: J1 is an expert of exam E1; only a chief expert may change a "
      "candidate's status\n");
  RunResult bad = Db({"candidate", "status", "E1", "C2", "here", "--reason", "came"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "skillscore: error: invalid status 'here': expected present, absent, withdrawn or "
            "disqualified\nsee 'skillscore candidate status --help'\n");
  Ok({"candidate", "status", "E1", "C2", "present", "--reason", "arrived late", "--as", "K0"});
  RunResult history = Db({"history", "E1", "--candidate", "C2", "--format", "csv"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(WithoutTimes(history.out),
            "event,at,actor,action,file,candidate,subcriterion,aspect,judge,old,new,reason\n"
            "5,T,K0,status,,C2,,,,absent,present,arrived late\n");
  EXPECT_EQ(Shell("SELECT status FROM candidates WHERE code = 'C2'"), "present\n");
}

TEST_F(IntegrityTest, HistoryShowsTheTrailInEveryFormat) {
  Ok({"mark", "E1", "C1", "A1.1", "no", "--as", "J1", "--reason", "recounted"});
  Ok({"lock", "E1", "A1", "--as", "K0"});
  Ok({"unlock", "E1", "A1", "--reason", "recount was wrong", "--as", "K0"});
  Ok({"mark", "E1", "C1", "A1.1", "yes", "--as", "J1"});
  RunResult csv = Db({"history", "E1", "--aspect", "A1.1", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(WithoutTimes(csv.out),
            "event,at,actor,action,file,candidate,subcriterion,aspect,judge,old,new,reason\n"
            "4,T,J2,mark,integrity/marks.csv,C1,A1,A1.1,J1,,yes,\n"
            "5,T,J1,mark,,C1,A1,A1.1,J1,yes,no,recounted\n"
            "6,T,K0,lock,,,A1,,,,,\n"
            "7,T,K0,unlock,,,A1,,,,,recount was wrong\n"
            "8,T,J1,mark,,C1,A1,A1.1,J1,no,yes,\n");
  RunResult json =
      Db({"history", "E1", "--candidate", "C1", "--aspect", "A1.2", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(WithoutTimes(json.out),
            "[\n"
            "  { \"event\": \"4\", \"at\": \"T\", \"actor\": \"J2\", \"action\": \"mark\", "
            "\"file\": \"integrity/marks.csv\", \"candidate\": \"C1\", \"subcriterion\": \"A1\", "
            "\"aspect\": \"A1.2\", \"judge\": \"J1\", \"old\": \"\", \"new\": \"2\", \"reason\": "
            "\"\" },\n"
            "  { \"event\": \"4\", \"at\": \"T\", \"actor\": \"J2\", \"action\": \"mark\", "
            "\"file\": \"integrity/marks.csv\", \"candidate\": \"C1\", \"subcriterion\": \"A1\", "
            "\"aspect\": \"A1.2\", \"judge\": \"J2\", \"old\": \"\", \"new\": \"2\", \"reason\": "
            "\"\" },\n"
            "  { \"event\": \"4\", \"at\": \"T\", \"actor\": \"J2\", \"action\": \"mark\", "
            "\"file\": \"integrity/marks.csv\", \"candidate\": \"C1\", \"subcriterion\": \"A1\", "
            "\"aspect\": \"A1.2\", \"judge\": \"J3\", \"old\": \"\", \"new\": \"3\", \"reason\": "
            "\"\" }\n"
            "]\n");
  RunResult table = Db({"history", "E1", "--aspect", "A1.1"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(WithoutTimes(table.out),
            "Event  Time                  Who  Action  File                 Candidate  "
            "Sub-criterion  Aspect  Judge  Old  New  Reason\n"
            "    4  T  J2   mark    integrity/marks.csv  C1         A1             A1.1    J1      "
            "    yes\n"
            "    5  T  J1   mark                         C1         A1             A1.1    J1     "
            "yes  no   recounted\n"
            "    6  T  K0   lock                                    A1\n"
            "    7  T  K0   unlock                                  A1                             "
            "         recount was wrong\n"
            "    8  T  J1   mark                         C1         A1             A1.1    J1     "
            "no   yes\n");
  RunResult russian = Db({"history", "E1", "--aspect", "A1.1", "--lang", "ru"});
  EXPECT_EQ(russian.exit_code, 0) << russian.err;
  EXPECT_EQ(WithoutTimes(russian.out),
            "Событие  Время                 Кто  Действие       Файл                 Участник  "
            "Подкритерий  Аспект  Эксперт  Было  Стало  Причина\n"
            "      4  T  J2   оценка         integrity/marks.csv  C1        A1           A1.1    "
            "J1             yes\n"
            "      5  T  J1   оценка                              C1        A1           A1.1    "
            "J1       yes   no     recounted\n"
            "      6  T  K0   блокировка                                    A1\n"
            "      7  T  K0   разблокировка                                 A1                     "
            "                    recount was wrong\n"
            "      8  T  J1   оценка                              C1        A1           A1.1    "
            "J1       no    yes\n");
}

TEST_F(IntegrityTest, AnIntactLogVerifies) {
  RunResult run = Db({"audit", "verify", "E1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::string head = Shell("SELECT hash FROM audit_events WHERE id = 5");
  EXPECT_EQ(run.out, "audit log intact: 4 events, last hash " + head);  // the rubric's is apart
}

TEST_F(IntegrityTest, TheDatabaseRefusesToChangeTheLog) {
  RunResult update =
      testing::Run(SqliteShell(), {db_, "UPDATE audit_events SET actor = 'X' WHERE id = 5"});
  EXPECT_NE(update.exit_code, 0);
  EXPECT_EQ(update.err,
            "Error: stepping, the audit log is append-only: its events cannot be changed (19)\n");
  RunResult remove = testing::Run(SqliteShell(), {db_, "DELETE FROM marks"});
  EXPECT_EQ(remove.err,
            "Error: stepping, marks cannot be deleted: enter a new value instead (19)\n");
  EXPECT_EQ(Db({"audit", "verify"}).exit_code, 0);
}

TEST_F(IntegrityTest, AMarkChangedWithTheShellIsDetected) {
  Shell(std::string(kDropGuards) +
        "DROP TRIGGER marks_keep_replaced; UPDATE marks SET value = 3 WHERE judge = 1 AND "
        "aspect = 1");
  ExpectBroken(std::string(kMarksEvent) +
               "the marks it entered were changed or deleted outside skillscore");
}

TEST_F(IntegrityTest, AMarkDeletedWithTheShellIsDetected) {
  Shell(std::string(kDropGuards) + "DELETE FROM marks WHERE judge = 3");
  ExpectBroken(std::string(kMarksEvent) +
               "the marks it entered were changed or deleted outside skillscore");
}

TEST_F(IntegrityTest, AnEventDeletedWithTheShellIsDetected) {
  Shell(std::string(kDropGuards) + "DELETE FROM audit_events WHERE id = 3");
  ExpectBroken(" at event 3 (judges import, K0, T): 1 event(s) before it are missing (deleted)");
}

TEST_F(IntegrityTest, AnEventEditedWithTheShellIsDetected) {
  Shell(std::string(kDropGuards) + "UPDATE audit_events SET actor = 'J1' WHERE id = 5");
  ExpectBroken(
      " at event 4 (marks import integrity/marks.csv, J1, T): the event was changed after it "
      "was written (its hash does not match its content)");
}

TEST_F(IntegrityTest, EventsReorderedWithTheShellAreDetected) {
  Shell(std::string(kDropGuards) +
        "UPDATE audit_events SET seq = 100 WHERE id = 3; "
        "UPDATE audit_events SET seq = 2 WHERE id = 4; "
        "UPDATE audit_events SET seq = 3 WHERE id = 3;");
  ExpectBroken(
      " at event 2 (judges import, K0, T): it does not follow the event before it (events were "
      "deleted, inserted or reordered)");
}

TEST_F(IntegrityTest, AStatusChangedWithTheShellIsDetected) {
  Shell("UPDATE candidates SET status = 'present' WHERE code = 'C2'");
  ExpectBroken(
      " at event 2 (candidates import, K0, T): the candidates of exam E1 no longer match what it "
      "recorded; they were changed outside skillscore");
}

// Starts the skillscore binary with `args` in the background, output discarded.
pid_t Start(const std::vector<std::string>& args) {
  std::vector<std::string> all = {BinaryPath()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// A kill -9 at any moment of a bulk import leaves all of it or none of it: one run to the end
// measures how long an import takes, then imports are killed after random delays within that.
TEST_F(IntegrityTest, AKilledImportLeavesAllOrNothing) {
  constexpr int kCandidates = 20000;
  constexpr int kRowsPerCandidate = 5;
  std::string candidates = dir_.File("many-candidates.csv");
  std::string marks = dir_.File("many-marks.csv");
  {
    std::ofstream people(candidates);
    std::ofstream rows(marks);
    people << "id,name,organization\n";
    rows << "candidate,aspect,judge,value\n";
    for (int c = 0; c < kCandidates; ++c) {
      std::string id = "K" + std::to_string(10000 + c);
      people << id << ",,"
             << "College 9\n";
      rows << id << ",A1.1,J1,yes\n"
           << id << ",A1.2,J1,2\n"
           << id << ",A1.2,J2,2\n"
           << id << ",A1.2,J3,3\n"
           << id << ",A2.1,J1," << c % 5 << "\n";
    }
  }
  Ok({"candidates", "import", "E1", candidates, "--as", "K0"});
  Shell("PRAGMA wal_checkpoint(TRUNCATE)");
  std::string before = dir_.File("before.db");
  std::filesystem::copy_file(db_, before);
  std::vector<std::string> import = {"--db", db_, "marks", "import", "E1", marks, "--as", "J2"};
  const std::string all = std::to_string(4 + kCandidates * kRowsPerCandidate) + "\n";

  auto started = std::chrono::steady_clock::now();
  int status = 0;
  waitpid(Start(import), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  auto duration = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(Shell("SELECT count(*) FROM marks"), all);

  std::random_device seed;
  unsigned trial_seed = seed();
  std::mt19937 random(trial_seed);
  std::uniform_int_distribution<std::int64_t> delay_us(
      0, std::chrono::duration_cast<std::chrono::microseconds>(duration).count());
  for (int trial = 0; trial < 4; ++trial) {
    SCOPED_TRACE("seed " + std::to_string(trial_seed) + ", trial " + std::to_string(trial));
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_ + suffix);
    std::filesystem::copy_file(before, db_);
    pid_t pid = Start(import);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    std::string count = Shell("SELECT count(*) FROM marks");
    EXPECT_TRUE(count == "4\n" || count == all) << count;
    EXPECT_EQ(Shell("PRAGMA integrity_check"), "ok\n");
    RunResult verify = Db({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.err;
  }
}

}  // namespace
}  // namespace skillscore::testing
