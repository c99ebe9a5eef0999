#include "skillscore/json_fields.h"

#include <limits>
#include <utility>

#include "skillscore/i18n.h"

namespace skillscore::internal {
namespace {

const JsonNode& EmptyObject() {
  static const JsonNode empty = JsonNode::Object({});
  return empty;
}

const JsonNode& EmptyArray() {
  static const JsonNode empty = JsonNode::Array({});
  return empty;
}

}  // namespace

JsonFields::JsonFields(const JsonNode& object, std::string path, std::optional<std::string>& error)
    : object_(object.type == JsonNode::Type::kObject ? object : EmptyObject()),
      path_(std::move(path)),
      error_(error) {
  if (object.type != JsonNode::Type::kObject) {
    Fail(Tr("{0}: expected an object", path_.empty() ? "JSON" : path_));
  }
}

std::string JsonFields::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonFields::Fail(std::string message) {
  if (!error_) error_ = std::move(message);
}

const JsonNode* JsonFields::Member(std::string_view key, JsonNode::Type type, bool null_allowed,
                                   const char* expected) {
  read_.emplace(key);
  const JsonNode* member = object_.Find(key);
  if (!member) {
    Fail(Tr("{0}: missing", PathOf(key)));
    return nullptr;
  }
  if (member->type == JsonNode::Type::kNull && null_allowed) return nullptr;
  if (member->type != type) {
    Fail(Tr(expected, PathOf(key)));
    return nullptr;
  }
  return member;
}

std::string JsonFields::String(std::string_view key) {
  const JsonNode* member = Member(key, JsonNode::Type::kString, false, "{0}: expected a string");
  return member ? member->string : std::string();
}

std::optional<std::string> JsonFields::StringOrNull(std::string_view key) {
  const JsonNode* member =
      Member(key, JsonNode::Type::kString, true, "{0}: expected a string or null");
  if (!member) return std::nullopt;
  return member->string;
}

std::string JsonFields::StringIfPresent(std::string_view key) {
  return object_.Find(key) ? String(key) : std::string();
}

std::int64_t JsonFields::WholeNumber(std::string_view key) {
  const JsonNode* member =
      Member(key, JsonNode::Type::kInteger, false, "{0}: expected a whole number");
  return member ? member->integer : 0;
}

std::optional<std::int64_t> JsonFields::WholeNumberOrNull(std::string_view key) {
  const JsonNode* member =
      Member(key, JsonNode::Type::kInteger, true, "{0}: expected a whole number or null");
  if (!member) return std::nullopt;
  return member->integer;
}

bool JsonFields::Bool(std::string_view key) {
  const JsonNode* member = Member(key, JsonNode::Type::kBool, false, "{0}: expected true or false");
  return member && member->boolean;
}

std::optional<int> JsonFields::IntegerOrNull(std::string_view key) {
  const JsonNode* member =
      Member(key, JsonNode::Type::kInteger, true, "{0}: expected a whole number or null");
  if (!member) return std::nullopt;
  if (member->integer < std::numeric_limits<int>::min() ||
      member->integer > std::numeric_limits<int>::max()) {
    Fail(Tr("{0}: the number is too large", PathOf(key)));
    return std::nullopt;
  }
  return static_cast<int>(member->integer);
}

const JsonNode& JsonFields::Object(std::string_view key) {
  const JsonNode* member = Member(key, JsonNode::Type::kObject, false, "{0}: expected an object");
  return member ? *member : EmptyObject();
}

const JsonNode& JsonFields::Array(std::string_view key) {
  const JsonNode* member = Member(key, JsonNode::Type::kArray, false, "{0}: expected an array");
  return member ? *member : EmptyArray();
}

void JsonFields::Constant(std::string_view key, std::string_view expected) {
  std::string value = String(key);
  if (!error_ && value != expected) {
    Fail(Tr("{0}: expected \"{1}\", found \"{2}\"", PathOf(key), expected, value));
  }
}

void JsonFields::RefuseOthers() {
  for (const auto& [key, value] : object_.members) {
    if (!read_.contains(key)) Fail(Tr("{0}: unknown field", PathOf(key)));
  }
}

}  // namespace skillscore::internal
