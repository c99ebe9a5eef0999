// skillscore enter: guided mark entry for a judge at the bench (entry_session.h). The judge walks
// the aspects of a sub-criterion for a candidate, or for each candidate in turn, typing one value
// per aspect; each accepted value is saved at once, in a transaction of its own.
//
// On a terminal the terminal echoes what is typed and the dialogue is coloured (unless NO_COLOR is
// set or TERM is dumb). Without one, values are read from stdin one per line and each is echoed
// after its prompt, so that a scripted session reads as a transcript. The session ends after the
// last aspect, on `q` or at the end of the input; exit code 0 then, whatever was skipped or
// refused on the way, since every confirmed mark is saved. A session that cannot start (unknown or
// locked sub-criterion, a candidate the judge may not mark…) exits 1; a failure of the database
// exits 3.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string_view>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "skillscore/entry_session.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

// The exam's marks in the database. Every Sheet() reads the database afresh: other judges of the
// panel may be entering scores on their own laptops at the same time.
std::string EnteringJudge(const Invocation& invocation) {
  if (invocation.global.as) return *invocation.global.as;
  throw UsageError(Tr("who is entering marks? give --as JUDGE or set SKILLSCORE_JUDGE"));
}

bool IsTerminal(const std::istream& in) { return &in == &std::cin && isatty(STDIN_FILENO) == 1; }

// https://no-color.org: any non-empty NO_COLOR turns colours off, as does a dumb terminal.
bool WantsColor(const std::ostream& out) {
  if (&out != &std::cout || isatty(STDOUT_FILENO) != 1) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

void Converse(EntrySession& session, const Invocation& invocation) {
  const bool terminal = IsTerminal(invocation.in);
  std::ostream& out = invocation.out;
  out << session.Start();
  std::string line;
  while (!session.Done()) {
    out << session.Prompt() << std::flush;
    if (!std::getline(invocation.in, line)) {
      out << '\n' << session.EndOfInput();
      break;
    }
    if (!terminal) out << line << '\n';
    out << session.Feed(line);
  }
  out.flush();
}

ExitCode Enter(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  EntryRequest request{.judge = EnteringJudge(invocation),
                       .subcriterion = OptionValue(invocation, "subcriterion"),
                       .candidate = OptionValue(invocation, "candidate")};
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto roster = (*service)->store().LoadRoster(exam);
  if (!roster) return Fail(roster.error(), invocation.err);
  auto locks = (*service)->store().LockedSubcriteria(exam);
  if (!locks) return Fail(locks.error(), invocation.err);
  auto plan = PlanEntry(*roster, *locks, request);
  if (!plan) {
    PrintError(plan.error(), invocation.err);
    return ExitCode::kInvalidInput;
  }
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  Actor entering = actor->id == plan->judge ? *actor : Actor{plan->judge};
  std::unique_ptr<EntryMarks> marks = ServiceEntryMarks(**service, entering, exam);
  EntrySession session(*roster, std::move(*plan), *marks,
                       EntryOptions{.color = WantsColor(invocation.out)});
  Converse(session, invocation);
  if (session.failure()) return Fail(*session.failure(), invocation.err);
  return ExitCode::kOk;
}

void DefineEnter(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("subcriterion", po::value<std::string>()->value_name("SUBCRITERION"),
       Tr("the sub-criterion to mark; default every one that is not locked").c_str())  //
      ("candidate", po::value<std::string>()->value_name("CANDIDATE"),
       Tr("the candidate to mark; default each present candidate in turn").c_str());
}

}  // namespace

std::vector<Command> EnterCommands() {
  return {
      Command{
          .words = {"enter"},
          .arguments = "EXAM --as JUDGE [--subcriterion SUBCRITERION] [--candidate CANDIDATE]",
          .summary = "Enter marks aspect by aspect, guided, as a judge at the bench",
          .define = DefineEnter,
          .run = Enter,
      },
  };
}

}  // namespace skillscore::cli
