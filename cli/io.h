// Reading the command line's input files and printing messages in one consistent form.
#pragma once

#include <cstddef>
#include <fstream>
#include <iosfwd>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"

namespace skillscore::cli {

// "-" means standard input.
inline constexpr char kStdinPath[] = "-";

// The name of an input in messages: the path, or "<stdin>" for "-".
std::string InputName(const std::string& path);

// The most read whole from one input: a CSV file of people, or marks through a pipe (a regular
// marks file is read a piece at a time and has no limit) …
inline constexpr std::size_t kMaxTableBytes = std::size_t{256} << 20;
// … and a document: a rubric, a passport, a revocation list.
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{16} << 20;

// The whole content of a file or of `in` for "-", or a diagnostic saying why it cannot be read,
// or that it is larger than `limit` bytes (then at most `limit` + 1 bytes are read: an endless
// input such as /dev/zero is refused, not read into memory).
tl::expected<std::string, Diagnostic> ReadInput(const std::string& path, std::istream& in,
                                                std::size_t limit = kMaxTableBytes);

// A file (not "-") opened for reading, or a diagnostic saying why it cannot be.
tl::expected<std::ifstream, Diagnostic> OpenInput(const std::string& path);
// The diagnostic of a file whose reading failed (its stream went bad), from errno.
Diagnostic ReadFailure(const std::string& path);

// Each diagnostic as one FormatDiagnostic line.
void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& err);

// "skillscore: error: message", in the current language.
void PrintError(const std::string& message, std::ostream& err);
// "skillscore: warning: message", in the current language.
void PrintWarning(const std::string& message, std::ostream& err);
// "skillscore: note: MESSAGE": something the user should know that is not wrong.
void PrintNote(const std::string& message, std::ostream& err);

}  // namespace skillscore::cli
