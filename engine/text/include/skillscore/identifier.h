// What the program accepts as an identifier or a text field from outside (files, command line), and
// how it shows an untrusted value back to people.
//
// Identifiers (exam, candidate, judge, rubric code and version) end up in file names (passport
// export), SQL keys and terminal output, so they are refused at the door when they could name
// another folder or hide from people:
//   - at most kMaxIdentifierBytes bytes (UTF-8), and not empty;
//   - no '/', no '\\', no "..", so that an id is never a path;
//   - no control characters: C0 (U+0000–U+001F, NUL included), DEL and C1 (U+0080–U+009F).
// Any other UTF-8 is allowed (Cyrillic ids are common).
//
// Text fields (names, organisations, titles) are single lines: no control characters at all. A
// few texts legitimately span lines and may hold LF and tab (but no other control character):
// mark notes and the texts of a rubric (aspect texts, level descriptions, titles written as YAML
// block scalars). Text fields are at most kMaxTextBytes bytes.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace skillscore {

inline constexpr std::size_t kMaxIdentifierBytes = 128;
inline constexpr std::size_t kMaxTextBytes = 4096;

// Why `id` is not a valid identifier (a message naming the value, shown safely), or nullopt.
// `what` names the kind of id in the message ("exam id", "candidate id").
std::optional<std::string> IdentifierProblem(std::string_view what, std::string_view id);

enum class TextLines { kSingle, kMultiple };

// Why `text` is not a valid text field, or nullopt; kMultiple allows LF and tab.
std::optional<std::string> TextProblem(std::string_view what, std::string_view text,
                                       TextLines lines = TextLines::kSingle);

// The value as it may be shown to people: control characters as \n, \t, \r or \xNN escapes (so
// that a terminal never receives an escape sequence), and at most `limit` bytes of the value
// followed by "…" and its size when it is longer. Never cuts a UTF-8 sequence.
std::string ShownValue(std::string_view value, std::size_t limit = 60);

// The value with control characters escaped as in ShownValue, whole (for tables on terminals).
std::string EscapeControls(std::string_view value);

// A name for a file made of identifiers: any byte that is not safe in a file name on Linux,
// Windows or macOS ('/', '\\', ':', '*', '?', '"', '<', '>', '|', control characters), and a
// leading '.', becomes '_'. Identifiers are checked at the door; this holds for old databases too.
std::string SafeFileName(std::string_view name);

}  // namespace skillscore
