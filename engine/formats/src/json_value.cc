#include "skillscore/json_value.h"

#include <algorithm>
#include <optional>

#include "skillscore/i18n.h"
#include "skillscore/json_string.h"
#include "skillscore/json_writer.h"
#include "skillscore/utf8.h"

namespace skillscore {
namespace {

constexpr int kMaxDepth = 64;

// Thrown inside the parser only, to unwind from any depth to ParseStrictJson.
struct ParseFailure {
  std::size_t offset;
  std::string message;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  JsonNode Document() {
    JsonNode value = Value(0);
    SkipWhitespace();
    if (position_ < text_.size()) Fail(Tr("unexpected text after the JSON value"));
    return value;
  }

 private:
  [[noreturn]] void Fail(std::string message) const { FailAt(position_, std::move(message)); }
  [[noreturn]] static void FailAt(std::size_t offset, std::string message) {
    throw ParseFailure{offset, std::move(message)};
  }

  bool AtEnd() const { return position_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[position_]; }

  void SkipWhitespace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++position_;
    }
  }

  void Expect(char c) {
    SkipWhitespace();
    if (Peek() != c) Fail(Tr("expected '{0}'", std::string(1, c)));
    ++position_;
  }

  JsonNode Value(int depth) {
    SkipWhitespace();
    if (depth > kMaxDepth) Fail(Tr("nested deeper than {0} levels", kMaxDepth));
    char c = Peek();
    if (c == '{') return ObjectValue(depth);
    if (c == '[') return ArrayValue(depth);
    if (c == '"') return JsonNode::String(StringValue());
    if (c == '-' || (c >= '0' && c <= '9')) return IntegerValue();
    if (Literal("true")) return JsonNode::Bool(true);
    if (Literal("false")) return JsonNode::Bool(false);
    if (Literal("null")) return JsonNode::Null();
    Fail(Tr("expected a JSON value"));
  }

  bool Literal(std::string_view word) {
    if (text_.substr(position_, word.size()) != word) return false;
    position_ += word.size();
    return true;
  }

  JsonNode ObjectValue(int depth) {
    ++position_;  // '{'
    JsonNode object = JsonNode::Object({});
    SkipWhitespace();
    if (Peek() == '}') {
      ++position_;
      return object;
    }
    while (true) {
      SkipWhitespace();
      std::size_t key_offset = position_;
      if (Peek() != '"') Fail(Tr("expected a key in quotes"));
      std::string key = StringValue();
      if (object.Find(key)) FailAt(key_offset, Tr("duplicate key '{0}'", key));
      Expect(':');
      object.members.emplace_back(std::move(key), Value(depth + 1));
      SkipWhitespace();
      if (Peek() == '}') break;
      if (Peek() != ',') Fail(Tr("expected ',' or '}'"));
      ++position_;
    }
    ++position_;
    return object;
  }

  JsonNode ArrayValue(int depth) {
    ++position_;  // '['
    JsonNode array = JsonNode::Array({});
    SkipWhitespace();
    if (Peek() == ']') {
      ++position_;
      return array;
    }
    while (true) {
      array.items.push_back(Value(depth + 1));
      SkipWhitespace();
      if (Peek() == ']') break;
      if (Peek() != ',') Fail(Tr("expected ',' or ']'"));
      ++position_;
    }
    ++position_;
    return array;
  }

  JsonNode IntegerValue() {
    std::size_t start = position_;
    bool negative = Peek() == '-';
    if (negative) ++position_;
    if (Peek() < '0' || Peek() > '9') Fail(Tr("expected a digit"));
    if (Peek() == '0' && position_ + 1 < text_.size() && text_[position_ + 1] >= '0' &&
        text_[position_ + 1] <= '9') {
      Fail(Tr("a number must not start with 0"));
    }
    std::int64_t magnitude = 0;
    while (Peek() >= '0' && Peek() <= '9') {
      magnitude = magnitude * 10 + (Peek() - '0');
      if (magnitude > kJsonMaxInteger) FailAt(start, Tr("the number is too large"));
      ++position_;
    }
    if (Peek() == '.' || Peek() == 'e' || Peek() == 'E') {
      FailAt(start, Tr("only whole numbers are allowed here"));
    }
    if (negative && magnitude == 0) FailAt(start, Tr("-0 is not allowed"));
    return JsonNode::Integer(negative ? -magnitude : magnitude);
  }

  std::string StringValue() {
    ++position_;  // '"'
    std::string value;
    while (true) {
      if (AtEnd()) Fail(Tr("the string is not closed"));
      auto c = static_cast<unsigned char>(Peek());
      if (c == '"') break;
      if (c < 0x20) Fail(Tr("a control character must be escaped"));
      if (c == '\\') {
        Escape(value);
      } else if (c < 0x80) {
        value += static_cast<char>(c);
        ++position_;
      } else {
        Utf8Sequence(value);
      }
    }
    ++position_;
    return value;
  }

  void Escape(std::string& value) {
    std::size_t start = position_++;
    char c = Peek();
    ++position_;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        value += c;
        return;
      case 'b':
        value += '\b';
        return;
      case 'f':
        value += '\f';
        return;
      case 'n':
        value += '\n';
        return;
      case 'r':
        value += '\r';
        return;
      case 't':
        value += '\t';
        return;
      case 'u':
        AppendUtf8(UnicodeEscape(start), value);
        return;
      default:
        FailAt(start, Tr("invalid escape sequence"));
    }
  }

  unsigned Hex4(std::size_t start) {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i, ++position_) {
      char c = Peek();
      unsigned digit = c >= '0' && c <= '9'   ? c - '0'
                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : 16;
      if (digit == 16) FailAt(start, Tr("invalid escape sequence"));
      value = value * 16 + digit;
    }
    return value;
  }

  // After "\u": one code point, combining a surrogate pair.
  char32_t UnicodeEscape(std::size_t start) {
    unsigned unit = Hex4(start);
    if (unit >= 0xDC00 && unit <= 0xDFFF) FailAt(start, Tr("a lone surrogate is not allowed"));
    if (unit < 0xD800 || unit > 0xDBFF) return unit;
    if (!Literal("\\u")) FailAt(start, Tr("a lone surrogate is not allowed"));
    unsigned low = Hex4(start);
    if (low < 0xDC00 || low > 0xDFFF) FailAt(start, Tr("a lone surrogate is not allowed"));
    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }

  // One multi-byte UTF-8 character, checked for shortest form, no surrogates, at most U+10FFFF.
  void Utf8Sequence(std::string& value) {
    const std::size_t length = Utf8SequenceLength(text_, position_);
    if (length == 0) Fail(Tr("invalid UTF-8"));
    value.append(text_.substr(position_, length));
    position_ += length;
  }

  std::string_view text_;
  std::size_t position_ = 0;
};

Diagnostic DiagnosticAt(std::string_view text, const ParseFailure& failure,
                        const std::string& file_name) {
  std::size_t offset = std::min(failure.offset, text.size());
  std::string_view before = text.substr(0, offset);
  std::size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  return Diagnostic{.file = file_name,
                    .line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
                    .column = static_cast<int>(offset - line_start) + 1,
                    .message = failure.message};
}

// UTF-16 code units of UTF-8 text, the order RFC 8785 sorts keys in.
std::u16string Utf16(std::string_view text) {
  std::u16string units;
  for (std::size_t position = 0; position < text.size();) {
    char32_t code = DecodeUtf8(text, position);
    if (code >= 0x10000) {
      units += static_cast<char16_t>(0xD800 + ((code - 0x10000) >> 10));
      units += static_cast<char16_t>(0xDC00 + ((code - 0x10000) & 0x3FF));
    } else {
      units += static_cast<char16_t>(code);
    }
  }
  return units;
}

// Invalid UTF-8 becomes U+FFFD, as JsonWriter writes it, so that a document written for people
// and parsed back has the same canonical form as the one that was signed.
void AppendCanonicalString(std::string_view text, std::string& out) {
  AppendJsonString(text, out, kCanonicalJsonString);
}

void AppendCanonical(const JsonNode& value, std::string& out) {
  switch (value.type) {
    case JsonNode::Type::kNull:
      out += "null";
      return;
    case JsonNode::Type::kBool:
      out += value.boolean ? "true" : "false";
      return;
    case JsonNode::Type::kInteger:
      out += std::to_string(value.integer);
      return;
    case JsonNode::Type::kString:
      AppendCanonicalString(value.string, out);
      return;
    case JsonNode::Type::kArray:
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        AppendCanonical(value.items[i], out);
      }
      out += ']';
      return;
    case JsonNode::Type::kObject: {
      std::vector<const std::pair<std::string, JsonNode>*> members;
      for (const auto& member : value.members) members.push_back(&member);
      std::sort(members.begin(), members.end(),
                [](auto* a, auto* b) { return Utf16(a->first) < Utf16(b->first); });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        AppendCanonicalString(members[i]->first, out);
        out += ':';
        AppendCanonical(members[i]->second, out);
      }
      out += '}';
      return;
    }
  }
}

bool IsScalar(const JsonNode& value) {
  return value.type != JsonNode::Type::kArray && value.type != JsonNode::Type::kObject;
}

void WritePretty(const JsonNode& value, JsonWriter& json, bool in_array) {
  switch (value.type) {
    case JsonNode::Type::kNull:
      json.Null();
      return;
    case JsonNode::Type::kBool:
      json.Bool(value.boolean);
      return;
    case JsonNode::Type::kInteger:
      json.Integer(value.integer);
      return;
    case JsonNode::Type::kString:
      json.String(value.string);
      return;
    case JsonNode::Type::kArray:
      json.BeginArray();
      for (const JsonNode& item : value.items) WritePretty(item, json, true);
      json.EndArray();
      return;
    case JsonNode::Type::kObject: {
      bool flat = std::all_of(value.members.begin(), value.members.end(),
                              [](const auto& member) { return IsScalar(member.second); });
      json.BeginObject(in_array && flat ? JsonWriter::Layout::kInline : JsonWriter::Layout::kBlock);
      for (const auto& [key, member] : value.members) {
        json.Key(key);
        WritePretty(member, json, false);
      }
      json.EndObject();
      return;
    }
  }
}

}  // namespace

JsonNode JsonNode::Bool(bool value) {
  JsonNode node;
  node.type = Type::kBool;
  node.boolean = value;
  return node;
}

JsonNode JsonNode::Integer(std::int64_t value) {
  JsonNode node;
  node.type = Type::kInteger;
  node.integer = value;
  return node;
}

JsonNode JsonNode::String(std::string value) {
  JsonNode node;
  node.type = Type::kString;
  node.string = std::move(value);
  return node;
}

JsonNode JsonNode::Array(std::vector<JsonNode> items) {
  JsonNode node;
  node.type = Type::kArray;
  node.items = std::move(items);
  return node;
}

JsonNode JsonNode::Object(std::vector<std::pair<std::string, JsonNode>> members) {
  JsonNode node;
  node.type = Type::kObject;
  node.members = std::move(members);
  return node;
}

const JsonNode* JsonNode::Find(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

tl::expected<JsonNode, Diagnostic> ParseStrictJson(std::string_view text,
                                                   const std::string& file_name) {
  try {
    return Parser(text).Document();
  } catch (const ParseFailure& failure) {
    return tl::make_unexpected(DiagnosticAt(text, failure, file_name));
  }
}

std::string CanonicalJson(const JsonNode& value) {
  std::string out;
  AppendCanonical(value, out);
  return out;
}

std::string PrettyJson(const JsonNode& value) {
  JsonWriter json;
  WritePretty(value, json, false);
  return json.text() + '\n';
}

}  // namespace skillscore
