#include "rubric_yaml.h"

#include <algorithm>
#include <climits>

#include "skillscore/i18n.h"
#include "skillscore/identifier.h"

namespace skillscore::internal {
namespace {

// Bounds that keep every sum and difference the loader forms well inside 64 bits.
constexpr int kMaxDecimals = 6;
constexpr std::int64_t kMaxMagnitude = 1'000'000'000;

// yaml-cpp tags a quoted (or block) scalar "!", a plain one "?".
bool IsQuoted(const YAML::Node& node) { return node.Tag() == "!"; }

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// The exact value of a plain decimal scalar; YAML has no decimal comma, so "0,5" is text.
std::optional<Rational> ParseNumber(const YAML::Node& node) {
  if (!node.IsScalar() || IsQuoted(node) || node.Scalar().find(',') != std::string::npos) {
    return std::nullopt;
  }
  return Rational::ParseDecimal(node.Scalar());
}

std::string JoinNames(const std::vector<std::string_view>& names) {
  std::string joined;
  for (std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

}  // namespace

void DiagnosticSink::Error(const YAML::Mark& mark, std::string message) {
  Add(Severity::kError, mark, std::move(message));
}

void DiagnosticSink::Warning(const YAML::Mark& mark, std::string message) {
  Add(Severity::kWarning, mark, std::move(message));
}

bool DiagnosticSink::HasErrors() const { return skillscore::HasErrors(diagnostics_); }

std::vector<Diagnostic> DiagnosticSink::SortedDiagnostics() const {
  std::vector<Diagnostic> sorted = diagnostics_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  return sorted;
}

void DiagnosticSink::Add(Severity severity, const YAML::Mark& mark, std::string message) {
  bool known = !mark.is_null();
  diagnostics_.push_back({severity, file_, known ? mark.line + 1 : 0,
                          known ? CharacterColumn(mark) : 0, std::move(message)});
}

int DiagnosticSink::CharacterColumn(const YAML::Mark& mark) const {
  std::size_t line_start = 0;
  for (int line = 0; line < mark.line && line_start != std::string_view::npos; ++line) {
    line_start = text_.find('\n', line_start);
    if (line_start != std::string_view::npos) ++line_start;
  }
  if (line_start == std::string_view::npos) return mark.column + 1;
  std::string_view before = text_.substr(line_start, static_cast<std::size_t>(mark.column));
  // UTF-8 continuation bytes (10xxxxxx) do not start a character.
  auto characters = std::count_if(before.begin(), before.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  });
  return static_cast<int>(characters) + 1;
}

YAML::Mark Field::ValueMark() const {
  return value.IsNull() && !list_item ? key.Mark() : value.Mark();
}

std::string DecimalText(const Rational& value) {
  for (int decimals = 0; decimals <= 18; ++decimals) {
    if (value.HasAtMostDecimals(decimals)) return value.ToDecimal(decimals);
  }
  return value.ToFractionText();
}

std::string MessageDecimal(const Rational& value) { return LocalDecimal(DecimalText(value)); }

std::string Describe(const YAML::Node& node) {
  if (node.IsSequence()) return Tr("a list");
  if (node.IsMap()) return Tr("a mapping");
  if (!node.IsScalar()) return Tr("an empty value");
  if (IsQuoted(node)) return Tr("the quoted text '{0}'", node.Scalar());
  return "'" + node.Scalar() + "'";
}

void ReportType(const Field& field, std::string_view expected, DiagnosticSink& sink) {
  const char* format =
      field.list_item ? "each item of '{0}' must be {1}, got {2}" : "'{0}' must be {1}, got {2}";
  sink.Error(field.ValueMark(), Tr(format, field.name, expected, Describe(field.value)));
}

std::optional<std::string> ReadText(const Field& field, DiagnosticSink& sink) {
  if (!field.value.IsScalar()) {
    ReportType(field, Tr("text"), sink);
    return std::nullopt;
  }
  if (IsBlank(field.value.Scalar())) {
    sink.Error(field.ValueMark(), Tr("'{0}' must not be empty", field.name));
    return std::nullopt;
  }
  // Rubric texts may span lines (block scalars), but hold no other control character.
  if (auto problem = TextProblem(field.name, field.value.Scalar(), TextLines::kMultiple)) {
    sink.Error(field.ValueMark(), *problem);
    return std::nullopt;
  }
  return field.value.Scalar();
}

std::optional<Rational> ReadNumber(const Field& field, DiagnosticSink& sink) {
  std::optional<Rational> number = ParseNumber(field.value);
  if (!number) {
    ReportType(field, Tr("a number"), sink);
    return std::nullopt;
  }
  if (!number->HasAtMostDecimals(kMaxDecimals) || number->Abs() > kMaxMagnitude) {
    sink.Error(field.ValueMark(),
               Tr("'{0}' must have at most 6 decimals and lie between -1000000000 and "
                  "1000000000, got {1}",
                  field.name, field.value.Scalar()));
    return std::nullopt;
  }
  return number;
}

std::optional<int> ParseWholeNumber(const YAML::Node& node) {
  std::optional<Rational> number = ParseNumber(node);
  if (!number || !number->IsInteger() || *number < INT_MIN || *number > INT_MAX) {
    return std::nullopt;
  }
  return static_cast<int>(number->numerator());
}

std::optional<int> ReadWholeNumber(const Field& field, DiagnosticSink& sink) {
  std::optional<int> number = ParseWholeNumber(field.value);
  if (!number) ReportType(field, Tr("a whole number"), sink);
  return number;
}

std::optional<std::vector<Field>> ReadList(const Field& field, DiagnosticSink& sink) {
  if (!field.value.IsSequence()) {
    ReportType(field, Tr("a list"), sink);
    return std::nullopt;
  }
  if (field.value.size() == 0) {
    sink.Error(field.ValueMark(), Tr("'{0}' must not be empty", field.name));
    return std::nullopt;
  }
  std::vector<Field> items;
  for (const YAML::Node& item : field.value) items.push_back({field.name, {}, item, true});
  return items;
}

bool CheckAtLeast(const Field& field, const Rational& value, const Rational& minimum,
                  DiagnosticSink& sink) {
  if (value >= minimum) return true;
  sink.Error(field.ValueMark(), Tr("'{0}' must be at least {1}, got {2}", field.name,
                                   MessageDecimal(minimum), MessageDecimal(value)));
  return false;
}

bool CheckBetween(const Field& field, const Rational& value, const Rational& minimum,
                  const Rational& maximum, DiagnosticSink& sink) {
  if (value >= minimum && value <= maximum) return true;
  sink.Error(field.ValueMark(),
             Tr("'{0}' must be between {1} and {2}, got {3}", field.name, MessageDecimal(minimum),
                MessageDecimal(maximum), MessageDecimal(value)));
  return false;
}

bool CheckPositive(const Field& field, const Rational& value, DiagnosticSink& sink) {
  if (value > 0) return true;
  sink.Error(field.ValueMark(),
             Tr("'{0}' must be greater than 0, got {1}", field.name, MessageDecimal(value)));
  return false;
}

std::optional<MapReader> MapReader::Open(const Field& field, std::vector<std::string_view> allowed,
                                         DiagnosticSink& sink, std::string prefix) {
  if (!field.value.IsMap()) {
    ReportType(field, Tr("a mapping"), sink);
    return std::nullopt;
  }
  MapReader reader(field.value, std::move(prefix), sink);
  for (const auto& entry : field.value) {
    const YAML::Node& key = entry.first;
    std::string name = key.IsScalar() ? key.Scalar() : Describe(key);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      sink.Error(key.Mark(),
                 Tr("unknown key '{0}'; expected one of: {1}", name, JoinNames(allowed)));
    } else if (const Field* first = reader.Find(name)) {
      sink.Error(key.Mark(),
                 Tr("duplicate key '{0}' (first at line {1})", name, first->key.Mark().line + 1));
    } else {
      reader.fields_.push_back({reader.prefix_ + name, key, entry.second});
    }
  }
  return reader;
}

const Field* MapReader::Find(std::string_view key) const {
  auto found = std::find_if(fields_.begin(), fields_.end(),
                            [&](const Field& field) { return field.key.Scalar() == key; });
  return found == fields_.end() ? nullptr : &*found;
}

std::optional<Field> MapReader::Get(std::string_view key, Presence presence) const {
  if (const Field* field = Find(key)) return *field;
  if (presence == Presence::kRequired) {
    sink_->Error(mark(), Tr("missing required key '{0}'", prefix_ + std::string(key)));
  }
  return std::nullopt;
}

std::vector<Field> MapReader::Fields() const { return fields_; }

std::optional<std::string> MapReader::Text(std::string_view key, Presence presence) const {
  std::optional<Field> field = Get(key, presence);
  return field ? ReadText(*field, *sink_) : std::nullopt;
}

std::optional<Rational> MapReader::Number(std::string_view key, Presence presence) const {
  std::optional<Field> field = Get(key, presence);
  return field ? ReadNumber(*field, *sink_) : std::nullopt;
}

std::optional<int> MapReader::WholeNumber(std::string_view key, Presence presence) const {
  std::optional<Field> field = Get(key, presence);
  return field ? ReadWholeNumber(*field, *sink_) : std::nullopt;
}

std::optional<std::vector<Field>> MapReader::List(std::string_view key, Presence presence) const {
  std::optional<Field> field = Get(key, presence);
  return field ? ReadList(*field, *sink_) : std::nullopt;
}

std::optional<MapReader> MapReader::Map(std::string_view key, Presence presence,
                                        std::vector<std::string_view> allowed) const {
  std::optional<Field> field = Get(key, presence);
  if (!field) return std::nullopt;
  return Open(*field, std::move(allowed), *sink_, field->name + ".");
}

}  // namespace skillscore::internal
