// The registers kept beside an exam's marks: the signed passports issued for its candidates, its
// judges' sign-in codes, and the administrators. Any store returns these records; the passport
// layer and the service (credentials.h) give them their meaning.
//
// Thread safety: plain values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace skillscore {

// A signed skills passport as the register keeps it (passport.h, signing.h). `record_json` is the
// signed record file (SignedPassportJson), stored as issued; the other fields index it.
struct StoredPassport {
  std::string number;
  std::string exam;
  std::string candidate;
  std::string record_json;
  std::string marks_sha256;
  std::string rubric_sha256;
  std::string issued_at;
  std::optional<std::string> supersedes = {};
  std::optional<std::string> revoked_at = {};
  std::optional<std::string> revoked_by = {};
  std::optional<std::string> revoked_reason = {};

  friend bool operator==(const StoredPassport&, const StoredPassport&) = default;
};

// A judge's sign-in code as the store keeps it (credentials.h): its number and the Argon2id hash
// of the code, never the code itself.
struct StoredCredential {
  std::int64_t number = 0;
  std::string judge = {};
  std::string hash = {};  // crypto_pwhash_str
  std::string issued_at = {};
  std::string issued_by = {};
  std::optional<std::string> revoked_at = {};
  std::optional<std::string> revoked_by = {};
  std::optional<std::string> revoked_reason = {};

  friend bool operator==(const StoredCredential&, const StoredCredential&) = default;
};

// An administrator: a name and the Argon2id hash of their secret.
struct StoredAdmin {
  std::string name = {};
  std::string hash = {};
  std::string created_at = {};
  std::string created_by = {};

  friend bool operator==(const StoredAdmin&, const StoredAdmin&) = default;
};

}  // namespace skillscore
