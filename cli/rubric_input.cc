#include "rubric_input.h"

#include "skillscore/cis_workbook.h"
#include "skillscore/xlsx_reader.h"

namespace skillscore::cli {
namespace po = boost::program_options;

void DefineWorkbookOptions(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("id", po::value<std::string>()->value_name("CODE@VERSION"),
       Tr("a CIS workbook's rubric identity (the workbook has none)").c_str())  //
      ("kind", po::value<std::string>()->value_name("KIND"),
       Tr("a CIS workbook's rubric kind: competition (default) or exam").c_str());
}

RubricInput LoadRubricInput(std::string bytes, const std::string& name,
                            const Invocation& invocation) {
  const auto& options = invocation.options;
  bool workbook_options = options.count("id") || options.count("kind");
  if (!LooksLikeWorkbook(bytes)) {
    if (workbook_options) throw UsageError(Tr("--id and --kind apply to CIS workbooks only"));
    RubricInput input{ParseRubric(bytes, name), std::move(bytes)};
    return input;
  }
  CisReadOptions read;
  if (options.count("id")) {
    std::string id = options["id"].as<std::string>();
    auto at = id.find('@');
    if (at == 0 || at == std::string::npos || at + 1 == id.size()) {
      throw UsageError(Tr("invalid --id '{0}': expected CODE@VERSION", id));
    }
    read.code = id.substr(0, at);
    read.version = id.substr(at + 1);
  }
  if (options.count("kind")) {
    std::string kind = options["kind"].as<std::string>();
    if (kind == "exam") {
      read.kind = RubricKind::kExam;
    } else if (kind == "competition") {
      read.kind = RubricKind::kCompetition;
    } else {
      throw UsageError(Tr("invalid --kind '{0}': expected competition or exam", kind));
    }
  }
  CisRubricLoad load = ReadCisWorkbook(std::move(bytes), name, read);
  return {std::move(load.load), std::move(load.yaml)};
}

}  // namespace skillscore::cli
