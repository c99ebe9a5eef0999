#include "skillscore/identifier.h"

#include <fmt/format.h>

#include "skillscore/i18n.h"
#include "skillscore/utf8.h"

namespace skillscore {
namespace {

// The control character starting at text[at] and its length in bytes (C1 characters take two in
// UTF-8), or 0 when there is none there.
std::size_t ControlLength(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x20 || byte == 0x7F) return 1;
  if (byte == 0xC2 && at + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[at + 1]);
    if (next >= 0x80 && next <= 0x9F) return 2;
  }
  return 0;
}

std::string Escape(std::string_view control) {
  if (control == "\n") return "\\n";
  if (control == "\t") return "\\t";
  if (control == "\r") return "\\r";
  std::string escaped;
  for (char c : control) escaped += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
  return escaped;
}

// The first control character of `text` that `allowed` does not allow, as its offset.
template <typename Allowed>
std::optional<std::size_t> FirstControl(std::string_view text, Allowed allowed) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    const std::size_t length = ControlLength(text, at);
    if (length > 0 && !allowed(text[at])) return at;
    if (length == 2) ++at;
  }
  return std::nullopt;
}

std::string ControlProblem(std::string_view what, std::string_view text, std::size_t at) {
  return Tr("{0} \"{1}\" holds the control character {2}: remove it", what, ShownValue(text),
            Escape(text.substr(at, ControlLength(text, at))));
}

}  // namespace

std::optional<std::string> IdentifierProblem(std::string_view what, std::string_view id) {
  if (id.empty()) return Tr("{0} is empty", what);
  if (id.size() > kMaxIdentifierBytes) {
    return Tr("{0} \"{1}\" is too long: at most {2} bytes", what, ShownValue(id),
              kMaxIdentifierBytes);
  }
  if (auto at = FirstControl(id, [](char) { return false; })) return ControlProblem(what, id, *at);
  if (id.find_first_of("/\\") != std::string_view::npos ||
      id.find("..") != std::string_view::npos) {
    return Tr("{0} \"{1}\" holds '/', '\\' or \"..\": an id must not look like a path", what,
              ShownValue(id));
  }
  return std::nullopt;
}

std::optional<std::string> TextProblem(std::string_view what, std::string_view text,
                                       TextLines lines) {
  if (text.size() > kMaxTextBytes) {
    return Tr("{0} \"{1}\" is too long: at most {2} bytes", what, ShownValue(text), kMaxTextBytes);
  }
  auto allowed = [lines](char c) {
    return lines == TextLines::kMultiple && (c == '\n' || c == '\t');
  };
  if (auto at = FirstControl(text, allowed)) return ControlProblem(what, text, *at);
  return std::nullopt;
}

std::string EscapeControls(std::string_view value) {
  std::string shown;
  shown.reserve(value.size());
  for (std::size_t at = 0; at < value.size(); ++at) {
    const std::size_t length = ControlLength(value, at);
    if (length == 0) {
      shown += value[at];
      continue;
    }
    shown += Escape(value.substr(at, length));
    at += length - 1;
  }
  return shown;
}

std::string ShownValue(std::string_view value, std::size_t limit) {
  if (value.size() <= limit) return EscapeControls(value);
  return EscapeControls(value.substr(0, Utf8Prefix(value, limit))) +
         Tr("… ({0} bytes)", value.size());
}

std::string SafeFileName(std::string_view name) {
  std::string safe;
  safe.reserve(name.size());
  for (std::size_t at = 0; at < name.size(); ++at) {
    const std::size_t control = ControlLength(name, at);
    if (control > 0) {
      safe += '_';
      at += control - 1;
      continue;
    }
    const char c = name[at];
    const bool unsafe = std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos;
    safe += unsafe || (at == 0 && c == '.') ? '_' : c;
  }
  return safe;
}

}  // namespace skillscore
