// Utf8Prefix (utf8.h): a byte limit never cuts a character in two.
#include <gtest/gtest.h>

#include "skillscore/utf8.h"

namespace skillscore {
namespace {

TEST(Utf8PrefixTest, ALimitInsideACharacterStopsBeforeIt) {
  const std::string text = "Эксперт";  // 7 letters of 2 bytes each
  EXPECT_EQ(Utf8Prefix(text, 5), 4u);
  EXPECT_EQ(Utf8Prefix(text, 4), 4u);
  EXPECT_EQ(Utf8Prefix(text, 1), 0u);
  EXPECT_EQ(Utf8Prefix("a€b", 3), 1u);  // € takes bytes 1–3
  EXPECT_EQ(Utf8Prefix("a€b", 4), 4u);
}

TEST(Utf8PrefixTest, ALimitPastTheEndKeepsEverything) {
  EXPECT_EQ(Utf8Prefix("Лист1", 31), 9u);
  EXPECT_EQ(Utf8Prefix("", 0), 0u);
  EXPECT_EQ(Utf8Prefix("abc", 2), 2u);
}

}  // namespace
}  // namespace skillscore
