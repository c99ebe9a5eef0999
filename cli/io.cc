#include "io.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "skillscore/i18n.h"

namespace skillscore::cli {
namespace {

// Reads in large pieces straight into the string, instead of a call per character
// (istreambuf_iterator), which marks files of millions of rows made noticeable. `expected_size`
// (the file's size, when known) saves growing the string.
// At most `limit` + 1 bytes are read, so that an endless input (/dev/zero) stops there.
std::string ReadAll(std::istream& stream, std::size_t limit, std::size_t expected_size = 0) {
  constexpr std::size_t kPiece = 1 << 20;
  std::string text;
  text.reserve(std::min(expected_size, limit) + kPiece);
  while (stream && text.size() <= limit) {
    const std::size_t size = text.size();
    text.resize(size + kPiece);
    stream.read(text.data() + size, kPiece);
    text.resize(size + static_cast<std::size_t>(stream.gcount()));
  }
  return text;
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

tl::expected<std::ifstream, Diagnostic> OpenInput(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return tl::make_unexpected(Unreadable(path, EISDIR));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return tl::make_unexpected(Unreadable(path, errno));
  return file;
}

Diagnostic ReadFailure(const std::string& path) { return Unreadable(path, errno); }

tl::expected<std::string, Diagnostic> ReadInput(const std::string& path, std::istream& in,
                                                std::size_t limit) {
  auto too_large = [&] {
    return Diagnostic{.file = InputName(path),
                      .message = Tr("the input is larger than {0} MiB, the most this command "
                                    "reads whole: is it the right file?",
                                    limit >> 20)};
  };
  if (path == kStdinPath) {
    std::string content = ReadAll(in, limit);
    if (content.size() > limit) return tl::make_unexpected(too_large());
    return content;
  }
  auto file = OpenInput(path);
  if (!file) return tl::make_unexpected(file.error());
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > limit) return tl::make_unexpected(too_large());
  std::string content = ReadAll(*file, limit, error ? 0 : static_cast<std::size_t>(size));
  if (file->bad()) return tl::make_unexpected(ReadFailure(path));
  if (content.size() > limit) return tl::make_unexpected(too_large());
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

void PrintNote(const std::string& message, std::ostream& err) {
  err << "skillscore: " << Tr("note") << ": " << message << '\n';
}

}  // namespace skillscore::cli
