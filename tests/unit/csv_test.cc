#include "skillscore/csv.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using Fields = std::vector<std::string>;

CsvTable Parse(std::string_view text) {
  auto table = ParseCsv(text, "in.csv");
  EXPECT_TRUE(table.has_value());
  if (!table) {
    for (const Diagnostic& d : table.error()) ADD_FAILURE() << FormatDiagnostic(d);
    return {};
  }
  return *table;
}

// "line: message" for each diagnostic, to compare whole error lists at once.
std::vector<std::string> Errors(std::string_view text) {
  auto table = ParseCsv(text, "in.csv");
  EXPECT_FALSE(table.has_value());
  if (table) return {};
  std::vector<std::string> errors;
  for (const Diagnostic& d : table.error()) {
    EXPECT_EQ(d.file, "in.csv");
    EXPECT_EQ(d.severity, Severity::kError);
    errors.push_back(std::to_string(d.line) + ": " + d.message);
  }
  return errors;
}

std::vector<std::string> ColumnErrors(std::string_view text) {
  std::vector<std::string> errors;
  for (const Diagnostic& d :
       CheckColumns(Parse(text), {"id", "name", "organization"}, {"status"})) {
    errors.push_back(std::to_string(d.line) + ": " + d.message);
  }
  return errors;
}

TEST(CsvTest, ReadsCommaSeparatedRowsWithTheirLines) {
  CsvTable table = Parse("id,name\nC1,Ann\nC2,Bob");
  EXPECT_EQ(table.file, "in.csv");
  EXPECT_EQ(table.delimiter, ',');
  EXPECT_EQ(table.header_line, 1);
  EXPECT_EQ(table.header, (Fields{"id", "name"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].line, 2);
  EXPECT_EQ(table.rows[0].fields, (Fields{"C1", "Ann"}));
  EXPECT_EQ(table.rows[1].line, 3);
  EXPECT_EQ(table.rows[1].fields, (Fields{"C2", "Bob"}));
  EXPECT_EQ(table.Column("name"), 1u);
  EXPECT_EQ(table.Column("status"), std::nullopt);
}

TEST(CsvTest, DetectsSemicolonFromTheHeader) {
  CsvTable table = Parse("id;name;organization\nC1;Иванов Иван;Колледж №1, Москва\n");
  EXPECT_EQ(table.delimiter, ';');
  EXPECT_EQ(table.header, (Fields{"id", "name", "organization"}));
  EXPECT_EQ(table.rows[0].fields, (Fields{"C1", "Иванов Иван", "Колледж №1, Москва"}));
}

TEST(CsvTest, SemicolonWinsWhenTheHeaderHasBoth) {
  EXPECT_EQ(Parse("id;name,x\n1;2\n").header, (Fields{"id", "name,x"}));
}

TEST(CsvTest, DelimitersInsideQuotedHeaderNamesAreNotCounted) {
  CsvTable table = Parse("\"a;b\",c\n1,2\n");
  EXPECT_EQ(table.delimiter, ',');
  EXPECT_EQ(table.header, (Fields{"a;b", "c"}));
}

TEST(CsvTest, SingleColumnUsesComma) { EXPECT_EQ(Parse("id\nC1\n").delimiter, ','); }

TEST(CsvTest, SkipsTheByteOrderMark) {
  CsvTable table = Parse("\xEF\xBB\xBFid;name\nC1;Ann\n");
  EXPECT_EQ(table.header, (Fields{"id", "name"}));
  EXPECT_EQ(table.delimiter, ';');
  EXPECT_EQ(table.rows[0].line, 2);
}

TEST(CsvTest, QuotedFieldsHoldDelimitersAndDoubledQuotes) {
  CsvTable table = Parse("id,name\nC1,\"Smith, John\"\nC2,\"say \"\"hi\"\"\"\nC3,\"\"\n");
  EXPECT_EQ(table.rows[0].fields, (Fields{"C1", "Smith, John"}));
  EXPECT_EQ(table.rows[1].fields, (Fields{"C2", "say \"hi\""}));
  EXPECT_EQ(table.rows[2].fields, (Fields{"C3", ""}));
}

TEST(CsvTest, EmbeddedNewlineKeepsLineNumbersOfLaterRows) {
  CsvTable table = Parse("id,note\nC1,\"line one\nline two\n\"\nC2,x\n");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].line, 2);
  EXPECT_EQ(table.rows[0].fields[1], "line one\nline two\n");
  EXPECT_EQ(table.rows[1].line, 5);
}

TEST(CsvTest, ReadsCrlfLineEndsAndTurnsEmbeddedCrlfIntoLf) {
  CsvTable table = Parse("id,name\r\nC1,Ann\r\nC2,\"a\r\nb\"\r\nC3,Carl\r\n");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.header, (Fields{"id", "name"}));
  EXPECT_EQ(table.rows[0].fields, (Fields{"C1", "Ann"}));
  EXPECT_EQ(table.rows[1].fields, (Fields{"C2", "a\nb"}));
  EXPECT_EQ(table.rows[2].line, 5);
}

TEST(CsvTest, TrimsUnquotedFieldsButKeepsQuotedOnesAsWritten) {
  CsvTable table = Parse("id,name,note\n  C1 ,  \" Ann \" , Ann \"Bo\" Lee \n");
  EXPECT_EQ(table.rows[0].fields, (Fields{"C1", " Ann ", "Ann \"Bo\" Lee"}));
}

// Issue 17, item 6: a tab is data, never trimmed, so "\t=1+1" is not read as the formula "=1+1"
// (the readers of ids and names then refuse it as a control character).
TEST(CsvTest, KeepsTabsAroundUnquotedFields) {
  CsvTable table = Parse("id,name\nC1,\t=1+1\nC2, \tB\t \n");
  EXPECT_EQ(table.rows[0].fields, (Fields{"C1", "\t=1+1"}));
  EXPECT_EQ(table.rows[1].fields, (Fields{"C2", "\tB\t"}));
}

// Issue 17, item 7: a field is bounded, and its error quotes a short excerpt, not the field.
TEST(CsvTest, RefusesAnOverlongFieldQuotingAnExcerpt) {
  const std::string huge(kMaxCsvFieldBytes + 1, 'x');
  const std::string excerpt = std::string(40, 'x') + "… (65537 bytes)";
  EXPECT_EQ(
      Errors("id,name\nC1," + huge + "\nC2,ok\n"),
      (std::vector<std::string>{"2: field longer than 65536 bytes, the most a field may hold: \"" +
                                excerpt + "\""}));
  EXPECT_EQ(
      Errors("id,name\nC1,\"" + huge + "\"\n"),
      (std::vector<std::string>{"2: field longer than 65536 bytes, the most a field may hold: \"" +
                                excerpt + "\""}));
  Parse("id,name\nC1," + std::string(kMaxCsvFieldBytes, 'x') + "\n");
}

TEST(CsvTest, TrimsHeaderNames) {
  EXPECT_EQ(Parse(" id ;\tname ;\" organization \"\n1;2;3\n").header,
            (Fields{"id", "name", "organization"}));
}

TEST(CsvTest, KeepsDecimalCommaValuesAsText) {
  EXPECT_EQ(Parse("aspect;value\nA1.1;0,5\n").rows[0].fields[1], "0,5");
  EXPECT_EQ(Parse("aspect,value\nA1.1,\"0,5\"\n").rows[0].fields[1], "0,5");
}

TEST(CsvTest, SkipsBlankLinesAndRowsOfEmptyFields) {
  CsvTable table = Parse("\n  \nid;name\n\n;\n\"\";\nC1;Ann\n \n");
  EXPECT_EQ(table.header_line, 3);
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].line, 7);
}

TEST(CsvTest, KeepsAnEmptyLastFieldAfterATrailingDelimiter) {
  EXPECT_EQ(Parse("a,b,c\n1,2,\n").rows[0].fields, (Fields{"1", "2", ""}));
}

TEST(CsvTest, ReportsEveryRowWithTheWrongNumberOfFields) {
  EXPECT_EQ(Errors("id,name\nC1\nC2,Ann\nC3,Bob,extra\n"),
            (std::vector<std::string>{
                "2: wrong number of fields: 1, expected 2 as in the header (delimiter \",\")",
                "4: wrong number of fields: 3, expected 2 as in the header (delimiter \",\")"}));
}

TEST(CsvTest, CommaRowsInASemicolonFileNameTheDelimiter) {
  EXPECT_EQ(Errors("id;name\nC1,Ann\n"),
            (std::vector<std::string>{
                "2: wrong number of fields: 1, expected 2 as in the header (delimiter \";\")"}));
}

TEST(CsvTest, UnterminatedQuoteIsReportedAtTheLineItOpens) {
  EXPECT_EQ(Errors("id,name\nC1,Ann\nC2,\"Bob\nC3,Carl\n"),
            (std::vector<std::string>{"3: unterminated quote: the quoted field that starts on "
                                      "this line has no closing quote"}));
}

TEST(CsvTest, TextAfterAClosingQuoteIsAnError) {
  EXPECT_EQ(Errors("id,name\nC1,\"Ann\"x y,\nC2,Bob\n"),
            (std::vector<std::string>{
                "2: text \"x y\" after a closing quote: a quoted field must end at the delimiter "
                "\",\" or at the end of the line (write a quote inside quotes as \"\")"}));
}

TEST(CsvTest, EmptyFileHasNoHeaderRow) {
  for (std::string_view empty : {"", "\n\n", " \r\n\t\n", "\xEF\xBB\xBF", ";;\n;\n"}) {
    EXPECT_EQ(Errors(empty), (std::vector<std::string>{"0: no header row: the file is empty"}))
        << empty;
  }
}

TEST(CsvTest, ReportsInvalidUtf8OncePerLine) {
  // "Иван" saved as Windows-1251, then an overlong encoding of '/' and a lone continuation byte.
  EXPECT_EQ(Errors("id,name\nC1,\xC8\xE2\xE0\xED\nC2,\xC0\xAF\nC3,ok\nC4,\x80\n"),
            (std::vector<std::string>{
                "2: invalid UTF-8 (byte 0xC8): save the file as UTF-8 (\"CSV UTF-8\")",
                "3: invalid UTF-8 (byte 0xC0): save the file as UTF-8 (\"CSV UTF-8\")",
                "5: invalid UTF-8 (byte 0x80): save the file as UTF-8 (\"CSV UTF-8\")"}));
}

TEST(CsvTest, RefusesSurrogatesAndTruncatedSequences) {
  EXPECT_EQ(Errors("id\n\xED\xA0\x80\n").size(), 1u);
  EXPECT_EQ(Errors("id\n\xF4\x90\x80\x80\n").size(), 1u);
  EXPECT_EQ(Errors("id\nab\xE2\x82").size(), 1u);
  EXPECT_EQ(Parse("id\n\xF0\x9F\x98\x80 \xE2\x82\xAC\n").rows[0].fields[0],
            "\xF0\x9F\x98\x80 \xE2\x82\xAC");
}

TEST(CsvTest, ReportsDifferentProblemsTogetherInLineOrder) {
  EXPECT_EQ(Errors("id,name\nC1\nC2,\xC8\n"),
            (std::vector<std::string>{
                "2: wrong number of fields: 1, expected 2 as in the header (delimiter \",\")",
                "3: invalid UTF-8 (byte 0xC8): save the file as UTF-8 (\"CSV UTF-8\")"}));
}

TEST(CsvTest, AcceptsTheColumnsOfAFileKindInAnyOrder) {
  EXPECT_TRUE(ColumnErrors("organization,id,name\n").empty());
  EXPECT_TRUE(ColumnErrors("status,organization,id,name\n").empty());
}

TEST(CsvTest, ReportsUnknownMissingAndRepeatedColumns) {
  EXPECT_EQ(ColumnErrors("\nid,name,id,colour\n"),
            (std::vector<std::string>{
                "2: column \"id\" appears more than once",
                "2: unknown column \"colour\": the columns of this file are id, name, "
                "organization, status",
                "2: missing column \"organization\""}));
}

TEST(CsvTest, ColumnNamesAreCaseSensitive) {
  EXPECT_EQ(ColumnErrors("ID,name,organization\n"),
            (std::vector<std::string>{"1: unknown column \"ID\": the columns of this file are id, "
                                      "name, organization, status",
                                      "1: missing column \"id\""}));
}

TEST(CsvTest, MessagesAreTranslated) {
  SetLanguage(Language::kRussian);
  auto table = ParseCsv("", "in.csv");
  SetLanguage(Language::kEnglish);
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error()[0].message, "нет строки заголовка: файл пуст");
}

// Any table written with RFC 4180 quoting (every field quoted, quotes doubled) reads back as it
// was, whatever delimiters, quotes, spaces and line breaks its values hold.
RC_GTEST_PROP(CsvTest, QuotedTablesRoundTrip, ()) {
  const auto value = rc::gen::container<std::string>(
      rc::gen::elementOf(std::vector<char>{'a', 'Z', '0', ' ', ',', ';', '"', '\n', '\t'}));
  const auto rows = *rc::gen::container<std::vector<Fields>>(
      rc::gen::container<Fields>(3, rc::gen::map(value, [](std::string v) { return "x" + v; })));
  const char delimiter = *rc::gen::elementOf(std::vector<char>{',', ';'});
  const std::string line_end = *rc::gen::elementOf(std::vector<std::string>{"\n", "\r\n"});
  auto quoted = [](const std::string& field) {
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string text = std::string("a") + delimiter + "b" + delimiter + "c" + line_end;
  for (const Fields& row : rows) {
    text += quoted(row[0]) + delimiter + quoted(row[1]) + delimiter + quoted(row[2]) + line_end;
  }
  auto table = ParseCsv(text, "in.csv");
  RC_ASSERT(table.has_value());
  RC_ASSERT(table->delimiter == delimiter);
  RC_ASSERT(table->rows.size() == rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) RC_ASSERT(table->rows[r].fields == rows[r]);
}

// Whatever the bytes, the result is a table whose rows are as wide as its header, with rising
// line numbers, or at least one error.
RC_GTEST_PROP(CsvTest, AnyTextGivesATableOrErrors, ()) {
  const auto text = *rc::gen::container<std::string>(rc::gen::oneOf(
      rc::gen::elementOf(std::vector<char>{'a', ' ', ',', ';', '"', '\n', '\r', '\xD0', '\x96'}),
      rc::gen::arbitrary<char>()));
  auto table = ParseCsv(text, "in.csv");
  if (!table) {
    RC_ASSERT(!table.error().empty());
    return;
  }
  RC_ASSERT(!table->header.empty());
  int previous_line = table->header_line;
  for (const CsvRow& row : table->rows) {
    RC_ASSERT(row.fields.size() == table->header.size());
    RC_ASSERT(row.line > previous_line);
    previous_line = row.line;
  }
}

}  // namespace
}  // namespace skillscore
