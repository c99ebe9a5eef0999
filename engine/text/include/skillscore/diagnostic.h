// A message about bad input, pointing at where it is: file:line:column for files, the row's line
// number for CSV. Loaders return every diagnostic they find at once, not only the first.
//
// Thread safety: plain values.
#pragma once

#include <string>
#include <vector>

namespace skillscore {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown or meaningless (a whole CSV row)
  std::string message;  // in the current language (i18n.h)
};

// "file:line:column: error: message" (the word "error"/"warning" in the current language);
// line and column are left out when unknown.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace skillscore
