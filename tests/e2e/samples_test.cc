// The bundled samples (samples/NAME/) scored by `skillscore score` must agree exactly with the
// results of an independent implementation of the rules: tests/oracle/score.py, a Python scorer
// with exact fractions that shares no code with the engine, whose output is checked in as
// tests/e2e/expected/NAME*.csv (see its docstring for their format). Every candidate's total,
// percent, grade, rank, scale, award, problems and module and section marks are compared, both in
// the JSON and in the CSV output. Numbers are compared as exact decimals ("75.00" equals "75").
#include <gtest/gtest.h>

#include <map>

#include "cli_support.h"
#include "json_reader.h"
#include "skillscore/csv.h"
#include "skillscore/rational.h"

namespace skillscore::testing {
namespace {

struct Sample {
  std::string name;    // samples/NAME and tests/e2e/expected/NAME*.csv
  std::string rubric;  // as in the oracle's SAMPLES table
};

void PrintTo(const Sample& sample, std::ostream* out) { *out << sample.name; }

CsvTable ReadCsv(const std::string& text, const std::string& name) {
  auto table = ParseCsv(text, name);
  if (!table) throw std::runtime_error("cannot parse " + name);
  return *table;
}

CsvTable Expected(const Sample& sample, const std::string& suffix) {
  std::string file = "tests/e2e/expected/" + sample.name + suffix + ".csv";
  return ReadCsv(ReadFile(SourcePath(file)), file);
}

std::string Cell(const CsvTable& table, const CsvRow& row, const std::string& column) {
  auto index = table.Column(column);
  if (!index) throw std::runtime_error(table.file + ": no column " + column);
  return row.fields[*index];
}

// Rows of a per-candidate file (modules, sections) grouped by candidate id, in file order.
std::map<std::string, std::vector<const CsvRow*>> ByCandidate(const CsvTable& table) {
  std::map<std::string, std::vector<const CsvRow*>> rows;
  for (const CsvRow& row : table.rows) rows[Cell(table, row, "id")].push_back(&row);
  return rows;
}

void ExpectSameNumber(const std::string& actual, const std::string& expected,
                      const std::string& what) {
  auto a = Rational::ParseDecimal(actual);
  auto e = Rational::ParseDecimal(expected);
  ASSERT_TRUE(a && e) << what << ": \"" << actual << "\" vs \"" << expected << "\"";
  EXPECT_TRUE(*a == *e) << what << ": " << actual << ", expected " << expected;
}

// A JSON scalar as the oracle writes it: null is an empty cell.
std::string AsCell(const JsonValue& value) { return value.IsNull() ? "" : value.text; }

// The oracle names an exam whose marks have no `exam` column after the sample, so the exam id
// is given explicitly (for marks that have the column, it must match it).
RunResult ScoreSample(const Sample& sample, const std::string& format) {
  CsvTable summary = Expected(sample, "-summary");
  std::string folder = "samples/" + sample.name + "/";
  RunOptions options;
  options.working_directory = SourcePath("");
  return RunInData({"score", "--rubric", sample.rubric, "--candidates", folder + "candidates.csv",
                    "--judges", folder + "judges.csv", "--marks", folder + "marks.csv", "--exam",
                    Cell(summary, summary.rows.at(0), "exam"), "--format", format},
                   options);
}

// One candidate's module or section marks (`kind` is "module" or "section") against the oracle's
// rows for that candidate, in the same order.
void ExpectParts(const JsonValue& parts, const CsvTable& table,
                 const std::vector<const CsvRow*>& wanted, const std::string& kind) {
  ASSERT_EQ(parts.items.size(), wanted.size()) << kind << "s";
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    std::string id = Cell(table, *wanted[k], kind);
    EXPECT_EQ(parts.items[k]["id"].text, id) << kind << " order";
    ExpectSameNumber(parts.items[k]["mark"].text, Cell(table, *wanted[k], "mark"), kind + " " + id);
    ExpectSameNumber(parts.items[k]["max"].text, Cell(table, *wanted[k], "max"),
                     kind + " " + id + " max");
  }
}

class SamplesTest : public ::testing::TestWithParam<Sample> {};

TEST_P(SamplesTest, JsonAgreesWithTheOracle) {
  const Sample& sample = GetParam();
  RunResult run = ScoreSample(sample, "json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  JsonValue results = ParseJson(run.out);

  CsvTable summary = Expected(sample, "-summary");
  ASSERT_EQ(summary.rows.size(), 1u);
  const CsvRow& exam = summary.rows.front();
  EXPECT_EQ(AsCell(results["exam"]), Cell(summary, exam, "exam"));
  EXPECT_EQ(results["rubric"]["code"].text, Cell(summary, exam, "rubric"));
  EXPECT_EQ(results["rubric"]["version"].text, Cell(summary, exam, "version"));
  ExpectSameNumber(results["rubric"]["max"].text, Cell(summary, exam, "max"), "rubric max");
  EXPECT_EQ(results["status"].text, Cell(summary, exam, "status"));

  CsvTable expected = Expected(sample, "");
  CsvTable module_table = Expected(sample, "-modules");
  CsvTable section_table = Expected(sample, "-sections");
  auto modules = ByCandidate(module_table);
  auto sections = ByCandidate(section_table);
  const std::vector<JsonValue>& candidates = results["candidates"].items;
  ASSERT_EQ(candidates.size(), expected.rows.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const JsonValue& candidate = candidates[i];
    const CsvRow& row = expected.rows[i];
    std::string id = Cell(expected, row, "id");
    SCOPED_TRACE("candidate " + id + " (line " + std::to_string(row.line) + ")");
    EXPECT_EQ(candidate["id"].text, id) << "order of candidates";
    EXPECT_EQ(candidate["status"].text, Cell(expected, row, "status"));
    ExpectSameNumber(candidate["total"].text, Cell(expected, row, "total"), "total");
    ExpectSameNumber(candidate["percent"].text, Cell(expected, row, "percent"), "percent");
    for (const char* field : {"grade", "rank", "scale", "award"}) {
      EXPECT_EQ(AsCell(candidate[field]), Cell(expected, row, field)) << field;
    }
    std::string problems;
    for (const JsonValue& problem : candidate["problems"].items) {
      problems +=
          (problems.empty() ? "" : "|") + problem["aspect"].text + ":" + problem["kind"].text;
    }
    EXPECT_EQ(problems, Cell(expected, row, "problems"));
    ExpectParts(candidate["modules"], module_table, modules[id], "module");
    ExpectParts(candidate["sections"], section_table, sections[id], "section");
  }
}

// "A1.1 missing (no mark); B2.7 disputed (scores 1,3,3)" → "A1.1:missing|B2.7:disputed".
std::string OracleProblems(const std::string& csv_problems) {
  std::string problems;
  std::size_t start = 0;
  while (start < csv_problems.size()) {
    std::size_t end = csv_problems.find("; ", start);
    std::string problem = csv_problems.substr(start, end == std::string::npos ? end : end - start);
    std::size_t space = problem.find(' ');
    std::string kind = problem.substr(space + 1, problem.find(' ', space + 1) - space - 1);
    problems += (problems.empty() ? "" : "|") + problem.substr(0, space) + ":" + kind;
    start = end == std::string::npos ? csv_problems.size() : end + 2;
  }
  return problems;
}

TEST_P(SamplesTest, CsvAgreesWithTheOracle) {
  const Sample& sample = GetParam();
  RunResult run = ScoreSample(sample, "csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  CsvTable actual = ReadCsv(run.out, "output");
  CsvTable expected = Expected(sample, "");
  CsvTable module_table = Expected(sample, "-modules");
  CsvTable section_table = Expected(sample, "-sections");
  auto modules = ByCandidate(module_table);
  auto sections = ByCandidate(section_table);
  ASSERT_EQ(actual.rows.size(), expected.rows.size());
  for (std::size_t i = 0; i < actual.rows.size(); ++i) {
    const CsvRow& row = actual.rows[i];
    const CsvRow& wanted = expected.rows[i];
    std::string id = Cell(expected, wanted, "id");
    SCOPED_TRACE("candidate " + id + " (line " + std::to_string(wanted.line) + ")");
    EXPECT_EQ(Cell(actual, row, "id"), id) << "order of candidates";
    for (const char* field : {"status", "grade", "rank", "scale", "award"}) {
      EXPECT_EQ(Cell(actual, row, field), Cell(expected, wanted, field)) << field;
    }
    for (const char* field : {"total", "percent"}) {
      ExpectSameNumber(Cell(actual, row, field), Cell(expected, wanted, field), field);
    }
    EXPECT_EQ(OracleProblems(Cell(actual, row, "problems")), Cell(expected, wanted, "problems"));
    for (const CsvRow* part : modules[id]) {
      std::string module = Cell(module_table, *part, "module");
      ExpectSameNumber(Cell(actual, row, module), Cell(module_table, *part, "mark"),
                       "module " + module);
    }
    for (const CsvRow* part : sections[id]) {
      std::string section = Cell(section_table, *part, "section");
      ExpectSameNumber(Cell(actual, row, "section " + section), Cell(section_table, *part, "mark"),
                       "section " + section);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Bundled, SamplesTest,
    ::testing::Values(Sample{"de-2026-0412", "rubrics/de-09.02.07-2026-pu.yaml"},
                      Sample{"ws-2026-web", "rubrics/ws-web-technologies-2026.yaml"}),
    [](const ::testing::TestParamInfo<Sample>& info) {
      std::string name = info.param.name;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

}  // namespace
}  // namespace skillscore::testing
