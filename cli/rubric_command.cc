// skillscore rubric …: commands on rubric files. `validate` needs no database.
#include <algorithm>
#include <iostream>

#include "commands.h"
#include "io.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

std::vector<std::string> InputFiles(const Invocation& invocation) {
  if (!invocation.options.count("file")) throw UsageError(Tr("missing argument FILE"));
  auto files = invocation.options["file"].as<std::vector<std::string>>();
  if (std::count(files.begin(), files.end(), kStdinPath) > 1) {
    throw UsageError(Tr("standard input ('-') can be read only once"));
  }
  return files;
}

// Every diagnostic of every file, warnings included; with -v a line for each good file.
ExitCode Validate(const Invocation& invocation) {
  bool failed = false;
  for (const std::string& path : InputFiles(invocation)) {
    auto text = ReadInput(path, invocation.in, kMaxDocumentBytes);
    if (!text) {
      PrintDiagnostics({text.error()}, invocation.err);
      failed = true;
      continue;
    }
    RubricLoad load = ParseRubric(*text, InputName(path));
    PrintDiagnostics(load.diagnostics, invocation.err);
    if (!load.rubric) {
      failed = true;
    } else if (invocation.global.verbosity > 0) {
      const Rubric& rubric = *load.rubric;
      invocation.out << Tr("{0}: ok ({1}, {2} aspects, sha256 {3})", InputName(path),
                           rubric.Identity(), rubric.AspectCount(), rubric.sha256)
                     << '\n';
    }
  }
  return failed ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

std::vector<Command> RubricCommands() {
  return {
      Command{
          .words = {"rubric", "validate"},
          .arguments = "FILE...",
          .summary = "Check rubric files and report every problem (no database needed)",
          .define =
              [](CommandSyntax& syntax) {
                syntax.arguments.add_options()("file", po::value<std::vector<std::string>>());
                syntax.positional.add("file", -1);
              },
          .run = Validate,
      },
  };
}

}  // namespace skillscore::cli
