// Whether a valid passport has been superseded: a signature stays valid for ever, so a replaced
// passport still verifies. What tells it apart is the issuer's register (the CSV `passport
// export --to csv` writes, with its "number" and "supersedes" columns) or the newer passport
// itself, whose signed record names the number it supersedes.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "skillscore/csv.h"
#include "skillscore/diagnostic.h"
#include "skillscore/passport.h"

namespace skillscore {

// The number of the passport that supersedes `number` according to the register, or nullopt.
// A register without "number" and "supersedes" columns is refused, naming the file.
tl::expected<std::optional<std::string>, Diagnostic> SupersededInRegister(
    const CsvTable& passport_register, std::string_view number);

// Whether `newer` (a record already verified as valid and signed by the same issuer) supersedes
// the passport `number`.
bool Supersedes(const PassportRecord& newer, std::string_view number);

}  // namespace skillscore
