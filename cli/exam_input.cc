#include "exam_input.h"

#include <iostream>
#include <utility>

#include "io.h"
#include "skillscore/csv.h"
#include "skillscore/exam_files.h"
#include "skillscore/rubric_loader.h"

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
  RubricLoad load = ParseRubric(*text, InputName(path));
  for (Diagnostic& diagnostic : load.diagnostics) {
    if (diagnostic.severity == Severity::kError || invocation.global.verbosity > 0) {
      diagnostics.push_back(std::move(diagnostic));
    }
  }
  return std::move(load.rubric);
}

std::optional<CsvTable> LoadCsv(const std::string& path, std::istream& in,
                                Diagnostics& diagnostics) {
  auto text = ReadInput(path, in);
  if (!text) {
    diagnostics.push_back(text.error());
    return std::nullopt;
  }
  return Collect(ParseCsv(*text, InputName(path)), diagnostics);
}

std::string Trimmed(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// --exam, else the first value of the marks file's `exam` column (which every other row must then
// match), else unknown.
std::optional<std::string> ExamId(const po::variables_map& options, const CsvTable& marks) {
  if (auto exam = Optional(options, "exam")) return exam;
  if (auto column = marks.Column("exam")) {
    for (const CsvRow& row : marks.rows) {
      if (std::string exam = Trimmed(row.fields[*column]); !exam.empty()) return exam;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ExamInput> LoadExamFiles(const Invocation& invocation, Diagnostics& diagnostics) {
  ExamFileNames files = FilesOf(invocation.options);
  std::optional<Rubric> rubric = LoadRubric(files.rubric, invocation, diagnostics);
  std::optional<std::vector<Candidate>> candidates;
  if (files.candidates) {
    if (auto table = LoadCsv(*files.candidates, invocation.in, diagnostics)) {
      candidates = Collect(ReadCandidates(*table), diagnostics);
    }
  }
  std::optional<std::vector<Judge>> judges;
  if (files.judges) {
    if (auto table = LoadCsv(*files.judges, invocation.in, diagnostics)) {
      judges = Collect(ReadJudges(*table), diagnostics);
    }
  }
  std::optional<CsvTable> marks = LoadCsv(files.marks, invocation.in, diagnostics);
  if (!rubric || !marks) return std::nullopt;  // marks cannot be checked without the rubric
  MarkContext context{.rubric = &*rubric,
                      .candidates = candidates ? &*candidates : nullptr,
                      .judges = judges ? &*judges : nullptr,
                      .exam = ExamId(invocation.options, *marks)};
  std::optional<std::vector<MarkRow>> rows = Collect(ReadMarks(*marks, context), diagnostics);
  if (!rows || HasErrors(diagnostics)) return std::nullopt;
  ExamInput input{std::move(*rubric),
                  context.exam,
                  candidates ? std::move(*candidates) : CandidatesFromMarks(*rows),
                  judges ? std::move(*judges) : std::vector<Judge>(),
                  {}};
  for (MarkRow& row : *rows) input.entries.push_back(std::move(row.entry));
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
