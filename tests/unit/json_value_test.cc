#include "skillscore/json_value.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

namespace skillscore {
namespace {

JsonNode Parse(std::string_view text) { return ParseStrictJson(text, "test.json").value(); }

// "line:column: message" of a refused text.
std::string Refusal(std::string_view text) {
  auto result = ParseStrictJson(text, "test.json");
  if (result) return "accepted";
  const Diagnostic& problem = result.error();
  EXPECT_EQ(problem.file, "test.json");
  return std::to_string(problem.line) + ":" + std::to_string(problem.column) + ": " +
         problem.message;
}

TEST(JsonValueTest, ParsesEveryKindOfValueKeepingMemberOrder) {
  JsonNode value = Parse(R"( {"b": [1, -20, true, false, null], "a": "x\"y\\z\u00e9\/"} )");
  ASSERT_EQ(value.type, JsonNode::Type::kObject);
  ASSERT_EQ(value.members.size(), 2u);
  EXPECT_EQ(value.members[0].first, "b");
  EXPECT_EQ(value.members[1].first, "a");
  EXPECT_EQ(*value.Find("b"),
            JsonNode::Array({JsonNode::Integer(1), JsonNode::Integer(-20), JsonNode::Bool(true),
                             JsonNode::Bool(false), JsonNode::Null()}));
  EXPECT_EQ(value.Find("a")->string, "x\"y\\zé/");
  EXPECT_EQ(value.Find("c"), nullptr);
}

TEST(JsonValueTest, DecodesSurrogatePairsAndKeepsRawUtf8) {
  EXPECT_EQ(Parse(R"("\ud83d\ude00 Иван")").string, "\xF0\x9F\x98\x80 Иван");
}

TEST(JsonValueTest, RefusesRepeatedKeysPointingAtTheSecond) {
  EXPECT_EQ(Refusal("{\n  \"a\": 1,\n  \"a\": 2\n}"), "3:3: duplicate key 'a'");
}

TEST(JsonValueTest, RefusesNumbersThatAreNotSafeWholeNumbers) {
  EXPECT_EQ(Refusal("[1.5]"), "1:2: only whole numbers are allowed here");
  EXPECT_EQ(Refusal("[1e3]"), "1:2: only whole numbers are allowed here");
  EXPECT_EQ(Refusal("[012]"), "1:2: a number must not start with 0");
  EXPECT_EQ(Refusal("[-0]"), "1:2: -0 is not allowed");
  EXPECT_EQ(Refusal("[9007199254740992]"), "1:2: the number is too large");
  EXPECT_EQ(Parse("9007199254740991").integer, kJsonMaxInteger);
  EXPECT_EQ(Parse("-9007199254740991").integer, -kJsonMaxInteger);
}

TEST(JsonValueTest, RefusesInvalidUtf8AndLoneSurrogates) {
  EXPECT_EQ(Refusal("\"a\xC3\""), "1:3: invalid UTF-8");
  EXPECT_EQ(Refusal("\"\xC0\xAF\""), "1:2: invalid UTF-8");          // overlong '/'
  EXPECT_EQ(Refusal("\"\xED\xA0\x80\""), "1:2: invalid UTF-8");      // encoded surrogate
  EXPECT_EQ(Refusal("\"\xF4\x90\x80\x80\""), "1:2: invalid UTF-8");  // above U+10FFFF
  EXPECT_EQ(Refusal(R"("\ud800")"), "1:2: a lone surrogate is not allowed");
  EXPECT_EQ(Refusal(R"("\udc00")"), "1:2: a lone surrogate is not allowed");
  EXPECT_EQ(Refusal(R"("\ud800\u0041")"), "1:2: a lone surrogate is not allowed");
}

TEST(JsonValueTest, RefusesMalformedText) {
  EXPECT_EQ(Refusal(""), "1:1: expected a JSON value");
  EXPECT_EQ(Refusal("{} x"), "1:4: unexpected text after the JSON value");
  EXPECT_EQ(Refusal("{\"a\" 1}"), "1:6: expected ':'");
  EXPECT_EQ(Refusal("{\"a\": 1 \"b\": 2}"), "1:9: expected ',' or '}'");
  EXPECT_EQ(Refusal("[1 2]"), "1:4: expected ',' or ']'");
  EXPECT_EQ(Refusal("{1: 2}"), "1:2: expected a key in quotes");
  EXPECT_EQ(Refusal("\"abc"), "1:5: the string is not closed");
  EXPECT_EQ(Refusal("\"a\tb\""), "1:3: a control character must be escaped");
  EXPECT_EQ(Refusal(R"("\x")"), "1:2: invalid escape sequence");
  EXPECT_EQ(Refusal(R"("\u12g4")"), "1:2: invalid escape sequence");
  EXPECT_EQ(Refusal("tru"), "1:1: expected a JSON value");
  EXPECT_EQ(Refusal("[-]"), "1:3: expected a digit");
}

TEST(JsonValueTest, RefusesNestingDeeperThan64Levels) {
  std::string deep = std::string(65, '[') + std::string(65, ']');
  EXPECT_EQ(Parse(deep).type, JsonNode::Type::kArray);
  EXPECT_EQ(Refusal("[" + deep + "]"), "1:66: nested deeper than 64 levels");
}

TEST(JsonValueTest, CanonicalFormSortsKeysAndHasNoWhitespace) {
  JsonNode value = Parse(R"({"b": {"d": null, "c": [true, 2]}, "a": "x", "B": -1})");
  EXPECT_EQ(CanonicalJson(value), R"({"B":-1,"a":"x","b":{"c":[true,2],"d":null}})");
}

TEST(JsonValueTest, CanonicalFormEscapesOnlyWhatRfc8785Escapes) {
  JsonNode value = JsonNode::String("\"\\/\b\t\n\f\r\x01\x1F\x7F é€😀");
  EXPECT_EQ(CanonicalJson(value), "\"\\\"\\\\/\\b\\t\\n\\f\\r\\u0001\\u001f\x7F é€😀\"");
}

TEST(JsonValueTest, CanonicalFormSortsKeysByUtf16CodeUnits) {
  // U+FB01 sorts after U+1F600 in UTF-16 (0xFB01 > 0xD83D) though not in code points.
  JsonNode value = JsonNode::Object({{"\xEF\xAC\x81", JsonNode::Integer(1)},
                                     {"\xF0\x9F\x98\x80", JsonNode::Integer(2)},
                                     {"z", JsonNode::Integer(3)}});
  EXPECT_EQ(CanonicalJson(value), "{\"z\":3,\"\xF0\x9F\x98\x80\":2,\"\xEF\xAC\x81\":1}");
}

TEST(JsonValueTest, CanonicalFormReplacesInvalidUtf8AsThePrettyFormDoes) {
  JsonNode value = JsonNode::String("a\xFF");
  EXPECT_EQ(CanonicalJson(value), "\"a\xEF\xBF\xBD\"");
  EXPECT_EQ(CanonicalJson(Parse(PrettyJson(value))), CanonicalJson(value));
}

TEST(JsonValueTest, PrettyFormIndentsAndKeepsFlatObjectsInArraysOnOneLine) {
  JsonNode value = Parse(R"({"id": "A", "parts": [{"id": "1", "mark": "2.5"}], "empty": {}})");
  EXPECT_EQ(PrettyJson(value),
            "{\n"
            "  \"id\": \"A\",\n"
            "  \"parts\": [\n"
            "    { \"id\": \"1\", \"mark\": \"2.5\" }\n"
            "  ],\n"
            "  \"empty\": {}\n"
            "}\n");
}

// Random JSON of strings (any Unicode), integers, booleans and nested arrays and objects.
rc::Gen<JsonNode> ArbitraryJson(int depth) {
  auto scalar = rc::gen::oneOf(
      rc::gen::map(rc::gen::arbitrary<std::string>(), JsonNode::String),
      rc::gen::map(rc::gen::inRange<std::int64_t>(-kJsonMaxInteger, kJsonMaxInteger),
                   JsonNode::Integer),
      rc::gen::map(rc::gen::arbitrary<bool>(), JsonNode::Bool), rc::gen::just(JsonNode::Null()));
  if (depth == 0) return scalar;
  auto array = rc::gen::map(rc::gen::container<std::vector<JsonNode>>(ArbitraryJson(depth - 1)),
                            JsonNode::Array);
  // Keys as they read back (invalid UTF-8 replaced), so that distinct keys stay distinct.
  auto key = rc::gen::map(rc::gen::arbitrary<std::string>(), [](const std::string& text) {
    return Parse(CanonicalJson(JsonNode::String(text))).string;
  });
  auto object = rc::gen::map(
      rc::gen::container<std::map<std::string, JsonNode>>(key, ArbitraryJson(depth - 1)),
      [](const std::map<std::string, JsonNode>& members) {
        return JsonNode::Object({members.begin(), members.end()});
      });
  return rc::gen::oneOf(scalar, array, object);
}

RC_GTEST_PROP(JsonValueTest, PrettyAndCanonicalFormsParseBackToTheSameCanonicalForm, ()) {
  JsonNode value = *ArbitraryJson(2);
  std::string canonical = CanonicalJson(value);
  auto from_canonical = ParseStrictJson(canonical, "canonical");
  auto from_pretty = ParseStrictJson(PrettyJson(value), "pretty");
  RC_ASSERT(from_canonical.has_value());
  RC_ASSERT(from_pretty.has_value());
  RC_ASSERT(CanonicalJson(*from_canonical) == canonical);
  RC_ASSERT(CanonicalJson(*from_pretty) == canonical);
}

}  // namespace
}  // namespace skillscore
