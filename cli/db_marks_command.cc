// skillscore marks import, mark: entering judges' marks into an exam (shared/spec/cli.md).
//
// Every value is checked by the exam service before anything is written, with the same rules on
// both paths (MarkRules, exam_service.h): it must fit its aspect, the candidate and the judge must
// be registered for the exam, a judge may not mark a candidate of their own organisation
// (scoring.md §6), a judgement score is the judge's own unless a chief expert transcribes it, and
// a panel takes no more judges than the rubric asks for. A refused mark names the rule; a file with
// any bad row is refused whole, every bad row reported with its line number. Importing the same
// file again changes nothing; a changed value replaces the stored one, which stays in the history.
// With -v the counts of added, changed and unchanged marks are logged.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "marks_file.h"
#include "progress_line.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

ExitCode ImportMarks(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string path = Argument(invocation, "file");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  // On a terminal, how far the file is read; the store writes as it goes. Drawn on the reading
  // thread (MarkFile), cleared here once the import has joined it.
  std::uint64_t rows_read = 0;
  ProgressLine progress(std::cerr, ProgressShown(invocation.err, invocation.global.verbosity),
                        [&rows_read](const ProgressPosition& at) {
                          return MarksImportProgress(rows_read, at.done, at.total, at.left);
                        });
  auto read = MarkFile(path, invocation.in, invocation.global.tables,
                       [&](std::uint64_t rows, std::uint64_t bytes, std::uint64_t size) {
                         rows_read = rows;
                         progress.Update(bytes, size);
                       });
  if (!read) return Refuse(read.error(), invocation.err);
  const std::string file = InputName(path);
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto counts = (*service)->ImportMarks(*actor, exam, file, *read);
  progress.Clear();
  if (!counts) return Fail(counts.error(), invocation.err);
  spdlog::info(Tr("{0}: {1}: {2} added, {3} changed, {4} unchanged", file, Tr("marks"),
                  counts->added, counts->changed, counts->unchanged));
  return ExitCode::kOk;
}

// --judge names whose mark it is; without it, the acting judge's own. Who acts is always --as.
std::string MarkingJudge(const Invocation& invocation) {
  if (auto judge = OptionValue(invocation, "judge")) return *judge;
  if (invocation.global.as) return *invocation.global.as;
  throw UsageError(
      Tr("whose mark is it? give --judge JUDGE or --as JUDGE, or set SKILLSCORE_JUDGE"));
}

const char* ChangeMessage(Change change) {
  switch (change) {
    case Change::kAdded:
      return "mark entered";
    case Change::kChanged:
      return "mark changed; the previous value is kept in the history";
    case Change::kUnchanged:
      return "mark unchanged: the same value is already entered";
  }
  return "";
}

ExitCode EnterMark(const Invocation& invocation) {
  MarkInput mark{.candidate = Argument(invocation, "candidate"),
                 .aspect = Argument(invocation, "aspect"),
                 .judge = MarkingJudge(invocation),
                 .value = Argument(invocation, "value"),
                 .reason = OptionValue(invocation, "reason").value_or("")};
  std::string exam = Argument(invocation, "exam");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto change = (*service)->EnterMark(*actor, exam, mark);
  if (!change) return Fail(change.error(), invocation.err);
  spdlog::info(Tr(ChangeMessage(*change)));
  return ExitCode::kOk;
}

void DefineMark(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam", "candidate", "aspect", "value"});
  syntax.options.add_options()  //
      ("judge", po::value<std::string>()->value_name("JUDGE"),
       Tr("whose mark it is; default the acting judge (--as, $SKILLSCORE_JUDGE)").c_str())  //
      ("reason", po::value<std::string>()->value_name("TEXT"),
       Tr("why the mark is entered or changed; kept with the mark").c_str());
}

}  // namespace

std::vector<Command> MarkCommands() {
  return {
      Command{
          .words = {"marks", "import"},
          .arguments = "EXAM FILE",
          .summary = "Enter marks from a CSV file, all or nothing",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam", "file"});
              },
          .run = ImportMarks,
      },
      Command{
          .words = {"mark"},
          .arguments = "EXAM CANDIDATE ASPECT VALUE [--judge JUDGE] [--reason TEXT]",
          .summary = "Enter one mark",
          .define = DefineMark,
          .run = EnterMark,
      },
  };
}

}  // namespace skillscore::cli
