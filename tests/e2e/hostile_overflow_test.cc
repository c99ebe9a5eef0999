// Issue 17, item 4: valid rubrics whose exact results outgrow 64-bit rationals must be scored, not
// refused with "internal error: rational arithmetic overflow". The two reproductions of the issue
// are in tests/e2e/data/overflow-*/ (rubric, candidates, judges, marks); their expected results
// come from the Python oracle (tests/oracle/score.py --rubric … --sample … --out
// tests/e2e/expected/overflow-*), which uses exact fractions of any size.
#include <gtest/gtest.h>

#include "db_support.h"
#include "json_reader.h"
#include "skillscore/csv.h"
#include "skillscore/rational.h"

namespace skillscore::testing {
namespace {

CsvTable Expected(const std::string& name) {
  const std::string file = "tests/e2e/expected/" + name + ".csv";
  auto table = ParseCsv(ReadFile(SourcePath(file)), file);
  if (!table) throw std::runtime_error("cannot parse " + file);
  return *table;
}

std::string Cell(const CsvTable& table, const CsvRow& row, const std::string& column) {
  return row.fields.at(table.Column(column).value());
}

std::string AsCell(const JsonValue& value) { return value.IsNull() ? "" : value.text; }

// JSON drops trailing zeros ("71.3"), the oracle writes them ("71.30"): compared as exact decimals.
void ExpectSameNumber(const std::string& actual, const std::string& expected,
                      const std::string& what) {
  auto a = Rational::ParseDecimal(actual);
  auto e = Rational::ParseDecimal(expected);
  ASSERT_TRUE(a && e) << what << ": \"" << actual << "\" vs \"" << expected << "\"";
  EXPECT_TRUE(*a == *e) << what << ": " << actual << ", expected " << expected;
}

// Every candidate of the JSON results against the oracle's row, in the same order.
void ExpectOracleResults(const std::string& name, const std::string& json) {
  const JsonValue results = ParseJson(json);
  const CsvTable expected = Expected(name);
  EXPECT_EQ(results["status"].text, "final");
  const std::vector<JsonValue>& candidates = results["candidates"].items;
  ASSERT_EQ(candidates.size(), expected.rows.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const CsvRow& row = expected.rows[i];
    SCOPED_TRACE(Cell(expected, row, "id"));
    EXPECT_EQ(candidates[i]["id"].text, Cell(expected, row, "id"));
    ExpectSameNumber(candidates[i]["total"].text, Cell(expected, row, "total"), "total");
    ExpectSameNumber(candidates[i]["percent"].text, Cell(expected, row, "percent"), "percent");
    for (const char* field : {"grade", "rank", "scale", "award"}) {
      EXPECT_EQ(AsCell(candidates[i][field]), Cell(expected, row, field)) << field;
    }
  }
}

class OverflowTest : public ::testing::TestWithParam<std::string> {};

TEST_P(OverflowTest, ScoreGivesTheOracleResults) {
  const std::string folder = GetParam() + "/";
  RunResult run = RunInData({"score", "--rubric", folder + "rubric.yaml", "--candidates",
                             folder + "candidates.csv", "--judges", folder + "judges.csv",
                             "--marks", folder + "marks.csv", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  ExpectOracleResults(GetParam(), run.out);
}

INSTANTIATE_TEST_SUITE_P(Issue17, OverflowTest,
                         ::testing::Values("overflow-competition", "overflow-huge"));

class OverflowDbTest : public DbTest {};

TEST_F(OverflowDbTest, ResultsFromTheDatabaseGiveTheOracleResults) {
  Ok({"rubric", "import", "overflow-competition/rubric.yaml"});
  Ok({"exam", "create", "OVERFLOW-1", "--rubric", "HOSTILE-OVERFLOW@1"});
  Ok({"candidates", "import", "OVERFLOW-1", "overflow-competition/candidates.csv"});
  Ok({"judges", "import", "OVERFLOW-1", "overflow-competition/judges.csv"});
  RunResult marks =
      Db({"--as", "J1", "marks", "import", "OVERFLOW-1", "overflow-competition/marks.csv"});
  ASSERT_EQ(marks.exit_code, 0) << marks.err;
  Ok({"lock", "OVERFLOW-1", "A1", "--as", "J1"});
  RunResult run = Db({"results", "OVERFLOW-1", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ExpectOracleResults("overflow-competition", run.out);
}

TEST(OverflowExactTest, TheHugeMaximumKeepsItsTinyDeduction) {
  // 999999999.99 × (100 − 0.000001) / 100 = 999999989.9900000001 exactly.
  RunResult run = RunInData(
      {"score", "--rubric", "overflow-huge/rubric.yaml", "--marks", "-", "--format", "csv"},
      WithStdin("candidate,aspect,judge,value\nC1,A1.1,J1,2\n"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\nC1,C1,,present,999999989.99,100,5,1,"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace skillscore::testing
