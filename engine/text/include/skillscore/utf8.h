// Decoding UTF-8 one code point at a time, for the output writers (JSON escaping, display width).
// Invalid or truncated sequences decode as U+FFFD and consume one byte, so that any byte string
// can be written out as valid UTF-8.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skillscore {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// The code point starting at text[position]; advances position past it.
char32_t DecodeUtf8(std::string_view text, std::size_t& position);

// Appends the UTF-8 encoding of a code point.
void AppendUtf8(char32_t code_point, std::string& out);

}  // namespace skillscore
