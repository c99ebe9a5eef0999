// skillscore exam create | list, candidates import, judges import: an exam in the database, bound
// to one rubric version for its whole life, and the people registered for it (shared/spec/cli.md).
//
// Imports of people are all-or-nothing: every bad row of the file is reported with its line
// number and nothing is stored. A person already registered under the same id is updated, so that
// a corrected list can be imported again.
#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "output.h"
#include "skillscore/credentials.h"
#include "skillscore/dates.h"
#include "skillscore/time_zone.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

// A calendar date written YYYY-MM-DD or DD.MM.YYYY, as ISO, or a usage error.
std::string CheckedDate(const std::string& text) {
  if (auto date = ParseDate(text)) return *date;
  throw UsageError(Tr("invalid date '{0}': expected a date as YYYY-MM-DD or DD.MM.YYYY", text));
}

ExitCode Create(const Invocation& invocation) {
  std::string id = Argument(invocation, "exam");
  RubricName rubric = ParseRubricName(invocation.options["rubric"].as<std::string>());
  NewExam exam{.id = id,
               .rubric_code = rubric.code,
               .rubric_version = rubric.version,
               .date = OptionValue(invocation, "date").value_or(""),
               .site = OptionValue(invocation, "site").value_or(""),
               .chief = OptionValue(invocation, "chief").value_or(""),
               .timezone = OptionValue(invocation, "timezone").value_or("")};
  if (!exam.date.empty()) exam.date = CheckedDate(exam.date);
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, std::nullopt);
  if (!actor) return actor.error();
  bool require_pin = invocation.options["require-pin"].as<bool>();
  if (require_pin && !actor->administrator && actor->id != exam.chief) {
    // Checked before creating, so that the exam is not left without the rule it was made with.
    throw UsageError(
        Tr("--require-pin is set by the chief expert named with --chief, acting "
           "with --as, or by an administrator"));
  }
  auto created = (*service)->CreateExam(*actor, exam);
  if (!created) return Fail(created.error(), invocation.err);
  spdlog::info(Tr("exam {0} created with rubric {1}@{2}", created->id, created->rubric.code,
                  created->rubric.version));
  if (require_pin) {
    auto rule = Credentials(**service).RequirePins(*actor, created->id, true);
    if (!rule) return Fail(rule.error(), invocation.err);
    spdlog::info(Tr("exam {0} requires the acting judge's PIN for changes", created->id));
  }
  return ExitCode::kOk;
}

void DefineCreate(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("rubric", po::value<std::string>()->value_name("CODE[@VERSION]")->required(),
       Tr("the rubric the exam is marked by, as imported; the version may be left out when "
          "there is only one")
           .c_str())  //
      ("date", po::value<std::string>()->value_name("DATE"),
       Tr("the day of the exam: YYYY-MM-DD or DD.MM.YYYY").c_str())  //
      ("site", po::value<std::string>()->value_name("TEXT"),
       Tr("where the exam takes place").c_str())  //
      ("chief", po::value<std::string>()->value_name("JUDGE"),
       Tr("the judge id of the chief expert").c_str())  //
      ("timezone", po::value<std::string>()->value_name("ZONE"),
       Tr("the time zone people read the exam's times in, an IANA name such as Europe/Moscow "
          "(default: the machine's)")
           .c_str())  //
      ("require-pin", po::bool_switch(),
       Tr("every change needs the acting judge's PIN, once `judges codes` has issued them")
           .c_str());
}

ExitCode List(const Invocation& invocation) {
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return store.error();
  auto exams = (*store)->ListExams();
  if (!exams) return Fail(exams.error(), invocation.err);
  RecordList list{{"id", "rubric", "version", "date", "site", "chief", "created_at", "timezone"},
                  {{Tr("Exam")},
                   {Tr("Rubric")},
                   {Tr("Version")},
                   {Tr("Date")},
                   {Tr("Site")},
                   {Tr("Chief expert")},
                   {Tr("Created")},
                   {Tr("Time zone")}},
                  {}};
  for (const ExamInfo& exam : *exams) {
    // For people, dates in their language's form (JSON keeps ISO) and, on a terminal, times in
    // the exam's zone (CSV and JSON keep UTC for machines).
    bool for_people = invocation.global.format != OutputFormat::kJson;
    bool table = invocation.global.format == OutputFormat::kTable;
    list.rows.push_back({exam.id, exam.rubric.code, exam.rubric.version,
                         for_people ? PeopleDate(exam.date) : exam.date, exam.site, exam.chief,
                         table ? PeopleTime(exam.created_at, exam.timezone) : exam.created_at,
                         exam.timezone});
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
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto table = ReadCsvInput(path, invocation);
  if (!table) return ExitCode::kInvalidInput;
  auto people = read(*table);
  if (!people) return Refuse(people.error(), invocation.err);
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto counts = import(**service, *actor, exam, *people, *table);
  if (!counts) return Fail(counts.error(), invocation.err);
  LogCounts(InputName(path), what, *counts);
  return ExitCode::kOk;
}

ExitCode ImportCandidates(const Invocation& invocation) {
  return ImportPeople(
      invocation, "candidates", ReadCandidates,
      [](ExamService& service, const Actor& actor, const std::string& exam, const auto& people,
         const CsvTable&) { return service.ImportCandidates(actor, exam, people); });
}

ExitCode ImportJudges(const Invocation& invocation) {
  return ImportPeople(
      invocation, "judges", ReadJudges,
      [](ExamService& service, const Actor& actor, const std::string& exam, const auto& people,
         const CsvTable& table) { return service.ImportJudges(actor, exam, people, &table); });
}

void DefineImport(CommandSyntax& syntax) { DefineArguments(syntax, {"exam", "file"}); }

}  // namespace

std::vector<Command> ExamCommands() {
  return {
      Command{
          .words = {"exam", "create"},
          .arguments = "EXAM --rubric CODE[@VERSION] [--date YYYY-MM-DD] [--site TEXT] "
                       "[--chief JUDGE] [--timezone ZONE] [--require-pin]",
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
