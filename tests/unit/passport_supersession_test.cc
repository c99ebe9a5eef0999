#include "skillscore/passport_supersession.h"

#include <gtest/gtest.h>

namespace skillscore {
namespace {

CsvTable Register(const std::string& text) { return ParseCsv(text, "passports.csv").value(); }

TEST(PassportSupersessionTest, TheRegisterNamesTheSuccessor) {
  CsvTable table = Register(
      "number;candidate;name;supersedes\n"
      "E1-C1-1;C1;Ann;\n"
      "E1-C1-2;C1;Ann;E1-C1-1\n"
      "E1-C2-1;C2;Bob;\n");
  EXPECT_EQ(SupersededInRegister(table, "E1-C1-1").value(), "E1-C1-2");
  EXPECT_EQ(SupersededInRegister(table, "E1-C1-2").value(), std::nullopt);
  EXPECT_EQ(SupersededInRegister(table, "E1-C2-1").value(), std::nullopt);
}

TEST(PassportSupersessionTest, AFileWithoutTheColumnsIsNotARegister) {
  auto found = SupersededInRegister(Register("id,name\nC1,Ann\n"), "E1-C1-1");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().file, "passports.csv");
  EXPECT_EQ(found.error().line, 1);
  EXPECT_EQ(found.error().message,
            "not a passport register: expected the columns 'number' and 'supersedes'");
}

TEST(PassportSupersessionTest, ANewerRecordSupersedesTheNumberItNames) {
  PassportRecord newer;
  newer.number = "E1-C1-2";
  EXPECT_FALSE(Supersedes(newer, "E1-C1-1"));
  newer.supersedes = "E1-C1-1";
  EXPECT_TRUE(Supersedes(newer, "E1-C1-1"));
  EXPECT_FALSE(Supersedes(newer, "E1-C1-3"));
}

}  // namespace
}  // namespace skillscore
