#include "skillscore/json_writer.h"

#include <fmt/format.h>

#include "skillscore/json_string.h"

namespace skillscore {

std::string JsonQuoted(std::string_view value) {
  std::string out;
  AppendJsonString(value, out, kReportJsonString);
  return out;
}

void JsonWriter::BeginObject(Layout layout) { Begin('{', layout); }
void JsonWriter::EndObject() { End('}'); }
void JsonWriter::BeginArray(Layout layout) { Begin('[', layout); }
void JsonWriter::EndArray() { End(']'); }

void JsonWriter::Key(std::string_view name) {
  StartItem();
  AppendQuoted(name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendQuoted(value);
}

void JsonWriter::AppendQuoted(std::string_view value) {
  AppendJsonString(value, out_, kReportJsonString);
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
