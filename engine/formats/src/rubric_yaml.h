// Strict reading of a YAML tree for the rubric loader: typed values and checked keys, every
// problem reported with its position and reading carried on, so that one pass finds all errors.
//
// Conventions shared by all readers:
// - Text is any scalar, plain or quoted, and must not be blank.
// - Numbers are plain (unquoted) decimal scalars parsed exactly by Rational::ParseDecimal, never
//   through double; a comma separator, exponent or quoted number is a type error. They are
//   limited to 6 decimals and a magnitude of 10^9, which keeps every sum the loader forms far
//   from Rational's 64-bit limits.
// - Whole numbers are numbers without a fractional part ("3" and "3.0"), within int range.
// - A problem with an empty value (`key:` with nothing after it) is reported at its key, because
//   yaml-cpp places an empty value at the next token, often on the following line.
//
// Thread safety: ordinary objects; use one set per parse.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/diagnostic.h"
#include "skillscore/rational.h"

namespace skillscore::internal {

// Collects diagnostics for one file, converting yaml-cpp's 0-based marks to 1-based positions.
class DiagnosticSink {
 public:
  // `text` is the file's content, kept to turn yaml-cpp's byte columns into the character
  // columns an editor shows (Cyrillic letters are two bytes each in UTF-8).
  DiagnosticSink(std::string file, std::string_view text) : file_(std::move(file)), text_(text) {}

  void Error(const YAML::Mark& mark, std::string message);
  void Warning(const YAML::Mark& mark, std::string message);
  bool HasErrors() const;
  // Everything reported, ordered by position in the file (stable for equal positions).
  std::vector<Diagnostic> SortedDiagnostics() const;

 private:
  void Add(Severity severity, const YAML::Mark& mark, std::string message);

  int CharacterColumn(const YAML::Mark& mark) const;

  std::string file_;
  std::string_view text_;
  std::vector<Diagnostic> diagnostics_;
};

// A value together with the key it was given under (or, for list items, the list's name), so
// that messages can name it and point at it.
struct Field {
  std::string name;  // as shown in messages: "max", "scale.spread", "modules"
  YAML::Node key;    // unused for list items
  YAML::Node value;
  bool list_item = false;  // `name` is then the list's name

  // Where to point at the value: at the key when the value is empty (see the file comment).
  YAML::Mark ValueMark() const;
};

// A number as messages and the canonical JSON show it: the shortest exact decimal ("0.5", "100",
// "-2.25"), or "numerator/denominator" should a value have no finite decimal form.
std::string DecimalText(const Rational& value);
// DecimalText for messages: with a decimal comma in Russian (LocalDecimal).
std::string MessageDecimal(const Rational& value);

// For messages: "'abc'", "the quoted text 'abc'", "a list", "a mapping", "an empty value".
std::string Describe(const YAML::Node& node);

// Reports "'name' must be <expected>, got <what it is>" at the value.
void ReportType(const Field& field, std::string_view expected, DiagnosticSink& sink);

// A whole number scalar as ReadWholeNumber accepts it, without reporting anything.
std::optional<int> ParseWholeNumber(const YAML::Node& node);

std::optional<std::string> ReadText(const Field& field, DiagnosticSink& sink);
std::optional<Rational> ReadNumber(const Field& field, DiagnosticSink& sink);
std::optional<int> ReadWholeNumber(const Field& field, DiagnosticSink& sink);
// The items of a non-empty list; nullopt (reported) for anything else.
std::optional<std::vector<Field>> ReadList(const Field& field, DiagnosticSink& sink);

// Range checks that report "'name' must be …, got value" at the value.
bool CheckAtLeast(const Field& field, const Rational& value, const Rational& minimum,
                  DiagnosticSink& sink);
bool CheckBetween(const Field& field, const Rational& value, const Rational& minimum,
                  const Rational& maximum, DiagnosticSink& sink);
bool CheckPositive(const Field& field, const Rational& value, DiagnosticSink& sink);

enum class Presence { kOptional, kRequired };

// A mapping whose keys are checked against a fixed list: unknown and duplicate keys are reported
// when it is made, missing required keys and wrong types when a value is read.
class MapReader {
 public:
  // nullopt (reported) when the field's value is not a mapping. `prefix` qualifies the names of
  // nested policy keys in messages ("rounding." → "rounding.report").
  static std::optional<MapReader> Open(const Field& field, std::vector<std::string_view> allowed,
                                       DiagnosticSink& sink, std::string prefix = "");

  YAML::Mark mark() const { return node_.Mark(); }
  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  // The field under `key`; reports a missing required key at the mapping.
  std::optional<Field> Get(std::string_view key, Presence presence) const;
  // Every key present, in file order (without duplicates).
  std::vector<Field> Fields() const;

  std::optional<std::string> Text(std::string_view key, Presence presence) const;
  std::optional<Rational> Number(std::string_view key, Presence presence) const;
  std::optional<int> WholeNumber(std::string_view key, Presence presence) const;
  std::optional<std::vector<Field>> List(std::string_view key, Presence presence) const;
  std::optional<MapReader> Map(std::string_view key, Presence presence,
                               std::vector<std::string_view> allowed) const;

 private:
  MapReader(YAML::Node node, std::string prefix, DiagnosticSink& sink)
      : node_(std::move(node)), prefix_(std::move(prefix)), sink_(&sink) {}
  const Field* Find(std::string_view key) const;

  YAML::Node node_;
  std::string prefix_;
  DiagnosticSink* sink_;
  std::vector<Field> fields_;  // known keys, first occurrence only
};

}  // namespace skillscore::internal
