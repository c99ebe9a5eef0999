// A minimal JSON reader for tests that check skillscore's JSON output field by field.
// Numbers keep their literal text, so that tests compare them exactly (as Rationals), never
// through binary floating point. Object members keep their order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skillscore::testing {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type = Type::kNull;
  bool boolean = false;
  std::string text;               // a string's value, or a number's literal
  std::vector<std::string> keys;  // object member names, in order
  std::vector<JsonValue> items;   // array elements, or object member values (same order as keys)

  bool IsNull() const { return type == Type::kNull; }
  // An object's member; throws std::out_of_range when there is none.
  const JsonValue& operator[](std::string_view key) const;
};

// Parses a complete JSON text; throws std::runtime_error naming the offset of malformed input.
JsonValue ParseJson(std::string_view text);

}  // namespace skillscore::testing
