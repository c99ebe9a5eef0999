// Text as a JSON string literal: the one escaper behind the reports' JSON writer, the canonical
// JSON of a rubric (whose SHA-256 is the rubric's stored identity) and the canonical JSON of a
// passport (RFC 8785, what is signed). All three escape quote, backslash and the control
// characters below U+0020 alike (\b \f \n \r \t by name, the others as \u00xx, lower-case hex);
// they differ on purpose in two choices, options here so that each keeps its bytes exactly —
// changing one would change every stored rubric hash or every passport signature
// (tests/unit/canonical_golden_test.cc holds them).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skillscore {

struct JsonStringOptions {
  // Bytes that are not UTF-8 are written as U+FFFD, so that any byte string becomes valid JSON;
  // false copies them as they are (the rubric hash, over text the loader has checked as UTF-8).
  bool replace_invalid_utf8 = true;
  // DEL (U+007F) written as \u007f rather than as it is, keeping terminals safe (reports only:
  // RFC 8785 writes it as it is).
  bool escape_delete = false;
};

// The reports' JsonWriter and JsonQuoted.
inline constexpr JsonStringOptions kReportJsonString{.replace_invalid_utf8 = true,
                                                     .escape_delete = true};
// RFC 8785 canonical JSON (CanonicalJson, what passports sign).
inline constexpr JsonStringOptions kCanonicalJsonString{.replace_invalid_utf8 = true,
                                                        .escape_delete = false};
// The rubric's canonical JSON (CanonicalRubricJson, the rubric hash).
inline constexpr JsonStringOptions kRubricJsonString{.replace_invalid_utf8 = false,
                                                     .escape_delete = false};

// Appends `text` to `out` as a JSON string literal, quotes included.
void AppendJsonString(std::string_view text, std::string& out, const JsonStringOptions& options);

}  // namespace skillscore
