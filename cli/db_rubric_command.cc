// skillscore rubric import | list | show: rubrics in the exam database (shared/spec/cli.md).
//
// A rubric is stored exactly as imported, under its code@version; importing the same content
// again changes nothing, while different content under an existing code@version is refused (the
// changed rubric needs a new version), so that an exam's results never change under it.
#include <spdlog/spdlog.h>

#include <iostream>
#include <utility>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "output.h"
#include "rubric_input.h"
#include "skillscore/json_writer.h"
#include "skillscore/report.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::cli {
namespace {

using Layout = JsonWriter::Layout;

// A rubric's errors are always shown; its warnings only with -v, as checking rubrics is the job
// of `rubric validate`.
ExitCode Import(const Invocation& invocation) {
  std::string path = Argument(invocation, "file");
  auto text = ReadInput(path, invocation.in, kMaxDocumentBytes);
  if (!text) return Refuse({text.error()}, invocation.err);
  RubricInput input = LoadRubricInput(std::move(*text), InputName(path), invocation);
  RubricLoad& load = input.load;
  for (const Diagnostic& diagnostic : load.diagnostics) {
    if (diagnostic.severity == Severity::kError || invocation.global.verbosity > 0) {
      PrintDiagnostics({diagnostic}, invocation.err);
    }
  }
  if (!load.rubric) return ExitCode::kInvalidInput;
  auto service = OpenService(invocation, DbAccess::kCreate);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, std::nullopt);
  if (!actor) return actor.error();
  auto change = (*service)->ImportRubric(*actor, input.yaml, *load.rubric);
  if (!change) return Fail(change.error(), invocation.err);
  if (*change == Change::kAdded) {
    spdlog::info(
        Tr("rubric {0} imported (sha256 {1})", load.rubric->Identity(), load.rubric->sha256));
  } else {
    spdlog::info(
        Tr("rubric {0} is already imported with the same content", load.rubric->Identity()));
  }
  return ExitCode::kOk;
}

ExitCode List(const Invocation& invocation) {
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return store.error();
  auto rubrics = (*store)->ListRubrics();
  if (!rubrics) return Fail(rubrics.error(), invocation.err);
  RecordList list{{"code", "version", "title", "sha256", "imported_at"},
                  {{Tr("Code")}, {Tr("Version")}, {Tr("Title")}, {"SHA-256"}, {Tr("Imported")}},
                  {}};
  for (const RubricInfo& rubric : *rubrics) {
    list.rows.push_back(
        {rubric.code, rubric.version, rubric.title, rubric.sha256, rubric.imported_at});
  }
  invocation.out << RenderRecords(list, invocation.global);
  return ExitCode::kOk;
}

// Maxima have at most two decimals (rubric-format.md), so two places show them exactly.
std::string MaxNumber(const Rational& max) { return ReportNumber(max, 2); }

Rational SubcriterionMax(const Subcriterion& subcriterion) {
  Rational max;
  for (const Aspect& aspect : subcriterion.aspects) max += aspect.max;
  return max;
}

void WriteSubcriterion(JsonWriter& json, const Subcriterion& subcriterion) {
  json.BeginObject(Layout::kInline);
  json.Key("id");
  json.String(subcriterion.id);
  json.Key("title");
  json.String(subcriterion.title);
  json.Key("day");
  if (subcriterion.day == 0) {
    json.Null();
  } else {
    json.Integer(subcriterion.day);
  }
  json.Key("aspects");
  json.Integer(static_cast<std::int64_t>(subcriterion.aspects.size()));
  json.Key("max");
  json.Number(MaxNumber(SubcriterionMax(subcriterion)));
  json.EndObject();
}

void WriteModule(JsonWriter& json, const Module& module) {
  Rational max;
  for (const Subcriterion& subcriterion : module.subcriteria) max += SubcriterionMax(subcriterion);
  json.BeginObject();
  json.Key("id");
  json.String(module.id);
  json.Key("title");
  json.String(module.title);
  json.Key("max");
  json.Number(MaxNumber(max));
  json.Key("subcriteria");
  json.BeginArray();
  for (const Subcriterion& subcriterion : module.subcriteria) WriteSubcriterion(json, subcriterion);
  json.EndArray();
  json.EndObject();
}

// The rubric's identity and outline: modules and sub-criteria with their maxima.
std::string RubricSummaryJson(const StoredRubric& stored) {
  const Rubric& rubric = stored.rubric;
  JsonWriter json;
  json.BeginObject();
  for (auto [key, value] :
       {std::pair{"code", &stored.info.code}, std::pair{"version", &stored.info.version},
        std::pair{"title", &stored.info.title}, std::pair{"sha256", &stored.info.sha256},
        std::pair{"imported_at", &stored.info.imported_at}}) {
    json.Key(key);
    json.String(*value);
  }
  json.Key("kind");
  json.String(rubric.kind == RubricKind::kExam ? "exam" : "competition");
  json.Key("max");
  json.Number(MaxNumber(rubric.max));
  json.Key("aspects");
  json.Integer(static_cast<std::int64_t>(rubric.AspectCount()));
  json.Key("modules");
  json.BeginArray();
  for (const Module& module : rubric.modules) WriteModule(json, module);
  json.EndArray();
  json.EndObject();
  return json.text() + '\n';
}

// The stored YAML as imported, byte for byte; with --format json a summary instead.
ExitCode Show(const Invocation& invocation) {
  RubricName name = ParseRubricName(Argument(invocation, "code"));
  if (invocation.global.format == OutputFormat::kCsv) {
    throw UsageError(
        Tr("rubric show prints the rubric's YAML, or a summary with --format json; "
           "there is no CSV form"));
  }
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return store.error();
  auto stored = (*store)->GetRubric(name.code, name.version);
  if (!stored) return Fail(stored.error(), invocation.err);
  if (invocation.global.format == OutputFormat::kJson) {
    invocation.out << RubricSummaryJson(*stored);
  } else {
    invocation.out << stored->yaml_text;
  }
  return ExitCode::kOk;
}

}  // namespace

std::vector<Command> DbRubricCommands() {
  return {
      Command{
          .words = {"rubric", "import"},
          .arguments = "FILE",
          .summary = "Store a rubric in the exam database (created if missing)",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"file"});
                DefineWorkbookOptions(syntax);
              },
          .run = Import,
      },
      Command{
          .words = {"rubric", "list"},
          .arguments = "",
          .summary = "List the rubrics in the exam database",
          .define = [](CommandSyntax&) {},
          .run = List,
      },
      Command{
          .words = {"rubric", "show"},
          .arguments = "CODE[@VERSION]",
          .summary = "Print a stored rubric (YAML), or its summary with --format json",
          .define = [](CommandSyntax& syntax) { DefineArguments(syntax, {"code"}); },
          .run = Show,
      },
  };
}

}  // namespace skillscore::cli
