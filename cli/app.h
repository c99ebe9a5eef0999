// The skillscore command line (shared/spec/cli.md): global options, the table of commands and
// dispatch. Commands live in groups, one file each (rubric_command.cc, score_command.cc …); a
// group is a function returning its Commands, listed once in app.cc.
//
// Global options are accepted before or after the command words (`skillscore --lang ru score …`
// and `skillscore score … --lang ru` are the same); a command's own options follow its words.
// Usage errors print the problem and a hint ("see 'skillscore score --help'") and exit 2.
//
// Thread safety: runs on the main thread only; it sets the process-wide language and logger.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "skillscore/i18n.h"
#include "table_input.h"

namespace skillscore::cli {

enum class ExitCode {
  kOk = 0,
  kInvalidInput = 1,  // bad file, bad value, refused mark: nothing was written
  kUsage = 2,         // unknown command or option, missing argument
  kStorage = 3,       // database or I/O failure
};

// Data output formats. The default is the table, in a pipe as on a terminal, so that output never
// changes with redirection; scripts ask for csv or json.
enum class OutputFormat { kTable, kCsv, kJson, kXlsx };  // xlsx: results and score only

struct GlobalOptions {
  std::string db;                    // --db, else $SKILLSCORE_DB, else ./skillscore.db
  std::optional<std::string> as;     // --as, else $SKILLSCORE_JUDGE
  std::optional<std::string> admin;  // --admin: an administrator acts (credential_support.h)
  OutputFormat format = OutputFormat::kTable;
  Language language = Language::kEnglish;  // --lang, else LC_ALL / LC_MESSAGES / LANG, else en
  int verbosity = 0;                       // -1 with -q, 1 with -v
  TableReading tables;                     // --sheet and --encoding of table inputs
};

// What a running command may use. Data goes to `out`, messages to `err`.
struct Invocation {
  const GlobalOptions& global;
  const boost::program_options::variables_map& options;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// A command's syntax besides the global options: its options (shown by --help, with translated
// descriptions), and its positional arguments (declared as hidden options, then given an order).
struct CommandSyntax {
  boost::program_options::options_description options;
  boost::program_options::options_description arguments;
  boost::program_options::positional_options_description positional;
};

struct Command {
  std::vector<std::string> words;  // {"rubric", "validate"}
  std::string arguments;           // the rest of the usage line: "FILE..."
  const char* summary;             // English; translated when shown
  std::function<void(CommandSyntax&)> define;
  std::function<ExitCode(const Invocation&)> run;
};

// A usage error found by a command after parsing (a missing FILE, two inputs from stdin).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs one command line (without the program name) and returns the exit code. Exceptions other
// than usage errors are left to main.
ExitCode Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
             std::ostream& err);

}  // namespace skillscore::cli
