// Who is acting on the command line, proven where it must be (credentials.h): an administrator
// (`--admin NAME`, the secret from the terminal or $SKILLSCORE_ADMIN_SECRET), or the judge of
// `--as` with their PIN when the exam requires PINs (from the terminal or $SKILLSCORE_PIN).
// Secrets are read from the terminal without echo and never printed; a wrong one ends the command
// with exit code 2 and a message that does not say which part was wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "app.h"
#include "skillscore/exam_service.h"

namespace skillscore::cli {

// The value of $variable when it is set and not empty; else a line typed on the terminal
// (/dev/tty) after `prompt`, without echo; nullopt when there is neither.
std::optional<std::string> ReadSecret(const char* variable, const std::string& prompt);

// The acting person for a write to `exam` (none: a write to no exam, such as a rubric import):
// an authenticated administrator with --admin; else ActingPerson(), authenticated with the PIN
// when the exam needs one. The exit code after printing why not.
tl::expected<Actor, ExitCode> ActingFor(const Invocation& invocation, ExamService& service,
                                        const std::optional<std::string>& exam);

}  // namespace skillscore::cli
