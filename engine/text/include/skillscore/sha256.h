// SHA-256 digests in lower-case hex, the one form every hash skillscore stores, signs or prints
// takes: a rubric's identity, the audit chain, a passport's digest of marks, a key's id. OpenSSL
// does the hashing.
//
// Thread safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace skillscore {

// Lower-case hex SHA-256 of bytes. Throws std::runtime_error only if OpenSSL fails.
std::string Sha256Hex(std::string_view bytes);

// Two lower-case hex digits per byte, e.g. of a digest finished elsewhere.
std::string LowercaseHex(std::span<const unsigned char> bytes);

}  // namespace skillscore
