// A small streaming JSON writer for machine-readable output (results, status, history).
//
// Output is indented by two spaces, one member per line; an object or array begun with
// Layout::kInline is written on one line (`{ "id": "A", "mark": 18.5, "max": 25 }`), and so is
// everything nested in it. Strings are escaped as RFC 8259 requires (quote, backslash, control
// characters); other UTF-8 passes through, and invalid UTF-8 bytes become U+FFFD so the output is
// always valid. Numbers are written as given: the caller formats them (exact marks are rounded
// for output by the report, never converted to binary floating point).
//
// The caller must nest Begin/End calls properly and give a Key before each member of an object.
//
// Thread safety: an ordinary object; use one per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skillscore {

class JsonWriter {
 public:
  enum class Layout { kBlock, kInline };

  void BeginObject(Layout layout = Layout::kBlock);
  void EndObject();
  void BeginArray(Layout layout = Layout::kBlock);
  void EndArray();
  void Key(std::string_view name);

  void String(std::string_view value);
  // A number already written as JSON expects ("52.17", "-3", "0").
  void Number(std::string_view literal);
  void Integer(std::int64_t value);
  void Bool(bool value);
  void Null();

  // The text so far; complete once every Begin has its End.
  const std::string& text() const { return out_; }

 private:
  struct Level {
    Layout layout;
    int items = 0;
  };

  void StartItem();
  void BeforeValue();
  void Begin(char bracket, Layout layout);
  void End(char bracket);
  void AppendQuoted(std::string_view value);

  std::string out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

// A JSON string literal, with quotes, escaped as JsonWriter does.
std::string JsonQuoted(std::string_view value);

}  // namespace skillscore
