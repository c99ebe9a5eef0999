// The command line's surface: --version, --help, usage errors (exit 2), languages, and
// `rubric validate`.
#include <gtest/gtest.h>

#include <regex>

#include "cli_support.h"

namespace skillscore::testing {
namespace {

TEST(CliTest, VersionPrintsNameAndVersion) {
  RunResult run = RunInData({"--version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "skillscore 0.1.0\n");
  EXPECT_EQ(run.err, "");
}

TEST(CliTest, HelpListsTheCommands) {
  RunResult run = RunInData({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.substr(0, run.out.find("\n\n")),
            "usage: skillscore [global options] COMMAND [ARGS]");
  // The summaries start after the longest command name, so the padding varies.
  EXPECT_TRUE(std::regex_search(run.out, std::regex("\n  rubric validate +Check rubric files")));
  EXPECT_TRUE(std::regex_search(run.out, std::regex("\n  score +Score an exam from files")));
  EXPECT_NE(run.out.find("\n  --format FORMAT "), std::string::npos);
  EXPECT_EQ(run.err, "");
}

TEST(CliTest, EveryCommandHasHelp) {
  struct Case {
    std::vector<std::string> args;
    std::string usage;
  };
  for (const Case& c : std::vector<Case>{
           {{"rubric", "validate", "--help"}, "usage: skillscore rubric validate FILE..."},
           {{"score", "-h"},
            "usage: skillscore score --rubric FILE --marks FILE [--candidates FILE] "
            "[--judges FILE] [--exam ID]"},
           {{"--help", "score"},
            "usage: skillscore score --rubric FILE --marks FILE [--candidates FILE] "
            "[--judges FILE] [--exam ID]"},
       }) {
    RunResult run = RunInData(c.args);
    EXPECT_EQ(run.exit_code, 0) << c.usage;
    EXPECT_EQ(run.out.substr(0, run.out.find('\n')), c.usage);
    EXPECT_NE(run.out.find("\nGlobal options:\n"), std::string::npos) << run.out;
  }
  RunResult group = RunInData({"rubric", "--help"});
  EXPECT_EQ(group.exit_code, 0);
  EXPECT_NE(group.out.find("\n  rubric validate"), std::string::npos);
  EXPECT_EQ(group.out.find("\n  score"), std::string::npos) << "only the rubric commands";
}

TEST(CliTest, UsageErrorsExitWithTwoAndAHint) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::string score_hint = "see 'skillscore score --help'\n";
  for (const Case& c : std::vector<Case>{
           {{}, "skillscore: error: missing command\nsee 'skillscore --help'\n"},
           {{"frobnicate"},
            "skillscore: error: unknown command 'frobnicate'\nsee 'skillscore --help'\n"},
           {{"rubric", "frobnicate"},
            "skillscore: error: unknown command 'rubric frobnicate'\n"
            "see 'skillscore rubric --help'\n"},
           {{"score", "--rubric"},
            "skillscore: error: option '--rubric' needs a value\n" + score_hint},
           {{"score", "--marks", "marks.csv"},
            "skillscore: error: missing option '--rubric'\n" + score_hint},
           {{"score", "--frobnicate"},
            "skillscore: error: unknown option '--frobnicate'\n" + score_hint},
           // Options must be spelt out in full: no guessing from a prefix.
           {{"score", "--rub", "exam.yaml", "--marks", "marks.csv"},
            "skillscore: error: unknown option '--rub'\n" + score_hint},
           {{"score", "--rubric", "exam.yaml", "--marks", "marks.csv", "extra"},
            "skillscore: error: too many arguments\n" + score_hint},
           {{"score", "--rubric", "a.yaml", "--rubric", "b.yaml", "--marks", "marks.csv"},
            "skillscore: error: option '--rubric' is given more than once\n" + score_hint},
           {{"score", "--rubric", "exam.yaml", "--marks", "marks.csv", "--format", "xml"},
            "skillscore: error: invalid format 'xml': expected table, csv, json or xlsx\n" +
                score_hint},
           {{"--lang", "fr", "score", "--rubric", "exam.yaml", "--marks", "marks.csv"},
            "skillscore: error: invalid language 'fr': expected ru or en\n" + score_hint},
           {{"score", "--rubric", "-", "--marks", "-"},
            "skillscore: error: standard input ('-') can be read only once\n" + score_hint},
           {{"rubric", "validate"},
            "skillscore: error: missing argument FILE\nsee 'skillscore rubric validate --help'\n"},
       }) {
    RunResult run = RunInData(c.args);
    EXPECT_EQ(run.exit_code, 2) << c.err;
    EXPECT_EQ(run.err, c.err);
    EXPECT_EQ(run.out, "");
  }
}

TEST(CliTest, AGroupWithoutSubcommandNamesItsSubcommands) {
  RunResult run = RunInData({"rubric"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.substr(0, run.err.find(": validate")),
            "skillscore: error: 'rubric' needs a subcommand");
  EXPECT_EQ(run.err.substr(run.err.find('\n')), "\nsee 'skillscore rubric --help'\n");
}

TEST(CliTest, MessagesFollowLangOptionThenLcAllLcMessagesAndLang) {
  const std::string russian =
      "skillscore: ошибка: неизвестный параметр '--frobnicate'\nсм. 'skillscore score --help'\n";
  const std::string english =
      "skillscore: error: unknown option '--frobnicate'\nsee 'skillscore score --help'\n";
  struct Case {
    std::map<std::string, std::string> env;
    std::vector<std::string> extra;
    std::string err;
  };
  for (const Case& c : std::vector<Case>{
           {{{"LANG", "ru_RU.UTF-8"}}, {}, russian},
           {{{"LANG", "ru_RU.UTF-8"}}, {"--lang", "en"}, english},
           {{{"LANG", "en_US.UTF-8"}}, {"--lang", "ru"}, russian},
           {{{"LC_ALL", "en_US.UTF-8"}, {"LANG", "ru_RU.UTF-8"}}, {}, english},
           {{{"LC_MESSAGES", "ru_RU.UTF-8"}, {"LANG", "en_US.UTF-8"}}, {}, russian},
           {{{"LANG", "de_DE.UTF-8"}}, {}, english},
       }) {
    std::vector<std::string> args = {"score", "--frobnicate"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    RunResult run = RunInData(args, WithEnv(c.env));
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err, c.err);
  }
}

TEST(CliTest, ValidateIsSilentOnAGoodRubric) {
  RunResult run = RunInData({"rubric", "validate", "exam.yaml"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "");
}

TEST(CliTest, VerboseValidateSaysWhatWasChecked) {
  std::string sha256 = RubricSha256(E2eDataPath("exam.yaml"));
  RunResult run = RunInData({"-v", "rubric", "validate", "exam.yaml", "-"},
                            WithStdin(ReadFile(E2eDataPath("exam.yaml"))));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "exam.yaml: ok (T-EXAM@1, 5 aspects, sha256 " + sha256 +
                         ")\n<stdin>: ok (T-EXAM@1, 5 aspects, sha256 " + sha256 + ")\n");
  EXPECT_EQ(run.err, "");
}

TEST(CliTest, ValidateReportsEveryProblemOfEveryFile) {
  RunResult run = RunInData({"rubric", "validate", "bad-rubric.yaml", "exam.yaml", "missing.yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "bad-rubric.yaml:7:6: error: aspect maxima sum to 10, but max is 12 (A: 7, B: 3)\n"
            "bad-rubric.yaml:38:5: error: missing required key 'title'\n"
            "bad-rubric.yaml:39:5: error: unknown key 'titel'; expected one of: id, title, "
            "subcriteria\n"
            "missing.yaml: error: cannot read the file: no such file\n");
}

TEST(CliTest, ValidatePrintsWarningsButSucceeds) {
  RunResult run = RunInData({"rubric", "validate", "warn-rubric.yaml"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "warn-rubric.yaml:10:53: warning: section '1': target 4.5, actual 4 (variation "
            "-0.5)\n");
}

TEST(CliTest, ValidateInRussian) {
  RunResult run = RunInData({"rubric", "validate", "--lang", "ru", "no-such-file.yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "no-such-file.yaml: ошибка: не удаётся прочитать файл: файл не существует\n");
  RunResult directory = RunInData({"rubric", "validate", "--lang", "ru", "."});
  EXPECT_EQ(directory.exit_code, 1);
  EXPECT_EQ(directory.err, ".: ошибка: не удаётся прочитать файл: это каталог\n");
}

}  // namespace
}  // namespace skillscore::testing
