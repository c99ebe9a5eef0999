#include "skillscore/json_writer.h"

#include <fmt/format.h>

#include "skillscore/utf8.h"

namespace skillscore {

std::string JsonQuoted(std::string_view value) {
  std::string out = "\"";
  for (std::size_t position = 0; position < value.size();) {
    char32_t c = DecodeUtf8(value, position);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          AppendUtf8(c, out);
        }
    }
  }
  return out + "\"";
}

void JsonWriter::BeginObject(Layout layout) { Begin('{', layout); }
void JsonWriter::EndObject() { End('}'); }
void JsonWriter::BeginArray(Layout layout) { Begin('[', layout); }
void JsonWriter::EndArray() { End(']'); }

void JsonWriter::Key(std::string_view name) {
  StartItem();
  out_ += JsonQuoted(name) + ": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  out_ += JsonQuoted(value);
}

void JsonWriter::Number(std::string_view literal) {
  BeforeValue();
  out_ += literal;
}

void JsonWriter::Integer(std::int64_t value) { Number(std::to_string(value)); }

void JsonWriter::Bool(bool value) { Number(value ? "true" : "false"); }

void JsonWriter::Null() { Number("null"); }

// Separates an array element or object member from the previous one.
void JsonWriter::StartItem() {
  if (levels_.empty()) return;
  Level& level = levels_.back();
  if (level.items++ > 0) out_ += ',';
  if (level.layout == Layout::kInline) {
    out_ += ' ';
  } else {
    out_ += '\n' + std::string(2 * levels_.size(), ' ');
  }
}

// An object member's value follows its key directly; anything else is a new item.
void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
  } else {
    StartItem();
  }
}

void JsonWriter::Begin(char bracket, Layout layout) {
  BeforeValue();
  out_ += bracket;
  bool inside_inline = !levels_.empty() && levels_.back().layout == Layout::kInline;
  levels_.push_back({inside_inline ? Layout::kInline : layout});
}

void JsonWriter::End(char bracket) {
  Level level = levels_.back();
  levels_.pop_back();
  if (level.items > 0) {
    if (level.layout == Layout::kInline) {
      out_ += ' ';
    } else {
      out_ += '\n' + std::string(2 * levels_.size(), ' ');
    }
  }
  out_ += bracket;
}

}  // namespace skillscore
