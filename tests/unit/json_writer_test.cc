#include "skillscore/json_writer.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "json_reader.h"

namespace skillscore {
namespace {

using Layout = JsonWriter::Layout;

TEST(JsonWriterTest, IndentsBlocksAndKeepsInlineObjectsOnOneLine) {
  JsonWriter json;
  json.BeginObject();
  json.Key("exam");
  json.Null();
  json.Key("parts");
  json.BeginArray();
  json.BeginObject(Layout::kInline);
  json.Key("id");
  json.String("A");
  json.Key("mark");
  json.Number("18.5");
  json.Key("list");
  json.BeginArray(Layout::kBlock);  // inside an inline object: inline too
  json.Integer(1);
  json.Bool(true);
  json.EndArray();
  json.EndObject();
  json.EndArray();
  json.Key("empty");
  json.BeginArray();
  json.EndArray();
  json.EndObject();
  EXPECT_EQ(json.text(),
            "{\n"
            "  \"exam\": null,\n"
            "  \"parts\": [\n"
            "    { \"id\": \"A\", \"mark\": 18.5, \"list\": [ 1, true ] }\n"
            "  ],\n"
            "  \"empty\": []\n"
            "}");
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonQuoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(JsonQuoted("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(JsonQuoted(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001f\u007f")");
  EXPECT_EQ(JsonQuoted(std::string("nul\0!", 5)), R"("nul\u0000!")");
}

TEST(JsonWriterTest, PassesUtf8ThroughAndReplacesInvalidBytes) {
  EXPECT_EQ(JsonQuoted("Колледж №1 ✓ 😀"), "\"Колледж №1 ✓ 😀\"");
  // A stray continuation byte, a truncated sequence, an overlong '/' and an encoded surrogate.
  EXPECT_EQ(JsonQuoted("a\x80z"), "\"a\xEF\xBF\xBDz\"");
  EXPECT_EQ(JsonQuoted("\xD0"), "\"\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonQuoted("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonQuoted("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

std::string Utf8(const std::vector<char32_t>& code_points) {
  std::string text;
  for (char32_t c : code_points) {
    if (c < 0x80) {
      text += static_cast<char>(c);
    } else if (c < 0x800) {
      text += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    } else if (c < 0x10000) {
      text += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
               static_cast<char>(0x80 | (c & 0x3F))};
    } else {
      text += {static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
               static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
    }
  }
  return text;
}

// Any valid UTF-8 text survives quoting: a JSON reader gets back exactly the original.
RC_GTEST_PROP(JsonWriterTest, QuotedStringsReadBackUnchanged, ()) {
  auto code_point = rc::gen::suchThat(rc::gen::inRange<char32_t>(0, 0x110000),
                                      [](char32_t c) { return c < 0xD800 || c > 0xDFFF; });
  std::string text =
      Utf8(*rc::gen::container<std::vector<char32_t>>(rc::gen::weightedOneOf<char32_t>(
          {{3, rc::gen::inRange<char32_t>(0, 0x80)}, {1, code_point}})));
  RC_ASSERT(testing::ParseJson(JsonQuoted(text)).text == text);
}

}  // namespace
}  // namespace skillscore
