// Loading and validating rubric YAML files (shared/spec/rubric-format.md).
//
// Validation is strict and complete: every problem is reported at once, each as a Diagnostic with
// file:line:column taken from yaml-cpp's marks. Warnings (a section's target differs from its
// actual maxima, a module without judgement aspects) do not stop loading.
//
// The rubric's identity is code@version plus the SHA-256 of its canonical content: a canonical
// JSON form of the parsed rubric (CanonicalRubricJson), so comments, key order and number spelling
// ("1.0" vs "1") do not change it, while any change of meaning does.
//
// Thread safety: no shared state; may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/diagnostic.h"
#include "skillscore/rubric.h"

namespace skillscore {

struct RubricLoad {
  std::optional<Rubric> rubric;          // set only when there is no error
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
};

// Parses YAML text; `file_name` is used in diagnostics only.
RubricLoad ParseRubric(std::string_view yaml_text, const std::string& file_name);

// Reads and parses a file ("-" is not special here; the CLI handles stdin).
RubricLoad LoadRubricFile(const std::string& path);

// Canonical JSON of the rubric's content: keys in a fixed order, numbers as exact decimals or
// fractions, no insignificant whitespace. Its SHA-256 is Rubric::sha256.
std::string CanonicalRubricJson(const Rubric& rubric);

// Lower-case hex SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);

}  // namespace skillscore
