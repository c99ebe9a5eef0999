#include "json_reader.h"

#include <cstdint>
#include <stdexcept>

namespace skillscore::testing {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  JsonValue Document() {
    JsonValue value = Value();
    SkipSpace();
    if (position_ != text_.size()) Fail("text after the value");
    return value;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(position_));
  }

  void SkipSpace() {
    while (position_ < text_.size() &&
           std::string_view(" \t\r\n").find(text_[position_]) != std::string_view::npos) {
      ++position_;
    }
  }

  char Peek() {
    SkipSpace();
    if (position_ >= text_.size()) Fail("unexpected end");
    return text_[position_];
  }

  void Expect(char c) {
    if (Peek() != c) Fail(std::string("expected '") + c + "'");
    ++position_;
  }

  bool Literal(std::string_view word) {
    if (text_.substr(position_, word.size()) != word) return false;
    position_ += word.size();
    return true;
  }

  JsonValue Value() {
    JsonValue value;
    char c = Peek();
    if (c == '{') {
      value.type = JsonValue::Type::kObject;
      Members(value);
    } else if (c == '[') {
      value.type = JsonValue::Type::kArray;
      Elements(value);
    } else if (c == '"') {
      value.type = JsonValue::Type::kString;
      value.text = String();
    } else if (Literal("null")) {
      value.type = JsonValue::Type::kNull;
    } else if (Literal("true")) {
      value.type = JsonValue::Type::kBool;
      value.boolean = true;
    } else if (Literal("false")) {
      value.type = JsonValue::Type::kBool;
    } else {
      value.type = JsonValue::Type::kNumber;
      value.text = Number();
    }
    return value;
  }

  void Members(JsonValue& object) {
    Expect('{');
    if (Peek() == '}') {
      ++position_;
      return;
    }
    while (true) {
      if (Peek() != '"') Fail("expected a member name");
      object.keys.push_back(String());
      Expect(':');
      object.items.push_back(Value());
      if (Peek() != ',') break;
      ++position_;
    }
    Expect('}');
  }

  void Elements(JsonValue& array) {
    Expect('[');
    if (Peek() == ']') {
      ++position_;
      return;
    }
    while (true) {
      array.items.push_back(Value());
      if (Peek() != ',') break;
      ++position_;
    }
    Expect(']');
  }

  std::string Number() {
    std::size_t start = position_;
    while (position_ < text_.size() &&
           std::string_view("+-.eE0123456789").find(text_[position_]) != std::string_view::npos) {
      ++position_;
    }
    if (start == position_) Fail("expected a value");
    return std::string(text_.substr(start, position_ - start));
  }

  unsigned Hex4() {
    if (position_ + 4 > text_.size()) Fail("short \\u escape");
    unsigned value = std::stoul(std::string(text_.substr(position_, 4)), nullptr, 16);
    position_ += 4;
    return value;
  }

  static void AppendUtf8(std::uint32_t c, std::string& out) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }

  std::string String() {
    Expect('"');
    std::string out;
    while (true) {
      if (position_ >= text_.size()) Fail("unterminated string");
      char c = text_[position_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) Fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (position_ >= text_.size()) Fail("unterminated escape");
      char escape = text_[position_++];
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t code = Hex4();
          if (code >= 0xD800 && code <= 0xDBFF && Literal("\\u")) {
            code = 0x10000 + ((code - 0xD800) << 10) + (Hex4() - 0xDC00);
          }
          AppendUtf8(code, out);
          break;
        }
        default:
          Fail("unknown escape");
      }
    }
  }

  std::string_view text_;
  std::size_t position_ = 0;
};

}  // namespace

const JsonValue& JsonValue::operator[](std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return items[i];
  }
  throw std::out_of_range("JSON: no member \"" + std::string(key) + "\"");
}

JsonValue ParseJson(std::string_view text) { return Parser(text).Document(); }

}  // namespace skillscore::testing
