// Loading and validating rubric YAML files (shared/spec/rubric-format.md).
//
// Validation is strict and complete: every problem is reported at once, each as a Diagnostic with
// file:line:column taken from yaml-cpp's marks (columns count bytes, as yaml-cpp does), sorted by
// position. Warnings (a section's target differs from its actual maxima, a module without
// judgement aspects, a declared section without aspects) do not stop loading; they are given only
// for a rubric without errors, since a broken model would make them misleading.
//
// Choices the format leaves open, all enforced as errors:
// - Numbers are plain YAML decimals ("0.5", "2", "-1"), parsed exactly (never through double),
//   with at most 6 decimals and a magnitude of at most 10^9; a quoted number, a decimal comma or
//   an exponent is refused. Whole numbers (judges, day, grade…) accept "3" and "3.0".
// - Every text value must be non-blank; `code` is printable ASCII without spaces or '@' (it forms
//   the identity code@version); an explicit aspect id is printable ASCII without spaces.
// - Required keys: format, code, version, title, kind, max, sections, modules; id and title of
//   sections, modules and sub-criteria; type, text, section and max of aspects; levels of
//   judgement aspects. Lists (sections, modules, subcriteria, aspects, grades, ranged) must not be
//   empty. A sub-criterion's optional `day` is at least 1; a section's optional target ≥ 0.
// - `grades` in a competition rubric is an error (only exams are graded); such a rubric, like an
//   exam that omits the table, carries DefaultGradeTable(), so `grades` is never empty.
// - `calculation` is `pass_fail` (plain, or `{pass_fail: }` with no value), `{number_completed:
//   n}`, `{choice: […]}` or `{ranged: […]}`; grade min_percent lies in 0…100.
// - A file must be valid UTF-8 and hold exactly one YAML document.
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
  std::optional<Rubric> rubric;         // set only when there is no error
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in file order
};

// Parses YAML text; `file_name` is used in diagnostics only.
RubricLoad ParseRubric(std::string_view yaml_text, const std::string& file_name);

// Reads and parses a file ("-" is not special here; the CLI handles stdin). An unreadable file
// gives one error whose `file` is the path and whose message carries the OS reason.
RubricLoad LoadRubricFile(const std::string& path);

// Canonical JSON of the rubric's content: keys in a fixed order, numbers as exact decimals or
// fractions, no insignificant whitespace. Its SHA-256 is Rubric::sha256.
std::string CanonicalRubricJson(const Rubric& rubric);

}  // namespace skillscore
