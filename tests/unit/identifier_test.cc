// Identifiers and text fields from outside (issue 17, items 1, 5 and 10): what is refused at the
// door, and how untrusted values are shown.
#include "skillscore/identifier.h"

#include <gtest/gtest.h>

#include <string>

namespace skillscore {
namespace {

using namespace std::string_literals;

TEST(IdentifierTest, OrdinaryIdsAreAccepted) {
  for (const char* id : {"T-2026-01", "C1", "E2", "WS-WEB-2026", "2026.2", "Иванов_1", "a.b"}) {
    EXPECT_EQ(IdentifierProblem("id", id), std::nullopt) << id;
  }
  EXPECT_EQ(IdentifierProblem("id", std::string(kMaxIdentifierBytes, 'x')), std::nullopt);
}

TEST(IdentifierTest, PathsAreRefused) {
  EXPECT_EQ(IdentifierProblem("exam id", "/home/someone/ABS"),
            "exam id \"/home/someone/ABS\" holds '/', '\\' or \"..\": an id must not look like "
            "a path");
  for (const char* id : {"../../PWN", "..", "a/b", "a\\b", "x..y"}) {
    EXPECT_NE(IdentifierProblem("id", id), std::nullopt) << id;
  }
}

TEST(IdentifierTest, ControlCharactersAndNulAreRefusedAndShownEscaped) {
  EXPECT_EQ(IdentifierProblem("id", "C\0a"s),
            "id \"C\\x00a\" holds the control character \\x00: "
            "remove it");
  EXPECT_EQ(IdentifierProblem("id", "C\x1b[31m"),
            "id \"C\\x1B[31m\" holds the control character "
            "\\x1B: remove it");
  EXPECT_EQ(IdentifierProblem("id", "C\t1"),
            "id \"C\\t1\" holds the control character \\t: "
            "remove it");
  // C1 controls (U+0080–U+009F) too: U+009B is a terminal's one-byte CSI.
  EXPECT_EQ(IdentifierProblem("id",
                              "C\xC2\x9B"
                              "2J"),
            "id \"C\\xC2\\x9B2J\" holds the control character \\xC2\\x9B: remove it");
  EXPECT_EQ(IdentifierProblem("id", "C\x7f"),
            "id \"C\\x7F\" holds the control character \\x7F: "
            "remove it");
}

TEST(IdentifierTest, EmptyAndOverlongIdsAreRefused) {
  EXPECT_EQ(IdentifierProblem("id", ""), "id is empty");
  EXPECT_EQ(IdentifierProblem("id", std::string(kMaxIdentifierBytes + 1, 'x')),
            "id \"" + std::string(60, 'x') + "… (129 bytes)\" is too long: at most 128 bytes");
}

TEST(IdentifierTest, TextFieldsAllowLineBreaksOnlyWhereTextSpansLines) {
  EXPECT_EQ(TextProblem("name", "Иванов Иван"), std::nullopt);
  EXPECT_EQ(TextProblem("name", "\t=1+1"),
            "name \"\\t=1+1\" holds the control character \\t: "
            "remove it");
  EXPECT_NE(TextProblem("name", "two\nlines"), std::nullopt);
  EXPECT_EQ(TextProblem("note", "two\nlines\tindented", TextLines::kMultiple), std::nullopt);
  EXPECT_EQ(TextProblem("note", "bell\a", TextLines::kMultiple),
            "note \"bell\\x07\" holds the control character \\x07: remove it");
  EXPECT_EQ(TextProblem("name", "N\0x"s),
            "name \"N\\x00x\" holds the control character \\x00: "
            "remove it");
  EXPECT_NE(TextProblem("name", std::string(kMaxTextBytes + 1, 'x')), std::nullopt);
}

TEST(IdentifierTest, ShownValueIsShortAndNeverCutsACharacter) {
  EXPECT_EQ(ShownValue("abc"), "abc");
  EXPECT_EQ(ShownValue("\x1b]0;title\a"), "\\x1B]0;title\\x07");
  // 'я' takes two bytes: a limit that falls inside it keeps the whole letter out.
  EXPECT_EQ(ShownValue("яяя", 3), "я… (6 bytes)");
  EXPECT_EQ(ShownValue(std::string(100'000'000, 'z'), 5), "zzzzz… (100000000 bytes)");
}

TEST(IdentifierTest, SafeFileNamesStayInTheirFolder) {
  EXPECT_EQ(SafeFileName("T-2026-01-C1-1"), "T-2026-01-C1-1");
  EXPECT_EQ(SafeFileName("/home/someone/ABS-C1-1"), "_home_someone_ABS-C1-1");
  EXPECT_EQ(SafeFileName("../../PWN"), "_._.._PWN");
  EXPECT_EQ(SafeFileName("N1-C\0a"s), "N1-C_a");
  EXPECT_EQ(SafeFileName("a:b*c?d\"e<f>g|h\\i"), "a_b_c_d_e_f_g_h_i");
}

}  // namespace
}  // namespace skillscore
