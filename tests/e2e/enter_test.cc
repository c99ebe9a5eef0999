// `skillscore enter`, guided mark entry, driven as a judge would: values on stdin one per line, a
// session talked to line by line through a pipe (then killed) and through a pseudo-terminal.
// Every test works on the exam of tests/e2e/data (db_support.h): A1 = {A1.1 pass_fail max 1.5,
// A1.2 number_completed 4 max 2.5, A1.3 judgement max 3}; judge E4 is from "Центр", which no
// candidate is from.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "db_support.h"

extern char** environ;

namespace skillscore::testing {
namespace {

constexpr char kHint[] =
    "Type a value and press Enter. Enter alone skips the aspect (keeping the current value); na = "
    "not attempted; - = back; ? = help; q = quit.\n";
constexpr char kHeaderC1[] = "\nA1 Страница — candidate C1 Иванов Иван\n";
constexpr char kA11Card[] =
    "\nA1.1  Разметка проходит валидацию  (max 1.5)\n"
    "  yes or no; na = not attempted\n";
constexpr char kA12Card[] =
    "\nA1.2  Реализованы все 4 блока  (max 2.5)\n"
    "  how many of 4 are done: 0 to 4; na = not attempted\n";
constexpr char kA13Card[] =
    "\nA1.3  Общее впечатление  (max 3)\n"
    "  0  ниже стандарта\n"
    "  1  соответствует стандарту\n"
    "  2  превосходит в отдельном\n"
    "  3  полностью превосходит\n"
    "  your score: 0, 1, 2 or 3\n";
constexpr char kDone[] = "\nDone: every aspect has been walked; every confirmed mark is saved.\n";

// The dialogue of E4 entering A1 for C1 with yes, 3 and 2, after a refused "maybe".
std::string FullFormTranscript() {
  return std::string(kHint) + kHeaderC1 + kA11Card +
         "A1.1> maybe\n"
         "  refused: value \"maybe\" for aspect A1.1 is not valid: expected yes or no (1 or 0, да "
         "or нет)\n"
         "A1.1> yes\n  saved\n" +
         kA12Card + "A1.2> 3\n  saved\n" + kA13Card + "A1.3> 2\n  saved\n" +
         "\nA1 for C1 Иванов Иван: 3 entered, 0 missing, 0 disputed\n" + kDone;
}

std::string WithoutTimes(const std::string& text) {
  static const std::regex kTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  return std::regex_replace(text, kTime, "T");
}

std::string Without(std::string text, const std::regex& pattern) {
  return std::regex_replace(text, pattern, "");
}

const std::regex kCarriageReturns("\r");
const std::regex kColours("\033\\[[0-9]+m");

// The test's environment for a session: English, no colour preference, a capable terminal, and
// no judge or database from the caller's environment; then `overrides`.
std::vector<std::string> SessionEnvironment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    auto equals = text.find('=');
    if (equals != std::string::npos) merged[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const char* name :
       {"NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "SKILLSCORE_JUDGE", "SKILLSCORE_DB"}) {
    merged.erase(name);
  }
  merged["LANG"] = "C.UTF-8";
  merged["TERM"] = "xterm";
  for (const auto& [name, value] : overrides) merged[name] = value;
  std::vector<std::string> environment;
  for (const auto& [name, value] : merged) environment.push_back(name + "=" + value);
  return environment;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// A running skillscore that the test talks to a line at a time, as a judge at a keyboard: through
// pipes (no terminal) or through a pseudo-terminal, which echoes what is typed and turns "\n"
// into "\r\n". The test waits for each prompt before typing, so the dialogue is deterministic.
class LiveSkillscore {
 public:
  enum class Over { kPipes, kTerminal };

  LiveSkillscore(Over over, std::vector<std::string> args,
                 const std::map<std::string, std::string>& env = {}) {
    args.insert(args.begin(), BinaryPath());
    std::vector<std::string> environment = SessionEnvironment(env);
    std::vector<char*> argv = CStrings(args);
    std::vector<char*> envp = CStrings(environment);
    std::string directory = E2eDataPath("");
    if (over == Over::kTerminal) {
      pid_ = forkpty(&output_fd_, nullptr, nullptr, nullptr);
      if (pid_ == 0) Exec(directory, argv, envp);
      input_fd_ = output_fd_;
    } else {
      int in[2], out[2];
      if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
      pid_ = fork();
      if (pid_ == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(out[1], 2);
        Exec(directory, argv, envp);
      }
      close(in[0]);
      close(out[1]);
      input_fd_ = in[1];
      output_fd_ = out[0];
    }
    if (pid_ < 0) throw std::runtime_error("fork failed");
  }

  ~LiveSkillscore() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (input_fd_ != output_fd_ && input_fd_ >= 0) close(input_fd_);
    if (output_fd_ >= 0) close(output_fd_);
  }

  LiveSkillscore(const LiveSkillscore&) = delete;
  LiveSkillscore& operator=(const LiveSkillscore&) = delete;

  // Reads until `text` comes after what earlier calls waited for. A program that ends first, or
  // says nothing for a minute, fails the test instead of hanging it.
  void WaitFor(const std::string& text) {
    for (;;) {
      auto found = output_.find(text, waited_);
      if (found != std::string::npos) {
        waited_ = found + text.size();
        return;
      }
      if (!ReadSome(60'000)) {
        throw std::runtime_error("no \"" + text + "\" in the output:\n" + output_);
      }
    }
  }

  void Type(const std::string& line) {
    std::string text = line + "\n";
    if (write(input_fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      throw std::runtime_error("cannot type into skillscore");
    }
  }

  void Kill() { kill(pid_, SIGKILL); }

  // Reads the rest of the output; the exit code, 128 + the signal's number when killed.
  int Wait() {
    if (input_fd_ != output_fd_) {
      close(input_fd_);
      input_fd_ = -1;
    }
    while (ReadSome(60'000)) {
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  const std::string& output() const { return output_; }

 private:
  [[noreturn]] static void Exec(const std::string& directory, std::vector<char*>& argv,
                                std::vector<char*>& envp) {
    if (chdir(directory.c_str()) == 0) execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }

  // False at the end of the output (a pseudo-terminal says EIO once the program is gone) or
  // after `timeout_ms` of silence.
  bool ReadSome(int timeout_ms) {
    pollfd fd{output_fd_, POLLIN, 0};
    if (poll(&fd, 1, timeout_ms) <= 0) return false;
    char buffer[4096];
    ssize_t n = read(output_fd_, buffer, sizeof buffer);
    if (n <= 0) return false;
    output_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int input_fd_ = -1;
  int output_fd_ = -1;
  std::string output_;
  std::size_t waited_ = 0;
};

class EnterTest : public DbTest {
 protected:
  void SetUp() override { CreateExam(); }

  // skillscore enter as E4 for A1 of C1, unless `args` say otherwise.
  RunResult Enter(const std::string& input,
                  std::vector<std::string> args = {"--as", "E4", "--subcriterion", "A1",
                                                   "--candidate", "C1"}) {
    args.insert(args.begin(), {"enter", kExam});
    return Db(args, WithStdin(input));
  }

  std::vector<std::string> EnterArgs() const {
    return {"--db", db_, "enter", kExam, "--as", "E4", "--subcriterion", "A1", "--candidate", "C1"};
  }

  // Everything the last dialogue said from `from` on.
  static std::string From(const std::string& transcript, const std::string& from) {
    auto found = transcript.find(from);
    return found == std::string::npos ? "(\"" + from + "\" not found in:\n" + transcript + ")"
                                      : transcript.substr(found);
  }
};

TEST_F(EnterTest, AWholeSubcriterionIsEnteredFromStdin) {
  RunResult run = Enter("maybe\nyes\n3\n2\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, FullFormTranscript());
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 3", "C1 A1.3 E4 2"}));
}

TEST_F(EnterTest, EachCandidateInTurnAsTheJudgeOfTheEnvironment) {
  // C4 is absent, so C1, C2 and C3 follow one another.
  RunOptions options = WithStdin("yes\n1\n0\nno\n2\n1\nna\n4\n3\n");
  options.env["SKILLSCORE_JUDGE"] = "E4";
  RunResult run = Db({"enter", kExam, "--subcriterion", "A1"}, options);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(From(run.out, "A1.3> 0\n"),
            "A1.3> 0\n  saved\n"
            "\nA1 for C1 Иванов Иван: 3 entered, 0 missing, 0 disputed\n"
            "\nA1 Страница — candidate C2 Петрова Анна\n" +
                std::string(kA11Card) + "A1.1> no\n  saved\n" + kA12Card + "A1.2> 2\n  saved\n" +
                kA13Card + "A1.3> 1\n  saved\n" +
                "\nA1 for C2 Петрова Анна: 3 entered, 0 missing, 0 disputed\n"
                "\nA1 Страница — candidate C3 Smith, John\n" +
                kA11Card + "A1.1> na\n  saved\n" + kA12Card + "A1.2> 4\n  saved\n" + kA13Card +
                "A1.3> 3\n  saved\n" +
                "\nA1 for C3 Smith, John: 3 entered, 0 missing, 0 disputed\n" + kDone);
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 1", "C1 A1.3 E4 0",
                                                 "C2 A1.1 E4 0", "C2 A1.2 E4 2", "C2 A1.3 E4 1",
                                                 "C3 A1.1 E4 na", "C3 A1.2 E4 4", "C3 A1.3 E4 3"}));
}

TEST_F(EnterTest, ABadValueIsExplainedAndAskedAgain) {
  RunResult run = Enter("yes\n5\nthree\n4\n1\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(From(run.out, "A1.2> 5"),
            "A1.2> 5\n"
            "  refused: value \"5\" for aspect A1.2 is out of range: expected a whole number from "
            "0 to 4\n"
            "A1.2> three\n"
            "  refused: value \"three\" for aspect A1.2 is not a whole number: expected a whole "
            "number from 0 to 4\n"
            "A1.2> 4\n  saved\n" +
                std::string(kA13Card) + "A1.3> 1\n  saved\n" +
                "\nA1 for C1 Иванов Иван: 3 entered, 0 missing, 0 disputed\n" + kDone);
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 4", "C1 A1.3 E4 1"}));
}

TEST_F(EnterTest, BackAndSkip) {
  RunResult run = Enter("yes\n\n-\n-\n\nna\n-\nno\n\n3\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(From(run.out, "A1.1> yes"),
            "A1.1> yes\n  saved\n" + std::string(kA12Card) + "A1.2> \n  skipped\n" + kA13Card +
                "A1.3> -\n" + kA12Card + "A1.2> -\n" + kA11Card +
                "A1.1 [current: yes]> \n  kept: yes\n" + kA12Card + "A1.2> na\n  saved\n" +
                kA13Card + "A1.3> -\n" + kA12Card + "A1.2 [current: na]> no\n" +
                "  refused: value \"no\" for aspect A1.2 is not a whole number: expected a whole "
                "number from 0 to 4\n"
                "A1.2 [current: na]> \n  kept: na\n" +
                kA13Card + "A1.3> 3\n  saved\n" +
                "\nA1 for C1 Иванов Иван: 3 entered, 0 missing, 0 disputed\n" + kDone);
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 na", "C1 A1.3 E4 3"}));
}

TEST_F(EnterTest, StdinClosedMidwayKeepsEveryConfirmedMark) {
  RunResult run = Enter("yes\n3\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(From(run.out, "A1.2> 3"),
            "A1.2> 3\n  saved\n" + std::string(kA13Card) + "A1.3> \n" +
                "\nA1 for C1 Иванов Иван: 2 entered, 1 missing, 0 disputed\n"
                "  missing: A1.3\n"
                "\nInput ended: every confirmed mark is saved.\n");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 3"}));
}

TEST_F(EnterTest, AKilledSessionKeepsEveryConfirmedMark) {
  LiveSkillscore live(LiveSkillscore::Over::kPipes, EnterArgs());
  live.WaitFor("A1.1> ");
  live.Type("yes");
  live.WaitFor("A1.2> ");
  live.Type("3");
  // The next prompt comes only once the mark before it is committed.
  live.WaitFor("A1.3> ");
  live.Kill();
  EXPECT_EQ(live.Wait(), 128 + SIGKILL);
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 3"}));
  EXPECT_EQ(Db({"audit", "verify", kExam}).exit_code, 0);
}

TEST_F(EnterTest, QuitEndsTheSession) {
  RunResult run = Enter("yes\nq\n3\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(From(run.out, "A1.2> q"),
            "A1.2> q\n"
            "\nA1 for C1 Иванов Иван: 1 entered, 2 missing, 0 disputed\n"
            "  missing: A1.2, A1.3\n"
            "\nStopped: every confirmed mark is saved.\n");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1"}));
}

TEST_F(EnterTest, TheJudgeSeesADisputeOnlyAfterSavingTheirScore) {
  Ok({"mark", kExam, "C1", "A1.3", "0", "--as", "E1"});
  RunResult run = Enter("\n\n2\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(From(run.out, "A1.2> \n"),
            "A1.2> \n  skipped\n" + std::string(kA13Card) +
                "A1.3> 2\n  saved\n"
                "  the panel is disputed: scores 0, 2 differ by more than 1; talk it over with "
                "the other judges and re-score\n"
                "\nA1 for C1 Иванов Иван: 1 entered, 2 missing, 1 disputed\n"
                "  missing: A1.1, A1.2\n"
                "  disputed: A1.3\n" +
                kDone);
}

TEST_F(EnterTest, ALockedSubcriterionRefusesToStart) {
  Ok({"marks", "import", kExam, "marks.csv", "--as", "E1"});
  Ok({"lock", kExam, "A1", "--as", "E1"});
  RunResult run = Enter("yes\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(WithoutTimes(run.err),
            "skillscore: error: sub-criterion A1 is locked (signed off by E1 at T): no marks can "
            "be entered until the chief expert unlocks it\n");

  // Without --subcriterion the locked one is left out and the others are walked.
  RunResult others = Enter("q\n", {"--as", "E4", "--candidate", "C1"});
  EXPECT_EQ(others.exit_code, 0);
  EXPECT_EQ(WithoutTimes(others.out),
            "sub-criterion A1 is locked (signed off by E1 at T): left out\n" + std::string(kHint) +
                "\nB1 Тесты — candidate C1 Иванов Иван\n"
                "\nB1.1  Ошибки в тестах  (max 2)\n"
                "  1  нет  (deduct 0%)\n"
                "  2  немного  (deduct 50%)\n"
                "  3  много  (deduct 100%)\n"
                "  the option's number or label; na = not attempted\n"
                "B1.1 [current: 2]> q\n"
                "\nB1 for C1 Иванов Иван: 2 entered, 0 missing, 0 disputed\n"
                "\nStopped: every confirmed mark is saved.\n");
}

TEST_F(EnterTest, ALockPlacedDuringTheSessionEndsItAtTheNextMark) {
  Ok({"marks", "import", kExam, "marks.csv", "--as", "E1"});
  LiveSkillscore live(LiveSkillscore::Over::kPipes, EnterArgs());
  live.WaitFor("A1.1 [current: yes]> ");
  Ok({"lock", kExam, "A1", "--as", "E1"});
  live.Type("no");
  EXPECT_EQ(live.Wait(), 1);
  EXPECT_EQ(WithoutTimes(From(live.output(), "A1.1 [current: yes]> ")),
            "A1.1 [current: yes]> no\n"
            "skillscore: error: sub-criterion A1 is locked (signed off by E1 at T): the mark of C1 "
            "for A1.1 is refused; only the chief expert can unlock it\n");
}

TEST_F(EnterTest, ACandidateOfTheJudgesOwnOrganisationRefusesToStart) {
  RunResult run = Enter("", {"--as", "E3", "--subcriterion", "A1", "--candidate", "C1"});
  ExpectRefused(run,
                "skillscore: error: judge E3 may not mark candidate C1: both are from \"Колледж "
                "№1\" (conflict of interest)\n");
}

TEST_F(EnterTest, ASessionNeedsAJudge) {
  RunResult run = Db({"enter", kExam}, WithEnv({{"SKILLSCORE_JUDGE", ""}}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "skillscore: error: who is entering marks? give --as JUDGE or set "
            "SKILLSCORE_JUDGE\nsee 'skillscore enter --help'\n");
}

TEST_F(EnterTest, HelpShowsTheUsage) {
  RunResult run = Db({"enter", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.substr(0, run.out.find("\n\n")),
            "usage: skillscore enter EXAM --as JUDGE [--subcriterion SUBCRITERION] [--candidate "
            "CANDIDATE]");
}

TEST_F(EnterTest, TheDialogueIsInRussian) {
  RunResult run =
      Enter("да\nq\n", {"--lang", "ru", "--as", "E4", "--subcriterion", "A1", "--candidate", "C1"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(From(run.out, "\nA1 "),
            "\nA1 Страница — участник C1 Иванов Иван\n"
            "\nA1.1  Разметка проходит валидацию  (макс. 1,5)\n"
            "  да или нет; na — не выполнялось\n"
            "A1.1> да\n  сохранено\n"
            "\nA1.2  Реализованы все 4 блока  (макс. 2,5)\n"
            "  сколько из 4 выполнено: от 0 до 4; na — не выполнялось\n"
            "A1.2> q\n"
            "\nA1, участник C1 Иванов Иван: внесено 1, не внесено 2, спорных 0\n"
            "  не внесено: A1.2, A1.3\n"
            "\nОстановлено: все подтверждённые оценки сохранены.\n");
}

// On a terminal the typed values are echoed by the terminal itself, so the screen shows the
// same dialogue as a transcript of stdin; with colour unless NO_COLOR is set.
void TypeTheFullForm(LiveSkillscore& live) {
  for (auto [prompt, value] : std::vector<std::pair<std::string, std::string>>{
           {"A1.1> ", "maybe"}, {"A1.1> ", "yes"}, {"A1.2> ", "3"}, {"A1.3> ", "2"}}) {
    live.WaitFor(prompt);
    live.Type(value);
  }
}

TEST_F(EnterTest, OnATerminalUnderNoColor) {
  LiveSkillscore live(LiveSkillscore::Over::kTerminal, EnterArgs(), {{"NO_COLOR", "1"}});
  TypeTheFullForm(live);
  EXPECT_EQ(live.Wait(), 0);
  EXPECT_EQ(Without(live.output(), kCarriageReturns), FullFormTranscript());
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E4 1", "C1 A1.2 E4 3", "C1 A1.3 E4 2"}));
}

TEST_F(EnterTest, OnATerminalInColour) {
  LiveSkillscore live(LiveSkillscore::Over::kTerminal, EnterArgs());
  TypeTheFullForm(live);
  EXPECT_EQ(live.Wait(), 0);
  std::string screen = Without(live.output(), kCarriageReturns);
  EXPECT_EQ(Without(screen, kColours), FullFormTranscript());
  EXPECT_NE(screen.find("\n\033[1mA1.1\033[0m  Разметка проходит валидацию"), std::string::npos);
  EXPECT_NE(screen.find("A1.1> yes\n  \033[32msaved\033[0m\n"), std::string::npos);
  EXPECT_NE(screen.find("  \033[31mrefused: value \"maybe\""), std::string::npos);
}

}  // namespace
}  // namespace skillscore::testing
