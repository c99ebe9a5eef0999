#include "table_input.h"

#include <spdlog/spdlog.h>

#include <fstream>

#include "io.h"
#include "skillscore/i18n.h"
#include "skillscore/sheet_table.h"
#include "skillscore/text_encoding.h"
#include "skillscore/xlsx_reader.h"

namespace skillscore::cli {

tl::expected<TableInput, Diagnostics> ReadTableInput(const std::string& path, std::istream& in,
                                                     const TableReading& reading) {
  auto bytes = ReadInput(path, in);
  if (!bytes) return tl::make_unexpected(Diagnostics{bytes.error()});
  const std::string name = InputName(path);
  if (LooksLikeWorkbook(*bytes)) {
    auto sheet = SheetAsCsv(std::move(*bytes), name, reading.sheet);
    if (!sheet) return tl::make_unexpected(std::move(sheet.error()));
    return TableInput{std::move(sheet->name), std::move(sheet->csv)};
  }
  DecodedText decoded = DecodeText(std::move(*bytes), reading.encoding);
  if (decoded.converted && reading.encoding == TextEncoding::kAuto) {
    spdlog::warn(Tr("{0}: not UTF-8, read as Windows-1251 (Cyrillic)", name));
  }
  return TableInput{name, std::move(decoded.utf8)};
}

bool NeedsConversion(const std::string& path, const TableReading& reading) {
  if (reading.encoding == TextEncoding::kCp1251) return true;
  std::ifstream file(path, std::ios::binary);
  std::string piece(std::size_t{1} << 20, '\0');
  file.read(piece.data(), static_cast<std::streamsize>(piece.size()));
  piece.resize(static_cast<std::size_t>(file.gcount()));
  if (LooksLikeWorkbook(piece)) return true;
  if (reading.encoding == TextEncoding::kUtf8) return false;
  // A UTF-8 sequence cut at the piece's end is not a reason: drop up to three trailing bytes.
  for (int cut = 0; cut < 4 && !piece.empty(); ++cut) {
    if (IsValidUtf8(piece)) return false;
    piece.pop_back();
  }
  return LooksLikeCp1251(piece);
}

}  // namespace skillscore::cli
