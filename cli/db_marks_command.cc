// skillscore marks import, mark: entering judges' marks into an exam (shared/spec/cli.md).
//
// Every value is checked before anything is written, with the same rules as the stateless score
// (CheckMark, ReadMarks): it must fit its aspect, the candidate and the judge must be registered
// for the exam, and a judge may not mark a candidate of their own organisation (scoring.md §6).
// A refused mark names the rule; a file with any bad row is refused whole, every bad row reported
// with its line number. Importing the same file again changes nothing; a changed value replaces
// the stored one, which stays in the history. With -v the counts of added, changed and unchanged
// marks are logged.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "mark_read_ahead.h"
#include "table_input.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

// The rows of the marks file at `path` for the store, each checked as it is read (on a thread of
// its own, while the store writes), with their diagnostics in `problems`. The store may ask for
// the rows twice (store.h): a regular file is read from the start each time, a piece at a time,
// so that memory does not grow with it; standard input and pipes, which cannot be read twice, are
// read whole first.
// A workbook or a Windows-1251 file is read whole and converted first (table_input.h).
tl::expected<MarkRowSource, Diagnostics> MarkRows(const std::string& path,
                                                  const Invocation& invocation,
                                                  const MarkContext& context,
                                                  Diagnostics& problems) {
  std::error_code error;
  if (path == kStdinPath || !std::filesystem::is_regular_file(path, error) ||
      NeedsConversion(path, invocation.global)) {
    auto input = ReadTableInput(path, invocation.in, invocation.global);
    if (!input) return tl::make_unexpected(input.error());
    return [text = std::move(input->text), file = std::move(input->name), &context,
            &problems](const MarkRowSink& take) {
      MarkReadAhead reader(
          [&](const MarkRowSink& read) { return ReadMarksCsv(text, file, context, read); });
      problems = reader.TakeAll(take);
      return problems.empty();
    };
  }
  if (auto opened = OpenInput(path); !opened) {
    return tl::make_unexpected(Diagnostics{opened.error()});
  }
  return [path, file = InputName(path), &context, &problems](const MarkRowSink& take) {
    auto stream = OpenInput(path);
    if (!stream) {
      problems = {stream.error()};
      return false;
    }
    MarkReadAhead reader(
        [&](const MarkRowSink& read) { return ReadMarksCsv(*stream, file, context, read); });
    problems = reader.TakeAll(take);
    if (stream->bad()) problems = {ReadFailure(path)};
    return problems.empty();
  };
}

ExitCode ImportMarks(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string path = Argument(invocation, "file");
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return store.error();
  auto roster = (*store)->LoadRoster(exam);
  if (!roster) return Fail(roster.error(), invocation.err);
  MarkContext context{.rubric = &roster->rubric,
                      .candidates = &roster->candidates,
                      .judges = &roster->judges,
                      .exam = exam};
  Diagnostics problems;
  auto rows = MarkRows(path, invocation, context, problems);
  if (!rows) return Refuse(rows.error(), invocation.err);
  // The acting judge (--as or $SKILLSCORE_JUDGE) is recorded with the marks for the history.
  MarkSource source{.actor = invocation.global.as.value_or(""), .file = InputName(path)};
  auto counts = (*store)->ImportMarkStream(exam, *rows, source);
  if (!problems.empty()) return Refuse(problems, invocation.err);
  if (!counts) return Fail(counts.error(), invocation.err);
  spdlog::info(Tr("{0}: {1}: {2} added, {3} changed, {4} unchanged", source.file, Tr("marks"),
                  counts->added, counts->changed, counts->unchanged));
  return ExitCode::kOk;
}

// --judge, else the acting judge; a mark without a judge is a usage error.
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

bool IsChiefExpert(const ExamData& roster, const std::string& judge) {
  if (roster.exam.chief == judge) return true;
  return std::any_of(roster.judges.begin(), roster.judges.end(), [&](const Judge& registered) {
    return registered.id == judge && registered.role == JudgeRole::kChief;
  });
}

// Judgement scores are each judge's own (issue: marks are entered by experts in the name of
// themselves for judgement, of the marking team for measurement). Only a chief expert may
// transcribe another judge's signed marking form; the audit log records who did.
std::optional<std::string> ForeignScoreRefusal(const ExamData& roster, const MarkEntry& entry,
                                               const std::optional<std::string>& acting) {
  if (!acting || *acting == entry.judge) return std::nullopt;
  const Aspect& aspect = roster.rubric.AspectAt(entry.aspect);
  if (aspect.type != AspectType::kJudgement || IsChiefExpert(roster, *acting)) return std::nullopt;
  return Tr(
      "{0} is a judgement aspect: judge {1} enters their own score; {2} may not enter it "
      "for them (only a chief expert may transcribe a marking form)",
      aspect.id, entry.judge, *acting);
}

ExitCode EnterMark(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string candidate = Argument(invocation, "candidate");
  std::string aspect = Argument(invocation, "aspect");
  std::string value = Argument(invocation, "value");
  std::string judge = MarkingJudge(invocation);
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return store.error();
  auto roster = (*store)->LoadRoster(exam);
  if (!roster) return Fail(roster.error(), invocation.err);
  MarkContext context{.rubric = &roster->rubric,
                      .candidates = &roster->candidates,
                      .judges = &roster->judges,
                      .exam = exam};
  auto entry = CheckMark(context, candidate, aspect, judge, value);
  if (!entry) {
    PrintError(Tr("mark refused: {0}", entry.error()), invocation.err);
    return ExitCode::kInvalidInput;
  }
  if (auto refusal = ForeignScoreRefusal(*roster, *entry, invocation.global.as)) {
    PrintError(Tr("mark refused: {0}", *refusal), invocation.err);
    return ExitCode::kInvalidInput;
  }
  std::string reason = OptionValue(invocation, "reason").value_or("");
  MarkSource source{
      .actor = invocation.global.as.value_or(entry->judge), .file = "", .reason = reason};
  auto change = (*store)->EnterMark(exam, *entry, reason, source);
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
