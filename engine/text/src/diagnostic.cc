#include "skillscore/diagnostic.h"

#include <algorithm>

#include "skillscore/i18n.h"

namespace skillscore {

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  std::string place = diagnostic.file;
  if (diagnostic.line > 0) {
    place += ":" + std::to_string(diagnostic.line);
    if (diagnostic.column > 0) place += ":" + std::to_string(diagnostic.column);
  }
  std::string severity = diagnostic.severity == Severity::kError ? Tr("error") : Tr("warning");
  return (place.empty() ? "" : place + ": ") + severity + ": " + diagnostic.message;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace skillscore
