#include "skillscore/text_encoding.h"

#include <boost/locale/encoding.hpp>

#include "skillscore/case_fold.h"
#include "skillscore/utf8.h"

namespace skillscore {
namespace {

// Windows-1251 bytes that Russian text uses: the letters А…я (0xC0–0xFF), Ё and ё, and the
// punctuation a spreadsheet may hold (№ « » – — „ “ ” and the no-break space).
bool IsCyrillicTextByte(unsigned char byte) {
  if (byte >= 0xC0) return true;
  switch (byte) {
    case 0xA8:  // Ё
    case 0xB8:  // ё
    case 0xB9:  // №
    case 0xAB:  // «
    case 0xBB:  // »
    case 0x96:  // –
    case 0x97:  // —
    case 0x84:  // „
    case 0x93:  // “
    case 0x94:  // ”
    case 0xA0:  // no-break space
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<TextEncoding> EncodingFromName(std::string_view name) {
  std::string lower = FoldCase(name);
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::kUtf8;
  if (lower == "cp1251" || lower == "windows-1251") return TextEncoding::kCp1251;
  return std::nullopt;
}

bool IsValidUtf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

bool LooksLikeCp1251(std::string_view text) {
  std::size_t high = 0, cyrillic = 0;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) continue;
    ++high;
    if (IsCyrillicTextByte(byte)) ++cyrillic;
  }
  // Nearly all: a stray symbol from another code page may sit among Russian names.
  return high > 0 && cyrillic * 100 >= high * 95;
}

std::string Cp1251ToUtf8(std::string_view text) {
  return boost::locale::conv::to_utf<char>(text.data(), text.data() + text.size(), "windows-1251");
}

DecodedText DecodeText(std::string bytes, TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return {std::move(bytes), false};
    case TextEncoding::kCp1251:
      return {Cp1251ToUtf8(bytes), true};
    case TextEncoding::kAuto:
      if (IsValidUtf8(bytes) || !LooksLikeCp1251(bytes)) return {std::move(bytes), false};
      return {Cp1251ToUtf8(bytes), true};
  }
  return {std::move(bytes), false};
}

}  // namespace skillscore
