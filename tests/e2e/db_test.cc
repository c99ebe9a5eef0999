// The exam-database commands one by one (shared/spec/cli.md): rubric import / list / show,
// exam create / list, candidates and judges import, mark, the database options and exit codes
// (1 refused or not found, 2 usage, 3 storage failure). Imports of marks, status and results
// have their own files (db_import_test.cc, db_results_test.cc).
#include <gtest/gtest.h>

#include <regex>

#include "db_support.h"
#include "json_reader.h"

namespace skillscore::testing {
namespace {

const std::regex kTimestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");

std::string Sha256() { return RubricSha256(E2eDataPath("exam.yaml")); }

// --- rubric import / list / show -----------------------------------------------------------

TEST_F(DbTest, RubricImportCreatesTheDatabaseSilently) {
  ASSERT_FALSE(DatabaseExists());
  Ok({"rubric", "import", "exam.yaml"});
  EXPECT_TRUE(DatabaseExists());
}

TEST_F(DbTest, RubricImportSaysWhatItDidWithVerbose) {
  RunResult first = Db({"rubric", "import", "exam.yaml", "-v"});
  EXPECT_EQ(first.exit_code, 0);
  EXPECT_EQ(first.err, "skillscore: info: rubric T-EXAM@1 imported (sha256 " + Sha256() + ")\n");
  RunResult again = Db({"rubric", "import", "exam.yaml", "-v"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.err,
            "skillscore: info: rubric T-EXAM@1 is already imported with the same content\n");
}

TEST_F(DbTest, RubricImportOfOtherContentUnderTheSameVersionIsRefused) {
  Ok({"rubric", "import", "exam.yaml"});
  std::string changed = ReadFile(E2eDataPath("exam.yaml"));
  changed.replace(changed.find("max: 1.5"), 8, "max: 1.0");
  changed.replace(changed.find("max: 2.5"), 8, "max: 3.0");
  WriteFile(dir_.File("changed.yaml"), changed);
  RunResult run = Db({"rubric", "import", dir_.File("changed.yaml")});
  ExpectRefused(run,
                "skillscore: error: rubric T-EXAM@1 is already imported with different "
                "content (SHA-256 " +
                    Sha256() + ", this file " + RubricSha256(dir_.File("changed.yaml")) +
                    "): give the changed rubric a new version\n");
  RunResult shown = Db({"rubric", "show", "T-EXAM@1"});
  EXPECT_EQ(shown.out, ReadFile(E2eDataPath("exam.yaml")));
}

TEST_F(DbTest, ABrokenRubricIsRefusedAndCreatesNoDatabase) {
  RunResult run = Db({"rubric", "import", "bad-rubric.yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.substr(0, run.err.find(':')), "bad-rubric.yaml");
  EXPECT_FALSE(DatabaseExists());
}

TEST_F(DbTest, RubricListInEveryFormat) {
  Ok({"rubric", "import", "exam.yaml"});
  RunResult csv = Db({"rubric", "list", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 0);
  std::string prefix =
      "code,version,title,sha256,imported_at\nT-EXAM,1,Тестовый экзамен," + Sha256() + ",";
  ASSERT_EQ(csv.out.substr(0, prefix.size()), prefix);
  EXPECT_TRUE(std::regex_match(csv.out.substr(prefix.size()), std::regex(R"(\S+Z\n)")));

  JsonValue json = ParseJson(Db({"rubric", "list", "--format", "json"}).out);
  ASSERT_EQ(json.items.size(), 1u);
  EXPECT_EQ(json.items[0].keys,
            (std::vector<std::string>{"code", "version", "title", "sha256", "imported_at"}));
  EXPECT_EQ(json.items[0]["title"].text, "Тестовый экзамен");
  EXPECT_TRUE(std::regex_match(json.items[0]["imported_at"].text, kTimestamp));

  RunResult table = Db({"rubric", "list"});
  EXPECT_EQ(
      table.out.substr(0, table.out.find('\n')),
      "Code    Version  Title             SHA-256" + std::string(64 - 7 + 2, ' ') + "Imported");
}

TEST_F(DbTest, RubricShowPrintsTheStoredYamlOrASummary) {
  Ok({"rubric", "import", "exam.yaml"});
  RunResult yaml = Db({"rubric", "show", "T-EXAM"});
  EXPECT_EQ(yaml.exit_code, 0);
  EXPECT_EQ(yaml.out, ReadFile(E2eDataPath("exam.yaml")));

  RunResult summary = Db({"rubric", "show", "T-EXAM@1", "--format", "json"});
  EXPECT_EQ(summary.exit_code, 0);
  JsonValue json = ParseJson(summary.out);
  EXPECT_EQ(json["code"].text, "T-EXAM");
  EXPECT_EQ(json["version"].text, "1");
  EXPECT_EQ(json["sha256"].text, Sha256());
  EXPECT_EQ(json["kind"].text, "exam");
  EXPECT_EQ(json["max"].text, "10");
  EXPECT_EQ(json["aspects"].text, "5");
  ASSERT_EQ(json["modules"].items.size(), 2u);
  const JsonValue& module_b = json["modules"].items[1];
  EXPECT_EQ(module_b["id"].text, "B");
  EXPECT_EQ(module_b["max"].text, "3");
  EXPECT_EQ(summary.out.substr(summary.out.find("{ \"id\": \"B1\"")),
            "{ \"id\": \"B1\", \"title\": \"Тесты\", \"day\": null, \"aspects\": 2, \"max\": 3 }\n"
            "      ]\n    }\n  ]\n}\n");
}

TEST_F(DbTest, RubricShowRefusesCsvAndUnknownRubrics) {
  Ok({"rubric", "import", "exam.yaml"});
  RunResult csv = Db({"rubric", "show", "T-EXAM", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 2);
  EXPECT_EQ(csv.err,
            "skillscore: error: rubric show prints the rubric's YAML, or a summary with --format "
            "json; there is no CSV form\nsee 'skillscore rubric show --help'\n");
  ExpectRefused(Db({"rubric", "show", "T-EXAM@2"}),
                "skillscore: error: rubric T-EXAM@2 is not in the database; import it with "
                "`skillscore rubric import FILE`\n");
}

// --- exam create / list --------------------------------------------------------------------

TEST_F(DbTest, ExamCreateAndList) {
  Ok({"rubric", "import", "exam.yaml"});
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM", "--date", "2026-04-12", "--site",
      "Колледж №1, ауд. 12", "--chief", "E1"});
  RunResult csv = Db({"exam", "list", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 0);
  std::string prefix =
      "id,rubric,version,date,site,chief,created_at,timezone\n"
      "T-2026-01,T-EXAM,1,2026-04-12,\"Колледж №1, ауд. 12\",E1,";
  ASSERT_EQ(csv.out.substr(0, prefix.size()), prefix);
  EXPECT_TRUE(std::regex_match(csv.out.substr(prefix.size(), 20), kTimestamp));
  EXPECT_EQ(csv.out.substr(prefix.size() + 20), ",UTC\n");  // TZ=UTC: cli_support.h

  RunResult table = Db({"exam", "list", "--lang", "ru"});
  EXPECT_EQ(table.out.substr(0, table.out.find('\n')),
            "Экзамен    Схема оценки  Версия  Дата        Место                Главный эксперт  "
            "Создан                Часовой пояс");
}

TEST_F(DbTest, ExamCreateRefusesWhatCannotBe) {
  Ok({"rubric", "import", "exam.yaml"});
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM@1"});
  ExpectRefused(Db({"exam", "create", kExam, "--rubric", "T-EXAM@1"}),
                "skillscore: error: exam T-2026-01 already exists (rubric T-EXAM@1)\n");
  ExpectRefused(Db({"exam", "create", "T-2026-02", "--rubric", "T-OTHER"}),
                "skillscore: error: rubric T-OTHER is not in the database; import it with "
                "`skillscore rubric import FILE`\n");
}

TEST_F(DbTest, ExamCreateChecksTheDate) {
  Ok({"rubric", "import", "exam.yaml"});
  for (const char* date :
       {"2026-4-12", "12.4.2026", "30.02.2026", "2026-02-30", "2026-13-01", "2026-04-12T10:00"}) {
    RunResult run = Db({"exam", "create", kExam, "--rubric", "T-EXAM", "--date", date});
    EXPECT_EQ(run.exit_code, 2) << date;
    EXPECT_EQ(run.err, std::string("skillscore: error: invalid date '") + date +
                           "': expected a date as YYYY-MM-DD or DD.MM.YYYY\nsee 'skillscore exam "
                           "create --help'\n");
  }
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM", "--date", "2028-02-29"});
}

// A Russian date is stored as ISO and shown in the Russian form to people.
TEST_F(DbTest, ExamCreateTakesARussianDate) {
  Ok({"rubric", "import", "exam.yaml"});
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM", "--date", "13.04.2026"});
  RunResult json = Db({"exam", "list", "--format", "json"});
  EXPECT_NE(json.out.find("\"date\": \"2026-04-13\""), std::string::npos) << json.out;
  RunResult table = Db({"exam", "list", "--lang", "ru"});
  EXPECT_NE(table.out.find(" 13.04.2026 "), std::string::npos) << table.out;
  RunResult english = Db({"exam", "list", "--lang", "en"});
  EXPECT_NE(english.out.find(" 2026-04-13 "), std::string::npos) << english.out;
}

TEST_F(DbTest, ExamListWithoutADatabaseSaysHowToCreateIt) {
  ExpectRefused(Db({"exam", "list"}), "skillscore: error: database " + db_ +
                                          " does not exist; `skillscore rubric import FILE` "
                                          "creates it\n");
  EXPECT_FALSE(DatabaseExists());
}

// --- candidates and judges ------------------------------------------------------------------

TEST_F(DbTest, PeopleImportsCountWhatChanged) {
  Ok({"rubric", "import", "exam.yaml"});
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM@1"});
  RunResult first = Db({"-v", "candidates", "import", kExam, "candidates.csv"});
  EXPECT_EQ(first.exit_code, 0);
  EXPECT_EQ(first.err,
            "skillscore: info: candidates.csv: candidates: 4 added, 0 changed, 0 unchanged\n");
  std::string changed = ReadFile(E2eDataPath("candidates.csv"));
  const std::string absent = "Колледж №2,absent";
  changed.replace(changed.find(absent), absent.size(), "Колледж №2,present");
  WriteFile(dir_.File("candidates.csv"), changed);
  RunResult again = Db({"-v", "candidates", "import", kExam, dir_.File("candidates.csv")});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.err, "skillscore: info: " + dir_.File("candidates.csv") +
                           ": candidates: 0 added, 1 changed, 3 unchanged\n");
  RunResult judges = Db({"-v", "judges", "import", kExam, "judges.csv"});
  EXPECT_EQ(judges.exit_code, 0);
  EXPECT_EQ(judges.err, "skillscore: info: judges.csv: judges: 4 added, 0 changed, 0 unchanged\n");
}

TEST_F(DbTest, ABadPeopleFileIsRefusedWhole) {
  CreateExam();
  std::string before = ResultsJson();
  ExpectRefused(Db({"candidates", "import", kExam, "candidates-bad.csv"}),
                "candidates-bad.csv:2: error: status \"sick\" is unknown: expected present, "
                "absent, withdrawn or disqualified\n"
                "candidates-bad.csv:3: error: id \"C1\" is already used on line 2\n");
  EXPECT_EQ(ResultsJson(), before);
  ExpectRefused(Db({"judges", "import", kExam, "no-such-file.csv"}),
                "no-such-file.csv: error: cannot read the file: no such file\n");
}

TEST_F(DbTest, PeopleOfAnUnknownExamAreRefused) {
  Ok({"rubric", "import", "exam.yaml"});
  ExpectRefused(Db({"judges", "import", "T-2026-09", "judges.csv"}),
                "skillscore: error: exam T-2026-09 does not exist; create it with `skillscore "
                "exam create`\n");
}

// --- mark ----------------------------------------------------------------------------------

TEST_F(DbTest, MarkEntersOneMarkSilently) {
  CreateExam();
  Ok({"mark", kExam, "C1", "A1.1", "yes", "--judge", "E1"});
  EXPECT_EQ(Entries(), std::vector<std::string>{"C1 A1.1 E1 1"});
}

TEST_F(DbTest, EveryRefusedMarkNamesTheRuleAndWritesNothing) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  std::string results = ResultsJson();
  std::vector<std::string> entries = Entries();
  struct Case {
    std::vector<std::string> mark;  // CANDIDATE ASPECT VALUE JUDGE
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{
           {{"C1", "A1.2", "5", "E1"},
            "value \"5\" for aspect A1.2 is out of range: expected a whole number from 0 to 4"},
           {{"C1", "A1.2", "2.5", "E1"},
            "value \"2.5\" for aspect A1.2 is not a whole number: expected a whole number from 0 "
            "to 4"},
           {{"C1", "A1.2", "abc", "E1"},
            "value \"abc\" for aspect A1.2 is not a whole number: expected a whole number from 0 "
            "to 4"},
           {{"C1", "A1.3", "4", "E1"},
            "value \"4\" for aspect A1.3 is out of range: expected a whole number from 0 to 3"},
           {{"C1", "A1.3", "na", "E1"},
            "value \"na\" for aspect A1.3 is not allowed: a judgement aspect cannot be marked not "
            "attempted; expected a whole number from 0 to 3"},
           {{"C1", "A9.9", "1", "E1"}, "aspect \"A9.9\" is not in rubric T-EXAM@1"},
           {{"C9", "A1.1", "yes", "E1"}, "candidate \"C9\" is not registered for this exam"},
           {{"C1", "A1.1", "yes", "E9"}, "judge \"E9\" is not registered for this exam"},
           {{"C1", "A1.1", "yes", "E3"},
            "conflict of interest: judge \"E3\" and candidate \"C1\" are both from \"Колледж "
            "№1\"; a judge may not mark a candidate of their own organisation (policy "
            "conflict_of_interest: organization)"},
       }) {
    RunResult run =
        Db({"mark", kExam, c.mark[0], c.mark[1], c.mark[2], "--judge", c.mark[3], "-v"});
    SCOPED_TRACE(c.reason);
    ExpectRefused(run, "skillscore: error: mark refused: " + c.reason + "\n");
  }
  EXPECT_EQ(ResultsJson(), results);
  EXPECT_EQ(Entries(), entries);
}

TEST_F(DbTest, ARefusedMarkIsExplainedInRussian) {
  CreateExam();
  ExpectRefused(Db({"--lang", "ru", "mark", kExam, "C1", "A1.1", "да", "--judge", "E3"}),
                "skillscore: ошибка: оценка отклонена: конфликт интересов: эксперт «E3» и "
                "участник «C1» оба из «Колледж №1»; эксперт не может оценивать участника из "
                "своей организации (политика conflict_of_interest: organization)\n");
}

TEST_F(DbTest, AMarkForAnUnknownExamIsRefused) {
  CreateExam();
  ExpectRefused(Db({"mark", "T-2026-09", "C1", "A1.1", "yes", "--judge", "E1"}),
                "skillscore: error: exam T-2026-09 does not exist; create it with `skillscore "
                "exam create`\n");
}

TEST_F(DbTest, TheJudgeOfAMarkDefaultsToTheActingJudge) {
  CreateExam();
  Ok({"--as", "E1", "mark", kExam, "C1", "A1.1", "yes"});
  RunResult from_environment =
      Db({"mark", kExam, "C1", "B1.1", "1"}, WithEnv({{"SKILLSCORE_JUDGE", "E4"}}));
  EXPECT_EQ(from_environment.exit_code, 0) << from_environment.err;
  Ok({"--as", "E1", "mark", kExam, "C2", "A1.3", "2", "--judge", "E3"});
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E1 1", "C1 B1.1 E4 0", "C2 A1.3 E3 2"}));
}

TEST_F(DbTest, AnExpertMayNotEnterAnotherJudgesJudgementScore) {
  CreateExam();
  ExpectRefused(Db({"--as", "E4", "mark", kExam, "C1", "A1.3", "2", "--judge", "E2"}),
                "skillscore: error: mark refused: A1.3 is a judgement aspect: judge E2 enters "
                "their own score; E4 may not enter it for them (only a chief expert may "
                "transcribe a marking form)\n");
  Ok({"--as", "E4", "mark", kExam, "C1", "A1.2", "3", "--judge", "E2"});  // measurement: the team's
  Ok({"--as", "E2", "mark", kExam, "C1", "A1.3", "2", "--judge", "E2"});
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.2 E2 3", "C1 A1.3 E2 2"}));
}

TEST_F(DbTest, AMarkWithoutAJudgeIsAUsageError) {
  CreateExam();
  RunResult run = Db({"mark", kExam, "C1", "A1.1", "yes"}, WithEnv({{"SKILLSCORE_JUDGE", ""}}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "skillscore: error: whose mark is it? give --judge JUDGE or --as JUDGE, or set "
            "SKILLSCORE_JUDGE\nsee 'skillscore mark --help'\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{});
}

TEST_F(DbTest, ASecondValueReplacesTheFirstWhichStaysInTheHistory) {
  CreateExam();
  RunResult first = Db({"-v", "mark", kExam, "C1", "A1.2", "3", "--judge", "E1"});
  EXPECT_EQ(first.err, "skillscore: info: mark entered\n");
  RunResult same = Db({"-v", "mark", kExam, "C1", "A1.2", "3", "--judge", "E1"});
  EXPECT_EQ(same.err, "skillscore: info: mark unchanged: the same value is already entered\n");
  RunResult changed = Db({"-v", "mark", kExam, "C1", "A1.2", "4", "--judge", "E4", "--reason",
                          "recounted the blocks"});
  EXPECT_EQ(changed.exit_code, 0);
  EXPECT_EQ(changed.err,
            "skillscore: info: mark changed; the previous value is kept in the history\n");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.2 E1 3", "C1 A1.2 E4 4"}));
  JsonValue results = ParseJson(ResultsJson());
  EXPECT_EQ(results["candidates"].items[0]["id"].text, "C1");
  EXPECT_EQ(results["candidates"].items[0]["total"].text, "2.5");
}

// --- usage errors, the database option, storage failures -----------------------------------

TEST_F(DbTest, UsageErrorsExitWithTwo) {
  CreateExam();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  for (const Case& c : std::vector<Case>{
           {{"rubric", "import"},
            "skillscore: error: missing argument FILE\nsee 'skillscore rubric import --help'\n"},
           {{"rubric", "show"},
            "skillscore: error: missing argument CODE\nsee 'skillscore rubric show --help'\n"},
           {{"rubric", "show", "@1"},
            "skillscore: error: invalid rubric '@1': expected CODE or CODE@VERSION\n"
            "see 'skillscore rubric show --help'\n"},
           {{"exam"},
            "skillscore: error: 'exam' needs a subcommand: create, list, export, import, "
            "require-pin\n"
            "see 'skillscore exam --help'\n"},
           {{"exam", "create", kExam},
            "skillscore: error: missing option '--rubric'\nsee 'skillscore exam create --help'\n"},
           {{"exam", "create", "--rubric", "T-EXAM"},
            "skillscore: error: missing argument EXAM\nsee 'skillscore exam create --help'\n"},
           {{"exam", "create", kExam, "--rubric", "T-EXAM@"},
            "skillscore: error: invalid rubric 'T-EXAM@': expected CODE or CODE@VERSION\n"
            "see 'skillscore exam create --help'\n"},
           {{"candidates", "import", kExam},
            "skillscore: error: missing argument FILE\n"
            "see 'skillscore candidates import --help'\n"},
           {{"marks", "import"},
            "skillscore: error: missing argument EXAM\nsee 'skillscore marks import --help'\n"},
           {{"mark", kExam, "C1", "A1.1"},
            "skillscore: error: missing argument VALUE\nsee 'skillscore mark --help'\n"},
           {{"mark", kExam, "C1", "A1.1", "yes", "E1"},
            "skillscore: error: too many arguments\nsee 'skillscore mark --help'\n"},
           {{"status"},
            "skillscore: error: missing argument EXAM\nsee 'skillscore status --help'\n"},
           {{"results", kExam, "--format", "xml"},
            "skillscore: error: invalid format 'xml': expected table, csv, json or xlsx\n"
            "see 'skillscore results --help'\n"},
       }) {
    RunResult run = Db(c.args);
    EXPECT_EQ(run.exit_code, 2) << c.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, c.err);
  }
}

TEST_F(DbTest, EveryCommandHasHelp) {
  for (
      const auto& [words, usage] : std::vector<std::pair<std::vector<std::string>, std::string>>{
          {{"rubric", "import"}, "skillscore rubric import FILE"},
          {{"rubric", "list"}, "skillscore rubric list"},
          {{"rubric", "show"}, "skillscore rubric show CODE[@VERSION]"},
          {{"exam", "create"},
           "skillscore exam create EXAM --rubric CODE[@VERSION] [--date YYYY-MM-DD] "
           "[--site TEXT] [--chief JUDGE] [--timezone ZONE] [--require-pin]"},
          {{"exam", "list"}, "skillscore exam list"},
          {{"exam", "export"}, "skillscore exam export EXAM --out FILE"},
          {{"exam", "import"}, "skillscore exam import FILE"},
          {{"candidates", "import"}, "skillscore candidates import EXAM FILE"},
          {{"judges", "import"}, "skillscore judges import EXAM FILE"},
          {{"judges", "codes"},
           "skillscore judges codes EXAM (--url URL --out FILE [--judge JUDGE]... | --revoke JUDGE "
           "--reason TEXT)"},
          {{"admin", "init"}, "skillscore admin init NAME"},
          {{"exam", "require-pin"}, "skillscore exam require-pin EXAM [--off]"},
          {{"marks", "import"}, "skillscore marks import EXAM FILE"},
          {{"mark"}, "skillscore mark EXAM CANDIDATE ASPECT VALUE [--judge JUDGE] [--reason TEXT]"},
          {{"status"}, "skillscore status EXAM"},
          {{"results"}, "skillscore results EXAM"},
      }) {
    std::vector<std::string> args = words;
    args.push_back("--help");
    RunResult run = RunInData(args);
    EXPECT_EQ(run.exit_code, 0) << usage;
    EXPECT_EQ(run.out.substr(0, run.out.find('\n')), "usage: " + usage);
  }
}

TEST_F(DbTest, TheDatabaseComesFromTheEnvironmentElseTheWorkingDirectory) {
  RunOptions from_environment = WithEnv({{"SKILLSCORE_DB", db_}});
  RunResult imported = RunInData({"--as", "E1", "rubric", "import", "exam.yaml"}, from_environment);
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_TRUE(DatabaseExists());

  RunOptions in_directory = WithEnv({{"SKILLSCORE_DB", ""}});
  in_directory.working_directory = dir_.path();
  RunResult local =
      RunInData({"--as", "E1", "rubric", "import", E2eDataPath("exam.yaml")}, in_directory);
  EXPECT_EQ(local.exit_code, 0) << local.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.File("skillscore.db")));
}

TEST_F(DbTest, StorageFailuresExitWithThree) {
  RunResult no_directory =
      RunInData({"--db", dir_.File("no/such/dir.db"), "rubric", "import", "exam.yaml"});
  EXPECT_EQ(no_directory.exit_code, 3);
  EXPECT_EQ(no_directory.err, "skillscore: error: database " + dir_.File("no/such/dir.db") +
                                  ": unable to open database file\n");

  RunResult a_directory = RunInData({"--db", dir_.path(), "rubric", "import", "exam.yaml"});
  EXPECT_EQ(a_directory.exit_code, 3);

  WriteFile(db_, std::string(4096, 'x'));
  RunResult corrupt = Db({"exam", "list"});
  EXPECT_EQ(corrupt.exit_code, 3);
  EXPECT_EQ(corrupt.out, "");
  EXPECT_EQ(corrupt.err, "skillscore: error: database " + db_ + ": file is not a database\n");
  EXPECT_EQ(Db({"rubric", "import", "exam.yaml"}).exit_code, 3);
}

}  // namespace
}  // namespace skillscore::testing
