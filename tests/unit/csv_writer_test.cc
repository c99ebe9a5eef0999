#include "skillscore/csv_writer.h"

#include <gtest/gtest.h>

namespace skillscore {
namespace {

TEST(CsvWriterTest, JoinsPlainFieldsWithTheDelimiter) {
  EXPECT_EQ(CsvRecord({"C001", "Иванов Иван", "", "52.17"}), "C001,Иванов Иван,,52.17\n");
  EXPECT_EQ(CsvRecord({"52,17", "x"}, ';'), "52,17;x\n");
}

TEST(CsvWriterTest, QuotesFieldsHoldingTheDelimiterQuotesLineBreaksOrEdgeSpaces) {
  EXPECT_EQ(CsvRecord({"a,b", "say \"hi\"", "two\nlines", "cr\r", " lead", "trail "}),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\" lead\",\"trail \"\n");
  // A comma is plain text when the delimiter is ';', and the other way round.
  EXPECT_EQ(CsvRecord({"52,17", "a;b"}, ';'), "52,17;\"a;b\"\n");
  EXPECT_EQ(CsvRecord({"a;b"}, ','), "a;b\n");
}

// Issue 17, item 6: what a spreadsheet would run as a formula is written as text.
TEST(CsvWriterTest, PrefixesCellsThatSpreadsheetsWouldRunAsFormulas) {
  EXPECT_EQ(CsvRecord({"=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3", "\t=1+1"}),
            "'=cmd|' /C calc'!A0,'+1+1,'@SUM(A1),'-2+3,'\t=1+1\n");
  EXPECT_EQ(CsvRecord({"\r=1"}), "\"'\r=1\"\n");
  EXPECT_EQ(CsvRecord({"=a,b"}), "\"'=a,b\"\n");
  EXPECT_EQ(CsvRecord({"-", "+", "=", "@"}), "'-,'+,'=,'@\n");
}

TEST(CsvWriterTest, NumbersStayNumbers) {
  EXPECT_EQ(CsvRecord({"-2", "-2.50", "+1", "-0.25", "C-1", "a=b"}), "-2,-2.50,+1,-0.25,C-1,a=b\n");
  EXPECT_EQ(CsvRecord({"-1,5", "-1.5e3"}, ';'), "-1,5;'-1.5e3\n");
}

}  // namespace
}  // namespace skillscore
