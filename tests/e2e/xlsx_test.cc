// Workbooks end to end: the CIS marking-scheme workbook (rubric validate | convert | import), a
// broken workbook per diagnostic, YAML → workbook → YAML with the same rubric hash, the samples'
// Windows-1251 and workbook twins scored exactly as their UTF-8 CSV, and the results workbook read
// back by openpyxl. The workbooks are built by tests/e2e/xlsx/*.py with Debian's python3-openpyxl.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli_support.h"

namespace skillscore::testing {
namespace {

constexpr char kPython[] = "/usr/bin/python3";
constexpr char kScheme[] = "CIS Marking Scheme Import";

RunResult Python(const std::string& script, const std::vector<std::string>& args) {
  std::vector<std::string> all = {SourcePath("tests/e2e/xlsx/" + script)};
  all.insert(all.end(), args.begin(), args.end());
  return skillscore::testing::Run(kPython, all);
}

// The workbooks of make_workbooks.py, built once for all tests in a temporary folder.
class XlsxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    workbooks_ = new TempDir();
    RunResult made = Python("make_workbooks.py", {workbooks_->path()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() {
    delete workbooks_;
    workbooks_ = nullptr;
  }
  static RunResult InWorkbooks(const std::vector<std::string>& args) {
    RunOptions options;
    options.working_directory = workbooks_->path();
    return RunInData(args, options);
  }
  static TempDir* workbooks_;
};

TempDir* XlsxTest::workbooks_ = nullptr;

const std::string kNoiseWarnings =
    std::string("scheme.xlsx:") + kScheme +
    "!I5: warning: the cell holds 3.5000000000000004, read as 3.5\n"
    "scheme.xlsx:" +
    kScheme + "!K19: warning: the cell holds 0.30000000000000004, read as 0.3\n";

TEST_F(XlsxTest, TheCisWorkbookReadsAsItsYaml) {
  RunResult run = InWorkbooks({"rubric", "convert", "scheme.xlsx", "-", "--id", "ES2025-WEB@1"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, ReadFile(SourcePath("tests/e2e/expected/cis-scheme.yaml")));
  EXPECT_EQ(run.err, kNoiseWarnings);
}

TEST_F(XlsxTest, ValidateGivesTheHashOfTheEquivalentYaml) {
  RunResult run = InWorkbooks({"rubric", "validate", "-v", "scheme.xlsx", "--id", "ES2025-WEB@1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "scheme.xlsx: ok (ES2025-WEB@1, 6 aspects, sha256 " +
                         RubricSha256(SourcePath("tests/e2e/expected/cis-scheme.yaml")) + ")\n");
}

TEST_F(XlsxTest, AWorkbookNeedsAnIdentity) {
  RunResult run = InWorkbooks({"rubric", "validate", "scheme.xlsx"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "scheme.xlsx: error: the workbook does not name the rubric: give --id CODE@VERSION\n" +
                kNoiseWarnings);
}

TEST_F(XlsxTest, EveryBrokenWorkbookIsNamedBySheetAndCell) {
  const std::string at = std::string(":") + kScheme + "!";
  struct Case {
    std::string name;
    std::string error;
  };
  for (const Case& c : std::vector<Case>{
           {"formula", at + "K16: error: a formula where a number is expected; enter the number "
                            "itself"},
           {"merged", at + "E17: error: merged cells E17:F17; unmerge them, every value in its "
                           "own cell"},
           {"type", at + "D16: error: aspect type must be M (measurement) or J (judgement), got "
                         "'X'"},
           {"calculation-row", at + "J16: error: calculation row 9 is empty in sheet "
                                    "'Calculations'"},
           {"calculation-kind",
            ":Calculations!B2: error: unknown calculation 'SAMPLED'; expected "
            "PASS_FAIL, NUMBER_COMPLETED, CHOICE or RANGED_SCORE"},
           {"level", at + "F25: error: a judgement score row that follows no judgement aspect"},
           {"levels", at + "D23: error: expected an aspect type (M or J) in column D or a "
                           "judgement score in column F"},
           {"max", at + "K16: error: 'max' must have at most 2 decimals, got 0.125"},
           {"section", at + "I18: error: section '7' is not declared; declared sections: 1, 2"},
           {"not-cis", ": error: not a CIS marking scheme: the workbook has no sheet '" +
                           std::string(kScheme) + "'"},
           {"encrypted",
            ": error: the workbook is password-protected (encrypted) or an old .xls "
            "file; save it in Excel as an .xlsx workbook without a password"},
           {"corrupt",
            ": error: not a readable .xlsx workbook (a ZIP package): Not a zip "
            "archive"},
       }) {
    std::string file = "broken-" + c.name + ".xlsx";
    RunResult run = InWorkbooks({"rubric", "validate", file, "--id", "X@1"});
    EXPECT_EQ(run.exit_code, 1) << c.name;
    std::string errors;
    std::string err = run.err;
    for (std::size_t start = 0, end; start < err.size(); start = end + 1) {
      end = err.find('\n', start);
      std::string line = err.substr(start, end - start);
      if (line.find(": error: ") != std::string::npos) errors += line + '\n';
    }
    EXPECT_EQ(errors, file + c.error + '\n') << c.name;
  }
}

TEST_F(XlsxTest, ABrokenWorkbookIsNotImported) {
  TempDir db;
  RunResult run = InWorkbooks({"--db", db.File("exam.db"), "rubric", "import",
                               "broken-formula.xlsx", "--id", "ES2025-WEB@1"});
  EXPECT_EQ(run.exit_code, 1);
  RunResult list = InWorkbooks({"--db", db.File("exam.db"), "--format", "csv", "rubric", "list"});
  EXPECT_EQ(list.out.find("ES2025-WEB"), std::string::npos) << list.out;
}

TEST_F(XlsxTest, AnImportedWorkbookIsStoredAsItsYaml) {
  TempDir db;
  RunResult import = InWorkbooks({"--db", db.File("exam.db"), "--as", "E01", "rubric", "import",
                                  "scheme.xlsx", "--id", "ES2025-WEB@1", "--kind", "exam"});
  EXPECT_EQ(import.exit_code, 0) << import.err;
  RunResult show = InWorkbooks({"--db", db.File("exam.db"), "rubric", "show", "ES2025-WEB@1"});
  std::string yaml = ReadFile(SourcePath("tests/e2e/expected/cis-scheme.yaml"));
  yaml.replace(yaml.find("kind: competition"), 17, "kind: exam");
  EXPECT_EQ(show.out, yaml);
}

// Every rubric of the repository, written as a workbook and read back, has its hash.
TEST_F(XlsxTest, YamlToWorkbookToYamlKeepsTheHash) {
  TempDir out;
  for (std::string rubric :
       {"rubrics/de-09.02.07-2026-pu.yaml", "rubrics/ws-web-technologies-2026.yaml",
        "tests/rubrics/good/worked-example.yaml"}) {
    std::string workbook = out.File("rubric.xlsx"), yaml = out.File("rubric.yaml");
    RunResult write = RunSkillscore({"rubric", "convert", SourcePath(rubric), workbook});
    ASSERT_EQ(write.exit_code, 0) << rubric << write.err;
    RunResult read = RunSkillscore({"rubric", "convert", workbook, yaml});
    ASSERT_EQ(read.exit_code, 0) << rubric << read.err;
    EXPECT_EQ(RubricSha256(yaml), RubricSha256(SourcePath(rubric))) << rubric;
  }
}

TEST_F(XlsxTest, ARubricTheLayoutCannotHoldIsNotWritten) {
  TempDir out;
  std::string yaml = ReadFile(SourcePath("tests/rubrics/good/worked-example.yaml"));
  yaml.replace(yaml.find("id: A1.5"), 8, "id: A1.9");
  WriteFile(out.File("rubric.yaml"), yaml);
  RunResult run = RunSkillscore({"rubric", "convert", out.File("rubric.yaml"), out.File("r.xlsx")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "skillscore: error: aspect A1.9: a CIS workbook numbers aspects by place, this one "
            "would be A1.5\n");
  EXPECT_FALSE(std::filesystem::exists(out.File("r.xlsx")));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out.path()), {}), 1)
      << "no temporary file is left";
}

struct Sample {
  std::string name;
  std::string rubric;
};

const Sample kSamples[] = {{"de-2026-0412", "rubrics/de-09.02.07-2026-pu.yaml"},
                           {"ws-2026-web", "rubrics/ws-web-technologies-2026.yaml"}};

RunResult Score(const Sample& sample, const std::string& folder, const std::string& extension,
                const std::vector<std::string>& more) {
  std::vector<std::string> args = {"score",
                                   "--rubric",
                                   SourcePath(sample.rubric),
                                   "--candidates",
                                   folder + "/candidates." + extension,
                                   "--judges",
                                   folder + "/judges." + extension,
                                   "--marks",
                                   folder + "/marks." + extension};
  args.insert(args.end(), more.begin(), more.end());
  return RunSkillscore(args);
}

TEST(XlsxSamplesTest, TwinsScoreExactlyAsTheUtf8Csv) {
  for (const Sample& sample : kSamples) {
    TempDir twins;
    std::string folder = SourcePath("samples/" + sample.name);
    ASSERT_EQ(Python("twins.py", {folder, twins.path()}).exit_code, 0);
    RunResult utf8 = Score(sample, folder, "csv", {"--format", "json"});
    ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
    RunResult cp1251 = Score(sample, twins.File("cp1251"), "csv", {"--format", "json"});
    EXPECT_EQ(cp1251.exit_code, 0) << cp1251.err;
    EXPECT_EQ(cp1251.out, utf8.out) << sample.name;
    for (std::string file : {"candidates", "judges", "marks"}) {
      std::string note = "skillscore: warning: " + twins.File("cp1251/" + file + ".csv") +
                         ": not UTF-8, read as Windows-1251 (Cyrillic)\n";
      EXPECT_NE(cp1251.err.find(note), std::string::npos) << cp1251.err;
    }
    RunResult workbook = Score(sample, twins.File("xlsx"), "xlsx", {"--format", "json"});
    EXPECT_EQ(workbook.exit_code, 0) << workbook.err;
    EXPECT_EQ(workbook.out, utf8.out) << sample.name;
  }
}

// The exam database takes the twins too (marks import reads a workbook or a Windows-1251 file
// whole instead of streaming it): the stored results are those of the UTF-8 files.
TEST(XlsxSamplesTest, TwinsImportExactlyAsTheUtf8Csv) {
  const Sample& sample = kSamples[0];
  TempDir twins;
  std::string folder = SourcePath("samples/" + sample.name);
  ASSERT_EQ(Python("twins.py", {folder, twins.path()}).exit_code, 0);
  auto import = [&](const std::string& name, const std::string& from,
                    const std::string& extension) {
    std::string db = twins.File(name + ".db");
    for (std::vector<std::string> args :
         {std::vector<std::string>{"rubric", "import", SourcePath(sample.rubric)},
          {"exam", "create", "DE-2026-0412", "--rubric", "09.02.07-2026-PU", "--date",
           "12.04.2026"},
          {"candidates", "import", "DE-2026-0412", from + "/candidates." + extension},
          {"judges", "import", "DE-2026-0412", from + "/judges." + extension},
          {"marks", "import", "DE-2026-0412", from + "/marks." + extension}}) {
      // E01, the sample's chief expert, sets it up and transcribes the marking forms.
      args.insert(args.begin(), {"--db", db, "-q", "--as", "E01"});
      RunResult run = RunSkillscore(args);
      EXPECT_EQ(run.exit_code, 0) << args[3] << ": " << run.err;
    }
    return RunSkillscore({"--db", db, "results", "DE-2026-0412", "--format", "json"});
  };
  RunResult utf8 = import("utf8", folder, "csv");
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  EXPECT_EQ(import("cp1251", twins.File("cp1251"), "csv").out, utf8.out);
  EXPECT_EQ(import("xlsx", twins.File("xlsx"), "xlsx").out, utf8.out);
}

TEST(XlsxSamplesTest, TheResultsWorkbookHoldsTheJsonNumbers) {
  for (const Sample& sample : kSamples) {
    TempDir out;
    std::string folder = SourcePath("samples/" + sample.name);
    RunResult json = Score(sample, folder, "csv", {"--format", "json"});
    WriteFile(out.File("results.json"), json.out);
    RunResult written =
        Score(sample, folder, "csv", {"--format", "xlsx", "--out", out.File("results.xlsx")});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_EQ(written.out, "");
    RunResult read = Python("readback.py", {out.File("results.xlsx"), out.File("results.json")});
    EXPECT_EQ(read.exit_code, 0) << read.out << read.err;
    std::string summary = sample.name == "de-2026-0412"
                              ? "12 candidates, 21 columns, frozen at A2, filter A1:U13"
                              : "15 candidates, 22 columns, frozen at A2, filter A1:V16";
    EXPECT_EQ(read.out,
              summary + ", sheets ['Results', 'Sub-criteria', 'Problems', 'Judges']\n" + "same\n");
  }
}

TEST(XlsxSamplesTest, AWorkbookNeedsAFileAndOnlyResultsMakeOne) {
  const Sample& sample = kSamples[1];
  std::string folder = SourcePath("samples/" + sample.name);
  RunResult no_file = Score(sample, folder, "csv", {"--format", "xlsx"});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_EQ(no_file.err.substr(0, no_file.err.find('\n')),
            "skillscore: error: --format xlsx and --out FILE go together");
  RunResult report = RunSkillscore({"report", "judges", "--rubric", SourcePath(sample.rubric),
                                    "--marks", folder + "/marks.csv", "--format", "xlsx"});
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_EQ(report.err.substr(0, report.err.find('\n')),
            "skillscore: error: --format xlsx is available for results, score and rescore (with "
            "--out FILE)");
}

TEST(XlsxSamplesTest, AFormulaInAMarksSheetIsRefused) {
  TempDir out;
  RunResult made = skillscore::testing::Run(
      kPython, {"-c",
                "import sys\n"
                "from openpyxl import Workbook\n"
                "book = Workbook(); sheet = book.active; sheet.title = 'Marks'\n"
                "sheet.append(['candidate', 'aspect', 'judge', 'value'])\n"
                "sheet.append(['C1', 'A1.1', 'E1', '=1/2'])\n"
                "sheet.merge_cells('A3:B3'); sheet['A3'] = 'C2'\n"
                "book.save(sys.argv[1])\n",
                out.File("marks.xlsx")});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  RunResult run =
      RunSkillscore({"score", "--rubric", SourcePath("tests/rubrics/good/worked-example.yaml"),
                     "--marks", out.File("marks.xlsx")});
  EXPECT_EQ(run.exit_code, 1);
  std::string file = out.File("marks.xlsx");
  EXPECT_EQ(run.err, file +
                         ":Marks!D2: error: a formula where a value is expected; enter the "
                         "value itself (paste values only)\n" +
                         file +
                         ":Marks!A3: error: merged cells A3:B3; unmerge them, every "
                         "value in its own cell\n");
  EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace skillscore::testing
