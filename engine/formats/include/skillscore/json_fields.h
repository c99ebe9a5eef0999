// Reading the fields of a strict JSON object (json_value.h) into a C++ struct: each field must be
// there with its type, and no other field may be. The first fault is kept, named by its path
// ("record.sections[2].mark: expected a string"), and later reads return empty values, so that a
// reader is a plain sequence of reads followed by one check of error().
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "skillscore/json_value.h"

namespace skillscore::internal {

class JsonFields {
 public:
  // `path` names the object in messages ("record", "sections[2]"); an empty path is the top level.
  JsonFields(const JsonNode& object, std::string path, std::optional<std::string>& error);

  std::string String(std::string_view key);
  std::optional<std::string> StringOrNull(std::string_view key);
  // A string member added to a format later, so absent from older files: "" when absent.
  std::string StringIfPresent(std::string_view key);
  std::optional<int> IntegerOrNull(std::string_view key);
  std::int64_t WholeNumber(std::string_view key);
  std::optional<std::int64_t> WholeNumberOrNull(std::string_view key);
  bool Bool(std::string_view key);
  // A member that must be an object (an empty one after a fault).
  const JsonNode& Object(std::string_view key);
  // A member that must be an array (an empty one after a fault).
  const JsonNode& Array(std::string_view key);
  // Calls read(item, path) for each item of an array member, its path naming it ("judges[2]").
  template <typename Read>
  void Each(std::string_view key, Read read) {
    const JsonNode& items = Array(key);
    for (std::size_t i = 0; i < items.items.size(); ++i) {
      read(items.items[i], fmt::format("{}[{}]", PathOf(key), i));
    }
  }
  // The member, which must equal `expected` (a format name such as "skillscore-passport/1").
  void Constant(std::string_view key, std::string_view expected);

  // Records a fault unless every member was read. Call after the last read.
  void RefuseOthers();

  // The path of a member, for nested readers: "record.sections".
  std::string PathOf(std::string_view key) const;

 private:
  // The member if it has `type`; nullptr after recording a fault, or for null when allowed.
  const JsonNode* Member(std::string_view key, JsonNode::Type type, bool null_allowed,
                         const char* expected);
  void Fail(std::string message);

  const JsonNode& object_;
  std::string path_;
  std::optional<std::string>& error_;
  std::set<std::string, std::less<>> read_;
};

}  // namespace skillscore::internal
