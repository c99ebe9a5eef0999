// Text files in the encodings Russian spreadsheets save: UTF-8, or Windows-1251, which Russian
// Excel uses for "CSV (разделители — запятые)". Everything inside skillscore is UTF-8; a
// Windows-1251 file is converted once, when it is read (through Boost.Locale, i.e. iconv).
//
// Detection (TextEncoding::kAuto): a text that is valid UTF-8 is UTF-8; one that is not, and whose
// bytes above 0x7F are nearly all Cyrillic letters in Windows-1251 (А…я, Ё, ё, and a few
// punctuation marks such as № « » – —), is Windows-1251. Anything else is left as it is, for the
// reader to report the invalid UTF-8.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skillscore {

enum class TextEncoding { kAuto, kUtf8, kCp1251 };

// "utf-8", "utf8", "cp1251", "windows-1251" (any case) → an encoding; nullopt otherwise.
std::optional<TextEncoding> EncodingFromName(std::string_view name);

bool IsValidUtf8(std::string_view text);

// Whether a text that is not UTF-8 reads as Cyrillic text in Windows-1251.
bool LooksLikeCp1251(std::string_view text);

std::string Cp1251ToUtf8(std::string_view text);

struct DecodedText {
  std::string utf8;
  bool converted = false;  // the text was read as Windows-1251
};

// The text as UTF-8 under `encoding` (kAuto: detected as above; kUtf8: left as it is).
DecodedText DecodeText(std::string bytes, TextEncoding encoding);

}  // namespace skillscore
