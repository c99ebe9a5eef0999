#include "app.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "io.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

// Options must be spelled out: a prefix such as --r would silently change meaning as soon as a
// second option starting with r is added.
constexpr int kStyle =
    po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> all;
    for (auto group : {RubricCommands, DbRubricCommands, ExamCommands, BundleCommands, MarkCommands,
                       ResultsCommands, IntegrityCommands, ScoreCommands, ReportCommands,
                       PaperCommands, KeysCommands, PassportCommands, RescoreCommands,
                       EnterCommands, CredentialCommands, ServeCommands}) {
      std::vector<Command> commands_of_group = group();
      all.insert(all.end(), commands_of_group.begin(), commands_of_group.end());
    }
    return all;
  }();
  return commands;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

// The command whose words begin `words`, the longest if several do.
const Command* FindCommand(const std::vector<std::string>& words) {
  const Command* found = nullptr;
  for (const Command& command : AllCommands()) {
    bool matches = command.words.size() <= words.size() &&
                   std::equal(command.words.begin(), command.words.end(), words.begin());
    if (matches && (!found || command.words.size() > found->words.size())) found = &command;
  }
  return found;
}

// Commands of a group ("rubric"), or every command for an empty group.
std::vector<const Command*> CommandsOf(const std::string& group) {
  std::vector<const Command*> commands;
  for (const Command& command : AllCommands()) {
    if (group.empty() || command.words.front() == group) commands.push_back(&command);
  }
  return commands;
}

// POSIX order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
Language EnvironmentLanguage() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') {
      return LanguageFromName(value).value_or(Language::kEnglish);
    }
  }
  return Language::kEnglish;
}

// Boost wraps help text at a number of bytes. Cyrillic takes two bytes per letter and Russian help
// mixes it with ASCII option names, so it gets half as many bytes again to fill about 80 columns.
unsigned HelpLineLength() {
  unsigned bytes = po::options_description::m_default_line_length;
  return CurrentLanguage() == Language::kRussian ? bytes * 3 / 2 : bytes;
}

po::options_description GlobalOptionsDescription() {
  po::options_description options(Tr("Global options"), HelpLineLength());
  options.add_options()  //
      ("db", po::value<std::string>()->value_name("PATH|URL"),
       Tr("the exam database: an SQLite file or a postgresql:// URL; default $SKILLSCORE_DB, else "
          "./skillscore.db")
           .c_str())  //
      ("as", po::value<std::string>()->value_name("JUDGE"),
       Tr("who is acting (judge id); default $SKILLSCORE_JUDGE").c_str())  //
      ("admin", po::value<std::string>()->value_name("NAME"),
       Tr("act as this administrator; the secret from the terminal or "
          "$SKILLSCORE_ADMIN_SECRET")
           .c_str())  //
      ("format", po::value<std::string>()->value_name("FORMAT"),
       Tr("output format: table (default), csv, json or xlsx (results, score)").c_str())  //
      ("lang", po::value<std::string>()->value_name("LANG"),
       Tr("language of messages and tables: ru or en; default from LC_ALL, LC_MESSAGES or "
          "LANG, else en")
           .c_str())  //
      ("sheet", po::value<std::string>()->value_name("NAME"),
       Tr("the sheet to read in .xlsx inputs; default the first").c_str())  //
      ("encoding", po::value<std::string>()->value_name("ENC"),
       Tr("encoding of CSV inputs: utf-8 or cp1251; default detected").c_str())  //
      ("verbose,v", po::bool_switch(), Tr("more messages on stderr").c_str())    //
      ("quiet,q", po::bool_switch(), Tr("only errors on stderr").c_str())        //
      ("help,h", po::bool_switch(), Tr("show help and exit").c_str())            //
      ("version", po::bool_switch(), Tr("show the version and exit").c_str());
  return options;
}

std::string Hint(const std::string& command) {
  return Tr("see '{0} --help'", "skillscore" + (command.empty() ? "" : " " + command));
}

// Global options anywhere on the line, and the positional words, among which the command.
// Options of commands are not known yet: they are left for ParseCommand.
struct FirstPass {
  po::variables_map values;
  std::vector<std::string> words;
};

FirstPass ParseFirstPass(const std::vector<std::string>& args) {
  po::options_description options = GlobalOptionsDescription();
  options.add_options()("words", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("words", -1);
  FirstPass pass;
  po::store(po::command_line_parser(args)
                .options(options)
                .positional(positional)
                .style(kStyle)
                .allow_unregistered()
                .run(),
            pass.values);
  if (pass.values.count("words")) pass.words = pass.values["words"].as<std::vector<std::string>>();
  return pass;
}

OutputFormat ParseFormat(const std::string& text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "csv") return OutputFormat::kCsv;
  if (text == "json") return OutputFormat::kJson;
  if (text == "xlsx") return OutputFormat::kXlsx;
  throw UsageError(Tr("invalid format '{0}': expected table, csv, json or xlsx", text));
}

Language ParseLanguage(const std::string& text) {
  if (text == "ru") return Language::kRussian;
  if (text == "en") return Language::kEnglish;
  throw UsageError(Tr("invalid language '{0}': expected ru or en", text));
}

std::optional<std::string> OptionOrEnvironment(const po::variables_map& values, const char* option,
                                               const char* variable) {
  if (values.count(option)) return values[option].as<std::string>();
  if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') return value;
  return std::nullopt;
}

GlobalOptions ReadGlobalOptions(const po::variables_map& values) {
  GlobalOptions global;
  global.db = OptionOrEnvironment(values, "db", "SKILLSCORE_DB").value_or("./skillscore.db");
  global.as = OptionOrEnvironment(values, "as", "SKILLSCORE_JUDGE");
  if (values.count("admin")) global.admin = values["admin"].as<std::string>();
  if (values.count("format")) global.format = ParseFormat(values["format"].as<std::string>());
  global.language =
      values.count("lang") ? ParseLanguage(values["lang"].as<std::string>()) : CurrentLanguage();
  if (values.count("sheet")) global.tables.sheet = values["sheet"].as<std::string>();
  if (values.count("encoding")) {
    std::string name = values["encoding"].as<std::string>();
    auto encoding = EncodingFromName(name);
    if (!encoding) throw UsageError(Tr("invalid encoding '{0}': expected utf-8 or cp1251", name));
    global.tables.encoding = *encoding;
  }
  global.verbosity = (values["verbose"].as<bool>() ? 1 : 0) - (values["quiet"].as<bool>() ? 1 : 0);
  return global;
}

// Log lines go to stderr without colour (NO_COLOR and dumb terminals need nothing special).
void SetUpLogging(int verbosity) {
  auto logger = std::make_shared<spdlog::logger>("skillscore",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("skillscore: %l: %v");
  logger->set_level(verbosity > 0   ? spdlog::level::debug
                    : verbosity < 0 ? spdlog::level::err
                                    : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

std::string Usage(const Command& command) {
  std::string usage = "skillscore " + Joined(command.words);
  if (!command.arguments.empty()) usage += " " + command.arguments;
  return Tr("usage: {0}", usage);
}

std::string GeneralHelp(const std::string& group) {
  std::vector<const Command*> commands = CommandsOf(group);
  std::vector<std::string> names;
  std::size_t width = 0;
  for (const Command* command : commands) {
    names.push_back(Joined(command->words));
    width = std::max(width, names.back().size());
  }
  std::ostringstream help;
  help << Tr("usage: {0}", "skillscore [" + Tr("global options") + "] COMMAND [ARGS]") << "\n\n"
       << Tr("Commands:") << '\n';
  for (std::size_t i = 0; i < commands.size(); ++i) {
    help << "  " << names[i] << std::string(width - names[i].size() + 2, ' ')
         << Tr(commands[i]->summary) << '\n';
  }
  help << '\n' << GlobalOptionsDescription() << '\n' << Hint("COMMAND") << '\n';
  return help.str();
}

CommandSyntax SyntaxOf(const Command& command) {
  CommandSyntax syntax{
      po::options_description(Tr("Options"), HelpLineLength()), po::options_description(), {}};
  syntax.arguments.add_options()("command-words", po::value<std::vector<std::string>>());
  syntax.positional.add("command-words", static_cast<int>(command.words.size()));
  command.define(syntax);
  return syntax;
}

std::string CommandHelp(const Command& command) {
  CommandSyntax syntax = SyntaxOf(command);
  std::ostringstream help;
  help << Usage(command) << "\n\n" << Tr(command.summary) << "\n\n";
  if (!syntax.options.options().empty()) help << syntax.options << '\n';
  help << GlobalOptionsDescription();
  return help.str();
}

po::variables_map ParseCommand(const Command& command, const std::vector<std::string>& args) {
  CommandSyntax syntax = SyntaxOf(command);
  po::options_description all;
  all.add(GlobalOptionsDescription()).add(syntax.options).add(syntax.arguments);
  po::variables_map values;
  po::store(
      po::command_line_parser(args).options(all).positional(syntax.positional).style(kStyle).run(),
      values);
  po::notify(values);
  return values;
}

// Boost's own messages are English only; the common ones are said again in the user's language.
std::string UsageMessage(const po::error& error) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&error)) {
    return Tr("unknown option '{0}'", unknown->get_option_name());
  }
  if (const auto* required = dynamic_cast<const po::required_option*>(&error)) {
    return Tr("missing option '{0}'", required->get_option_name());
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&error);
      syntax && syntax->kind() == po::invalid_syntax::missing_parameter) {
    return Tr("option '{0}' needs a value", syntax->get_option_name());
  }
  if (const auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&error)) {
    return Tr("option '{0}' is given more than once", repeated->get_option_name());
  }
  if (dynamic_cast<const po::too_many_positional_options_error*>(&error)) {
    return Tr("too many arguments");
  }
  return error.what();
}

// Positional words that name no command: an unknown command, or a group without its subcommand.
[[noreturn]] void ThrowUnknownCommand(const std::vector<std::string>& words) {
  if (words.empty()) throw UsageError(Tr("missing command"));
  std::vector<const Command*> group = CommandsOf(words.front());
  if (group.empty()) throw UsageError(Tr("unknown command '{0}'", words.front()));
  if (words.size() == 1) {
    std::string subcommands;
    for (const Command* command : group) {
      subcommands += (subcommands.empty() ? "" : ", ") + command->words.back();
    }
    throw UsageError(Tr("'{0}' needs a subcommand: {1}", words.front(), subcommands));
  }
  throw UsageError(Tr("unknown command '{0}'", words[0] + " " + words[1]));
}

// The part of the usage hint that names what the user was trying to run.
std::string HintTopic(const Command* command, const std::vector<std::string>& words) {
  if (command) return Joined(command->words);
  if (!words.empty() && !CommandsOf(words.front()).empty()) return words.front();
  return "";
}

ExitCode RunCommandLine(const std::vector<std::string>& args, const FirstPass& first,
                        std::istream& in, std::ostream& out, std::ostream& err) {
  GlobalOptions global = ReadGlobalOptions(first.values);
  SetLanguage(global.language);
  SetUpLogging(global.verbosity);
  if (first.values["version"].as<bool>()) {
    out << "skillscore " << SKILLSCORE_VERSION << '\n';
    return ExitCode::kOk;
  }
  bool help = first.values["help"].as<bool>();
  const Command* command = FindCommand(first.words);
  if (!command) {
    if (help && (first.words.empty() || !CommandsOf(first.words.front()).empty())) {
      out << GeneralHelp(first.words.empty() ? "" : first.words.front());
      return ExitCode::kOk;
    }
    ThrowUnknownCommand(first.words);
  }
  if (help) {
    out << CommandHelp(*command);
    return ExitCode::kOk;
  }
  po::variables_map values = ParseCommand(*command, args);
  return command->run(Invocation{global, values, in, out, err});
}

}  // namespace

ExitCode Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
             std::ostream& err) {
  SetLanguage(EnvironmentLanguage());
  FirstPass first;
  try {
    first = ParseFirstPass(args);
    ExitCode code = RunCommandLine(args, first, in, out, err);
    if (!out.flush()) {
      PrintError(Tr("cannot write the output"), err);
      return ExitCode::kStorage;
    }
    return code;
  } catch (const po::error& error) {
    PrintError(UsageMessage(error), err);
  } catch (const UsageError& error) {
    PrintError(error.what(), err);
  }
  err << Hint(HintTopic(FindCommand(first.words), first.words)) << '\n';
  return ExitCode::kUsage;
}

}  // namespace skillscore::cli
