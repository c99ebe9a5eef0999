// skillscore judges codes, admin init, exam require-pin: who may act, proven (credentials.h,
// docs/security.md).
//
// `judges codes EXAM --url URL --out FILE` issues fresh sign-in codes and writes them on a sheet of
// cards (sign_in_cards.h), the only place a code is ever shown: the file is made readable by its
// owner only. `--revoke JUDGE --reason TEXT` ends one judge's code.
#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "file_output.h"
#include "io.h"
#include "skillscore/credentials.h"
#include "skillscore/dates.h"
#include "skillscore/sign_in_cards.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

ExitCode RevokeCode(const Invocation& invocation, ExamService& service, const std::string& exam,
                    const std::string& judge) {
  auto actor = ActingFor(invocation, service, exam);
  if (!actor) return actor.error();
  auto revoked = Credentials(service).RevokeCode(*actor, exam, judge,
                                                 OptionValue(invocation, "reason").value_or(""));
  if (!revoked) return Fail(revoked.error(), invocation.err);
  spdlog::info(Tr("the sign-in code of {0} in exam {1} is revoked", judge, exam));
  return ExitCode::kOk;
}

// The cards of the issued codes, in the order they were issued.
SignInSheet Sheet(const ExamData& roster, const std::string& url, const std::string& now,
                  const std::vector<IssuedCode>& codes) {
  SignInSheet sheet{roster.exam.id, roster.exam.site, url, PeopleDate(now.substr(0, 10)), {}};
  for (const IssuedCode& code : codes) {
    std::string name;
    for (const Judge& judge : roster.judges) {
      if (judge.id == code.judge) name = judge.name;
    }
    sheet.cards.push_back({code.judge, name, code.code});
  }
  return sheet;
}

ExitCode Codes(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  if (auto judge = OptionValue(invocation, "revoke")) {
    if (invocation.options.count("judge") || invocation.options.count("out")) {
      throw UsageError(Tr("--revoke ends one judge's code: it takes no --judge or --out"));
    }
    return RevokeCode(invocation, **service, exam, *judge);
  }
  auto url = OptionValue(invocation, "url");
  auto out = OptionValue(invocation, "out");
  if (!url || !out) throw UsageError(Tr("issuing codes needs --url URL and --out FILE"));
  if (std::string problem = SignInUrlProblem(*url); !problem.empty()) throw UsageError(problem);
  std::vector<std::string> judges;
  if (invocation.options.count("judge")) {
    judges = invocation.options["judge"].as<std::vector<std::string>>();
  }
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  // Read before issuing, so that nothing is issued for a sheet that could not be printed.
  auto roster = (*service)->store().LoadRoster(exam);
  if (!roster) return Fail(roster.error(), invocation.err);
  auto issued = Credentials(**service).IssueCodes(*actor, exam, judges);
  if (!issued) return Fail(issued.error(), invocation.err);
  auto pdf = SignInCardsPdf(Sheet(*roster, *url, (*service)->Now(), *issued));
  auto written = pdf ? WriteFileReplacing(*out, *pdf, 0600)
                     : tl::expected<void, std::string>(tl::unexpect, pdf.error());
  if (!written) {
    // The new codes are stored but shown nowhere: end them, so that none is left unknown.
    for (const IssuedCode& code : *issued) {
      (void)Credentials(**service).RevokeCode(*actor, exam, code.judge, "the card was not printed");
    }
    PrintError(
        Tr("cannot write {0}: {1}; the codes just issued are revoked", *out, written.error()),
        invocation.err);
    return ExitCode::kStorage;
  }
  spdlog::info(
      Tr("{0} sign-in codes issued for exam {1}: {2} (earlier codes of these judges no "
         "longer work)",
         issued->size(), exam, *out));
  return ExitCode::kOk;
}

void DefineCodes(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("judge", po::value<std::vector<std::string>>()->value_name("JUDGE"),
       Tr("issue a code to this judge only (repeatable); default every judge of the exam")
           .c_str())  //
      ("url", po::value<std::string>()->value_name("URL"),
       Tr("the address of the web sign-in, put in each card's QR code").c_str())  //
      ("out", po::value<std::string>()->value_name("FILE"),
       Tr("the PDF sheet of cards to write (readable by its owner only)").c_str())  //
      ("revoke", po::value<std::string>()->value_name("JUDGE"),
       Tr("end this judge's code instead of issuing codes").c_str())  //
      ("reason", po::value<std::string>()->value_name("TEXT"),
       Tr("why the code is revoked (required with --revoke)").c_str());
}

ExitCode AdminInit(const Invocation& invocation) {
  std::string name = Argument(invocation, "name");
  auto service = OpenService(invocation, DbAccess::kCreate);
  if (!service) return service.error();
  Credentials credentials(**service);
  std::optional<Actor> acting;
  if (invocation.global.admin) {
    auto admin = ActingFor(invocation, **service, std::nullopt);
    if (!admin) return admin.error();
    acting = *admin;
  }
  // With --admin the acting administrator's secret comes from SKILLSCORE_ADMIN_SECRET: the new
  // one's from a variable of its own.
  const char* variable = acting ? "SKILLSCORE_NEW_ADMIN_SECRET" : "SKILLSCORE_ADMIN_SECRET";
  auto secret = ReadSecret(variable, Tr("Secret of the new administrator {0}: ", name));
  if (secret && !std::getenv(variable)) {
    auto again = ReadSecret(variable, Tr("The same secret again: "));
    if (again != secret) {
      PrintError(Tr("the two secrets differ; nothing was created"), invocation.err);
      return ExitCode::kUsage;
    }
  }
  if (!secret) {
    PrintError(Tr("the new administrator's secret: type it on a terminal or set {0}", variable),
               invocation.err);
    return ExitCode::kUsage;
  }
  auto created = acting ? credentials.AddAdmin({acting->id}, name, *secret)
                        : credentials.InitAdmin(name, *secret);
  if (!created) {
    if (created.error().code == ServiceError::Code::kConflict && !acting) {
      Fail(created.error(), invocation.err);
      PrintError(Tr("an administrator adds another with `skillscore --admin NAME admin init NEW`"),
                 invocation.err);
      return ExitCode::kInvalidInput;
    }
    return Fail(created.error(), invocation.err);
  }
  spdlog::info(Tr("administrator {0} created", name));
  return ExitCode::kOk;
}

ExitCode RequirePin(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  bool required = !invocation.options["off"].as<bool>();
  auto change = Credentials(**service).RequirePins(*actor, exam, required);
  if (!change) return Fail(change.error(), invocation.err);
  spdlog::info(required ? Tr("exam {0} requires the acting judge's PIN for changes", exam)
                        : Tr("exam {0} no longer requires PINs", exam));
  return ExitCode::kOk;
}

}  // namespace

std::vector<Command> CredentialCommands() {
  return {
      Command{
          .words = {"judges", "codes"},
          .arguments = "EXAM (--url URL --out FILE [--judge JUDGE]... | --revoke JUDGE --reason "
                       "TEXT)",
          .summary = "Issue judges' sign-in codes on a sheet of cards, or revoke one",
          .define = DefineCodes,
          .run = Codes,
      },
      Command{
          .words = {"admin", "init"},
          .arguments = "NAME",
          .summary = "Create an administrator (the first, or by an administrator)",
          .define = [](CommandSyntax& syntax) { DefineArguments(syntax, {"name"}); },
          .run = AdminInit,
      },
      Command{
          .words = {"exam", "require-pin"},
          .arguments = "EXAM [--off]",
          .summary = "Require the acting judge's PIN for every change to an exam",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam"});
                syntax.options.add_options()("off", po::bool_switch(),
                                             Tr("stop requiring PINs").c_str());
              },
          .run = RequirePin,
      },
  };
}

}  // namespace skillscore::cli
