// skillscore keys init | export and passport verify: the issuing organisation's signing key, and
// the offline check of a signed passport record that an employer runs with the issuer's public
// key (signing.h).
//
// Keys live in a directory (--dir, else $SKILLSCORE_KEYS, else ./keys) as issuer.key (secret,
// mode 0600, never printed) and issuer.pub (public). `passport verify` exits 0 only for an intact
// record signed with the issuer's key, not on the issuer's revocation list and not superseded
// according to the register (--register) or a newer passport (--newer); anything else exits 1
// with the reason.
//
// The register of an exam's passports lives in the exam database (store.h). `passport issue`
// signs one record per present candidate once the results are final (passport_register.h: it
// issues nothing for a candidate whose last passport already says the same, and supersedes one in
// force whose content changed). `passport export` takes --to json|csv|pdf, as the global --format
// only names the formats of printed data; certificates take the logo and verification URL of
// certificate_settings.h.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include "certificate_settings.h"
#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "file_output.h"
#include "io.h"
#include "issuer_keys.h"
#include "output.h"
#include "results_output.h"
#include "skillscore/certificate.h"
#include "skillscore/exam_documents.h"
#include "skillscore/identifier.h"
#include "skillscore/passport_register.h"
#include "skillscore/passport_supersession.h"
#include "skillscore/scoring.h"
#include "skillscore/signing.h"
#include "skillscore/time_zone.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

constexpr char kDirOption[] = "dir";

void DefineDirectory(CommandSyntax& syntax) { DefineKeysDirectory(syntax, kDirOption); }

// Creates the directory of the keys, readable by its owner only, unless it exists.
tl::expected<void, std::string> MakeKeysDirectory(const std::string& dir) {
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return {};
  if (!std::filesystem::create_directories(dir, error) && error) {
    return tl::make_unexpected(Tr("cannot create the directory {0}: {1}", dir, error.message()));
  }
  if (chmod(dir.c_str(), 0700) != 0) {
    return tl::make_unexpected(
        Tr("cannot create the directory {0}: {1}", dir, std::strerror(errno)));
  }
  return {};
}

ExitCode Init(const Invocation& invocation) {
  std::string issuer = invocation.options["issuer"].as<std::string>();
  if (issuer.find_first_not_of(" \t") == std::string::npos) {
    throw UsageError(Tr("--issuer must name the organisation that issues passports"));
  }
  if (auto checked = CheckCertificateSettings(invocation); !checked) return checked.error();
  std::string dir = KeysDirectory(invocation, kDirOption);
  std::string secret_path = KeyPath(dir, kSecretKeyFile);
  std::string public_path = KeyPath(dir, kPublicKeyFile);
  SecretKey key = GenerateKey(issuer);
  if (auto made = MakeKeysDirectory(dir); !made) {
    PrintError(made.error(), invocation.err);
    return ExitCode::kStorage;
  }
  if (auto written = WriteKeyFiles(key, secret_path, public_path); !written) {
    PrintError(written.error().message, invocation.err);
    return written.error().already_exists ? ExitCode::kInvalidInput : ExitCode::kStorage;
  }
  if (auto saved = SaveCertificateSettings(invocation, dir); !saved) return saved.error();
  invocation.out << Tr("key {0} of {1}: secret key {2} (keep it safe; mode 0600), public key {3} "
                       "(give it to those who check passports)",
                       key.Public().Id(), issuer, secret_path, public_path)
                 << '\n';
  return ExitCode::kOk;
}

void DefineInit(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("issuer", po::value<std::string>()->value_name("NAME")->required(),
       Tr("the organisation that issues passports, as it is to appear on them").c_str());
  DefineDirectory(syntax);
  DefineCertificateOptions(syntax);
}

// The public key as derived from the secret one, so that what is handed out always matches the
// key that signs.
ExitCode Export(const Invocation& invocation) {
  auto key = ReadSecretKeyFile(SecretKeyPath(invocation, kDirOption));
  if (!key) return Refuse({key.error()}, invocation.err);
  std::string text = PublicKeyFileText(key->Public());
  auto out = OptionValue(invocation, "out");
  if (!out) {
    invocation.out << text;
    return ExitCode::kOk;
  }
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  if (!(file << text) || !file.flush()) {
    PrintError(Tr("cannot write {0}", *out), invocation.err);
    return ExitCode::kStorage;
  }
  return ExitCode::kOk;
}

void DefineExport(CommandSyntax& syntax) {
  DefineDirectory(syntax);
  syntax.options.add_options()  //
      ("out", po::value<std::string>()->value_name("FILE"),
       Tr("write the public key to FILE instead of standard output").c_str());
}

// The revocation list of --revoked, checked against the issuer's key; nullopt without one.
tl::expected<std::optional<RevocationList>, ExitCode> LoadRevocations(const Invocation& invocation,
                                                                      const PublicKey& key) {
  auto path = OptionValue(invocation, "revoked");
  if (!path) return std::nullopt;
  auto text = ReadInput(*path, invocation.in, kMaxDocumentBytes);
  if (!text) return tl::make_unexpected(Refuse({text.error()}, invocation.err));
  auto list = ReadRevocationList(*text, InputName(*path), key);
  if (!list) return tl::make_unexpected(Refuse({list.error()}, invocation.err));
  return std::optional<RevocationList>(std::move(*list));
}

// The number a file claims, shown safely: a tampered file may hold anything.
std::string NumberOf(const Verification& verification) {
  return verification.record ? ShownValue(verification.record->number) : Tr("(unknown number)");
}

ExitCode Report(const Verification& verification, const std::string& file, const PublicKey& key,
                const Invocation& invocation) {
  switch (verification.status) {
    case VerifyStatus::kValid: {
      const PassportRecord& record = *verification.record;
      invocation.out << Tr("{0}: valid: passport {1} of {2} ({3}), issued {4} by {5}", file,
                           EscapeControls(record.number), EscapeControls(record.candidate.name),
                           EscapeControls(record.candidate.id), record.issued_at,
                           EscapeControls(record.issuer))
                     << '\n';
      return ExitCode::kOk;
    }
    case VerifyStatus::kRevoked:
      PrintError(
          Tr("{0}: revoked: passport {1} was revoked on {2}: {3}", file, NumberOf(verification),
             verification.revocation->revoked_at, verification.revocation->reason),
          invocation.err);
      break;
    case VerifyStatus::kTampered:
      PrintError(Tr("{0}: tampered: passport {1} does not match its signature; it was changed "
                    "after it was signed",
                    file, NumberOf(verification)),
                 invocation.err);
      break;
    case VerifyStatus::kOtherKey:
      PrintError(Tr("{0}: not issued by {1}: passport {2} is signed with key {3}, the issuer's "
                    "key is {4}",
                    file, key.issuer, NumberOf(verification), verification.public_key_id, key.Id()),
                 invocation.err);
      break;
    case VerifyStatus::kMalformed:
      PrintError(Tr("{0}: not a signed passport record", file), invocation.err);
      PrintDiagnostics({*verification.problem}, invocation.err);
      break;
  }
  return ExitCode::kInvalidInput;
}

// The number of the passport that replaced `number`, from --register or --newer; nullopt when
// neither names one.
tl::expected<std::optional<std::string>, ExitCode> FindSuccessor(const Invocation& invocation,
                                                                 const std::string& number,
                                                                 const PublicKey& key,
                                                                 const RevocationList* list) {
  if (auto path = OptionValue(invocation, "register")) {
    std::optional<CsvTable> table = ReadCsvInput(*path, invocation);
    if (!table) return tl::make_unexpected(ExitCode::kInvalidInput);
    auto successor = SupersededInRegister(*table, number);
    if (!successor) return tl::make_unexpected(Refuse({successor.error()}, invocation.err));
    if (*successor) return *successor;
  }
  if (auto path = OptionValue(invocation, "newer")) {
    auto text = ReadInput(*path, invocation.in);
    if (!text) return tl::make_unexpected(Refuse({text.error()}, invocation.err));
    Verification newer = VerifyPassport(*text, InputName(*path), key, list);
    if (newer.status != VerifyStatus::kValid) {
      Report(newer, InputName(*path), key, invocation);
      return tl::make_unexpected(ExitCode::kInvalidInput);
    }
    if (Supersedes(*newer.record, number)) return newer.record->number;
  }
  return std::nullopt;
}

ExitCode Verify(const Invocation& invocation) {
  std::string path = Argument(invocation, "file");
  auto key_path = OptionValue(invocation, "key")
                      .value_or(KeyPath(KeysDirectory(invocation, kDirOption), kPublicKeyFile));
  auto key = ReadPublicKeyFile(key_path);
  if (!key) return Refuse({key.error()}, invocation.err);
  auto revocations = LoadRevocations(invocation, *key);
  if (!revocations) return revocations.error();
  auto text = ReadInput(path, invocation.in, kMaxDocumentBytes);
  if (!text) return Refuse({text.error()}, invocation.err);
  const RevocationList* list = *revocations ? &**revocations : nullptr;
  Verification verification = VerifyPassport(*text, InputName(path), *key, list);
  if (verification.status == VerifyStatus::kValid) {
    auto successor = FindSuccessor(invocation, verification.record->number, *key, list);
    if (!successor) return successor.error();
    if (*successor) {
      PrintError(Tr("{0}: superseded: passport {1} is validly signed but was replaced by "
                    "passport {2}",
                    InputName(path), verification.record->number, **successor),
                 invocation.err);
      return ExitCode::kInvalidInput;
    }
  }
  return Report(verification, InputName(path), *key, invocation);
}

void DefineVerify(CommandSyntax& syntax) {
  DefineArguments(syntax, {"file"});
  syntax.options.add_options()  //
      ("key", po::value<std::string>()->value_name("FILE"),
       Tr("the issuer's public key; default issuer.pub in $SKILLSCORE_KEYS, else in ./keys")
           .c_str())  //
      ("revoked", po::value<std::string>()->value_name("FILE"),
       Tr("the issuer's signed revocation list; a passport on it is reported as revoked")
           .c_str())  //
      ("register", po::value<std::string>()->value_name("CSV"),
       Tr("the issuer's passport register (passport export --to csv); a passport it lists as "
          "superseded is reported as such")
           .c_str())  //
      ("newer", po::value<std::string>()->value_name("FILE"),
       Tr("a newer signed passport of the same candidate; when it supersedes FILE, FILE is "
          "reported as superseded")
           .c_str());
  DefineDirectory(syntax);
}

bool WriteFile(const std::string& path, const std::string& text, const Invocation& invocation) {
  auto written = WriteFileReplacing(path, text);
  if (!written) {
    PrintError(Tr("cannot write {0}: {1}", path, written.error()), invocation.err);
    return false;
  }
  return true;
}

ExitCode Issue(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  auto key = LoadSecretKey(invocation, kDirOption);
  if (!key) return key.error();
  auto actor = ActingFor(invocation, **service, exam);
  if (!actor) return actor.error();
  auto plan = (*service)->IssuePassports(*actor, exam, *key);
  if (!plan) return Fail(plan.error(), invocation.err);
  for (const PlannedPassport& planned : *plan) {
    const StoredPassport& passport = planned.passport;
    invocation.out << (passport.supersedes
                           ? Tr("issued passport {0} for {1} ({2}), replacing {3}", passport.number,
                                planned.candidate_name, passport.candidate, *passport.supersedes)
                           : Tr("issued passport {0} for {1} ({2})", passport.number,
                                planned.candidate_name, passport.candidate))
                   << '\n';
  }
  if (plan->empty()) {
    invocation.out << Tr("the passports of exam {0} are up to date: nothing to issue", exam)
                   << '\n';
  }
  return ExitCode::kOk;
}

// The decimal separator of numbers in printed data: JSON always '.', the rest as the language
// writes them.
char DecimalSeparator(const GlobalOptions& global) {
  return global.format == OutputFormat::kJson ? '.'
                                              : CsvStyleFor(global.language).decimal_separator;
}

// Name, organisation, total, percent and grade from the signed record; empty when it cannot be
// read.
std::vector<std::string> ResultFields(const StoredPassport& passport, char decimal_separator) {
  auto parsed = ParseStoredPassport(passport);
  if (!parsed) return {"", "", "", "", ""};
  const PassportRecord& record = parsed->record;
  auto local = [&](std::string number) {
    std::replace(number.begin(), number.end(), '.', decimal_separator);
    return number;
  };
  return {record.candidate.name, record.candidate.organization, local(record.result.total),
          local(record.result.percent),
          record.result.grade ? std::to_string(*record.result.grade) : ""};
}

// `people_zone`: on a terminal, the exam's time zone to show issue and revocation times in;
// nullopt keeps them UTC for machines (CSV, JSON, workbook).
RecordList Register(const std::vector<StoredPassport>& passports, char decimal_separator,
                    const std::optional<std::string>& people_zone = std::nullopt) {
  auto shown_time = [&](const std::string& utc) {
    return people_zone ? PeopleTime(utc, *people_zone) : utc;
  };
  RecordList list{
      {"number", "candidate", "name", "organization", "total", "percent", "grade", "issued_at",
       "supersedes", "revoked_at", "revoked_by", "revoked_reason", "marks_sha256"},
      {{Tr("Number")},
       {Tr("Candidate")},
       {Tr("Name")},
       {Tr("Organisation")},
       {Tr("Total"), Align::kRight},
       {"%", Align::kRight},
       {Tr("Grade")},
       {Tr("Issued")},
       {Tr("Supersedes")},
       {Tr("Revoked")},
       {Tr("Revoked by")},
       {Tr("Reason")},
       {Tr("Marks SHA-256")}},
      {}};
  for (const StoredPassport& passport : passports) {
    std::vector<std::string> row = {passport.number, passport.candidate};
    std::vector<std::string> result = ResultFields(passport, decimal_separator);
    row.insert(row.end(), result.begin(), result.end());
    row.insert(row.end(), {shown_time(passport.issued_at), passport.supersedes.value_or(""),
                           passport.revoked_at ? shown_time(*passport.revoked_at) : "",
                           passport.revoked_by.value_or(""), passport.revoked_reason.value_or(""),
                           passport.marks_sha256});
    list.rows.push_back(std::move(row));
  }
  return list;
}

// The exam's register; `timezone`, when given, receives the exam's time zone.
tl::expected<std::vector<StoredPassport>, ExitCode> LoadRegister(const Invocation& invocation,
                                                                 std::string* timezone = nullptr) {
  std::string exam = Argument(invocation, "exam");
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return tl::make_unexpected(store.error());
  if (timezone != nullptr) {
    auto info = (*store)->GetExam(exam);
    if (!info) return tl::make_unexpected(Fail(info.error(), invocation.err));
    *timezone = info->timezone;
  }
  auto list = (*store)->ListPassports(exam);
  if (!list) return tl::make_unexpected(Fail(list.error(), invocation.err));
  return std::move(*list);
}

ExitCode List(const Invocation& invocation) {
  std::string timezone;
  auto list = LoadRegister(invocation, &timezone);
  if (!list) return list.error();
  bool table = invocation.global.format == OutputFormat::kTable;
  invocation.out << RenderRecords(
      Register(*list, DecimalSeparator(invocation.global),
               table ? std::optional<std::string>(timezone) : std::nullopt),
      invocation.global);
  return ExitCode::kOk;
}

ExitCode Show(const Invocation& invocation) {
  auto store = OpenStore(invocation, DbAccess::kRead);
  if (!store) return store.error();
  auto passport = (*store)->GetPassport(Argument(invocation, "number"));
  if (!passport) return Fail(passport.error(), invocation.err);
  invocation.out << passport->record_json;
  return ExitCode::kOk;
}

// One file per passport in force: its signed record (json) or its certificate (pdf).
ExitCode ExportFiles(const std::vector<StoredPassport>& list, bool pdf, const std::string& dir,
                     const CertificateOptions& options, const Invocation& invocation) {
  std::set<std::string> names;  // two numbers may give one safe name: never overwrite silently
  for (const StoredPassport& passport : list) {
    if (passport.revoked_at) continue;
    const std::string name = SafeFileName(passport.number) + (pdf ? ".pdf" : ".json");
    if (!names.insert(name).second) {
      PrintError(
          Tr("two passports would be written to the same file {0}: not exporting them", name),
          invocation.err);
      return ExitCode::kInvalidInput;
    }
    std::string path = (std::filesystem::path(dir) / name).string();
    std::string content = passport.record_json;
    if (pdf) {
      auto signed_passport = ParseStoredPassport(passport);
      if (!signed_passport) return Refuse({signed_passport.error()}, invocation.err);
      auto certificate = CertificatePdf(*signed_passport, options);
      if (!certificate) {
        PrintError(Tr("cannot draw the certificate of passport {0}: {1}", passport.number,
                      certificate.error()),
                   invocation.err);
        return ExitCode::kStorage;
      }
      content = std::move(*certificate);
    }
    if (!WriteFile(path, content, invocation)) return ExitCode::kStorage;
  }
  return ExitCode::kOk;
}

tl::expected<CertificateOptions, ExitCode> CertificateOptionsOf(const Invocation& invocation) {
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return tl::make_unexpected(store.error());
  auto roster = (*store)->LoadRoster(Argument(invocation, "exam"));
  if (!roster) return tl::make_unexpected(Fail(roster.error(), invocation.err));
  return LoadCertificateOptions(invocation, KeysDirectory(invocation, kDirOption),
                                ChiefExpertName(roster->judges, roster->exam.chief));
}

ExitCode ExportPassports(const Invocation& invocation) {
  std::string to = invocation.options["to"].as<std::string>();
  if (to != "json" && to != "csv" && to != "pdf" && to != "xlsx") {
    throw UsageError(Tr("--to must be json, csv, pdf or xlsx, not {0}", to));
  }
  auto list = LoadRegister(invocation);
  if (!list) return list.error();
  std::string dir = invocation.options["out"].as<std::string>();
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    PrintError(Tr("cannot create the directory {0}: {1}", dir, error.message()), invocation.err);
    return ExitCode::kStorage;
  }
  if (to == "xlsx") {
    std::string path = (std::filesystem::path(dir) / "passports.xlsx").string();
    if (auto written = WriteRecordsWorkbook(Register(*list, '.'), Tr("Passports"), path);
        !written) {
      PrintError(written.error(), invocation.err);
      return ExitCode::kStorage;
    }
    return ExitCode::kOk;
  }
  if (to == "json") return ExportFiles(*list, false, dir, {}, invocation);
  if (to == "pdf") {
    auto options = CertificateOptionsOf(invocation);
    if (!options) return options.error();
    return ExportFiles(*list, true, dir, *options, invocation);
  }
  GlobalOptions csv = invocation.global;
  csv.format = OutputFormat::kCsv;
  std::string path = (std::filesystem::path(dir) / "passports.csv").string();
  return WriteFile(path, RenderRecords(Register(*list, DecimalSeparator(csv)), csv), invocation)
             ? ExitCode::kOk
             : ExitCode::kStorage;
}

ExitCode RevokeOne(const Invocation& invocation) {
  std::string number = Argument(invocation, "number");
  auto service = OpenService(invocation);
  if (!service) return service.error();
  // The PIN is the one of the passport's exam; an unknown number is the service's to report.
  auto passport = (*service)->store().GetPassport(number);
  auto actor = ActingFor(invocation, **service,
                         passport ? std::optional<std::string>(passport->exam) : std::nullopt);
  if (!actor) return actor.error();
  auto revoked =
      (*service)->RevokePassport(*actor, number, OptionValue(invocation, "reason").value_or(""));
  if (!revoked) return Fail(revoked.error(), invocation.err);
  invocation.out << Tr("revoked passport {0} at {1}", number, *revoked->revoked_at) << '\n';
  return ExitCode::kOk;
}

ExitCode WriteRevocations(const Invocation& invocation) {
  auto list = LoadRegister(invocation);
  if (!list) return list.error();
  auto key = LoadSecretKey(invocation, kDirOption);
  if (!key) return key.error();
  RevocationList revocations{key->issuer(), UtcTimestamp(std::chrono::system_clock::now()), {}};
  for (const StoredPassport& passport : *list) {
    if (!passport.revoked_at) continue;
    revocations.revoked.push_back(
        {passport.number, passport.revoked_reason.value_or(""), *passport.revoked_at});
  }
  std::string out = invocation.options["out"].as<std::string>();
  if (!WriteFile(out, SignedRevocationListJson(revocations, *key), invocation)) {
    return ExitCode::kStorage;
  }
  invocation.out << Tr("{0}: {1} revoked passport(s), signed by {2}", out,
                       revocations.revoked.size(), key->issuer())
                 << '\n';
  return ExitCode::kOk;
}

void DefineIssue(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  DefineDirectory(syntax);
}

void DefineExam(CommandSyntax& syntax) { DefineArguments(syntax, {"exam"}); }

void DefineNumber(CommandSyntax& syntax) { DefineArguments(syntax, {"number"}); }

void DefineExportPassports(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("to", po::value<std::string>()->value_name("json|csv|pdf|xlsx")->required(),
       Tr("json: a signed record file per passport; csv or xlsx: the register; pdf: a "
          "certificate per passport")
           .c_str())  //
      ("out", po::value<std::string>()->value_name("DIR")->required(),
       Tr("the directory to write to (created when missing)").c_str());
  DefineDirectory(syntax);
  DefineCertificateOptions(syntax);
}

void DefineRevoke(CommandSyntax& syntax) {
  DefineArguments(syntax, {"number"});
  syntax.options.add_options()("reason", po::value<std::string>()->value_name("TEXT")->required(),
                               Tr("why the passport is revoked").c_str());
}

void DefineRevoked(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("out", po::value<std::string>()->value_name("FILE")->required(),
       Tr("the file to write the signed revocation list to").c_str());
  DefineDirectory(syntax);
}

}  // namespace

std::vector<Command> KeysCommands() {
  return {
      Command{
          .words = {"keys", "init"},
          .arguments = "--issuer NAME [--dir DIR] [--logo PNG] [--verify-url URL]",
          .summary = "Create the issuing organisation's signing key for passports",
          .define = DefineInit,
          .run = Init,
      },
      Command{
          .words = {"keys", "export"},
          .arguments = "[--dir DIR] [--out FILE]",
          .summary = "Print the public key that verifies the organisation's passports",
          .define = DefineExport,
          .run = Export,
      },
  };
}

std::vector<Command> PassportCommands() {
  return {
      Command{
          .words = {"passport", "verify"},
          .arguments = "FILE [--key FILE] [--revoked FILE] [--register CSV] [--newer FILE]",
          .summary = "Check a signed passport record: valid, tampered, revoked or superseded",
          .define = DefineVerify,
          .run = Verify,
      },
      Command{
          .words = {"passport", "issue"},
          .arguments = "EXAM [--dir DIR]",
          .summary = "Sign a passport for every present candidate of an exam with final results",
          .define = DefineIssue,
          .run = Issue,
      },
      Command{
          .words = {"passport", "list"},
          .arguments = "EXAM",
          .summary = "Show the register of an exam's passports",
          .define = DefineExam,
          .run = List,
      },
      Command{
          .words = {"passport", "show"},
          .arguments = "NUMBER",
          .summary = "Print a passport's signed record",
          .define = DefineNumber,
          .run = Show,
      },
      Command{
          .words = {"passport", "export"},
          .arguments =
              "EXAM --to json|csv|pdf --out DIR [--logo PNG] [--verify-url URL] [--dir DIR]",
          .summary = "Write an exam's passports as signed records, a register or certificates",
          .define = DefineExportPassports,
          .run = ExportPassports,
      },
      Command{
          .words = {"passport", "revoke"},
          .arguments = "NUMBER --reason TEXT",
          .summary = "Revoke a passport",
          .define = DefineRevoke,
          .run = RevokeOne,
      },
      Command{
          .words = {"passport", "revoked"},
          .arguments = "EXAM --out FILE [--dir DIR]",
          .summary = "Write the signed list of an exam's revoked passports",
          .define = DefineRevoked,
          .run = WriteRevocations,
      },
  };
}

}  // namespace skillscore::cli
