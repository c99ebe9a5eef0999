#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "skillscore/csv.h"
#include "skillscore/exam_files.h"

namespace skillscore {
namespace {

using Messages = std::vector<std::string>;

// A1.1 pass_fail, A1.2 judgement, A1.3 ranged 0…10.
Rubric TestRubric() {
  Rubric rubric;
  rubric.code = "TEST";
  rubric.version = "1";
  rubric.max = 3;
  Subcriterion a1;
  a1.id = "A1";
  for (const char* id : {"A1.1", "A1.2", "A1.3"}) {
    Aspect aspect;
    aspect.id = id;
    aspect.section = "1";
    aspect.max = 1;
    a1.aspects.push_back(aspect);
  }
  a1.aspects[1].type = AspectType::kJudgement;
  a1.aspects[2].calculation = Calculation::kRanged;
  a1.aspects[2].ranges = {Range{0, 10, 0}};
  Module a;
  a.id = "A";
  a.subcriteria.push_back(a1);
  rubric.modules.push_back(a);
  rubric.IndexAspects();
  return rubric;
}

const std::vector<Candidate> kCandidates = {
    {"C1", "Ann", "College 1", CandidateStatus::kPresent},
    {"C2", "Bob", "College 2", CandidateStatus::kPresent},
};

const std::vector<Judge> kJudges = {
    {"J1", "Jan", "College 1", JudgeRole::kExpert},
    {"J2", "Jo", "", JudgeRole::kExpert},
};

// "line: message" for each diagnostic.
Messages Lines(const Diagnostics& diagnostics) {
  Messages lines;
  for (const Diagnostic& d : diagnostics) {
    EXPECT_EQ(d.file, "in.csv");
    lines.push_back(std::to_string(d.line) + ": " + d.message);
  }
  return lines;
}

class ReadMarksCsvTest : public ::testing::Test {
 protected:
  Messages Refusals(std::string_view text) {
    auto rows = ReadMarksCsv(text, "in.csv", context_);
    EXPECT_FALSE(rows.has_value());
    return rows ? Messages{} : Lines(rows.error());
  }

  Rubric rubric_ = TestRubric();
  MarkContext context_{&rubric_, &kCandidates, &kJudges, std::string("DE-1")};
};

TEST_F(ReadMarksCsvTest, ReadsRowsWithTheirLinesValuesAndNotes) {
  auto rows = ReadMarksCsv(
      "\xEF\xBB\xBF"
      "candidate;aspect;judge;value;note\r\n"
      "C2;A1.3;J1;0,5;\"re-measured,\r\ntwice\"\r\n"
      "\r\n"
      " C1 ;A1.2;J2; 3 ;\r\n",
      "in.csv", context_);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[0].entry.candidate, "C2");
  EXPECT_EQ((*rows)[0].entry.aspect, 2u);
  EXPECT_EQ((*rows)[0].entry.judge, "J1");
  EXPECT_EQ((*rows)[0].entry.value, (MarkValue{false, Rational::Of(1, 2)}));
  EXPECT_EQ((*rows)[0].note, "re-measured,\ntwice");
  EXPECT_EQ((*rows)[1].line, 5);
  EXPECT_EQ((*rows)[1].entry.candidate, "C1");
  EXPECT_EQ((*rows)[1].entry.aspect, 1u);
  EXPECT_EQ((*rows)[1].entry.value, (MarkValue{false, 3}));
  EXPECT_EQ((*rows)[1].note, "");
}

TEST_F(ReadMarksCsvTest, ReportsEveryBadRowByLine) {
  EXPECT_EQ(Refusals("exam,candidate,aspect,judge,value\n"
                     "DE-1,C9,A1.1,J1,yes\n"
                     "DE-2,C2,A1.2,J2,4\n"
                     "DE-1,C1,A1.1,J1,yes\n"),
            (Messages{
                "2: candidate \"C9\" is not registered for this exam",
                "3: exam \"DE-2\" does not match the exam being imported, \"DE-1\"",
                "3: value \"4\" for aspect A1.2 is out of range: expected a whole number from 0 "
                "to 3",
                "4: conflict of interest: judge \"J1\" and candidate \"C1\" are both from "
                "\"College 1\"; a judge may not mark a candidate of their own organisation "
                "(policy conflict_of_interest: organization)",
            }));
}

TEST_F(ReadMarksCsvTest, AFileThatIsNoValidTableIsRefusedForThatAlone) {
  EXPECT_EQ(Refusals("candidate,aspect,judge,value\n"
                     "C9,A1.1,J1,yes\n"
                     "C2,A1.1,J1\n"
                     "C2,A1.1,J1,\"yes\"no\n"),
            (Messages{
                "3: wrong number of fields: 3, expected 4 as in the header (delimiter \",\")",
                "4: text \"no\" after a closing quote: a quoted field must end at the delimiter "
                "\",\" or at the end of the line (write a quote inside quotes as \"\")",
            }));
}

TEST_F(ReadMarksCsvTest, RefusesWrongColumnsWithOrWithoutRows) {
  const Messages problems = {
      "1: unknown column \"score\": the columns of this file are candidate, aspect, judge, value, "
      "exam, note",
      "1: missing column \"value\""};
  EXPECT_EQ(Refusals("candidate,aspect,judge,score\nC9,A1.1,J1,yes\n"), problems);
  EXPECT_EQ(Refusals("candidate,aspect,judge,score\n"), problems);
}

TEST_F(ReadMarksCsvTest, AHeaderWithoutRowsGivesNoRows) {
  auto rows = ReadMarksCsv("candidate,aspect,judge,value\n", "in.csv", context_);
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->empty());
}

TEST_F(ReadMarksCsvTest, AnEmptyFileHasNoHeaderRow) {
  EXPECT_EQ(Refusals(" \n\n"), (Messages{"0: no header row: the file is empty"}));
}

// Whatever the text, the result is exactly that of ParseCsv followed by ReadMarks. The texts are
// marks files with good and bad values, ids, quoting, widths and bytes.
RC_GTEST_PROP(ReadMarksCsvPropertyTest, AgreesWithParseCsvThenReadMarks, ()) {
  const auto cell = rc::gen::elementOf(std::vector<std::string>{
      "C1", "C2",   " C2 ", "C9",     "",          "A1.1",   "A1.2", "A1.3", "Z",
      "J1", "J2",   "J9",   "yes",    "no",        "2",      "3",    "5,5",  "na",
      "7",  "DE-1", "DE-2", "\"J2\"", "\"a,\nb\"", "\"x\"y", "\xD0"});
  const std::vector<std::string> header = *rc::gen::elementOf(std::vector<std::vector<std::string>>{
      {"candidate", "aspect", "judge", "value"},
      {"exam", "candidate", "aspect", "judge", "value", "note"},
      {"candidate", "aspect", "judge", "score"}});
  const std::string delimiter = *rc::gen::weightedElement<std::string>({{9, ","}, {1, ";"}});
  const std::string line_end = *rc::gen::elementOf(std::vector<std::string>{"\n", "\r\n"});
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) text += (i == 0 ? "" : delimiter) + cells[i];
    return text + line_end;
  };
  std::string text = line(header);
  const int rows = *rc::gen::inRange(0, 6);
  for (int r = 0; r < rows; ++r) {
    const auto width = header.size() + *rc::gen::weightedElement<std::size_t>({{12, 0}, {1, 1}});
    text += line(*rc::gen::container<std::vector<std::string>>(width, cell));
  }
  const Rubric rubric = TestRubric();
  const MarkContext context{&rubric, &kCandidates, &kJudges, std::string("DE-1")};

  auto one_pass = ReadMarksCsv(text, "in.csv", context);
  auto table = ParseCsv(text, "in.csv");
  if (!table) {
    RC_ASSERT(!one_pass.has_value());
    RC_ASSERT(Lines(one_pass.error()) == Lines(table.error()));
    return;
  }
  auto two_steps = ReadMarks(*table, context);
  RC_ASSERT(one_pass.has_value() == two_steps.has_value());
  if (!one_pass) {
    RC_ASSERT(Lines(one_pass.error()) == Lines(two_steps.error()));
    return;
  }
  RC_ASSERT(one_pass->size() == two_steps->size());
  for (std::size_t i = 0; i < one_pass->size(); ++i) {
    const MarkRow& a = (*one_pass)[i];
    const MarkRow& b = (*two_steps)[i];
    RC_ASSERT(a.line == b.line);
    RC_ASSERT(a.entry.candidate == b.entry.candidate);
    RC_ASSERT(a.entry.aspect == b.entry.aspect);
    RC_ASSERT(a.entry.judge == b.entry.judge);
    RC_ASSERT(a.entry.value == b.entry.value);
    RC_ASSERT(a.note == b.note);
  }
}

// What ReadMarksCsv with a sink gave: every row handed over, then the diagnostics.
Messages Taken(const std::function<Diagnostics(const MarkRowSink&)>& read) {
  Messages taken;
  const Diagnostics diagnostics = read([&taken](const MarkRow& row) {
    taken.push_back(std::to_string(row.line) + " " + row.entry.candidate + " " +
                    std::to_string(row.entry.aspect) + " " + row.entry.judge + " " +
                    (row.entry.value.not_attempted ? "na" : row.entry.value.number.ToDecimal(4)) +
                    " " + row.note);
  });
  for (const std::string& line : Lines(diagnostics)) taken.push_back(line);
  return taken;
}

// Read from a stream a few bytes at a time, so that rows, quoted fields, CRLF, the BOM and bad
// UTF-8 fall across the pieces, a marks file gives exactly what its whole text gives.
RC_GTEST_PROP(ReadMarksCsvPropertyTest, AStreamReadInPiecesAgreesWithTheWholeText, ()) {
  const auto cell = rc::gen::elementOf(std::vector<std::string>{
      "C1",     "C2",        " C2 ",       "C9",     "",     "A1.1",     "A1.2", "A1.3",
      "J1",     "J2",        "yes",        "2",      "5,5",  "na",       "7",    "DE-1",
      "\"J2\"", "\"a,\nb\"", "\"c\r\nd\"", "\"x\"y", "\xD0", "\xD0\x96", "\""});
  const std::vector<std::string> header = *rc::gen::elementOf(std::vector<std::vector<std::string>>{
      {"candidate", "aspect", "judge", "value"},
      {"exam", "candidate", "aspect", "judge", "value", "note"},
      {"candidate", "aspect", "judge", "\"value\nnote\""}});
  const std::string delimiter = *rc::gen::weightedElement<std::string>({{9, ","}, {1, ";"}});
  const std::string line_end = *rc::gen::elementOf(std::vector<std::string>{"\n", "\r\n"});
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) text += (i == 0 ? "" : delimiter) + cells[i];
    return text + line_end;
  };
  std::string text = *rc::gen::elementOf(std::vector<std::string>{"", "\xEF\xBB\xBF"});
  text += *rc::gen::elementOf(std::vector<std::string>{"", "\n", " \r\n\n"});
  text += line(header);
  const int rows = *rc::gen::inRange(0, 8);
  for (int r = 0; r < rows; ++r) {
    const auto width = header.size() + *rc::gen::weightedElement<std::size_t>({{12, 0}, {1, 1}});
    text += line(*rc::gen::container<std::vector<std::string>>(width, cell));
  }
  if (*rc::gen::arbitrary<bool>()) text.resize(text.size() - line_end.size());
  const std::size_t piece_size = *rc::gen::inRange<std::size_t>(1, 12);
  const Rubric rubric = TestRubric();
  const MarkContext context{&rubric, &kCandidates, &kJudges, std::string("DE-1")};

  const Messages whole =
      Taken([&](const MarkRowSink& take) { return ReadMarksCsv(text, "in.csv", context, take); });
  const Messages in_pieces = Taken([&](const MarkRowSink& take) {
    std::istringstream in(text);
    return ReadMarksCsv(in, "in.csv", context, take, piece_size);
  });
  RC_ASSERT(in_pieces == whole);
}

// Found by fuzz/csv_fuzzer: growing the stream's buffer moved it while the reader still looked at
// the old storage (a use after free under AddressSanitizer). Read in pieces of 7 bytes, the file
// must give what it gives whole.
TEST(ReadMarksCsvStreamTest, GrowingTheBufferKeepsTheTextValid) {
  const std::string text = "i\x9c\"name\t,prganizativoleusn\x1ate\n\nC1,A,B,sick\nC2,A,B,sick\nC1" +
                           std::string(52, '\xff') + ",A,B,\n";
  const Rubric rubric = TestRubric();
  const MarkContext context{&rubric, &kCandidates, &kJudges, std::nullopt};
  const Messages whole = Lines(ReadMarksCsv(text, "in.csv", context, [](const MarkRow&) {}));
  std::istringstream in(text);
  const Messages streamed = Lines(ReadMarksCsv(
      in, "in.csv", context, [](const MarkRow&) {}, 7));
  EXPECT_EQ(streamed, whole);
  EXPECT_EQ(whole,
            (Messages{
                "1: invalid UTF-8 (byte 0x9C): save the file as UTF-8 (\"CSV UTF-8\")",
                "3: wrong number of fields: 4, expected 2 as in the header (delimiter \",\")",
                "4: wrong number of fields: 4, expected 2 as in the header (delimiter \",\")",
                "5: invalid UTF-8 (byte 0xFF): save the file as UTF-8 (\"CSV UTF-8\")",
                "5: wrong number of fields: 4, expected 2 as in the header (delimiter \",\")",
            }));
}

// An endless input without line ends, as /dev/zero is.
class EndlessZeros : public std::streambuf {
 protected:
  int_type underflow() override {
    setg(zeros_, zeros_, zeros_ + sizeof zeros_);
    return 0;
  }

 private:
  char zeros_[4096] = {};
};

// Issue 17, item 7: `marks import X /dev/zero` read until memory ran out. The reader stops after
// kMaxCsvLineBytes of one line and says so.
TEST(ReadMarksCsvStreamTest, AnEndlessLineStopsTheReading) {
  EndlessZeros zeros;
  std::istream in(&zeros);
  const Rubric rubric = TestRubric();
  const MarkContext context{&rubric, &kCandidates, &kJudges, std::nullopt};
  const Diagnostics diagnostics = ReadMarksCsv(
      in, "in.csv", context, [](const MarkRow&) {}, 1 << 16);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].line, 1);
  std::string escaped;
  for (int i = 0; i < 40; ++i) escaped += "\\x00";
  EXPECT_EQ(diagnostics[0].message, "line longer than 1048576 bytes, the most a line may hold: \"" +
                                        escaped + "… (1114112 bytes)\"");
}

}  // namespace
}  // namespace skillscore
