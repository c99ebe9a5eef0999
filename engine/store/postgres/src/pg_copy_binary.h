// COPY … FROM STDIN (FORMAT binary) data, written into a string: the server reads integers as they
// are instead of parsing their digits, and text needs no escaping. The layout is PostgreSQL's
// (https://www.postgresql.org/docs/15/sql-copy.html, "Binary Format"): a signature and two 32-bit
// words, then per row a 16-bit field count and each field as a 32-bit length (-1: NULL) and its
// bytes, integers in network byte order; a 16-bit -1 ends the data.
#pragma once

#include <endian.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace skillscore::pg {

class BinaryCopy {
 public:
  // The signature, no flags and no header extension.
  static void Header(std::string& out) {
    out.append("PGCOPY\n\377\r\n\0", 11);
    Word(out, htobe32(0));
    Word(out, htobe32(0));
  }
  static void Trailer(std::string& out) { Half(out, htobe16(0xFFFF)); }

  static void Row(std::string& out, std::uint16_t fields) { Half(out, htobe16(fields)); }
  static void Int8(std::string& out, std::int64_t value) {
    Word(out, htobe32(8));
    const std::uint64_t big = htobe64(static_cast<std::uint64_t>(value));
    out.append(reinterpret_cast<const char*>(&big), sizeof big);
  }
  static void Int4(std::string& out, std::int32_t value) {
    Word(out, htobe32(4));
    Word(out, htobe32(static_cast<std::uint32_t>(value)));
  }
  static void Null(std::string& out) { Word(out, htobe32(0xFFFFFFFF)); }
  static void OptionalInt8(std::string& out, const std::optional<std::int64_t>& value) {
    value ? Int8(out, *value) : Null(out);
  }
  // Text as it is (UTF-8); empty text as NULL, as the store keeps an absent note.
  static void TextOrNull(std::string& out, std::string_view text) {
    if (text.empty()) return Null(out);
    Word(out, htobe32(static_cast<std::uint32_t>(text.size())));
    out.append(text);
  }

 private:
  static void Word(std::string& out, std::uint32_t big) {
    out.append(reinterpret_cast<const char*>(&big), sizeof big);
  }
  static void Half(std::string& out, std::uint16_t big) {
    out.append(reinterpret_cast<const char*>(&big), sizeof big);
  }
};

}  // namespace skillscore::pg
