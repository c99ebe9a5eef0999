// Reading COPY … TO STDOUT (FORMAT binary) data, the counterpart of pg_copy_binary.h: the server
// sends integers as they are (no digits to print and parse), and libpq hands over one CopyData
// message per row, the signature and header in front of the first one and a field count of -1 as
// the last (https://www.postgresql.org/docs/15/sql-copy.html, "Binary Format"). A row is read in
// place, without copying or allocating.
#pragma once

#include <endian.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "pg_db.h"
#include "skillscore/i18n.h"

namespace skillscore::pg {

class BinaryCopyRow {
 public:
  // One message of the stream, which holds `fields` fields; `first`: the stream's first message,
  // which begins with the header. Throws Error on anything else.
  BinaryCopyRow(std::string_view message, bool first, int fields) : data_(message) {
    if (first) {
      constexpr std::string_view kSignature("PGCOPY\n\377\r\n\0", 11);
      if (!data_.starts_with(kSignature)) Malformed();
      data_.remove_prefix(kSignature.size() + 4);  // and the flags
      const std::uint32_t extension = Next<std::uint32_t>();
      if (extension > data_.size()) Malformed();
      data_.remove_prefix(extension);
    }
    const auto count = static_cast<std::int16_t>(Next<std::uint16_t>());
    trailer_ = count == -1;
    if (!trailer_ && count != fields) Malformed();
  }

  // The message that ends the data, which holds no row.
  bool trailer() const { return trailer_; }

  // The next field: an integer of 2, 4 or 8 bytes, or NULL (nullopt).
  std::optional<std::int64_t> NextInt() {
    switch (static_cast<std::int32_t>(Next<std::uint32_t>())) {
      case -1:
        return std::nullopt;
      case 2:
        return static_cast<std::int16_t>(Next<std::uint16_t>());
      case 4:
        return static_cast<std::int32_t>(Next<std::uint32_t>());
      case 8:
        return static_cast<std::int64_t>(Next<std::uint64_t>());
      default:
        Malformed();
    }
  }

 private:
  // The next unsigned integer of sizeof(T) bytes, in network byte order.
  template <typename T>
  T Next() {
    if (data_.size() < sizeof(T)) Malformed();
    T big;
    std::memcpy(&big, data_.data(), sizeof big);
    data_.remove_prefix(sizeof big);
    if constexpr (sizeof(T) == 2) return be16toh(big);
    if constexpr (sizeof(T) == 4) return be32toh(big);
    if constexpr (sizeof(T) == 8) return be64toh(big);
  }

  [[noreturn]] static void Malformed() {
    throw Error(Tr("the server sent COPY data that is not the rows asked for"), "", false);
  }

  std::string_view data_;
  bool trailer_ = false;
};

}  // namespace skillscore::pg
