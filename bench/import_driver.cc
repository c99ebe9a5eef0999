// skillscore-import-bench: times each step of a marks import, which `skillscore marks import`
// runs as one command, to show where the time goes.
//
//   skillscore-import-bench DB RUBRIC_YAML EXAM_DIR...
//
// Imports the rubric into DB (created when missing), then for each EXAM_DIR (as skillscore-gen
// writes them) creates the exam named after the directory, registers its candidates.csv and
// judges.csv, and imports its marks.csv with full validation, printing one line per exam:
//
//   exam  marks  roster  check  store  cpu  wall
//
// roster: LoadRoster; then the import exactly as `marks import` runs it — ExamService::ImportMarks
// with the command line's reader of marks files (cli/marks_file.h: ReadMarksCsv on a second
// thread, a piece of the file at a time), every row checked by the service's rules, written by the
// store. As reading and writing interleave, check is timed in a pass of its own beforehand that
// only reads and checks, and store is the import's time less check. Every change is made in the
// name of the exam's chief expert (the judge whose role is chief, as skillscore-gen writes them).
// Steps are timed in processor seconds (user + system), which depend less on other programs than
// elapsed time; cpu is roster + the import, and wall the elapsed seconds of both (the separate
// check pass excluded).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "marks_file.h"
#include "skillscore/csv.h"
#include "skillscore/diagnostic.h"
#include "skillscore/exam_files.h"
#include "skillscore/exam_service.h"
#include "skillscore/rubric_loader.h"
#include "skillscore/sqlite_store.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"

namespace skillscore::bench {
namespace {

using WallClock = std::chrono::steady_clock;

// Why a step failed; the driver stops at the first failure.
struct Failure {
  std::string message;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure{"cannot read " + path.string()};
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

[[noreturn]] void Fail(const std::vector<Diagnostic>& diagnostics) {
  std::string message;
  for (const Diagnostic& diagnostic : diagnostics) message += FormatDiagnostic(diagnostic) + "\n";
  throw Failure{message};
}

template <typename T>
T Require(tl::expected<T, std::vector<Diagnostic>> result) {
  if (result) return std::move(*result);
  Fail(result.error());
}

template <typename T>
T Require(StoreResult<T> result) {
  if (result) return std::move(*result);
  throw Failure{StoreMessage(result.error())};
}

CsvTable ReadTable(const std::filesystem::path& path) {
  return Require(ParseCsv(ReadFile(path), path.string()));
}

// Processor seconds of this process since `start`, and restarts the count.
double Lap(std::clock_t& start) {
  const std::clock_t now = std::clock();
  const double seconds = static_cast<double>(now - start) / CLOCKS_PER_SEC;
  start = now;
  return seconds;
}

template <typename T>
T Require(ServiceResult<T> result) {
  if (result) return std::move(*result);
  if (!result.error().diagnostics.empty()) Fail(result.error().diagnostics);
  throw Failure{result.error().message};
}

// The generated rubric is imported in the name of the bench itself; an exam's people and marks in
// the name of its chief expert.
const Actor kBench{"bench"};

void ImportRubric(ExamService& service, const std::filesystem::path& path) {
  const std::string text = ReadFile(path);
  RubricLoad load = ParseRubric(text, path.string());
  if (!load.rubric) throw Failure{"invalid rubric " + path.string()};
  Require(service.ImportRubric(kBench, text, *load.rubric));
}

// Creates the exam and registers its people; its chief expert.
Actor RegisterExam(ExamService& service, const std::string& exam, const std::string& rubric_code,
                   const std::filesystem::path& dir) {
  NewExam new_exam;
  new_exam.id = exam;
  new_exam.rubric_code = rubric_code;
  Require(service.CreateExam(kBench, new_exam));
  const std::vector<Judge> judges = Require(ReadJudges(ReadTable(dir / "judges.csv")));
  Actor chief{kBench};
  for (const Judge& judge : judges) {
    if (judge.role == JudgeRole::kChief) chief.id = judge.id;
  }
  Require(service.ImportJudges(kBench, exam, judges));
  Require(service.ImportCandidates(chief, exam,
                                   Require(ReadCandidates(ReadTable(dir / "candidates.csv")))));
  return chief;
}

// Reads and checks the rows of `file`, handing each to `take`; fails on the first bad file.
void CheckMarks(const std::string& file, const MarkContext& context, const MarkRowSink& take) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Failure{"cannot read " + file};
  const Diagnostics problems = ReadMarksCsv(in, file, context, take);
  if (in.bad()) throw Failure{"cannot read " + file};
  if (!problems.empty()) Fail(problems);
}

void ImportMarks(ExamService& service, const Actor& chief, const std::string& exam,
                 const std::filesystem::path& dir) {
  const WallClock::time_point start = WallClock::now();
  std::clock_t lap = std::clock();
  const std::string file = (dir / "marks.csv").string();
  const ExamData roster = Require(service.store().LoadRoster(exam));
  const double load = Lap(lap);
  MarkContext context;
  context.rubric = &roster.rubric;
  context.candidates = &roster.candidates;
  context.judges = &roster.judges;
  context.exam = exam;
  const WallClock::duration before_check = WallClock::now() - start;
  std::size_t marks = 0;
  CheckMarks(file, context, [&marks](const MarkRow&) { ++marks; });
  const double check = Lap(lap);
  const WallClock::time_point import_start = WallClock::now();
  auto reader = cli::MarkFile(file, std::cin, {});
  if (!reader) Fail(reader.error());
  Require(service.ImportMarks(chief, exam, file, *reader));
  const double import = Lap(lap);
  const double wall =
      std::chrono::duration<double>(before_check + (WallClock::now() - import_start)).count();
  std::printf("%-10s %9zu %6.2f %6.2f %6.2f %6.2f %6.2f\n", exam.c_str(), marks, load, check,
              import - check, load + import, wall);
}

int Run(const std::string& db, const std::filesystem::path& rubric,
        const std::vector<std::filesystem::path>& exam_dirs) {
  std::unique_ptr<ExamStore> store = Require(OpenSqliteStore(db));
  ExamService service(*store);
  ImportRubric(service, rubric);
  const std::string rubric_code = Require(store->ListRubrics()).front().code;
  std::printf("%-10s %9s %6s %6s %6s %6s %6s\n", "exam", "marks", "roster", "check", "store", "cpu",
              "wall");
  for (const std::filesystem::path& dir : exam_dirs) {
    const std::string exam = dir.filename().string();
    Actor chief = RegisterExam(service, exam, rubric_code, dir);
    ImportMarks(service, chief, exam, dir);
  }
  return 0;
}

}  // namespace
}  // namespace skillscore::bench

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: skillscore-import-bench DB RUBRIC_YAML EXAM_DIR...\n";
    return 2;
  }
  try {
    return skillscore::bench::Run(argv[1], argv[2], {argv + 3, argv + argc});
  } catch (const skillscore::bench::Failure& failure) {
    std::cerr << "skillscore-import-bench: " << failure.message << "\n";
    return 1;
  }
}
