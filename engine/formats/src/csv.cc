#include "skillscore/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <istream>
#include <optional>

#include "csv_rows.h"
#include "skillscore/column_names.h"
#include "skillscore/i18n.h"
#include "skillscore/identifier.h"
#include "skillscore/text.h"
#include "skillscore/utf8.h"

namespace skillscore {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Only spaces surround a value: a tab is data (and a control character that the readers of ids
// and names refuse), so that "\t=1+1" is never read as the formula "=1+1".
// A short excerpt of an overlong value for its message, with its size.
std::string Excerpt(std::string_view text) { return ShownValue(text, 40); }

Diagnostic Error(const std::string& file, int line, std::string message) {
  return {Severity::kError, file, line, 0, std::move(message)};
}

// True when the eight bytes at text[at] are all ASCII, which is most of any CSV file.
bool AsciiWordAt(std::string_view text, std::size_t at) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  std::uint64_t word = 0;
  std::memcpy(&word, text.data() + at, sizeof word);
  return (word & kHighBits) == 0;
}

// One diagnostic per line holding bytes that are not UTF-8, naming the first such byte, added to
// `diagnostics`; `text` starts on line `line`. Lines are counted only when a byte is reported, so
// that valid text is checked eight bytes at a time.
void CheckUtf8(std::string_view text, const std::string& file, int line,
               std::vector<Diagnostic>& diagnostics) {
  std::size_t counted = 0;  // line counts the line ends in text[0, counted)
  int reported_line = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (at + sizeof(std::uint64_t) <= text.size() && AsciiWordAt(text, at)) {
      at += sizeof(std::uint64_t);
      continue;
    }
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length > 0) {
      at += length;
      continue;
    }
    line += static_cast<int>(std::count(text.begin() + counted, text.begin() + at, '\n'));
    counted = at;
    if (reported_line != line) {
      const auto byte = fmt::format("0x{:02X}", static_cast<unsigned char>(text[at]));
      diagnostics.push_back(
          Error(file, line,
                Tr("invalid UTF-8 (byte {0}): save the file as UTF-8 (\"CSV UTF-8\")", byte)));
      reported_line = line;
    }
    ++at;
  }
}

// ';' when the first non-blank line holds a ';' outside quotes, else ',' (see csv.h); nullopt
// when that line may go on after the end of `text` because more text is to come (`complete`
// false).
std::optional<char> DetectDelimiter(std::string_view text, bool complete) {
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
    if (c == '\n') return ',';
    if (c == ';') return ';';
  }
  if (!complete) return std::nullopt;
  return ',';
}

// The text of a CSV input as the reader sees it: given whole, or read from a stream a piece of
// whole lines at a time, which the reader drops once it has read them, so that a file of any
// size takes the memory of about one piece. Each piece is checked for UTF-8 as it comes (a line
// end is never inside a UTF-8 sequence); a BOM at the start is left out.
class CsvInput {
 public:
  CsvInput(std::string_view text, const std::string& file) : file_(file), text_(text) {
    if (text_.starts_with(kBom)) text_.remove_prefix(kBom.size());
    CheckUtf8(text_, file_, 1, problems_);
  }

  CsvInput(std::istream& in, std::size_t piece_size, const std::string& file)
      : file_(file), in_(&in), streamed_(true), piece_size_(piece_size) {}

  // The text read and not yet dropped: whole lines, unless the input has ended.
  std::string_view text() const { return text_; }
  // Whether text() holds the rest of the input.
  bool complete() const { return in_ == nullptr; }
  // The lines with bytes that are not UTF-8 in all the text read so far, and a line longer than
  // kMaxCsvLineBytes (where reading stopped).
  const std::vector<Diagnostic>& problems() const { return problems_; }

  // Reads the next lines after text(); false when there is no more input.
  bool Extend() {
    if (in_ == nullptr) return false;
    // Until the buffer holds a line end after the text, or the input ends.
    std::size_t line_end = buffer_.rfind('\n');
    while (line_end == std::string::npos || line_end < text_.size()) {
      if (buffer_.size() - text_.size() > kMaxCsvLineBytes) return StopAtOverlongLine();
      if (!ReadPiece()) break;
      line_end = buffer_.rfind('\n');
    }
    // At the end of the input, the last line may have no line end.
    const std::size_t end = in_ == nullptr ? buffer_.size() : line_end + 1;
    if (end == text_.size()) return false;
    Show(end);
    return true;
  }

  // Forgets the first `count` bytes of text(); returns how many were dropped (none when the text
  // was given whole).
  std::size_t Drop(std::size_t count) {
    if (!streamed_) return 0;
    buffer_.erase(0, count);
    text_ = std::string_view(buffer_.data(), text_.size() - count);
    return count;
  }

  // Reads and checks whatever the reader did not need.
  void Finish() {
    while (Extend()) Drop(text_.size());
  }

 private:
  // Appends up to a piece of input to the buffer; false, and the input ended, when none came.
  // Growing the buffer may move it: text_ is pointed at the new storage at once, since Extend may
  // return without showing more text (found by fuzz/csv_fuzzer: a use after free).
  bool ReadPiece() {
    const std::size_t size = buffer_.size();
    buffer_.resize(size + piece_size_);
    in_->read(buffer_.data() + size, static_cast<std::streamsize>(piece_size_));
    buffer_.resize(size + static_cast<std::size_t>(in_->gcount()));
    text_ = std::string_view(buffer_.data(), text_.size());
    if (buffer_.size() > size) return true;
    in_ = nullptr;
    return false;
  }

  // An endless line (/dev/zero) would take all memory: reading stops after kMaxCsvLineBytes.
  bool StopAtOverlongLine() {
    const std::string_view line(buffer_.data() + text_.size(), buffer_.size() - text_.size());
    problems_.push_back(Error(file_, next_line_,
                              Tr("line longer than {0} bytes, the most a line may hold: \"{1}\"",
                                 kMaxCsvLineBytes, Excerpt(line))));
    buffer_.resize(text_.size());
    in_ = nullptr;
    return false;
  }

  // Makes buffer_[0, end) the text, checking the part that is new.
  void Show(std::size_t end) {
    const std::size_t start = text_.size();
    if (first_piece_ && std::string_view(buffer_).starts_with(kBom)) {
      buffer_.erase(0, kBom.size());
      end -= kBom.size();
    }
    first_piece_ = false;
    const std::string_view added(buffer_.data() + start, end - start);
    CheckUtf8(added, file_, next_line_, problems_);
    next_line_ += static_cast<int>(std::count(added.begin(), added.end(), '\n'));
    text_ = std::string_view(buffer_.data(), end);
  }

  const std::string& file_;
  std::istream* in_ = nullptr;  // null once the input has ended
  bool streamed_ = false;
  std::size_t piece_size_ = 0;
  std::string buffer_;     // when read from a stream: the text, then the start of the next line
  std::string_view text_;  // what the reader sees
  bool first_piece_ = true;
  int next_line_ = 1;  // of the first line not yet in the text
  std::vector<Diagnostic> problems_;
};

// RFC 4180 records of one input, with the line each starts on. Stops at an unterminated quote.
class RecordReader {
 public:
  RecordReader(CsvInput& input, char delimiter, const std::string& file)
      : input_(input), text_(input.text()), delimiter_(delimiter), file_(file) {}

  // Passes every well-formed record to `take`, in file order. The record's storage is reused for
  // the next one unless `take` moves it away.
  template <typename Take>
  void ReadAll(std::vector<Diagnostic>& diagnostics, Take take) {
    CsvRow record;
    std::size_t width = 0;  // of the last record: reserving it saves regrowing the field list
    while (!stopped_ && (!AtEnd() || NextLines())) {
      record.line = line_;
      record.fields.clear();
      record.fields.reserve(width);
      bool well_formed = true;
      do {
        well_formed = ReadField(record.fields, diagnostics) && well_formed;
      } while (!stopped_ && ConsumeDelimiter());
      ConsumeLineEnd();
      width = record.fields.size();
      if (well_formed && !stopped_) take(record);
    }
  }

 private:
  bool AtEnd() const { return at_ >= text_.size(); }

  // Drops the lines read and reads the next ones; false at the end of the input. The input's
  // text ends at a line end, so a record is cut off only inside a quoted field (MoreOfField).
  bool NextLines() {
    at_ -= input_.Drop(at_);
    return MoreOfField();
  }

  bool MoreOfField() {
    const bool more = input_.Extend();
    text_ = input_.text();
    return more;
  }

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
    while (!AtEnd() && kSpaces.find(text_[at_]) != std::string_view::npos) ++at_;
  }

  // Moves to the delimiter or line end that ends an unquoted field.
  void SkipUnquoted() {
    const std::size_t size = text_.size();
    while (at_ < size) {
      const char c = text_[at_];
      if (c == delimiter_ || c == '\n' || (c == '\r' && AtLineEnd())) return;
      ++at_;
    }
  }

  // Appends one field; false when the field is malformed (already reported).
  bool ReadField(std::vector<std::string>& fields, std::vector<Diagnostic>& diagnostics) {
    const std::size_t start = at_;
    SkipBlanks();
    if (!AtEnd() && text_[at_] == '"') return ReadQuotedField(fields, diagnostics);
    SkipUnquoted();
    const std::string_view field = Trim(text_.substr(start, at_ - start), kSpaces);
    if (field.size() > kMaxCsvFieldBytes) {
      ReportOverlongField(field, diagnostics);
      return false;
    }
    fields.emplace_back(field);
    return true;
  }

  void ReportOverlongField(std::string_view field, std::vector<Diagnostic>& diagnostics) {
    diagnostics.push_back(
        Error(file_, line_,
              Tr("field longer than {0} bytes, the most a field may hold: \"{1}\"",
                 kMaxCsvFieldBytes, Excerpt(field))));
  }

  bool ReadQuotedField(std::vector<std::string>& fields, std::vector<Diagnostic>& diagnostics) {
    const int opening_line = line_;
    ++at_;  // the opening quote
    std::string value;
    while (true) {
      // Plain text up to the next quote or line end is copied at once.
      const std::size_t run = text_.find_first_of("\"\r\n", at_);
      value.append(text_.substr(at_, run - at_));
      if (value.size() > kMaxCsvFieldBytes) {
        // The rest of the file could be one quoted field: reading stops here.
        ReportOverlongField(value, diagnostics);
        stopped_ = true;
        return false;
      }
      if (run == std::string_view::npos) {
        at_ = text_.size();
        if (MoreOfField()) continue;
        diagnostics.push_back(
            Error(file_, opening_line,
                  Tr("unterminated quote: the quoted field that starts on this line has no "
                     "closing quote")));
        stopped_ = true;
        return false;
      }
      at_ = run;
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

  CsvInput& input_;
  std::string_view text_;  // input_.text()
  char delimiter_;
  const std::string& file_;
  std::size_t at_ = 0;
  int line_ = 1;
  bool stopped_ = false;
};

// Empty or blank: a row of spaces and tabs is layout, not data.
bool AllFieldsEmpty(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& field) {
    return field.find_first_not_of(" \t") == std::string::npos;
  });
}

// Takes records as they are read: the first one that is not empty is the header, and every later
// one must be as wide as the header to be passed on as a data row.
class TableFiller {
 public:
  TableFiller(CsvTable& table, std::vector<Diagnostic>& diagnostics,
              const std::function<void(CsvRow&)>& take)
      : table_(table), diagnostics_(diagnostics), take_(take) {}

  void operator()(CsvRow& record) {
    if (AllFieldsEmpty(record)) return;
    if (!has_header_) {
      has_header_ = true;
      table_.header_line = record.line;
      // Russian column names become the English ones (column_names.h); column names are
      // keywords, so tabs around them are layout.
      for (const std::string& name : record.fields) {
        table_.header.emplace_back(CanonicalColumnName(Trim(name, kBlanks)));
      }
      return;
    }
    if (record.fields.size() == table_.header.size()) {
      take_(record);
      return;
    }
    diagnostics_.push_back(
        Error(table_.file, record.line,
              Tr("wrong number of fields: {0}, expected {1} as in the header (delimiter \"{2}\")",
                 record.fields.size(), table_.header.size(), std::string(1, table_.delimiter))));
  }

 private:
  CsvTable& table_;
  std::vector<Diagnostic>& diagnostics_;
  const std::function<void(CsvRow&)>& take_;
  bool has_header_ = false;
};

}  // namespace

std::optional<std::size_t> CsvTable::Column(std::string_view name) const {
  auto found = std::find(header.begin(), header.end(), name);
  if (found == header.end()) return std::nullopt;
  return static_cast<std::size_t>(found - header.begin());
}

namespace {

std::vector<Diagnostic> ReadCsvRows(CsvInput& input, const std::string& file_name, CsvTable& table,
                                    const std::function<void(CsvRow&)>& take) {
  table.file = file_name;
  std::optional<char> delimiter;
  while (!(delimiter = DetectDelimiter(input.text(), input.complete()))) input.Extend();
  table.delimiter = *delimiter;
  std::vector<Diagnostic> records_problems;
  RecordReader reader(input, table.delimiter, file_name);
  reader.ReadAll(records_problems, TableFiller(table, records_problems, take));
  input.Finish();
  // The UTF-8 problems first, as if the whole text had been checked before it was read.
  std::vector<Diagnostic> diagnostics = input.problems();
  diagnostics.insert(diagnostics.end(), records_problems.begin(), records_problems.end());
  if (table.header.empty() && diagnostics.empty()) {
    diagnostics.push_back(Error(file_name, 0, Tr("no header row: the file is empty")));
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  return diagnostics;
}

}  // namespace

std::vector<Diagnostic> ReadCsvRows(std::string_view text, const std::string& file_name,
                                    CsvTable& table, const std::function<void(CsvRow&)>& take) {
  CsvInput input(text, file_name);
  return ReadCsvRows(input, file_name, table, take);
}

std::vector<Diagnostic> ReadCsvRows(std::istream& in, std::size_t piece_size,
                                    const std::string& file_name, CsvTable& table,
                                    const std::function<void(CsvRow&)>& take) {
  CsvInput input(in, piece_size, file_name);
  return ReadCsvRows(input, file_name, table, take);
}

tl::expected<CsvTable, std::vector<Diagnostic>> ParseCsv(std::string_view text,
                                                         const std::string& file_name) {
  CsvTable table;
  // A row per line, less the header, unless fields hold line breaks: reserving it saves moving
  // every row as the table grows.
  table.rows.reserve(CountLines(text));
  std::vector<Diagnostic> diagnostics = ReadCsvRows(
      text, file_name, table, [&table](CsvRow& row) { table.rows.push_back(std::move(row)); });
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  return table;
}

std::size_t CountLines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
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
