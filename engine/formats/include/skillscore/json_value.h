// Strict JSON for signed documents (passport records, revocation lists, key files): a parser that
// refuses anything ambiguous, and the canonical form that signatures are computed over.
//
// The parser follows RFC 8259 and additionally refuses, so that what a person reads in a file is
// exactly what was checked:
//  - a key repeated in an object (readers disagree on which one counts);
//  - invalid UTF-8, and \u escapes that are lone surrogates;
//  - numbers other than whole numbers within ±(2^53 − 1): signed documents carry exact decimals
//    as strings, and every JSON reader agrees on such integers;
//  - anything but whitespace after the value; nesting deeper than 64 levels.
//
// The canonical form is RFC 8785 (JSON Canonicalization Scheme) for this subset, so that anyone
// can recompute it with a JCS library: no whitespace; object members sorted by key, comparing
// UTF-16 code units; strings with only '"', '\' and control characters escaped (\b \t \n \f \r,
// the others as \u00xx); integers in plain decimal.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "skillscore/diagnostic.h"

namespace skillscore {

struct JsonNode {
  enum class Type { kNull, kBool, kInteger, kString, kArray, kObject };

  Type type = Type::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  std::string string;
  std::vector<JsonNode> items;                            // kArray
  std::vector<std::pair<std::string, JsonNode>> members;  // kObject, in the order given

  static JsonNode Null() { return {}; }
  static JsonNode Bool(bool value);
  static JsonNode Integer(std::int64_t value);
  static JsonNode String(std::string value);
  static JsonNode Array(std::vector<JsonNode> items);
  static JsonNode Object(std::vector<std::pair<std::string, JsonNode>> members);

  // An object's member, or nullptr when there is none (or this is not an object).
  const JsonNode* Find(std::string_view key) const;

  friend bool operator==(const JsonNode&, const JsonNode&) = default;
};

// The largest magnitude of an integer the parser accepts (2^53 − 1).
inline constexpr std::int64_t kJsonMaxInteger = (std::int64_t{1} << 53) - 1;

// Parses a complete JSON text; `file_name` goes into the diagnostic, whose line and column (in
// bytes, 1-based) point at the offending character.
tl::expected<JsonNode, Diagnostic> ParseStrictJson(std::string_view text,
                                                   const std::string& file_name);

// The canonical form described above.
std::string CanonicalJson(const JsonNode& value);

// For people: two-space indentation, members in their given order; an object that is an array
// element and holds only scalars is written on one line. Ends with a newline.
std::string PrettyJson(const JsonNode& value);

}  // namespace skillscore
