#include "skillscore/signing.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "skillscore/i18n.h"
#include "skillscore/json_fields.h"
#include "skillscore/rubric_loader.h"
#include "skillscore/sha256.h"

namespace skillscore {
namespace {

using internal::JsonFields;

constexpr char kAlgorithm[] = "ed25519";

// libsodium must be initialised once before use; it is safe to call from several threads.
void InitSodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium cannot be initialised");
}

std::string Base64(const unsigned char* bytes, std::size_t size) {
  std::string text(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

// Exactly `N` bytes in standard base64, or nullopt.
template <std::size_t N>
std::optional<std::array<unsigned char, N>> FromBase64(std::string_view text) {
  InitSodium();
  std::array<unsigned char, N> bytes{};
  std::size_t length = 0;
  const char* end = nullptr;
  int result = sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr,
                                 &length, &end, sodium_base64_VARIANT_ORIGINAL);
  if (result != 0 || length != N || end != text.data() + text.size()) return std::nullopt;
  return bytes;
}

Diagnostic FileProblem(const std::string& file_name, std::string message) {
  return Diagnostic{.file = file_name, .message = std::move(message)};
}

tl::expected<std::string, Diagnostic> ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return tl::make_unexpected(
        FileProblem(path, Tr("cannot read the file: {0}", std::strerror(errno))));
  }
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// The common part of both key files: format, algorithm, issuer, key id and the key bytes.
struct KeyFields {
  std::string issuer;
  std::string key_id;
  std::string key;
};

tl::expected<KeyFields, Diagnostic> ParseKeyFile(std::string_view text,
                                                 const std::string& file_name,
                                                 std::string_view format, const char* key_name) {
  auto json = ParseStrictJson(text, file_name);
  if (!json) return tl::make_unexpected(json.error());
  std::optional<std::string> error;
  JsonFields fields(*json, "", error);
  fields.Constant("format", format);
  fields.Constant("algorithm", kAlgorithm);
  KeyFields key{fields.String("issuer"), fields.String("key_id"), fields.String(key_name)};
  fields.RefuseOthers();
  if (error) return tl::make_unexpected(FileProblem(file_name, *error));
  return key;
}

JsonNode SignedDocument(const char* payload_name, JsonNode payload, const SecretKey& key) {
  std::string signature = Sign(key, CanonicalJson(payload));
  return JsonNode::Object({{payload_name, std::move(payload)},
                           {"signature", JsonNode::String(std::move(signature))},
                           {"public_key_id", JsonNode::String(key.Public().Id())}});
}

struct SignedPayload {
  JsonNode payload;
  std::string signature;
  std::string public_key_id;
};

tl::expected<SignedPayload, Diagnostic> ParseSignedDocument(std::string_view text,
                                                            const std::string& file_name,
                                                            const char* payload_name) {
  auto json = ParseStrictJson(text, file_name);
  if (!json) return tl::make_unexpected(json.error());
  std::optional<std::string> error;
  JsonFields fields(*json, "", error);
  SignedPayload document{fields.Object(payload_name), fields.String("signature"),
                         fields.String("public_key_id")};
  fields.RefuseOthers();
  if (error) return tl::make_unexpected(FileProblem(file_name, *error));
  return document;
}

// Creates `path` (which must not exist) with `mode`, whatever the umask, and writes `content`.
tl::expected<void, std::string> CreateFile(const std::string& path, const std::string& content,
                                           mode_t mode) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return tl::make_unexpected(fmt::format("{}: {}", path, std::strerror(errno)));
  bool written = fchmod(fd, mode) == 0;
  for (std::size_t done = 0; written && done < content.size();) {
    ssize_t count = write(fd, content.data() + done, content.size() - done);
    written = count > 0;
    if (written) done += static_cast<std::size_t>(count);
  }
  written = written && fsync(fd) == 0;
  int error = errno;
  written = close(fd) == 0 && written;
  if (!written) {
    unlink(path.c_str());
    return tl::make_unexpected(fmt::format("{}: {}", path, std::strerror(error)));
  }
  return {};
}

JsonNode RevocationsJson(const RevocationList& list) {
  std::vector<JsonNode> revoked;
  for (const Revocation& revocation : list.revoked) {
    revoked.push_back(JsonNode::Object({{"number", JsonNode::String(revocation.number)},
                                        {"reason", JsonNode::String(revocation.reason)},
                                        {"revoked_at", JsonNode::String(revocation.revoked_at)}}));
  }
  return JsonNode::Object({{"format", JsonNode::String(kRevocationsFormat)},
                           {"issuer", JsonNode::String(list.issuer)},
                           {"issued_at", JsonNode::String(list.issued_at)},
                           {"revoked", JsonNode::Array(std::move(revoked))}});
}

tl::expected<RevocationList, std::string> RevocationsFromJson(const JsonNode& json) {
  std::optional<std::string> error;
  JsonFields fields(json, "revocations", error);
  fields.Constant("format", kRevocationsFormat);
  RevocationList list{fields.String("issuer"), fields.String("issued_at"), {}};
  const JsonNode& revoked = fields.Array("revoked");
  for (std::size_t i = 0; i < revoked.items.size(); ++i) {
    JsonFields item(revoked.items[i], fields.PathOf("revoked") + "[" + std::to_string(i) + "]",
                    error);
    list.revoked.push_back(
        Revocation{item.String("number"), item.String("reason"), item.String("revoked_at")});
    item.RefuseOthers();
  }
  fields.RefuseOthers();
  if (error) return tl::make_unexpected(*error);
  return list;
}

}  // namespace

std::string PublicKey::Id() const {
  return Sha256Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()))
      .substr(0, 16);
}

SecretKey::SecretKey(std::string issuer, const std::array<unsigned char, 64>& bytes)
    : issuer_(std::move(issuer)), bytes_(bytes) {}

SecretKey::SecretKey(const SecretKey& other) = default;
SecretKey& SecretKey::operator=(const SecretKey& other) = default;

SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

PublicKey SecretKey::Public() const {
  PublicKey key{issuer_, {}};
  crypto_sign_ed25519_sk_to_pk(key.bytes.data(), bytes_.data());
  return key;
}

SecretKey GenerateKey(std::string issuer) {
  InitSodium();
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_bytes{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_bytes{};
  crypto_sign_keypair(public_bytes.data(), secret_bytes.data());
  SecretKey key(std::move(issuer), secret_bytes);
  sodium_memzero(secret_bytes.data(), secret_bytes.size());
  return key;
}

std::string PublicKeyFileText(const PublicKey& key) {
  return PrettyJson(JsonNode::Object(
      {{"format", JsonNode::String(kPublicKeyFormat)},
       {"algorithm", JsonNode::String(kAlgorithm)},
       {"issuer", JsonNode::String(key.issuer)},
       {"key_id", JsonNode::String(key.Id())},
       {"public_key", JsonNode::String(Base64(key.bytes.data(), key.bytes.size()))}}));
}

std::string SecretKeyFileText(const SecretKey& key) {
  return PrettyJson(JsonNode::Object(
      {{"format", JsonNode::String(kSecretKeyFormat)},
       {"algorithm", JsonNode::String(kAlgorithm)},
       {"issuer", JsonNode::String(key.issuer())},
       {"key_id", JsonNode::String(key.Public().Id())},
       {"secret_key", JsonNode::String(Base64(key.bytes().data(), key.bytes().size()))}}));
}

tl::expected<PublicKey, Diagnostic> ParsePublicKey(std::string_view text,
                                                   const std::string& file_name) {
  auto fields = ParseKeyFile(text, file_name, kPublicKeyFormat, "public_key");
  if (!fields) return tl::make_unexpected(fields.error());
  auto bytes = FromBase64<crypto_sign_PUBLICKEYBYTES>(fields->key);
  if (!bytes) {
    return tl::make_unexpected(
        FileProblem(file_name, Tr("public_key: expected {0} bytes in base64", 32)));
  }
  PublicKey key{fields->issuer, *bytes};
  if (key.Id() != fields->key_id) {
    return tl::make_unexpected(FileProblem(
        file_name,
        Tr("key_id: \"{0}\" is not the id of this key ({1})", fields->key_id, key.Id())));
  }
  return key;
}

tl::expected<SecretKey, Diagnostic> ParseSecretKey(std::string_view text,
                                                   const std::string& file_name) {
  auto fields = ParseKeyFile(text, file_name, kSecretKeyFormat, "secret_key");
  if (!fields) return tl::make_unexpected(fields.error());
  auto bytes = FromBase64<crypto_sign_SECRETKEYBYTES>(fields->key);
  if (!bytes) {
    return tl::make_unexpected(
        FileProblem(file_name, Tr("secret_key: expected {0} bytes in base64", 64)));
  }
  SecretKey key(fields->issuer, *bytes);
  sodium_memzero(bytes->data(), bytes->size());
  if (key.Public().Id() != fields->key_id) {
    return tl::make_unexpected(FileProblem(
        file_name,
        Tr("key_id: \"{0}\" is not the id of this key ({1})", fields->key_id, key.Public().Id())));
  }
  return key;
}

tl::expected<void, KeyWriteError> WriteKeyFiles(const SecretKey& key,
                                                const std::string& secret_path,
                                                const std::string& public_path) {
  for (const std::string& path : {secret_path, public_path}) {
    struct stat status {};
    if (lstat(path.c_str(), &status) == 0) {
      return tl::make_unexpected(
          KeyWriteError{true, Tr("{0} already exists: a key is never overwritten", path)});
    }
  }
  auto written = CreateFile(secret_path, SecretKeyFileText(key), 0600).and_then([&] {
    auto public_file = CreateFile(public_path, PublicKeyFileText(key.Public()), 0644);
    if (!public_file) unlink(secret_path.c_str());
    return public_file;
  });
  if (!written) return tl::make_unexpected(KeyWriteError{false, written.error()});
  return {};
}

tl::expected<PublicKey, Diagnostic> ReadPublicKeyFile(const std::string& path) {
  return ReadWholeFile(path).and_then(
      [&path](const std::string& text) { return ParsePublicKey(text, path); });
}

tl::expected<SecretKey, Diagnostic> ReadSecretKeyFile(const std::string& path) {
  struct stat status {};
  if (stat(path.c_str(), &status) == 0 && (status.st_mode & 077) != 0) {
    return tl::make_unexpected(
        FileProblem(path, Tr("permissions {0:04o} are too open: the secret key must be readable "
                             "by its owner only (chmod 600 {1})",
                             status.st_mode & 0777, path)));
  }
  return ReadWholeFile(path).and_then(
      [&path](const std::string& text) { return ParseSecretKey(text, path); });
}

std::string Sign(const SecretKey& key, std::string_view message) {
  InitSodium();
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.bytes().data());
  return Base64(signature.data(), signature.size());
}

bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature) {
  auto bytes = FromBase64<crypto_sign_BYTES>(signature);
  return bytes && crypto_sign_verify_detached(
                      bytes->data(), reinterpret_cast<const unsigned char*>(message.data()),
                      message.size(), key.bytes.data()) == 0;
}

SignedPassport SignPassport(const PassportRecord& record, const SecretKey& key) {
  return SignedPassport{record, Sign(key, CanonicalJson(PassportJson(record))), key.Public().Id()};
}

std::string SignedPassportJson(const SignedPassport& passport) {
  return PrettyJson(
      JsonNode::Object({{"record", PassportJson(passport.record)},
                        {"signature", JsonNode::String(passport.signature)},
                        {"public_key_id", JsonNode::String(passport.public_key_id)}}));
}

const Revocation* RevocationList::Find(std::string_view number) const {
  auto found = std::find_if(revoked.begin(), revoked.end(),
                            [number](const Revocation& entry) { return entry.number == number; });
  return found == revoked.end() ? nullptr : &*found;
}

std::string SignedRevocationListJson(const RevocationList& list, const SecretKey& key) {
  return PrettyJson(SignedDocument("revocations", RevocationsJson(list), key));
}

tl::expected<RevocationList, Diagnostic> ReadRevocationList(std::string_view text,
                                                            const std::string& file_name,
                                                            const PublicKey& key) {
  auto document = ParseSignedDocument(text, file_name, "revocations");
  if (!document) return tl::make_unexpected(document.error());
  if (document->public_key_id != key.Id()) {
    return tl::make_unexpected(FileProblem(
        file_name, Tr("the revocation list is signed with key {0}, not with the issuer's key {1}",
                      document->public_key_id, key.Id())));
  }
  if (!VerifySignature(key, CanonicalJson(document->payload), document->signature)) {
    return tl::make_unexpected(FileProblem(
        file_name, Tr("the revocation list does not match its signature: it was changed after "
                      "it was signed")));
  }
  auto list = RevocationsFromJson(document->payload);
  if (!list) return tl::make_unexpected(FileProblem(file_name, list.error()));
  return *list;
}

Verification VerifyPassport(std::string_view text, const std::string& file_name,
                            const PublicKey& key, const RevocationList* revocations) {
  Verification verification;
  auto document = ParseSignedDocument(text, file_name, "record");
  if (!document) {
    verification.problem = document.error();
    return verification;
  }
  verification.public_key_id = document->public_key_id;
  auto record = PassportFromJson(document->payload);
  if (record) verification.record = *record;
  if (document->public_key_id != key.Id()) {
    verification.status = VerifyStatus::kOtherKey;
  } else if (!VerifySignature(key, CanonicalJson(document->payload), document->signature)) {
    verification.status = VerifyStatus::kTampered;
  } else if (!record) {
    verification.problem = FileProblem(file_name, record.error());
  } else if (const Revocation* revoked =
                 revocations ? revocations->Find(record->number) : nullptr) {
    verification.status = VerifyStatus::kRevoked;
    verification.revocation = *revoked;
  } else {
    verification.status = VerifyStatus::kValid;
  }
  return verification;
}

}  // namespace skillscore
