// skillscore lock | unlock, candidate status, history, audit verify: the chief expert's sign-off
// and the audit trail of an exam (shared/spec/scoring.md §6–§7, cli.md).
//
// The acting judge is --as (or $SKILLSCORE_JUDGE). The exam service decides who may: locking,
// unlocking and changing a candidate's status are for a chief expert only; unlocking and a status
// change need --reason. Every one of them is recorded
// in the audit log, which `history` shows and `audit verify` checks: it exits 1, naming the first
// broken event, when the log or the data it records was changed outside skillscore, and
// otherwise prints the number of events and the last event's hash, for the chief expert to note
// (a later log that no longer passes through that hash was rewritten).
#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "output.h"
#include "skillscore/time_zone.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

std::string Reason(const Invocation& invocation) {
  return OptionValue(invocation, "reason").value_or("");
}

// lock EXAM SUBCRITERION… or lock EXAM --all: locking a locked sub-criterion is not an error.
ExitCode Lock(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  LockRequest request{.all_complete = invocation.options.count("all") > 0};
  if (invocation.options.count("subcriterion")) {
    request.subcriteria = invocation.options["subcriterion"].as<std::vector<std::string>>();
  }
  if (request.subcriteria.empty() == !request.all_complete) {
    throw UsageError(Tr("name the sub-criteria to lock, or give --all (not both)"));
  }
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto outcome = (*service)->Lock(*actor, exam, request);
  if (!outcome) return Fail(outcome.error(), invocation.err);
  for (const std::string& id : outcome->locked) {
    spdlog::info(Tr("sub-criterion {0} of exam {1} locked by {2}", id, exam, actor->id));
  }
  for (const std::string& id : outcome->already_locked) {
    spdlog::info(Tr("sub-criterion {0} of exam {1} is already locked", id, exam));
  }
  for (const auto& [id, why] : outcome->left_open) {
    invocation.err << Tr("not locked: {0}: {1}", id, why) << '\n';
  }
  return ExitCode::kOk;
}

ExitCode Unlock(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string subcriterion = Argument(invocation, "subcriterion");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto unlocked = (*service)->Unlock(*actor, exam, subcriterion, Reason(invocation));
  if (!unlocked) return Fail(unlocked.error(), invocation.err);
  spdlog::info(Tr("sub-criterion {0} of exam {1} unlocked", subcriterion, exam));
  return ExitCode::kOk;
}

// --judge names whose judgement score is withdrawn; a measurement has one mark, whoever entered it.
ExitCode Withdraw(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string candidate = Argument(invocation, "candidate");
  std::string aspect = Argument(invocation, "aspect");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto withdrawn =
      (*service)->WithdrawMark(ActingPerson(invocation), exam, candidate, aspect,
                               OptionValue(invocation, "judge").value_or(""), Reason(invocation));
  if (!withdrawn) return Fail(withdrawn.error(), invocation.err);
  spdlog::info(Tr("the mark of {0} for {1} in exam {2} is withdrawn", candidate, aspect, exam));
  return ExitCode::kOk;
}

CandidateStatus ParseStatus(const std::string& text) {
  if (text == "present") return CandidateStatus::kPresent;
  if (text == "absent") return CandidateStatus::kAbsent;
  if (text == "withdrawn") return CandidateStatus::kWithdrawn;
  if (text == "disqualified") return CandidateStatus::kDisqualified;
  throw UsageError(
      Tr("invalid status '{0}': expected present, absent, withdrawn or disqualified", text));
}

ExitCode SetStatus(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string candidate = Argument(invocation, "candidate");
  CandidateStatus status = ParseStatus(Argument(invocation, "status"));
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto change = (*service)->SetCandidateStatus(*actor, exam, candidate, status, Reason(invocation));
  if (!change) return Fail(change.error(), invocation.err);
  spdlog::info(*change == Change::kChanged
                   ? Tr("status of candidate {0} changed", candidate)
                   : Tr("candidate {0} already has that status: nothing changed", candidate));
  return ExitCode::kOk;
}

// On a terminal, in the user's language: actions and statuses are translated.
std::string ShownValue(const HistoryEntry& entry, const std::string& value, bool table) {
  if (!table || entry.action != "status" || value.empty()) return value;
  return Tr(value.c_str());
}

// On a terminal, times are the local times of the exam's zone (`timezone`); CSV and JSON keep UTC.
RecordList HistoryRecords(const std::vector<HistoryEntry>& history, const std::string& timezone,
                          const GlobalOptions& global) {
  bool table = global.format == OutputFormat::kTable;
  RecordList list{{"event", "at", "actor", "action", "file", "candidate", "subcriterion", "aspect",
                   "judge", "old", "new", "reason"},
                  {{Tr("Event"), Align::kRight},
                   {table ? Tr("Time") : Tr("Time (UTC)")},
                   {Tr("Who")},
                   {Tr("Action")},
                   {Tr("File")},
                   {Tr("Candidate")},
                   {Tr("Sub-criterion")},
                   {Tr("Aspect")},
                   {Tr("Judge")},
                   {Tr("Old")},
                   {Tr("New")},
                   {Tr("Reason")}},
                  {}};
  for (const HistoryEntry& entry : history) {
    list.rows.push_back(
        {std::to_string(entry.event), table ? PeopleTime(entry.at, timezone) : entry.at,
         entry.actor, table ? Tr(entry.action.c_str()) : entry.action, entry.file, entry.candidate,
         entry.subcriterion, entry.aspect, entry.judge, ShownValue(entry, entry.old_value, table),
         ShownValue(entry, entry.new_value, table), entry.reason});
  }
  return list;
}

ExitCode History(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  HistoryFilter filter{.candidate = OptionValue(invocation, "candidate").value_or(""),
                       .aspect = OptionValue(invocation, "aspect").value_or("")};
  auto service = OpenService(invocation, DbAccess::kRead);
  if (!service) return service.error();
  auto info = (*service)->Exam(exam);
  if (!info) return Fail(info.error(), invocation.err);
  auto history = (*service)->History(exam, filter);
  if (!history) return Fail(history.error(), invocation.err);
  invocation.out << RenderRecords(HistoryRecords(*history, info->timezone, invocation.global),
                                  invocation.global);
  return ExitCode::kOk;
}

ExitCode Verify(const Invocation& invocation) {
  std::optional<std::string> exam = OptionValue(invocation, "exam");
  auto service = OpenService(invocation, DbAccess::kRead);
  if (!service) return service.error();
  auto report = (*service)->VerifyAudit(exam);
  if (!report) return Fail(report.error(), invocation.err);
  if (report->problem) {
    PrintError(*report->problem, invocation.err);
    return ExitCode::kInvalidInput;
  }
  invocation.out << Tr("audit log intact: {0} events, last hash {1}", report->events, report->head)
                 << '\n';
  return ExitCode::kOk;
}

void DefineReason(CommandSyntax& syntax, const char* help) {
  syntax.options.add_options()("reason", po::value<std::string>()->value_name("TEXT")->required(),
                               Tr(help).c_str());
}

}  // namespace

std::vector<Command> IntegrityCommands() {
  return {
      Command{
          .words = {"lock"},
          .arguments = "EXAM (SUBCRITERION... | --all)",
          .summary = "Sign off complete sub-criteria: no more marks (chief expert only)",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam"});
                syntax.arguments.add_options()("subcriterion",
                                               po::value<std::vector<std::string>>());
                syntax.positional.add("subcriterion", -1);
                syntax.options.add_options()(
                    "all", Tr("every complete, undisputed sub-criterion not yet locked").c_str());
              },
          .run = Lock,
      },
      Command{
          .words = {"unlock"},
          .arguments = "EXAM SUBCRITERION --reason TEXT",
          .summary = "Re-open a locked sub-criterion for marking (chief expert only)",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam", "subcriterion"});
                DefineReason(syntax, "why the sub-criterion is re-opened; kept in the audit log");
              },
          .run = Unlock,
      },
      Command{
          .words = {"withdraw"},
          .arguments = "EXAM CANDIDATE ASPECT [--judge JUDGE] --reason TEXT",
          .summary = "Take a mark back: it no longer counts (chief expert only)",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam", "candidate", "aspect"});
                syntax.options.add_options()(
                    "judge", po::value<std::string>()->value_name("JUDGE"),
                    Tr("whose judgement score it is (a measurement has one mark)").c_str());
                DefineReason(syntax, "why the mark is withdrawn; kept in the audit log");
              },
          .run = Withdraw,
      },
      Command{
          .words = {"candidate", "status"},
          .arguments = "EXAM CANDIDATE present|absent|withdrawn|disqualified --reason TEXT",
          .summary = "Change a candidate's status (chief expert only)",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam", "candidate", "status"});
                DefineReason(syntax, "why the status changes; kept in the audit log");
              },
          .run = SetStatus,
      },
      Command{
          .words = {"history"},
          .arguments = "EXAM [--candidate CANDIDATE] [--aspect ASPECT]",
          .summary = "Show the audit trail of an exam: who did what, when and why",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam"});
                syntax.options.add_options()  //
                    ("candidate", po::value<std::string>()->value_name("CANDIDATE"),
                     Tr("only the marks and status changes of this candidate").c_str())  //
                    ("aspect", po::value<std::string>()->value_name("ASPECT"),
                     Tr("only the marks of this aspect and the locks of its sub-criterion")
                         .c_str());
              },
          .run = History,
      },
      Command{
          .words = {"audit", "verify"},
          .arguments = "[EXAM]",
          .summary = "Check that the audit log and the data it records are untouched",
          .define = [](CommandSyntax& syntax) { DefineArguments(syntax, {"exam"}); },
          .run = Verify,
      },
  };
}

}  // namespace skillscore::cli
