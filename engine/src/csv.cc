#include "skillscore/csv.h"

#include <fmt/format.h>

#include <algorithm>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

Diagnostic Error(const std::string& file, int line, std::string message) {
  return {Severity::kError, file, line, 0, std::move(message)};
}

// Length of the well-formed UTF-8 sequence starting at text[at] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when the bytes there are not UTF-8.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char second_low = 0x80;
  unsigned char second_high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_low = 0xA0;   // overlong
    if (lead == 0xED) second_high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_low = 0x90;   // overlong
    if (lead == 0xF4) second_high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(1) < second_low || byte(1) > second_high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

// One diagnostic per line holding bytes that are not UTF-8, naming the first such byte.
std::vector<Diagnostic> CheckUtf8(std::string_view text, const std::string& file) {
  std::vector<Diagnostic> diagnostics;
  int line = 1;
  int reported_line = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (text[at] == '\n') ++line;
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length > 0) {
      at += length;
      continue;
    }
    if (reported_line != line) {
      const auto byte = fmt::format("0x{:02X}", static_cast<unsigned char>(text[at]));
      diagnostics.push_back(
          Error(file, line,
                Tr("invalid UTF-8 (byte {0}): save the file as UTF-8 (\"CSV UTF-8\")", byte)));
      reported_line = line;
    }
    ++at;
  }
  return diagnostics;
}

// ';' when the first non-blank line holds a ';' outside quotes, else ',' (see csv.h).
char DetectDelimiter(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find_first_not_of(" \t\r") != std::string_view::npos) break;
    start = end + 1;
  }
  bool quoted = false;
  for (std::size_t at = start; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') quoted = !quoted;  // "" inside quotes toggles twice: no change
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ';') return ';';
  }
  return ',';
}

// RFC 4180 records of one text, with the line each starts on. Stops at an unterminated quote.
class RecordReader {
 public:
  RecordReader(std::string_view text, char delimiter, const std::string& file)
      : text_(text), delimiter_(delimiter), file_(file) {}

  std::vector<CsvRow> ReadAll(std::vector<Diagnostic>& diagnostics) {
    std::vector<CsvRow> records;
    while (at_ < text_.size() && !stopped_) {
      CsvRow record{line_, {}};
      bool well_formed = true;
      do {
        well_formed = ReadField(record.fields, diagnostics) && well_formed;
      } while (!stopped_ && ConsumeDelimiter());
      ConsumeLineEnd();
      if (well_formed && !stopped_) records.push_back(std::move(record));
    }
    return records;
  }

 private:
  bool AtEnd() const { return at_ >= text_.size(); }

  // "\n", "\r\n", or a '\r' that ends the text.
  bool AtLineEnd() const {
    if (AtEnd()) return true;
    if (text_[at_] == '\n') return true;
    return text_[at_] == '\r' && (at_ + 1 == text_.size() || text_[at_ + 1] == '\n');
  }

  void ConsumeLineEnd() {
    if (AtEnd()) return;
    if (text_[at_] == '\r') ++at_;
    if (!AtEnd() && text_[at_] == '\n') {
      ++at_;
      ++line_;
    }
  }

  bool ConsumeDelimiter() {
    if (AtEnd() || text_[at_] != delimiter_) return false;
    ++at_;
    return true;
  }

  void SkipBlanks() {
    while (!AtEnd() && IsBlank(text_[at_])) ++at_;
  }

  // Appends one field; false when the field is malformed (already reported).
  bool ReadField(std::vector<std::string>& fields, std::vector<Diagnostic>& diagnostics) {
    const std::size_t start = at_;
    SkipBlanks();
    if (!AtEnd() && text_[at_] == '"') return ReadQuotedField(fields, diagnostics);
    at_ = start;
    while (!AtLineEnd() && text_[at_] != delimiter_) ++at_;
    fields.emplace_back(TrimBlanks(text_.substr(start, at_ - start)));
    return true;
  }

  bool ReadQuotedField(std::vector<std::string>& fields, std::vector<Diagnostic>& diagnostics) {
    const int opening_line = line_;
    ++at_;  // the opening quote
    std::string value;
    while (true) {
      if (AtEnd()) {
        diagnostics.push_back(
            Error(file_, opening_line,
                  Tr("unterminated quote: the quoted field that starts on this line has no "
                     "closing quote")));
        stopped_ = true;
        return false;
      }
      const char c = text_[at_];
      if (c == '"') {
        if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
          value += '"';
          at_ += 2;
          continue;
        }
        ++at_;
        break;
      }
      if (c == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++at_;  // CRLF → LF
      if (text_[at_] == '\n') ++line_;
      value += text_[at_];
      ++at_;
    }
    fields.push_back(std::move(value));
    SkipBlanks();
    if (AtLineEnd() || text_[at_] == delimiter_) return true;
    const std::size_t stray = at_;
    while (!AtLineEnd() && text_[at_] != delimiter_) ++at_;
    diagnostics.push_back(
        Error(file_, line_,
              Tr("text \"{0}\" after a closing quote: a quoted field must end at the delimiter "
                 "\"{1}\" or "
                 "at the end of the line (write a quote inside quotes as \"\")",
                 std::string(text_.substr(stray, at_ - stray)), std::string(1, delimiter_))));
    return false;
  }

  std::string_view text_;
  char delimiter_;
  const std::string& file_;
  std::size_t at_ = 0;
  int line_ = 1;
  bool stopped_ = false;
};

bool AllFieldsEmpty(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(),
                     [](const std::string& field) { return field.empty(); });
}

// Header and data rows of the records; every data row must be as wide as the header.
void FillTable(std::vector<CsvRow> records, CsvTable& table, std::vector<Diagnostic>& diagnostics) {
  std::erase_if(records, AllFieldsEmpty);
  if (records.empty()) return;
  table.header_line = records.front().line;
  for (const std::string& name : records.front().fields) {
    table.header.emplace_back(TrimBlanks(name));
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRow& row = records[r];
    if (row.fields.size() == table.header.size()) {
      table.rows.push_back(std::move(row));
      continue;
    }
    diagnostics.push_back(
        Error(table.file, row.line,
              Tr("wrong number of fields: {0}, expected {1} as in the header (delimiter \"{2}\")",
                 row.fields.size(), table.header.size(), std::string(1, table.delimiter))));
  }
}

}  // namespace

std::optional<std::size_t> CsvTable::Column(std::string_view name) const {
  auto found = std::find(header.begin(), header.end(), name);
  if (found == header.end()) return std::nullopt;
  return static_cast<std::size_t>(found - header.begin());
}

tl::expected<CsvTable, std::vector<Diagnostic>> ParseCsv(std::string_view text,
                                                         const std::string& file_name) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  CsvTable table;
  table.file = file_name;
  table.delimiter = DetectDelimiter(text);
  std::vector<Diagnostic> diagnostics = CheckUtf8(text, file_name);
  RecordReader reader(text, table.delimiter, file_name);
  std::vector<CsvRow> records = reader.ReadAll(diagnostics);
  FillTable(std::move(records), table, diagnostics);
  if (table.header.empty() && diagnostics.empty()) {
    diagnostics.push_back(Error(file_name, 0, Tr("no header row: the file is empty")));
  }
  if (!diagnostics.empty()) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    return tl::make_unexpected(std::move(diagnostics));
  }
  return table;
}

std::vector<Diagnostic> CheckColumns(const CsvTable& table,
                                     const std::vector<std::string>& required,
                                     const std::vector<std::string>& optional) {
  auto listed = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  std::vector<std::string> allowed = required;
  allowed.insert(allowed.end(), optional.begin(), optional.end());
  const std::string allowed_text = fmt::format("{}", fmt::join(allowed, ", "));
  std::vector<Diagnostic> diagnostics;
  auto report = [&](std::string message) {
    diagnostics.push_back(Error(table.file, table.header_line, std::move(message)));
  };
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    if (!listed(allowed, name)) {
      report(Tr("unknown column \"{0}\": the columns of this file are {1}", name, allowed_text));
    } else if (std::find(table.header.begin(), table.header.begin() + c, name) !=
               table.header.begin() + c) {
      report(Tr("column \"{0}\" appears more than once", name));
    }
  }
  for (const std::string& name : required) {
    if (!listed(table.header, name)) report(Tr("missing column \"{0}\"", name));
  }
  return diagnostics;
}

}  // namespace skillscore
