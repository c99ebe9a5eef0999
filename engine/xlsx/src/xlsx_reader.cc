#include "skillscore/xlsx_reader.h"

#include <zip.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <pugixml.hpp>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kCompoundFileMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

tl::expected<ZipArchive, std::string> OpenArchive(const std::string& bytes) {
  if (bytes.starts_with(kCompoundFileMagic)) {
    return tl::make_unexpected(
        Tr("the workbook is password-protected (encrypted) or an old .xls file; save it in "
           "Excel as an .xlsx workbook without a password"));
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) {
    std::string reason = zip_error_strerror(&error);
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    return tl::make_unexpected(Tr("not a readable .xlsx workbook (a ZIP package): {0}", reason));
  }
  zip_error_fini(&error);
  return ZipArchive(archive);
}

// A part's bytes, unpacked a piece at a time so that a part claiming a small size cannot unpack
// to more than the bound.
tl::expected<std::string, std::string> ReadPart(zip_t* archive, const std::string& name,
                                                std::uint64_t max_bytes) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, name.c_str(), 0, &stat) != 0) {
    return tl::make_unexpected(Tr("the workbook has no part '{0}': it is corrupt", name));
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
    return tl::make_unexpected(
        Tr("the workbook's part '{0}' is encrypted; save the workbook without a password", name));
  }
  const std::string too_large =
      Tr("the workbook's part '{0}' unpacks to more than {1} MiB; refused as a possible ZIP bomb",
         name, max_bytes >> 20);
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > max_bytes) return tl::make_unexpected(too_large);
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen(archive, name.c_str(), 0));
  if (!file) {
    return tl::make_unexpected(
        Tr("the workbook's part '{0}' cannot be read: {1}", name, zip_strerror(archive)));
  }
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    zip_int64_t count = zip_fread(file.get(), buffer, sizeof buffer);
    if (count < 0) {
      return tl::make_unexpected(
          Tr("the workbook's part '{0}' is corrupt: {1}", name, zip_file_strerror(file.get())));
    }
    if (count == 0) break;
    if (content.size() + static_cast<std::uint64_t>(count) > max_bytes) {
      return tl::make_unexpected(too_large);
    }
    content.append(buffer, static_cast<std::size_t>(count));
  }
  return content;
}

tl::expected<pugi::xml_document, std::string> ParseXml(const std::string& text,
                                                       const std::string& part) {
  pugi::xml_document document;
  pugi::xml_parse_result result = document.load_buffer(text.data(), text.size());
  if (!result) {
    return tl::make_unexpected(Tr("the workbook's part '{0}' is not valid XML ({1}): it is corrupt",
                                  part, result.description()));
  }
  return document;
}

// Elements are matched by local name: writers differ in the namespace prefixes they use.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node child : node.children()) {
    if (LocalName(child) == name) return child;
  }
  return {};
}

template <typename Visit>
void ForChildren(const pugi::xml_node& node, std::string_view name, Visit visit) {
  for (pugi::xml_node child : node.children()) {
    if (LocalName(child) == name) visit(child);
  }
}

// An attribute by local name ("r:id" and "id" in a relationships namespace alike).
std::string_view Attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    std::string_view attribute_name = attribute.name();
    auto colon = attribute_name.find(':');
    if (colon != std::string_view::npos) attribute_name = attribute_name.substr(colon + 1);
    if (attribute_name == name) return attribute.value();
  }
  return {};
}

// The text of a string item: a plain <t>, or the <t> of each rich-text run; phonetic hints
// (<rPh>) are not part of the text.
std::string StringItemText(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    if (LocalName(child) == "t") {
      text += child.text().get();
    } else if (LocalName(child) == "r") {
      text += Child(child, "t").text().get();
    }
  }
  return text;
}

// "K57" → {57, 11}; nullopt when malformed.
std::optional<CellPosition> ParseCellName(std::string_view name) {
  CellPosition position;
  std::size_t at = 0;
  for (; at < name.size() && name[at] >= 'A' && name[at] <= 'Z'; ++at) {
    position.column = position.column * 26 + (name[at] - 'A' + 1);
    if (position.column > 16384) return std::nullopt;
  }
  if (at == 0 || at == name.size()) return std::nullopt;
  for (; at < name.size(); ++at) {
    if (name[at] < '0' || name[at] > '9') return std::nullopt;
    position.row = position.row * 10 + (name[at] - '0');
    if (position.row > 1048576) return std::nullopt;
  }
  return position.row > 0 ? std::optional(position) : std::nullopt;
}

std::string ResolveTarget(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

}  // namespace

std::string ColumnName(int column) {
  std::string name;
  for (; column > 0; column = (column - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return name;
}

std::string CellName(CellPosition position) {
  return ColumnName(position.column) + std::to_string(position.row);
}

bool MergedRange::Contains(CellPosition position) const {
  return position.row >= first.row && position.row <= last.row && position.column >= first.column &&
         position.column <= last.column;
}

const XlsxCell& XlsxSheet::At(CellPosition position) const {
  static const XlsxCell kEmpty;
  if (position.row < 1 || position.row > RowCount()) return kEmpty;
  const auto& row = rows_[static_cast<std::size_t>(position.row - 1)];
  if (position.column < 1 || position.column > static_cast<int>(row.size())) return kEmpty;
  return row[static_cast<std::size_t>(position.column - 1)];
}

int XlsxSheet::ColumnCount(int row) const {
  if (row < 1 || row > RowCount()) return 0;
  return static_cast<int>(rows_[static_cast<std::size_t>(row - 1)].size());
}

std::optional<MergedRange> XlsxSheet::MergedAt(CellPosition position) const {
  for (const MergedRange& range : merged_) {
    if (range.Contains(position)) return range;
  }
  return std::nullopt;
}

bool LooksLikeWorkbook(std::string_view bytes) {
  return bytes.starts_with(kZipMagic) || bytes.starts_with(kCompoundFileMagic);
}

std::optional<std::string> DisplayedDecimal(std::string_view stored) {
  std::string text(stored);
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  if (value == 0) return "0";
  // d.dddddddddddddde±X: the 15 significant digits and where the point goes.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14e", std::fabs(value));
  std::string_view scientific = buffer;
  auto e = scientific.find('e');
  std::string digits = std::string(1, scientific[0]) + std::string(scientific.substr(2, e - 2));
  int exponent = std::atoi(buffer + e + 1);
  std::string decimal;
  if (exponent < 0) {
    decimal = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
    decimal = digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
  } else {
    decimal = digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." +
              digits.substr(static_cast<std::size_t>(exponent) + 1);
  }
  if (decimal.find('.') != std::string::npos) {
    decimal.erase(decimal.find_last_not_of('0') + 1);
    if (decimal.back() == '.') decimal.pop_back();
  }
  return (value < 0 ? "-" : "") + decimal;
}

tl::expected<XlsxWorkbook, std::string> XlsxWorkbook::Open(std::string bytes,
                                                           const XlsxReadOptions& options) {
  XlsxWorkbook workbook;
  workbook.bytes_ = std::move(bytes);
  workbook.options_ = options;
  auto archive = OpenArchive(workbook.bytes_);
  if (!archive) return tl::make_unexpected(archive.error());
  auto read = [&](const std::string& part) -> tl::expected<pugi::xml_document, std::string> {
    auto text = ReadPart(archive->get(), part, options.max_unpacked_bytes);
    if (!text) return tl::make_unexpected(text.error());
    return ParseXml(*text, part);
  };

  auto relationships = read("xl/_rels/workbook.xml.rels");
  if (!relationships) return tl::make_unexpected(relationships.error());
  auto workbook_part = read("xl/workbook.xml");
  if (!workbook_part) return tl::make_unexpected(workbook_part.error());
  pugi::xml_node relationship_list = Child(*relationships, "Relationships");
  auto target_of = [&](std::string_view id) -> std::string {
    std::string target;
    ForChildren(relationship_list, "Relationship", [&](const pugi::xml_node& relationship) {
      if (Attribute(relationship, "Id") == id) {
        target = ResolveTarget(Attribute(relationship, "Target"));
      }
    });
    return target;
  };
  ForChildren(Child(Child(*workbook_part, "workbook"), "sheets"), "sheet",
              [&](const pugi::xml_node& sheet) {
                workbook.sheet_names_.emplace_back(Attribute(sheet, "name"));
                workbook.sheet_parts_.push_back(target_of(Attribute(sheet, "id")));
              });
  if (workbook.sheet_names_.empty()) {
    return tl::make_unexpected(Tr("the workbook has no sheets: it is corrupt"));
  }

  zip_stat_t stat;
  if (zip_stat(archive->get(), "xl/sharedStrings.xml", 0, &stat) == 0) {
    auto strings = read("xl/sharedStrings.xml");
    if (!strings) return tl::make_unexpected(strings.error());
    ForChildren(Child(*strings, "sst"), "si", [&](const pugi::xml_node& item) {
      workbook.shared_strings_.push_back(StringItemText(item));
    });
  }
  return workbook;
}

tl::expected<XlsxSheet, std::string> XlsxWorkbook::Sheet(std::string_view name) const {
  std::size_t index = 0;
  while (index < sheet_names_.size() && sheet_names_[index] != name) ++index;
  if (index == sheet_names_.size()) {
    return tl::make_unexpected(Tr("the workbook has no sheet '{0}'", std::string(name)));
  }
  auto archive = OpenArchive(bytes_);
  if (!archive) return tl::make_unexpected(archive.error());
  const std::string& part = sheet_parts_[index];
  auto text = ReadPart(archive->get(), part, options_.max_unpacked_bytes);
  if (!text) return tl::make_unexpected(text.error());
  auto document = ParseXml(*text, part);
  if (!document) return tl::make_unexpected(document.error());
  pugi::xml_node worksheet = Child(*document, "worksheet");

  const std::string corrupt = Tr("sheet '{0}' is corrupt", std::string(name));
  std::vector<std::vector<XlsxCell>> rows;
  for (pugi::xml_node row : Child(worksheet, "sheetData").children()) {
    if (LocalName(row) != "row") continue;
    for (pugi::xml_node cell_node : row.children()) {
      if (LocalName(cell_node) != "c") continue;
      auto position = ParseCellName(Attribute(cell_node, "r"));
      if (!position) return tl::make_unexpected(corrupt);
      XlsxCell cell;
      cell.formula = !Child(cell_node, "f").empty();
      std::string_view type = Attribute(cell_node, "t");
      pugi::xml_node value = Child(cell_node, "v");
      if (type == "inlineStr") {
        cell.kind = XlsxCell::Kind::kText;
        cell.value = StringItemText(Child(cell_node, "is"));
      } else if (value.empty()) {
        if (!cell.formula) continue;
      } else if (type == "s") {
        std::size_t string_index = std::strtoul(value.text().get(), nullptr, 10);
        if (string_index >= shared_strings_.size()) return tl::make_unexpected(corrupt);
        cell.kind = XlsxCell::Kind::kText;
        cell.value = shared_strings_[string_index];
      } else if (type == "str") {
        cell.kind = XlsxCell::Kind::kText;
        cell.value = value.text().get();
      } else if (type == "b") {
        cell.kind = XlsxCell::Kind::kBoolean;
        cell.value = std::string_view(value.text().get()) == "1" ? "TRUE" : "FALSE";
      } else if (type == "e") {
        cell.kind = XlsxCell::Kind::kError;
        cell.value = value.text().get();
      } else {
        cell.kind = XlsxCell::Kind::kNumber;
        cell.value = value.text().get();
      }
      if (static_cast<int>(rows.size()) < position->row) rows.resize(position->row);
      auto& cells = rows[static_cast<std::size_t>(position->row - 1)];
      if (static_cast<int>(cells.size()) < position->column) cells.resize(position->column);
      cells[static_cast<std::size_t>(position->column - 1)] = std::move(cell);
    }
  }

  std::vector<MergedRange> merged;
  bool malformed = false;
  ForChildren(Child(worksheet, "mergeCells"), "mergeCell", [&](const pugi::xml_node& node) {
    std::string_view reference = Attribute(node, "ref");
    auto colon = reference.find(':');
    auto first = ParseCellName(reference.substr(0, colon));
    auto last =
        colon == std::string_view::npos ? first : ParseCellName(reference.substr(colon + 1));
    if (!first || !last) {
      malformed = true;
      return;
    }
    merged.push_back({*first, *last});
  });
  if (malformed) return tl::make_unexpected(corrupt);
  return XlsxSheet(std::string(name), std::move(rows), std::move(merged));
}

}  // namespace skillscore
