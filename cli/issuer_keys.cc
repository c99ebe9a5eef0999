#include "issuer_keys.h"

#include <cstdlib>
#include <filesystem>

#include "db_support.h"

namespace skillscore::cli {
namespace po = boost::program_options;

void DefineKeysDirectory(CommandSyntax& syntax, const char* name) {
  syntax.options.add_options()  //
      (name, po::value<std::string>()->value_name("DIR"),
       Tr("the directory of the issuer's keys; default $SKILLSCORE_KEYS, else ./keys").c_str());
}

std::string KeysDirectory(const Invocation& invocation, const char* name) {
  if (auto dir = OptionValue(invocation, name)) return *dir;
  const char* variable = std::getenv("SKILLSCORE_KEYS");
  return variable != nullptr && *variable != '\0' ? variable : "keys";
}

std::string KeyPath(const std::string& dir, const char* file) {
  return (std::filesystem::path(dir) / file).string();
}

std::string SecretKeyPath(const Invocation& invocation, const char* name) {
  return KeyPath(KeysDirectory(invocation, name), kSecretKeyFile);
}

tl::expected<SecretKey, ExitCode> LoadSecretKey(const Invocation& invocation, const char* name) {
  auto key = ReadSecretKeyFile(SecretKeyPath(invocation, name));
  if (!key) return tl::make_unexpected(Refuse({key.error()}, invocation.err));
  return std::move(*key);
}

}  // namespace skillscore::cli
