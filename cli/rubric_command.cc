// skillscore rubric …: commands on rubric files. `validate` needs no database.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "io.h"
#include "rubric_input.h"
#include "skillscore/cis_workbook.h"
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
    RubricLoad load = LoadRubricInput(std::move(*text), InputName(path), invocation).load;
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

// IN → OUT between rubric YAML and the CIS workbook, by OUT's extension: .xlsx writes a workbook,
// anything else (or "-") YAML. Nothing is written for a rubric with errors.
ExitCode Convert(const Invocation& invocation) {
  auto files = InputFiles(invocation);
  if (files.size() != 2) throw UsageError(Tr("expected two arguments: IN OUT"));
  const std::string& in = files[0];
  const std::string& out = files[1];
  auto text = ReadInput(in, invocation.in);
  if (!text) {
    PrintDiagnostics({text.error()}, invocation.err);
    return ExitCode::kInvalidInput;
  }
  RubricInput input = LoadRubricInput(std::move(*text), InputName(in), invocation);
  PrintDiagnostics(input.load.diagnostics, invocation.err);
  if (!input.load.rubric) return ExitCode::kInvalidInput;
  if (out.ends_with(".xlsx")) {
    if (auto written = WriteCisWorkbook(*input.load.rubric, out); !written) {
      PrintError(written.error(), invocation.err);
      return ExitCode::kInvalidInput;
    }
    return ExitCode::kOk;
  }
  if (out == kStdinPath) {
    invocation.out << input.yaml;
    return ExitCode::kOk;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!(file << input.yaml) || !file.flush()) {
    PrintError(Tr("cannot write {0}", out), invocation.err);
    return ExitCode::kStorage;
  }
  return ExitCode::kOk;
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
                DefineWorkbookOptions(syntax);
              },
          .run = Validate,
      },
      Command{
          .words = {"rubric", "convert"},
          .arguments = "IN OUT",
          .summary = "Convert a rubric between YAML and the CIS workbook (OUT.xlsx); '-' is stdout",
          .define =
              [](CommandSyntax& syntax) {
                syntax.arguments.add_options()("file", po::value<std::vector<std::string>>());
                syntax.positional.add("file", -1);
                DefineWorkbookOptions(syntax);
              },
          .run = Convert,
      },
  };
}

}  // namespace skillscore::cli
