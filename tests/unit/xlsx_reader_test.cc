// The workbook reader's own rules: the decimal a stored number displays, cell names, and the
// refusal of a part that unpacks past the bound even when the ZIP directory claims it is small.
#include "skillscore/xlsx_reader.h"

#include <gtest/gtest.h>

#include "paths.h"
#include "process.h"

namespace skillscore {
namespace {

TEST(XlsxReaderTest, NumbersReadAsTheDecimalExcelDisplays) {
  struct Case {
    std::string stored;
    std::optional<std::string> displayed;
  };
  for (const Case& c : std::vector<Case>{{"24.749999999999993", "24.75"},
                                         {"0.30000000000000004", "0.3"},
                                         {"3.5000000000000004", "3.5"},
                                         {"0E-8", "0"},
                                         {"1E-3", "0.001"},
                                         {"-2.5", "-2.5"},
                                         {"100", "100"},
                                         {"1e21", "1000000000000000000000"},
                                         {"123456789.123456", "123456789.123456"},
                                         {"abc", std::nullopt},
                                         {"", std::nullopt},
                                         {"inf", std::nullopt}}) {
    EXPECT_EQ(DisplayedDecimal(c.stored), c.displayed) << c.stored;
  }
}

TEST(XlsxReaderTest, CellsAreNamedAsExcelNamesThem) {
  EXPECT_EQ(CellName({57, 11}), "K57");
  EXPECT_EQ(CellName({1, 26}), "Z1");
  EXPECT_EQ(CellName({3, 27}), "AA3");
  EXPECT_EQ(CellName({9, 16384}), "XFD9");
}

TEST(XlsxReaderTest, TextIsNotAWorkbook) {
  EXPECT_TRUE(LooksLikeWorkbook("PK\x03\x04rest"));
  EXPECT_TRUE(LooksLikeWorkbook("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"));
  EXPECT_FALSE(LooksLikeWorkbook("format: skillscore-rubric/1\n"));
}

// bomb.xlsx (make_workbooks.py): a sheet of 2 MiB whose ZIP headers say 1000 bytes.
TEST(XlsxReaderTest, APartUnpackingPastTheBoundIsRefused) {
  testing::TempDir dir;
  testing::RunResult made = testing::Run(
      "/usr/bin/python3", {testing::SourcePath("tests/e2e/xlsx/make_workbooks.py"), dir.path()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string bytes = testing::ReadFile(dir.File("bomb.xlsx"));
  auto workbook = XlsxWorkbook::Open(bytes, {.max_unpacked_bytes = 1 << 20});
  ASSERT_TRUE(workbook) << workbook.error();
  auto sheet = workbook->Sheet("CIS Marking Scheme Import");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error(),
            "the workbook's part 'xl/worksheets/sheet1.xml' unpacks to more than 1 MiB; refused as "
            "a possible ZIP bomb");
  auto roomy = XlsxWorkbook::Open(bytes, {.max_unpacked_bytes = 4 << 20});
  ASSERT_TRUE(roomy);
  auto read = roomy->Sheet("CIS Marking Scheme Import");
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->At({1, 1}).value, "17 Web Development");
  EXPECT_EQ(read->At({19, 11}).value, "0.30000000000000004");
  EXPECT_EQ(read->At({19, 11}).kind, XlsxCell::Kind::kNumber);
  EXPECT_TRUE(read->At({4, 10}).formula);
}

}  // namespace
}  // namespace skillscore
