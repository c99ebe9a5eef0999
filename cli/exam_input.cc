#include "exam_input.h"

#include <iostream>
#include <utility>

#include "io.h"
#include "marks_file.h"
#include "rubric_input.h"
#include "skillscore/csv.h"
#include "skillscore/exam_files.h"
#include "skillscore/rubric_loader.h"
#include "table_input.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

constexpr const char* kFileOptions[] = {"rubric", "marks", "candidates", "judges", "exam"};

struct ExamFileNames {
  std::string rubric;
  std::string marks;
  std::optional<std::string> candidates;
  std::optional<std::string> judges;
};

std::optional<std::string> Optional(const po::variables_map& options, const char* name) {
  if (!options.count(name)) return std::nullopt;
  return options[name].as<std::string>();
}

ExamFileNames FilesOf(const po::variables_map& options) {
  ExamFileNames files{options["rubric"].as<std::string>(), options["marks"].as<std::string>(),
                      Optional(options, "candidates"), Optional(options, "judges")};
  int from_stdin = (files.rubric == kStdinPath) + (files.marks == kStdinPath) +
                   (files.candidates == kStdinPath) + (files.judges == kStdinPath);
  if (from_stdin > 1) throw UsageError(Tr("standard input ('-') can be read only once"));
  return files;
}

// The value, or nullopt after moving its diagnostics to `diagnostics`.
template <typename T>
std::optional<T> Collect(tl::expected<T, Diagnostics> result, Diagnostics& diagnostics) {
  if (result) return std::move(*result);
  diagnostics.insert(diagnostics.end(), result.error().begin(), result.error().end());
  return std::nullopt;
}

// A rubric's errors always count; its warnings are shown only with -v, since checking rubrics is
// the job of `rubric validate`.
std::optional<Rubric> LoadRubric(const std::string& path, const Invocation& invocation,
                                 Diagnostics& diagnostics) {
  auto text = ReadInput(path, invocation.in, kMaxDocumentBytes);
  if (!text) {
    diagnostics.push_back(text.error());
    return std::nullopt;
  }
  RubricLoad load = LoadRubricInput(std::move(*text), InputName(path), invocation).load;
  for (Diagnostic& diagnostic : load.diagnostics) {
    if (diagnostic.severity == Severity::kError || invocation.global.verbosity > 0) {
      diagnostics.push_back(std::move(diagnostic));
    }
  }
  return std::move(load.rubric);
}

std::optional<CsvTable> LoadCsv(const std::string& path, const Invocation& invocation,
                                Diagnostics& diagnostics) {
  auto input = ReadTableInput(path, invocation.in, invocation.global.tables);
  if (!input) {
    diagnostics.insert(diagnostics.end(), input.error().begin(), input.error().end());
    return std::nullopt;
  }
  return Collect(ParseCsv(input->text, input->name), diagnostics);
}

// Reads the marks file into `input`'s sheets, each row checked as it is read, with the reader
// `marks import` uses (marks_file.h): a UTF-8 file a piece at a time, standard input, workbooks
// and Windows-1251 files whole. False after adding the diagnostics to `diagnostics`.
bool ReadMarksIntoSheets(const std::string& path, const Invocation& invocation,
                         const MarkContext& context, SheetBuilder& sheets, ExamInput& input,
                         Diagnostics& diagnostics) {
  auto read = MarkFile(path, invocation.in, invocation.global.tables);
  if (!read) {
    diagnostics.insert(diagnostics.end(), read.error().begin(), read.error().end());
    return false;
  }
  const MarkRowSink take = [&](const MarkRow& row) {
    sheets.Add(row.entry);
    ++input.marks;
    if (!input.exam && !row.exam.empty()) input.exam = row.exam;
  };
  Diagnostics problems;
  bool read_well = (*read)(context, take, problems);
  diagnostics.insert(diagnostics.end(), problems.begin(), problems.end());
  return read_well;
}

}  // namespace

std::optional<ExamInput> LoadExamFiles(const Invocation& invocation, Diagnostics& diagnostics) {
  ExamFileNames files = FilesOf(invocation.options);
  std::optional<Rubric> rubric = LoadRubric(files.rubric, invocation, diagnostics);
  std::optional<std::vector<Candidate>> candidates;
  if (files.candidates) {
    if (auto table = LoadCsv(*files.candidates, invocation, diagnostics)) {
      candidates = Collect(ReadCandidates(*table), diagnostics);
    }
  }
  std::optional<std::vector<Judge>> judges;
  if (files.judges) {
    if (auto table = LoadCsv(*files.judges, invocation, diagnostics)) {
      judges = Collect(ReadJudges(*table), diagnostics);
    }
  }
  if (!rubric) {  // marks cannot be checked without the rubric: only their CSV syntax is
    LoadCsv(files.marks, invocation, diagnostics);
    return std::nullopt;
  }
  ExamInput input;
  input.exam = Optional(invocation.options, "exam");
  MarkContext context{.rubric = &*rubric,
                      .candidates = candidates ? &*candidates : nullptr,
                      .judges = judges ? &*judges : nullptr,
                      .exam = input.exam,
                      .exam_from_rows = true};
  SheetBuilder sheets = candidates ? SheetBuilder(*rubric, *candidates) : SheetBuilder(*rubric);
  if (!ReadMarksIntoSheets(files.marks, invocation, context, sheets, input, diagnostics) ||
      HasErrors(diagnostics)) {
    return std::nullopt;
  }
  input.sheets = std::move(sheets).Finish();
  input.rubric = std::move(*rubric);
  if (judges) input.judges = std::move(*judges);
  return input;
}

void DefineExamFileOptions(CommandSyntax& syntax, ExamFiles files) {
  auto file = [files]() {
    auto* value = po::value<std::string>()->value_name("FILE");
    return files == ExamFiles::kRequired ? value->required() : value;
  };
  syntax.options.add_options()                                                                   //
      ("rubric", file(), Tr("the rubric (YAML); any FILE may be - for standard input").c_str())  //
      ("marks", file(),
       Tr("the marks (CSV: candidate, aspect, judge, value, [exam], [note])").c_str())  //
      ("candidates", po::value<std::string>()->value_name("FILE"),
       Tr("the candidates (CSV: id, name, organization, [status]); default: everyone named in "
          "the marks")
           .c_str())  //
      ("judges", po::value<std::string>()->value_name("FILE"),
       Tr("the judges (CSV: id, name, organization, [role]); with --candidates, enables the "
          "conflict-of-interest check")
           .c_str())  //
      ("exam", po::value<std::string>()->value_name("ID"),
       Tr("the exam id; default: the marks' exam column").c_str());
}

bool HasExamFileOptions(const Invocation& invocation) {
  for (const char* option : kFileOptions) {
    if (invocation.options.count(option)) return true;
  }
  return false;
}

}  // namespace skillscore::cli
