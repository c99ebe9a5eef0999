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

// The files' rubric, candidates and judges, read and checked, and the reader of the marks file.
struct ExamFilesRead {
  ExamFileNames names;
  std::optional<Rubric> rubric = std::nullopt;
  std::optional<std::vector<Candidate>> candidates = std::nullopt;
  std::optional<std::vector<Judge>> judges = std::nullopt;
  // The reader `marks import` uses (marks_file.h): a UTF-8 file a piece at a time, standard
  // input, workbooks and Windows-1251 files whole; it can read the file more than once.
  std::optional<ExamService::MarkFileReader> marks = std::nullopt;
};

// The files but the marks, read; the marks file opened (when the rubric is there to check it).
ExamFilesRead ReadExamFilesButMarks(const Invocation& invocation, Diagnostics& diagnostics) {
  ExamFilesRead files{.names = FilesOf(invocation.options)};
  files.rubric = LoadRubric(files.names.rubric, invocation, diagnostics);
  if (files.names.candidates) {
    if (auto table = LoadCsv(*files.names.candidates, invocation, diagnostics)) {
      files.candidates = Collect(ReadCandidates(*table), diagnostics);
    }
  }
  if (files.names.judges) {
    if (auto table = LoadCsv(*files.names.judges, invocation, diagnostics)) {
      files.judges = Collect(ReadJudges(*table), diagnostics);
    }
  }
  if (!files.rubric) {  // marks cannot be checked without the rubric: only their CSV syntax is
    LoadCsv(files.names.marks, invocation, diagnostics);
    return files;
  }
  auto marks = MarkFile(files.names.marks, invocation.in, invocation.global.tables);
  if (marks) {
    files.marks = std::move(*marks);
  } else {
    diagnostics.insert(diagnostics.end(), marks.error().begin(), marks.error().end());
  }
  return files;
}

// Reads the marks file, handing each row's entry to `add` as it is read and checked. Counts the
// rows and notes the exam in `input`. False after adding the diagnostics to `diagnostics`.
bool ReadMarkEntries(const ExamFilesRead& files, const MarkContext& context,
                     const std::function<void(const MarkEntry&)>& add, ExamInput& input,
                     Diagnostics& diagnostics) {
  if (!files.marks) return false;  // its diagnostics are there already
  input.marks = 0;
  const MarkRowSink take = [&](const MarkRow& row) {
    add(row.entry);
    ++input.marks;
    if (!input.exam && !row.exam.empty()) input.exam = row.exam;
  };
  Diagnostics problems;
  bool read_well = (*files.marks)(context, take, problems);
  diagnostics.insert(diagnostics.end(), problems.begin(), problems.end());
  return read_well;
}

MarkContext ContextOf(const ExamFilesRead& files, const ExamInput& input) {
  return MarkContext{.rubric = &*files.rubric,
                     .candidates = files.candidates ? &*files.candidates : nullptr,
                     .judges = files.judges ? &*files.judges : nullptr,
                     .exam = input.exam,
                     .exam_from_rows = true};
}

// The marks into `input`'s sheets, held until every row is read.
bool ReadSheets(const ExamFilesRead& files, ExamInput& input, Diagnostics& diagnostics) {
  SheetBuilder sheets = files.candidates ? SheetBuilder(*files.rubric, *files.candidates)
                                         : SheetBuilder(*files.rubric);
  const MarkContext context = ContextOf(files, input);
  if (!ReadMarkEntries(
          files, context, [&](const MarkEntry& entry) { sheets.Add(entry); }, input, diagnostics) ||
      HasErrors(diagnostics)) {
    return false;
  }
  input.sheets = std::move(sheets).Finish();
  return true;
}

}  // namespace

std::optional<ExamInput> LoadExamFiles(const Invocation& invocation, Diagnostics& diagnostics) {
  ExamFilesRead files = ReadExamFilesButMarks(invocation, diagnostics);
  if (!files.rubric) return std::nullopt;
  ExamInput input;
  input.exam = Optional(invocation.options, "exam");
  if (!ReadSheets(files, input, diagnostics)) return std::nullopt;
  input.rubric = std::move(*files.rubric);
  if (files.judges) input.judges = std::move(*files.judges);
  return input;
}

std::optional<ScoredExamInput> ScoreExamFiles(const Invocation& invocation,
                                              Diagnostics& diagnostics, bool keep_sheets) {
  ExamFilesRead files = ReadExamFilesButMarks(invocation, diagnostics);
  if (!files.rubric) return std::nullopt;
  ScoredExamInput scored;
  scored.input.exam = Optional(invocation.options, "exam");
  std::optional<ExamResult> result;
  if (!keep_sheets) {
    // Each candidate scored as the file moves on to the next (SheetStream): no sheet is held.
    ExamScorer scorer(*files.rubric);
    SheetStream stream(*files.rubric, files.candidates ? &*files.candidates : nullptr,
                       [&](const CandidateSheet& sheet) { scorer.Add(sheet); });
    bool streamed = true;
    auto add = [&](const MarkEntry& entry) { streamed = streamed && stream.Add(entry); };
    if (!ReadMarkEntries(files, ContextOf(files, scored.input), add, scored.input, diagnostics) ||
        HasErrors(diagnostics)) {
      return std::nullopt;
    }
    if (streamed) {
      std::move(stream).Finish();
      result = std::move(scorer).Finish();
    }
  }
  if (!result) {  // a candidate's rows are not together: read again, holding every sheet
    scored.input.exam = Optional(invocation.options, "exam");
    Diagnostics again;  // the first reading reported the file's problems
    if (!ReadSheets(files, scored.input, again)) {
      diagnostics.insert(diagnostics.end(), again.begin(), again.end());
      return std::nullopt;
    }
    result = ScoreExam(*files.rubric, scored.input.sheets);
  }
  scored.result = std::move(*result);
  scored.input.rubric = std::move(*files.rubric);
  if (files.judges) scored.input.judges = std::move(*files.judges);
  return scored;
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
