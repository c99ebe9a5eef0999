// UTF-8, the one definition of it for every reader and writer: checking a sequence (CSV and rubric
// files, JSON input), decoding one code point at a time (JSON escaping, display width) and
// encoding. Invalid or truncated sequences decode as U+FFFD and consume one byte, so that any
// byte string can be written out as valid UTF-8.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skillscore {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Length of the well-formed UTF-8 sequence starting at text[at] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when the bytes there are not UTF-8.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at);

// The code point starting at text[position]; advances position past it.
char32_t DecodeUtf8(std::string_view text, std::size_t& position);

// Appends the UTF-8 encoding of a code point.
void AppendUtf8(char32_t code_point, std::string& out);

// Length of the longest prefix of `text` of at most `limit` bytes that does not cut a sequence
// (a shortened value in a message, a sheet name of at most 31 bytes).
std::size_t Utf8Prefix(std::string_view text, std::size_t limit);

}  // namespace skillscore
