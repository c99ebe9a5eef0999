// Windows-1251 detection and conversion, and the Russian column names.
#include "skillscore/text_encoding.h"

#include <gtest/gtest.h>

#include "skillscore/column_names.h"

namespace skillscore {
namespace {

// "участник;оценка\n" in Windows-1251.
const std::string kCp1251Header = "\xF3\xF7\xE0\xF1\xF2\xED\xE8\xEA;\xEE\xF6\xE5\xED\xEA\xE0\n";

TEST(TextEncodingTest, Cp1251IsDetectedAndConverted) {
  DecodedText decoded = DecodeText(kCp1251Header, TextEncoding::kAuto);
  EXPECT_TRUE(decoded.converted);
  EXPECT_EQ(decoded.utf8, "участник;оценка\n");
}

TEST(TextEncodingTest, Utf8IsLeftAsItIs) {
  DecodedText decoded = DecodeText("участник;оценка\n", TextEncoding::kAuto);
  EXPECT_FALSE(decoded.converted);
  EXPECT_EQ(decoded.utf8, "участник;оценка\n");
}

TEST(TextEncodingTest, BytesThatAreNotCyrillicAreLeftForTheReaderToReport) {
  // Control-range bytes of Windows-1251 (0x80…0x8F are mostly Serbian letters and symbols).
  std::string odd = "id\n\x81\x83\x8A\x8C\n";
  DecodedText decoded = DecodeText(odd, TextEncoding::kAuto);
  EXPECT_FALSE(decoded.converted);
  EXPECT_EQ(decoded.utf8, odd);
}

TEST(TextEncodingTest, AnEncodingGivenIsObeyed) {
  EXPECT_EQ(DecodeText(kCp1251Header, TextEncoding::kUtf8).utf8, kCp1251Header);
  EXPECT_EQ(DecodeText("id\n", TextEncoding::kCp1251).utf8, "id\n");
  EXPECT_EQ(EncodingFromName("CP1251"), TextEncoding::kCp1251);
  EXPECT_EQ(EncodingFromName("Windows-1251"), TextEncoding::kCp1251);
  EXPECT_EQ(EncodingFromName("utf8"), TextEncoding::kUtf8);
  EXPECT_EQ(EncodingFromName("koi8-r"), std::nullopt);
}

TEST(ColumnNamesTest, RussianNamesBecomeTheEnglishOnes) {
  EXPECT_EQ(CanonicalColumnName("Участник"), "candidate");
  EXPECT_EQ(CanonicalColumnName("АСПЕКТ"), "aspect");
  EXPECT_EQ(CanonicalColumnName("эксперт"), "judge");
  EXPECT_EQ(CanonicalColumnName("Оценка"), "value");
  EXPECT_EQ(CanonicalColumnName("Образовательная организация"), "organization");
  EXPECT_EQ(CanonicalColumnName("Ф.И.О."), "name");
  EXPECT_EQ(CanonicalColumnName("Примечание"), "note");
  EXPECT_EQ(CanonicalColumnName("value"), "value");
  EXPECT_EQ(CanonicalColumnName("отметка"), "отметка");
}

}  // namespace
}  // namespace skillscore
