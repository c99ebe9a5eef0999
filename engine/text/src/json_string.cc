#include "skillscore/json_string.h"

#include "skillscore/utf8.h"

namespace skillscore {
namespace {

// The escape of a character below U+0080 that JSON or the options escape, or empty when the
// character is written as it is.
std::string_view Escape(unsigned char c, const JsonStringOptions& options, char (&buffer)[6]) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      if (c < 0x20 || (c == 0x7F && options.escape_delete)) {
        static constexpr char kHex[] = "0123456789abcdef";
        buffer[0] = '\\';
        buffer[1] = 'u';
        buffer[2] = '0';
        buffer[3] = '0';
        buffer[4] = kHex[c >> 4];
        buffer[5] = kHex[c & 0xF];
        return {buffer, sizeof buffer};
      }
      return {};
  }
}

}  // namespace

void AppendJsonString(std::string_view text, std::string& out, const JsonStringOptions& options) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  out += '"';
  std::size_t plain = 0;  // text[plain, at) is still to be copied as it is
  for (std::size_t at = 0; at < text.size();) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      const std::size_t length = options.replace_invalid_utf8 ? Utf8SequenceLength(text, at) : 1;
      if (length > 0) {
        at += length;
        continue;
      }
      out.append(text.substr(plain, at - plain)).append(kReplacement);
      plain = ++at;
      continue;
    }
    char buffer[6];
    const std::string_view escape = Escape(c, options, buffer);
    if (!escape.empty()) {
      out.append(text.substr(plain, at - plain)).append(escape);
      plain = at + 1;
    }
    ++at;
  }
  out.append(text.substr(plain));
  out += '"';
}

}  // namespace skillscore
