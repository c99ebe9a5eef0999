// Signing passport records and revocation lists with the issuing organisation's Ed25519 key
// (libsodium), and checking them offline with its public key alone.
//
// Key files are JSON (json_value.h):
//   public:  {"format": "skillscore-public-key/1", "algorithm": "ed25519", "issuer": NAME,
//             "key_id": ID, "public_key": BASE64}
//   secret:  {"format": "skillscore-secret-key/1", "algorithm": "ed25519", "issuer": NAME,
//             "key_id": ID, "secret_key": BASE64}  — written with mode 0600, never printed.
// The key id is the first 16 hex digits of the SHA-256 of the 32-byte public key; BASE64 is the
// standard alphabet with padding.
//
// A signed document is {"<payload>": {...}, "signature": BASE64, "public_key_id": ID}, where the
// signature is a detached Ed25519 signature of the payload's canonical JSON (json_value.h). The
// payload is "record" for a passport (passport.h) and "revocations" for a revocation list:
//   {"format": "skillscore-revocations/1", "issuer": NAME, "issued_at": TIME,
//    "revoked": [{"number": N, "reason": TEXT, "revoked_at": TIME}, …]}
// The payload's own "format" keeps one kind of document from passing for the other.
//
// Thread safety: functions are safe to call concurrently; SecretKey is a plain value that wipes
// its bytes when destroyed.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"
#include "skillscore/passport.h"

namespace skillscore {

inline constexpr char kPublicKeyFormat[] = "skillscore-public-key/1";
inline constexpr char kSecretKeyFormat[] = "skillscore-secret-key/1";
inline constexpr char kRevocationsFormat[] = "skillscore-revocations/1";

struct PublicKey {
  std::string issuer;
  std::array<unsigned char, 32> bytes{};

  // 16 lower-case hex digits identifying the key.
  std::string Id() const;
};

class SecretKey {
 public:
  SecretKey(std::string issuer, const std::array<unsigned char, 64>& bytes);
  SecretKey(const SecretKey& other);
  SecretKey& operator=(const SecretKey& other);
  ~SecretKey();

  const std::string& issuer() const { return issuer_; }
  const std::array<unsigned char, 64>& bytes() const { return bytes_; }
  PublicKey Public() const;

 private:
  std::string issuer_;
  std::array<unsigned char, 64> bytes_{};
};

// A new random key pair for the organisation `issuer`.
SecretKey GenerateKey(std::string issuer);

std::string PublicKeyFileText(const PublicKey& key);
std::string SecretKeyFileText(const SecretKey& key);
tl::expected<PublicKey, Diagnostic> ParsePublicKey(std::string_view text,
                                                   const std::string& file_name);
tl::expected<SecretKey, Diagnostic> ParseSecretKey(std::string_view text,
                                                   const std::string& file_name);

struct KeyWriteError {
  bool already_exists = false;  // a key file is there already: nothing was written
  std::string message;
};

// Writes both key files; refuses when either exists, so that a key is never overwritten. The
// secret key file is created with mode 0600 before anything is written to it.
tl::expected<void, KeyWriteError> WriteKeyFiles(const SecretKey& key,
                                                const std::string& secret_path,
                                                const std::string& public_path);
tl::expected<PublicKey, Diagnostic> ReadPublicKeyFile(const std::string& path);
tl::expected<SecretKey, Diagnostic> ReadSecretKeyFile(const std::string& path);

// Detached signature of `message`, in base64.
std::string Sign(const SecretKey& key, std::string_view message);
// True when `signature` (base64) is `key`'s signature of `message`.
bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature);

struct SignedPassport {
  PassportRecord record;
  std::string signature;  // base64, over CanonicalJson(PassportJson(record))
  std::string public_key_id;

  friend bool operator==(const SignedPassport&, const SignedPassport&) = default;
};

SignedPassport SignPassport(const PassportRecord& record, const SecretKey& key);
// The signed record as a file for people and programs (PrettyJson).
std::string SignedPassportJson(const SignedPassport& passport);

struct Revocation {
  std::string number;
  std::string reason;
  std::string revoked_at;

  friend bool operator==(const Revocation&, const Revocation&) = default;
};

struct RevocationList {
  std::string issuer;
  std::string issued_at;
  std::vector<Revocation> revoked;

  const Revocation* Find(std::string_view number) const;
  friend bool operator==(const RevocationList&, const RevocationList&) = default;
};

// The list signed with `key`, as a file (PrettyJson).
std::string SignedRevocationListJson(const RevocationList& list, const SecretKey& key);
// The list in a signed file, refused unless it is intact and signed with `key`: a list that
// cannot be trusted must not make a revoked passport look valid, nor a valid one revoked.
tl::expected<RevocationList, Diagnostic> ReadRevocationList(std::string_view text,
                                                            const std::string& file_name,
                                                            const PublicKey& key);

enum class VerifyStatus {
  kValid,
  kRevoked,    // intact and signed by the issuer, but on the issuer's revocation list
  kTampered,   // the signature does not match the content
  kOtherKey,   // signed with another key than the issuer's
  kMalformed,  // not a signed passport record at all
};

struct Verification {
  VerifyStatus status = VerifyStatus::kMalformed;
  std::optional<PassportRecord> record;  // as found in the file (untrusted unless kValid/kRevoked)
  std::string public_key_id;             // the key the file claims to be signed with
  std::optional<Revocation> revocation;  // kRevoked
  std::optional<Diagnostic> problem;     // kMalformed: what is wrong and where
};

// Checks a signed passport file against the issuer's public key and, when given, the issuer's
// revocation list (already checked by ReadRevocationList).
Verification VerifyPassport(std::string_view text, const std::string& file_name,
                            const PublicKey& key, const RevocationList* revocations = nullptr);

}  // namespace skillscore
