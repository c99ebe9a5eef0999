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

}  // namespace
}  // namespace skillscore
