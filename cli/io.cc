#include "io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "skillscore/i18n.h"

namespace skillscore::cli {
namespace {

std::string ReadAll(std::istream& stream) {
  return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

// The common reasons in the user's language, the rest as the system says them.
std::string Reason(int error) {
  switch (error) {
    case ENOENT:
      return Tr("no such file");
    case EACCES:
      return Tr("permission denied");
    case EISDIR:
      return Tr("it is a directory");
    default:
      return std::strerror(error);
  }
}

Diagnostic Unreadable(const std::string& path, int error) {
  return Diagnostic{.file = path, .message = Tr("cannot read the file: {0}", Reason(error))};
}

}  // namespace

std::string InputName(const std::string& path) { return path == kStdinPath ? "<stdin>" : path; }

tl::expected<std::string, Diagnostic> ReadInput(const std::string& path, std::istream& in) {
  if (path == kStdinPath) return ReadAll(in);
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return tl::make_unexpected(Unreadable(path, EISDIR));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return tl::make_unexpected(Unreadable(path, errno));
  std::string content = ReadAll(file);
  if (file.bad()) return tl::make_unexpected(Unreadable(path, errno));
  return content;
}

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& err) {
  for (const Diagnostic& diagnostic : diagnostics) err << FormatDiagnostic(diagnostic) << '\n';
}

void PrintError(const std::string& message, std::ostream& err) {
  err << "skillscore: " << Tr("error") << ": " << message << '\n';
}

void PrintWarning(const std::string& message, std::ostream& err) {
  err << "skillscore: " << Tr("warning") << ": " << message << '\n';
}

}  // namespace skillscore::cli
