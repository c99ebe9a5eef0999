// skillscore exam create | list, candidates import, judges import: an exam in the database, bound
// to one rubric version for its whole life, and the people registered for it (shared/spec/cli.md).
//
// Imports of people are all-or-nothing: every bad row of the file is reported with its line
// number and nothing is stored. A person already registered under the same id is updated, so that
// a corrected list can be imported again.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <regex>

#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "output.h"
#include "skillscore/identifier.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

// A calendar date written YYYY-MM-DD, or a usage error.
std::string CheckedDate(const std::string& text) {
  static const std::regex kPattern(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch parts;
  if (std::regex_match(text, parts, kPattern)) {
    std::chrono::year_month_day date{std::chrono::year(std::stoi(parts[1])),
                                     std::chrono::month(std::stoul(parts[2])),
                                     std::chrono::day(std::stoul(parts[3]))};
    if (date.ok()) return text;
  }
  throw UsageError(Tr("invalid date '{0}': expected a date as YYYY-MM-DD", text));
}

ExitCode Create(const Invocation& invocation) {
  std::string id = Argument(invocation, "exam");
  RubricName rubric = ParseRubricName(invocation.options["rubric"].as<std::string>());
  NewExam exam{.id = id,
               .rubric_code = rubric.code,
               .rubric_version = rubric.version,
               .date = OptionValue(invocation, "date").value_or(""),
               .site = OptionValue(invocation, "site").value_or(""),
               .chief = OptionValue(invocation, "chief").value_or("")};
  if (!exam.date.empty()) CheckedDate(exam.date);
  for (auto problem :
       {IdentifierProblem(Tr("exam id"), exam.id),
        exam.chief.empty() ? std::nullopt : IdentifierProblem(Tr("chief"), exam.chief),
        TextProblem("site", exam.site)}) {
    if (!problem) continue;
    PrintError(*problem, invocation.err);
    return ExitCode::kInvalidInput;
  }
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return store.error();
  auto created = (*store)->CreateExam(exam);
  if (!created) return Fail(created.error(), invocation.err);
  spdlog::info(Tr("exam {0} created with rubric {1}@{2}", created->id, created->rubric.code,
                  created->rubric.version));
  return ExitCode::kOk;
}

void DefineCreate(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("rubric", po::value<std::string>()->value_name("CODE[@VERSION]")->required(),
       Tr("the rubric the exam is marked by, as imported; the version may be left out when "
          "there is only one")
           .c_str())  //
      ("date", po::value<std::string>()->value_name("YYYY-MM-DD"),
       Tr("the day of the exam").c_str())  //
      ("site", po::value<std::string>()->value_name("TEXT"),
       Tr("where the exam takes place").c_str())  //
      ("chief", po::value<std::string>()->value_name("JUDGE"),
       Tr("the judge id of the chief expert").c_str());
}

ExitCode List(const Invocation& invocation) {
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return store.error();
  auto exams = (*store)->ListExams();
  if (!exams) return Fail(exams.error(), invocation.err);
  RecordList list{{"id", "rubric", "version", "date", "site", "chief", "created_at"},
                  {{Tr("Exam")},
                   {Tr("Rubric")},
                   {Tr("Version")},
                   {Tr("Date")},
                   {Tr("Site")},
                   {Tr("Chief expert")},
                   {Tr("Created")}},
                  {}};
  for (const ExamInfo& exam : *exams) {
    list.rows.push_back({exam.id, exam.rubric.code, exam.rubric.version, exam.date, exam.site,
                         exam.chief, exam.created_at});
  }
  invocation.out << RenderRecords(list, invocation.global);
  return ExitCode::kOk;
}

void LogCounts(const std::string& file, const char* what, const ImportCounts& counts) {
  spdlog::info(Tr("{0}: {1}: {2} added, {3} changed, {4} unchanged", file, Tr(what), counts.added,
                  counts.changed, counts.unchanged));
}

// Reads people with `read` (ReadCandidates or ReadJudges) and registers them with `import`.
template <typename Read, typename Import>
ExitCode ImportPeople(const Invocation& invocation, const char* what, Read read, Import import) {
  std::string exam = Argument(invocation, "exam");
  std::string path = Argument(invocation, "file");
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return store.error();
  auto table = ReadCsvInput(path, invocation);
  if (!table) return ExitCode::kInvalidInput;
  auto people = read(*table);
  if (!people) return Refuse(people.error(), invocation.err);
  auto counts = import(**store, exam, *people);
  if (!counts) return Fail(counts.error(), invocation.err);
  LogCounts(InputName(path), what, *counts);
  return ExitCode::kOk;
}

ExitCode ImportCandidates(const Invocation& invocation) {
  return ImportPeople(invocation, "candidates", ReadCandidates,
                      [](ExamStore& store, const std::string& exam, const auto& people) {
                        return store.ImportCandidates(exam, people);
                      });
}

ExitCode ImportJudges(const Invocation& invocation) {
  return ImportPeople(invocation, "judges", ReadJudges,
                      [](ExamStore& store, const std::string& exam, const auto& people) {
                        return store.ImportJudges(exam, people);
                      });
}

void DefineImport(CommandSyntax& syntax) { DefineArguments(syntax, {"exam", "file"}); }

}  // namespace

std::vector<Command> ExamCommands() {
  return {
      Command{
          .words = {"exam", "create"},
          .arguments = "EXAM --rubric CODE[@VERSION] [--date YYYY-MM-DD] [--site TEXT] "
                       "[--chief JUDGE]",
          .summary = "Create an exam marked by a stored rubric",
          .define = DefineCreate,
          .run = Create,
      },
      Command{
          .words = {"exam", "list"},
          .arguments = "",
          .summary = "List the exams in the database",
          .define = [](CommandSyntax&) {},
          .run = List,
      },
      Command{
          .words = {"candidates", "import"},
          .arguments = "EXAM FILE",
          .summary = "Register an exam's candidates from a CSV file",
          .define = DefineImport,
          .run = ImportCandidates,
      },
      Command{
          .words = {"judges", "import"},
          .arguments = "EXAM FILE",
          .summary = "Register an exam's judges from a CSV file",
          .define = DefineImport,
          .run = ImportJudges,
      },
  };
}

}  // namespace skillscore::cli
