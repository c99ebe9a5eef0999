#include "db_support.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "io.h"
#include "skillscore/open_store.h"
#include "store_hints.h"
#include "table_input.h"

namespace skillscore::cli {
namespace po = boost::program_options;

namespace {

// Whether this user may write the database file and the folder its journal files go in.
bool Writable(const std::string& path) {
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  return ::access(path.c_str(), W_OK) == 0 &&
         ::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
}

}  // namespace

tl::expected<std::unique_ptr<ExamStore>, ExitCode> OpenStore(const Invocation& invocation,
                                                             DbAccess access) {
  const std::string& path = invocation.global.db;
  SqliteStoreOptions options;
  options.create_if_missing = access == DbAccess::kCreate;
  options.read_only = access == DbAccess::kRead;
  // The audit log names an administrator who acts (once authenticated: credential_support.h).
  options.actor = invocation.global.admin.value_or(invocation.global.as.value_or(""));
  auto store = OpenExamStore(path, options);
  if (store) {
    if (options.read_only && !IsPostgresUrl(path) && !Writable(path)) {
      PrintNote(Tr("database {0} is read-only for this user: reading it without changing it", path),
                invocation.err);
    }
    return std::move(*store);
  }
  if (store.error().kind == StoreError::Kind::kNotFound) {
    PrintError(Tr("database {0} does not exist; `skillscore rubric import FILE` creates it", path),
               invocation.err);
    return tl::make_unexpected(ExitCode::kInvalidInput);
  }
  return tl::make_unexpected(Fail(store.error(), invocation.err));
}

ExitCode Fail(const StoreError& error, std::ostream& err) {
  std::istringstream lines(CommandLineMessage(error));
  for (std::string line; std::getline(lines, line);) PrintError(line, err);
  return error.kind == StoreError::Kind::kStorage ? ExitCode::kStorage : ExitCode::kInvalidInput;
}

tl::expected<ServiceSession, ExitCode> OpenService(const Invocation& invocation, DbAccess access) {
  auto store = OpenStore(invocation, access);
  if (!store) return tl::make_unexpected(store.error());
  return ServiceSession(std::move(*store));
}

Actor ActingPerson(const Invocation& invocation) {
  return Actor{invocation.global.as.value_or("")};
}

ExitCode Fail(const ServiceError& error, std::ostream& err) {
  if (!error.diagnostics.empty()) PrintDiagnostics(error.diagnostics, err);
  std::istringstream lines(error.store ? CommandLineMessage(*error.store) : error.message);
  for (std::string line; std::getline(lines, line);) PrintError(line, err);
  switch (error.code) {
    case ServiceError::Code::kNoActor:
      PrintError(Tr("say who is acting with --as JUDGE or SKILLSCORE_JUDGE"), err);
      return ExitCode::kUsage;
    case ServiceError::Code::kReasonRequired:
      PrintError(Tr("give the reason with --reason TEXT"), err);
      return ExitCode::kInvalidInput;
    case ServiceError::Code::kStorage:
      return ExitCode::kStorage;
    case ServiceError::Code::kUnauthenticated:
      return ExitCode::kUsage;
    default:
      return ExitCode::kInvalidInput;
  }
}

void DefineArguments(CommandSyntax& syntax, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    syntax.arguments.add_options()(name, po::value<std::string>());
    syntax.positional.add(name, 1);
  }
}

std::string Argument(const Invocation& invocation, const char* name) {
  if (!invocation.options.count(name)) {
    std::string shown(name);
    std::transform(shown.begin(), shown.end(), shown.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    throw UsageError(Tr("missing argument {0}", shown));
  }
  return invocation.options[name].as<std::string>();
}

std::optional<std::string> OptionValue(const Invocation& invocation, const char* name) {
  if (!invocation.options.count(name)) return std::nullopt;
  return invocation.options[name].as<std::string>();
}

RubricName ParseRubricName(const std::string& text) {
  auto at = text.find('@');
  RubricName name{text.substr(0, at), std::nullopt};
  if (at != std::string::npos) name.version = text.substr(at + 1);
  if (name.code.empty() || (name.version && name.version->empty())) {
    throw UsageError(Tr("invalid rubric '{0}': expected CODE or CODE@VERSION", text));
  }
  return name;
}

std::optional<CsvTable> ReadCsvInput(const std::string& path, const Invocation& invocation) {
  auto input = ReadTableInput(path, invocation.in, invocation.global.tables);
  if (!input) {
    PrintDiagnostics(input.error(), invocation.err);
    return std::nullopt;
  }
  auto table = ParseCsv(input->text, input->name);
  if (!table) {
    PrintDiagnostics(table.error(), invocation.err);
    return std::nullopt;
  }
  return std::move(*table);
}

ExitCode Refuse(const Diagnostics& diagnostics, std::ostream& err) {
  PrintDiagnostics(diagnostics, err);
  return ExitCode::kInvalidInput;
}

}  // namespace skillscore::cli
