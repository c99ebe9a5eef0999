// What the exam-database commands (db_*_command.cc) share: opening the database named by --db,
// turning store errors into messages and exit codes, positional arguments, and reading CSV input.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "app.h"
#include "skillscore/csv.h"
#include "skillscore/exam_files.h"
#include "skillscore/exam_service.h"
#include "skillscore/store.h"

namespace skillscore::cli {

// Only importing a rubric, the first step of every exam, creates a missing database: every other
// command needs what that step stores, and would otherwise leave an empty file behind. Commands
// that only read open it read-only (kRead), so that they work on a file or folder the user may
// not write (a copy handed to an auditor, a 444 file): they say so once when it is so.
enum class DbAccess { kExisting, kCreate, kRead };

// The exam database of --db, or the exit code after printing why it cannot be opened.
tl::expected<std::unique_ptr<ExamStore>, ExitCode> OpenStore(const Invocation& invocation,
                                                             DbAccess access);

// Prints the error, a line per line of its message, and returns its exit code: kStorage for a
// failure of the database, kInvalidInput for everything else (refused, conflicting, not found).
ExitCode Fail(const StoreError& error, std::ostream& err);

// The exam service over the database of --db: every command that acts on an exam goes through it.
class ServiceSession {
 public:
  explicit ServiceSession(std::unique_ptr<ExamStore> store)
      : store_(std::move(store)), service_(*store_) {}
  ExamService* operator->() { return &service_; }
  ExamService& operator*() { return service_; }

 private:
  std::unique_ptr<ExamStore> store_;
  ExamService service_;
};

tl::expected<ServiceSession, ExitCode> OpenService(const Invocation& invocation,
                                                   DbAccess access = DbAccess::kExisting);

// Who is acting: --as, else $SKILLSCORE_JUDGE (a claim the command line cannot check).
Actor ActingPerson(const Invocation& invocation);

// Prints a refusal of the service and returns its exit code: kUsage when no one is acting (with a
// hint naming --as), kStorage for a failure of the database, kInvalidInput for everything else (a
// missing reason with a hint naming --reason).
ExitCode Fail(const ServiceError& error, std::ostream& err);

// Declares the command's positional arguments, in order, one value each.
void DefineArguments(CommandSyntax& syntax, std::initializer_list<const char*> names);

// The value of a positional argument; a usage error naming it (in capitals) when it is missing.
std::string Argument(const Invocation& invocation, const char* name);

// The value of an option, or nullopt when it is not given.
std::optional<std::string> OptionValue(const Invocation& invocation, const char* name);

// A rubric named on the command line as CODE or CODE@VERSION.
struct RubricName {
  std::string code;
  std::optional<std::string> version;
};

// A usage error when the code or the version is empty.
RubricName ParseRubricName(const std::string& text);

// The CSV table of a file ("-" for standard input), or nullopt after printing why it cannot be
// read.
std::optional<CsvTable> ReadCsvInput(const std::string& path, const Invocation& invocation);

// Prints the diagnostics of a file and returns kInvalidInput.
ExitCode Refuse(const Diagnostics& diagnostics, std::ostream& err);

}  // namespace skillscore::cli
