// skillscore rescore: re-scores past exams under a corrected version of their rubric and reports
// everyone whose outcome changes (rescore.h); with --apply it binds the exams to that version.
//
//   skillscore rescore --to CODE@VERSION (--exam EXAM… | --all) [--apply --reason TEXT]
//                      [--keys DIR]
//
// The exams are read as one stream from the database (ExamStore::ScanExams) and the report is
// written exam by exam, so memory holds one exam whatever the size of a national database. On a
// terminal, a progress line on stderr shows exams done, the rate and the time left. With
// --format xlsx --out FILE the changes are written as a workbook (rescore_workbook.h) instead.
//
// What --apply does and when it is refused is the exam service's (rescore_service.h); the issuer's
// key for superseding passports comes from --keys DIR, else $SKILLSCORE_KEYS, else ./keys, and is
// read only when an exam needs it. --apply is recorded in the name of --as.
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "issuer_keys.h"
#include "output.h"
#include "progress_line.h"
#include "results_output.h"
#include "skillscore/rescore_report.h"
#include "skillscore/rescore_service.h"
#include "skillscore/rescore_workbook.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

constexpr char kKeysOption[] = "keys";

std::unique_ptr<RescoreReport> ReportFor(const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return RescoreJsonReport();
    case OutputFormat::kCsv:
      return RescoreCsvReport(CsvStyleFor(global.language));
    case OutputFormat::kXlsx:
      return std::make_unique<RescoreWorkbook>();
    case OutputFormat::kTable:
      return RescoreTableReport();
  }
  return RescoreTableReport();
}

RescoreRequest ReadRequest(const Invocation& invocation) {
  RubricName target = ParseRubricName(invocation.options["to"].as<std::string>());
  if (!target.version) {
    throw UsageError(Tr("--to needs a version: give the corrected rubric as CODE@VERSION"));
  }
  RescoreRequest request{.code = target.code, .version = *target.version};
  if (invocation.options.count("exam")) {
    request.exams = invocation.options["exam"].as<std::vector<std::string>>();
  }
  bool all = invocation.options["all"].as<bool>();
  if (all == !request.exams.empty()) {
    throw UsageError(Tr("name the exams to re-score with --exam EXAM, or give --all"));
  }
  request.apply = invocation.options["apply"].as<bool>();
  request.reason = OptionValue(invocation, "reason").value_or("");
  if (request.apply && request.reason.empty()) {
    throw UsageError(
        Tr("--apply needs a reason: give --reason TEXT (it is kept in the audit log)"));
  }
  return request;
}

// Writes each exam's part of the report as the scan hands it over, with progress on a terminal.
class ReportWriter final : public RescoreObserver {
 public:
  ReportWriter(RescoreReport& report, const Invocation& invocation, ProgressLine& progress)
      : report_(report), invocation_(invocation), progress_(progress) {}

  // A Russian CSV starts with a byte-order mark so that Excel reads it as UTF-8.
  void Begin(const Rubric& target) override {
    std::string begin = report_.Begin(target.Identity());
    if (invocation_.global.format == OutputFormat::kCsv) {
      begin = CsvForLanguage(begin, invocation_.global);
    }
    invocation_.out << begin;
  }

  void Exam(const RescoreExamView& view, const ScanProgress& position) override {
    std::string text = report_.Exam(view);
    if (!text.empty()) {
      progress_.Clear();
      invocation_.out << text << std::flush;
    }
    progress_.Update(position.done, position.total);
  }

  // Said once per version, for the chief expert to check.
  void Reworded(const Rubric& from, const Rubric& to,
                const std::vector<std::string>& aspects) override {
    if (invocation_.global.verbosity < 0) return;
    progress_.Clear();
    PrintWarning(Tr("{0} → {1}: aspects {2} keep their ids but not their texts; aspects are "
                    "matched by id, so if aspects were inserted or removed before them, give "
                    "every aspect an explicit id in both versions",
                    from.Identity(), to.Identity(), fmt::join(aspects, ", ")),
                 invocation_.err);
  }

 private:
  RescoreReport& report_;
  const Invocation& invocation_;
  ProgressLine& progress_;
};

// With --format xlsx, the workbook named by --out (nullopt otherwise); they go together.
std::optional<std::string> WorkbookPath(const Invocation& invocation) {
  bool workbook = invocation.global.format == OutputFormat::kXlsx;
  if (workbook != static_cast<bool>(invocation.options.count("out"))) {
    throw UsageError(Tr("--format xlsx and --out FILE go together"));
  }
  if (!workbook) return std::nullopt;
  return invocation.options["out"].as<std::string>();
}

ExitCode Rescore(const Invocation& invocation) {
  RescoreRequest request = ReadRequest(invocation);
  std::optional<std::string> workbook = WorkbookPath(invocation);
  auto service = OpenService(invocation);
  if (!service) return service.error();
  std::unique_ptr<RescoreReport> report = ReportFor(invocation.global);
  ProgressLine progress(std::cerr, ProgressShown(invocation.err, invocation.global.verbosity),
                        [](const ProgressPosition& at) {
                          return Tr("{0}/{1} exams, {2} exams/s, {3} left", at.done, at.total,
                                    static_cast<long>(std::lround(at.per_second)), at.left);
                        });
  ReportWriter writer(*report, invocation, progress);
  SecretKeySource key = [&]() -> tl::expected<SecretKey, std::string> {
    auto read = ReadSecretKeyFile(SecretKeyPath(invocation, kKeysOption));
    if (!read) return tl::make_unexpected(FormatDiagnostic(read.error()));
    return std::move(*read);
  };
  // Exams that require PINs are re-bound by an administrator (--admin): a PIN is an exam's own.
  auto actor = ActingFor(invocation, **service, std::nullopt);
  if (!actor) return actor.error();
  auto outcome = Rescore(**service, *actor, request, writer, key);
  progress.Clear();
  if (!outcome) return Fail(outcome.error(), invocation.err);
  invocation.out << report->End({outcome->summary, outcome->applied, outcome->exams_rebound,
                                 outcome->already_current, outcome->passports});
  if (workbook) {
    if (auto written = static_cast<const RescoreWorkbook&>(*report).Write(*workbook); !written) {
      PrintError(written.error(), invocation.err);
      return ExitCode::kStorage;
    }
  }
  if (!outcome->refusals.empty()) {
    for (const std::string& refusal : outcome->refusals) PrintError(refusal, invocation.err);
    PrintError(Tr("nothing was applied"), invocation.err);
    return ExitCode::kInvalidInput;
  }
  return ExitCode::kOk;
}

void DefineRescore(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("to", po::value<std::string>()->value_name("CODE@VERSION")->required(),
       Tr("the corrected rubric version, imported as a new version of the exams' rubric")
           .c_str())  //
      ("exam", po::value<std::vector<std::string>>()->value_name("EXAM")->composing(),
       Tr("an exam to re-score (repeat for several)").c_str())  //
      ("all", po::bool_switch(),
       Tr("re-score every exam marked by another version of the rubric").c_str())  //
      ("apply", po::bool_switch(),
       Tr("bind the exams to the corrected version (audited) and supersede the passports it "
          "changes; without it nothing is written")
           .c_str())  //
      ("reason", po::value<std::string>()->value_name("TEXT"),
       Tr("why the rubric was corrected, for the audit log (required with --apply)").c_str());
  DefineKeysDirectory(syntax, kKeysOption);
  DefineResultsOutput(syntax);  // --out FILE: the workbook of --format xlsx
}

}  // namespace

std::vector<Command> RescoreCommands() {
  return {Command{
      .words = {"rescore"},
      .arguments = "--to CODE@VERSION (--exam EXAM... | --all)",
      .summary = "Re-score past exams under a corrected rubric version and list what changes",
      .define = DefineRescore,
      .run = Rescore,
  }};
}

}  // namespace skillscore::cli
