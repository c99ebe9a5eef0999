// Where the issuing organisation's signing keys live, for the commands that sign or check
// passports: a directory (an option, else $SKILLSCORE_KEYS, else ./keys) holding issuer.key
// (secret, mode 0600) and issuer.pub.
#pragma once

#include <string>
#include <tl/expected.hpp>

#include "commands.h"
#include "skillscore/signing.h"

namespace skillscore::cli {

inline constexpr char kSecretKeyFile[] = "issuer.key";
inline constexpr char kPublicKeyFile[] = "issuer.pub";

// Defines the option `name` (DIR) that names the keys' directory.
void DefineKeysDirectory(CommandSyntax& syntax, const char* name);
// The directory the option `name` gives, else $SKILLSCORE_KEYS, else "keys".
std::string KeysDirectory(const Invocation& invocation, const char* name);
std::string KeyPath(const std::string& dir, const char* file);
// The secret key's file in the directory of option `name`.
std::string SecretKeyPath(const Invocation& invocation, const char* name);

// The issuer's secret key from the directory of option `name`; the exit code after saying why
// it cannot be read.
tl::expected<SecretKey, ExitCode> LoadSecretKey(const Invocation& invocation, const char* name);

}  // namespace skillscore::cli
