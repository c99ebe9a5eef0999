// skillscore keys init | export and passport verify: the issuing organisation's signing key, and
// the offline check of a signed passport record that an employer runs with the issuer's public
// key (signing.h).
//
// Keys live in a directory (--dir, else $SKILLSCORE_KEYS, else ./keys) as issuer.key (secret,
// mode 0600, never printed) and issuer.pub (public). `passport verify` exits 0 only for an intact
// record signed with the issuer's key and not on the issuer's revocation list; anything else
// exits 1 with the reason.
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "skillscore/signing.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

constexpr char kSecretKeyFile[] = "issuer.key";
constexpr char kPublicKeyFile[] = "issuer.pub";

std::string KeysDirectory(const Invocation& invocation) {
  if (auto dir = OptionValue(invocation, "dir")) return *dir;
  const char* variable = std::getenv("SKILLSCORE_KEYS");
  return variable != nullptr && *variable != '\0' ? variable : "keys";
}

std::string KeyPath(const std::string& dir, const char* file) {
  return (std::filesystem::path(dir) / file).string();
}

void DefineDirectory(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("dir", po::value<std::string>()->value_name("DIR"),
       Tr("the directory of the issuer's keys; default $SKILLSCORE_KEYS, else ./keys").c_str());
}

// Creates the directory of the keys, readable by its owner only, unless it exists.
tl::expected<void, std::string> MakeKeysDirectory(const std::string& dir) {
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return {};
  if (!std::filesystem::create_directories(dir, error) && error) {
    return tl::make_unexpected(Tr("cannot create the directory {0}: {1}", dir, error.message()));
  }
  if (chmod(dir.c_str(), 0700) != 0) {
    return tl::make_unexpected(
        Tr("cannot create the directory {0}: {1}", dir, std::strerror(errno)));
  }
  return {};
}

ExitCode Init(const Invocation& invocation) {
  std::string issuer = invocation.options["issuer"].as<std::string>();
  if (issuer.find_first_not_of(" \t") == std::string::npos) {
    throw UsageError(Tr("--issuer must name the organisation that issues passports"));
  }
  std::string dir = KeysDirectory(invocation);
  std::string secret_path = KeyPath(dir, kSecretKeyFile);
  std::string public_path = KeyPath(dir, kPublicKeyFile);
  SecretKey key = GenerateKey(issuer);
  if (auto made = MakeKeysDirectory(dir); !made) {
    PrintError(made.error(), invocation.err);
    return ExitCode::kStorage;
  }
  if (auto written = WriteKeyFiles(key, secret_path, public_path); !written) {
    PrintError(written.error().message, invocation.err);
    return written.error().already_exists ? ExitCode::kInvalidInput : ExitCode::kStorage;
  }
  invocation.out << Tr("key {0} of {1}: secret key {2} (keep it safe; mode 0600), public key {3} "
                       "(give it to those who check passports)",
                       key.Public().Id(), issuer, secret_path, public_path)
                 << '\n';
  return ExitCode::kOk;
}

void DefineInit(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("issuer", po::value<std::string>()->value_name("NAME")->required(),
       Tr("the organisation that issues passports, as it is to appear on them").c_str());
  DefineDirectory(syntax);
}

// The public key as derived from the secret one, so that what is handed out always matches the
// key that signs.
ExitCode Export(const Invocation& invocation) {
  auto key = ReadSecretKeyFile(KeyPath(KeysDirectory(invocation), kSecretKeyFile));
  if (!key) return Refuse({key.error()}, invocation.err);
  std::string text = PublicKeyFileText(key->Public());
  auto out = OptionValue(invocation, "out");
  if (!out) {
    invocation.out << text;
    return ExitCode::kOk;
  }
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  if (!(file << text) || !file.flush()) {
    PrintError(Tr("cannot write {0}", *out), invocation.err);
    return ExitCode::kStorage;
  }
  return ExitCode::kOk;
}

void DefineExport(CommandSyntax& syntax) {
  DefineDirectory(syntax);
  syntax.options.add_options()  //
      ("out", po::value<std::string>()->value_name("FILE"),
       Tr("write the public key to FILE instead of standard output").c_str());
}

// The revocation list of --revoked, checked against the issuer's key; nullopt without one.
tl::expected<std::optional<RevocationList>, ExitCode> LoadRevocations(const Invocation& invocation,
                                                                      const PublicKey& key) {
  auto path = OptionValue(invocation, "revoked");
  if (!path) return std::nullopt;
  auto text = ReadInput(*path, invocation.in);
  if (!text) return tl::make_unexpected(Refuse({text.error()}, invocation.err));
  auto list = ReadRevocationList(*text, InputName(*path), key);
  if (!list) return tl::make_unexpected(Refuse({list.error()}, invocation.err));
  return std::optional<RevocationList>(std::move(*list));
}

std::string NumberOf(const Verification& verification) {
  return verification.record ? verification.record->number : Tr("(unknown number)");
}

ExitCode Report(const Verification& verification, const std::string& file, const PublicKey& key,
                const Invocation& invocation) {
  switch (verification.status) {
    case VerifyStatus::kValid: {
      const PassportRecord& record = *verification.record;
      invocation.out << Tr("{0}: valid: passport {1} of {2} ({3}), issued {4} by {5}", file,
                           record.number, record.candidate.name, record.candidate.id,
                           record.issued_at, record.issuer)
                     << '\n';
      return ExitCode::kOk;
    }
    case VerifyStatus::kRevoked:
      PrintError(
          Tr("{0}: revoked: passport {1} was revoked on {2}: {3}", file, NumberOf(verification),
             verification.revocation->revoked_at, verification.revocation->reason),
          invocation.err);
      break;
    case VerifyStatus::kTampered:
      PrintError(Tr("{0}: tampered: passport {1} does not match its signature; it was changed "
                    "after it was signed",
                    file, NumberOf(verification)),
                 invocation.err);
      break;
    case VerifyStatus::kOtherKey:
      PrintError(Tr("{0}: not issued by {1}: passport {2} is signed with key {3}, the issuer's "
                    "key is {4}",
                    file, key.issuer, NumberOf(verification), verification.public_key_id, key.Id()),
                 invocation.err);
      break;
    case VerifyStatus::kMalformed:
      PrintError(Tr("{0}: not a signed passport record", file), invocation.err);
      PrintDiagnostics({*verification.problem}, invocation.err);
      break;
  }
  return ExitCode::kInvalidInput;
}

ExitCode Verify(const Invocation& invocation) {
  std::string path = Argument(invocation, "file");
  auto key_path =
      OptionValue(invocation, "key").value_or(KeyPath(KeysDirectory(invocation), kPublicKeyFile));
  auto key = ReadPublicKeyFile(key_path);
  if (!key) return Refuse({key.error()}, invocation.err);
  auto revocations = LoadRevocations(invocation, *key);
  if (!revocations) return revocations.error();
  auto text = ReadInput(path, invocation.in);
  if (!text) return Refuse({text.error()}, invocation.err);
  const RevocationList* list = *revocations ? &**revocations : nullptr;
  return Report(VerifyPassport(*text, InputName(path), *key, list), InputName(path), *key,
                invocation);
}

void DefineVerify(CommandSyntax& syntax) {
  DefineArguments(syntax, {"file"});
  syntax.options.add_options()  //
      ("key", po::value<std::string>()->value_name("FILE"),
       Tr("the issuer's public key; default issuer.pub in $SKILLSCORE_KEYS, else in ./keys")
           .c_str())  //
      ("revoked", po::value<std::string>()->value_name("FILE"),
       Tr("the issuer's signed revocation list; a passport on it is reported as revoked").c_str());
  DefineDirectory(syntax);
}

}  // namespace

std::vector<Command> KeysCommands() {
  return {
      Command{
          .words = {"keys", "init"},
          .arguments = "--issuer NAME [--dir DIR]",
          .summary = "Create the issuing organisation's signing key for passports",
          .define = DefineInit,
          .run = Init,
      },
      Command{
          .words = {"keys", "export"},
          .arguments = "[--dir DIR] [--out FILE]",
          .summary = "Print the public key that verifies the organisation's passports",
          .define = DefineExport,
          .run = Export,
      },
  };
}

std::vector<Command> PassportCommands() {
  return {
      Command{
          .words = {"passport", "verify"},
          .arguments = "FILE [--key FILE] [--revoked FILE]",
          .summary = "Check a signed passport record: valid, tampered or revoked",
          .define = DefineVerify,
          .run = Verify,
      },
  };
}

}  // namespace skillscore::cli
