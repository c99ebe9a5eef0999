// skillscore rescore: re-scores past exams under a corrected version of their rubric and reports
// everyone whose outcome changes (rescore.h); with --apply it binds the exams to that version.
//
//   skillscore rescore --to CODE@VERSION (--exam EXAM… | --all) [--apply --reason TEXT]
//                      [--keys DIR]
//
// The exams are read as one stream from the database (ExamStore::ScanExams) and the report is
// written exam by exam, so memory holds one exam whatever the size of a national database. On a
// terminal, a progress line on stderr shows exams done, the rate and the time left.
//
// --apply is all or nothing: it binds every exam re-scored to the new version in one transaction,
// each audited with the reason, and supersedes the exam's passports in force whose content the
// new version changes (signed with the issuer's key from --keys DIR, else $SKILLSCORE_KEYS, else
// ./keys), provided the exam's new result is final; otherwise they stay in force, counted as
// awaiting, for `passport issue` once the result is final. Marks stay as they are: those of an
// aspect the new version removed stay stored and no longer count (the report lists them). It is
// refused, and nothing is written, when an exam has marks the new version would read wrongly (of a
// retyped aspect, or a value the new aspect does not accept); the scan then goes on as a dry run,
// so that the report covers every exam and every refused exam is named.
#include <fmt/format.h>
#include <unistd.h>

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
#include "db_support.h"
#include "io.h"
#include "issuer_keys.h"
#include "output.h"
#include "results_output.h"
#include "skillscore/passport_register.h"
#include "skillscore/rescore.h"
#include "skillscore/rescore_report.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kKeysOption[] = "keys";

// A line on stderr, redrawn in place, that shows how far the scan is; silent unless stderr is a
// terminal.
class ProgressLine {
 public:
  explicit ProgressLine(bool shown) : shown_(shown) {}
  ~ProgressLine() { Clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void Update(const ScanProgress& progress) {
    if (!shown_) return;
    Clock::time_point now = Clock::now();
    if (progress.done < progress.total && now - drawn_ < kRedrawEvery) return;
    drawn_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(progress.done) / seconds : 0;
    std::string eta =
        rate > 0 ? Duration(static_cast<double>(progress.total - progress.done) / rate) : "…";
    std::cerr << "\r\033[K"
              << Tr("{0}/{1} exams, {2} exams/s, {3} left", progress.done, progress.total,
                    static_cast<long>(std::lround(rate)), eta)
              << std::flush;
    visible_ = true;
  }

  // Takes the line away, so that output to the same terminal starts on a clean line.
  void Clear() {
    if (!visible_) return;
    std::cerr << "\r\033[K" << std::flush;
    visible_ = false;
  }

 private:
  static constexpr std::chrono::milliseconds kRedrawEvery{200};

  static std::string Duration(double seconds) {
    auto whole = static_cast<long>(std::lround(seconds));
    return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
  }

  bool shown_;
  bool visible_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point drawn_{};
};

std::unique_ptr<RescoreReport> ReportFor(const GlobalOptions& global) {
  switch (global.format) {
    case OutputFormat::kJson:
      return RescoreJsonReport();
    case OutputFormat::kCsv:
      return RescoreCsvReport(CsvStyleFor(global.language));
    case OutputFormat::kXlsx:
      RefuseWorkbookFormat();
    case OutputFormat::kTable:
      return RescoreTableReport();
  }
  return RescoreTableReport();
}

struct Request {
  RubricName target;  // with a version
  std::vector<std::string> exams;
  bool apply = false;
  std::string reason;
};

Request ReadRequest(const Invocation& invocation) {
  Request request;
  request.target = ParseRubricName(invocation.options["to"].as<std::string>());
  if (!request.target.version) {
    throw UsageError(Tr("--to needs a version: give the corrected rubric as CODE@VERSION"));
  }
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

// The exams of the request that already use the target version (left out of the scan), or the
// exit code after saying why a named exam cannot be re-scored.
tl::expected<std::size_t, ExitCode> CountAlreadyCurrent(ExamStore& store, const Request& request,
                                                        std::ostream& err) {
  auto exams = store.ListExams();
  if (!exams) return tl::make_unexpected(Fail(exams.error(), err));
  std::set<std::string> named(request.exams.begin(), request.exams.end());
  std::size_t current = 0;
  for (const ExamInfo& exam : *exams) {
    bool wanted = named.empty() ? exam.rubric.code == request.target.code : named.count(exam.id);
    if (!wanted) continue;
    named.erase(exam.id);
    if (exam.rubric.code != request.target.code) {
      PrintError(Tr("exam {0} is marked by rubric {1}@{2}, not by a version of {3}", exam.id,
                    exam.rubric.code, exam.rubric.version, request.target.code),
                 err);
      return tl::make_unexpected(ExitCode::kInvalidInput);
    }
    current += exam.rubric.version == *request.target.version ? 1 : 0;
  }
  if (!named.empty()) {
    PrintError(
        Tr("exam {0} does not exist; create it with `skillscore exam create`", *named.begin()),
        err);
    return tl::make_unexpected(ExitCode::kInvalidInput);
  }
  return current;
}

// Re-scores each exam as the scan hands it over and writes its part of the report.
class Rescorer {
 public:
  Rescorer(const Rubric& target, const Request& request, RescoreReport& report,
           const Invocation& invocation, ProgressLine& progress)
      : target_(target),
        request_(request),
        report_(report),
        out_(invocation.out),
        progress_(progress),
        invocation_(invocation) {}

  ScanDecision Visit(const ExamMarks& exam, const ScanProgress& position) {
    const Rubric& from = *exam.rubric;
    const AspectMap& map = MapFrom(from);
    ExamRescore rescore =
        RescoreExam(from, target_, map, BuildSheets(from, exam.candidates, exam.entries));
    summary_.Add(rescore);
    std::string text = report_.Exam({exam.exam.id, from, target_, rescore});
    if (!text.empty()) {
      progress_.Clear();
      out_ << text << std::flush;
    }
    progress_.Update(position);
    if (!request_.apply) return ScanStep::kNext;
    if (auto refusal = RefusalFor(exam.exam.id, rescore)) refusals_.push_back(*refusal);
    // Once one exam is refused nothing will be written, but the scan goes on to find them all.
    if (!refusals_.empty()) return ScanStep::kDiscard;
    auto passports = Superseding(exam, rescore);
    if (!passports) {
      refusals_.push_back(passports.error());
      return ScanStep::kDiscard;
    }
    return {ScanStep::kRebind, std::move(*passports)};
  }

  const RescoreSummary& summary() const { return summary_; }
  const PassportCounts& passports() const { return passports_; }
  // Why --apply cannot bind the exams: one message per exam that prevents it.
  const std::vector<std::string>& refusals() const { return refusals_; }

 private:
  const AspectMap& MapFrom(const Rubric& from) {
    auto found = maps_.find(from.Identity());
    if (found == maps_.end()) {
      found = maps_.emplace(from.Identity(), MapAspects(from, target_)).first;
      WarnReworded(from, found->second);
    }
    return found->second;
  }

  // Aspects are matched by id, and an id not written in the rubric is the aspect's place: an
  // aspect inserted or removed there renumbers those after it, which then show up as aspects whose
  // text changed. Said once per version, for the chief expert to check.
  void WarnReworded(const Rubric& from, const AspectMap& map) {
    if (map.reworded.empty() || invocation_.global.verbosity < 0) return;
    progress_.Clear();
    PrintWarning(Tr("{0} → {1}: aspects {2} keep their ids but not their texts; aspects are "
                    "matched by id, so if aspects were inserted or removed before them, give "
                    "every aspect an explicit id in both versions",
                    from.Identity(), target_.Identity(), fmt::join(map.reworded, ", ")),
                 invocation_.err);
  }

  // Marks of a removed aspect stay stored and simply no longer count; a retyped aspect or a
  // value the new aspect refuses would be read wrongly under the new version.
  std::optional<std::string> RefusalFor(const std::string& exam, const ExamRescore& rescore) const {
    for (const CandidateRescore& c : rescore.candidates) {
      for (const DroppedMarks& dropped : c.dropped) {
        if (dropped.reason == DropReason::kRemoved) continue;
        return Tr(
            "exam {0}: {1} does not accept marks of candidate {2} for aspect {3}; correct "
            "them or the rubric first",
            exam, target_.Identity(), c.candidate.id, dropped.aspect);
      }
    }
    return std::nullopt;
  }

  // The passports that supersede those in force whose content the new version changes, once the
  // exam's new result is final; until then they stay in force, counted as awaiting, and
  // `passport issue` replaces them when the result is final.
  tl::expected<std::vector<StoredPassport>, std::string> Superseding(const ExamMarks& exam,
                                                                     const ExamRescore& rescore) {
    std::size_t in_force = std::count_if(exam.passports.begin(), exam.passports.end(),
                                         [](const StoredPassport& p) { return !p.revoked_at; });
    if (in_force == 0) return std::vector<StoredPassport>{};
    if (!rescore.result.complete || !UnlockedSubcriteria(target_, exam.locks).empty()) {
      passports_.awaiting += in_force;
      return std::vector<StoredPassport>{};
    }
    auto key = Key(exam.exam.id);
    if (!key) return tl::make_unexpected(key.error());
    auto plan = PlanPassports({.rubric = target_,
                               .exam = {exam.exam.id, exam.exam.date, exam.exam.site},
                               .result = rescore.result,
                               .sheets = rescore.sheets,
                               .registered = exam.passports,
                               .key = **key,
                               .now = UtcTimestamp(std::chrono::system_clock::now()),
                               .scope = PassportPlanScope::kReplacementsOnly});
    if (!plan) return tl::make_unexpected(Tr("exam {0}: {1}", exam.exam.id, plan.error()));
    std::vector<StoredPassport> passports;
    for (PlannedPassport& planned : *plan) passports.push_back(std::move(planned.passport));
    passports_.superseded += passports.size();
    return passports;
  }

  // The issuer's key, read when the first exam needs it.
  tl::expected<const SecretKey*, std::string> Key(const std::string& exam) {
    if (!key_) {
      auto key = ReadSecretKeyFile(SecretKeyPath(invocation_, kKeysOption));
      if (!key) {
        return tl::make_unexpected(
            Tr("exam {0} has passports in force that {1} changes, and superseding them needs the "
               "issuer's key: {2}",
               exam, target_.Identity(), FormatDiagnostic(key.error())));
      }
      key_ = std::move(*key);
    }
    return &*key_;
  }

  const Rubric& target_;
  const Request& request_;
  RescoreReport& report_;
  std::ostream& out_;
  ProgressLine& progress_;
  const Invocation& invocation_;
  std::map<std::string, AspectMap> maps_;
  RescoreSummary summary_;
  PassportCounts passports_;
  std::optional<SecretKey> key_;
  std::vector<std::string> refusals_;
};

ExitCode Rescore(const Invocation& invocation) {
  Request request = ReadRequest(invocation);
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return store.error();
  auto target = (*store)->GetRubric(request.target.code, request.target.version);
  if (!target) return Fail(target.error(), invocation.err);
  auto already_current = CountAlreadyCurrent(**store, request, invocation.err);
  if (!already_current) return already_current.error();

  std::string target_name = target->rubric.Identity();
  std::unique_ptr<RescoreReport> report = ReportFor(invocation.global);
  ProgressLine progress(&invocation.err == &std::cerr && isatty(STDERR_FILENO) != 0 &&
                        invocation.global.verbosity >= 0);
  Rescorer rescorer(target->rubric, request, *report, invocation, progress);
  ExamScan scan{.rubric_code = request.target.code,
                .except_version = request.target.version,
                .exams = request.exams};
  if (request.apply) {
    scan.rebind = ExamScan::Rebind{*request.target.version,
                                   {invocation.global.as.value_or(""), request.reason}};
  }
  std::string begin = report->Begin(target_name);
  if (invocation.global.format == OutputFormat::kCsv)
    begin = CsvForLanguage(begin, invocation.global);
  invocation.out << begin;
  auto rebound = (*store)->ScanExams(scan, [&](const ExamMarks& exam, const ScanProgress& at) {
    return rescorer.Visit(exam, at);
  });
  progress.Clear();
  if (!rebound) return Fail(rebound.error(), invocation.err);
  bool refused = !rescorer.refusals().empty();
  PassportCounts passports = refused ? PassportCounts{} : rescorer.passports();
  invocation.out << report->End({rescorer.summary(), request.apply && !refused,
                                 refused ? 0 : *rebound, *already_current, passports});
  if (refused) {
    for (const std::string& refusal : rescorer.refusals()) PrintError(refusal, invocation.err);
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
