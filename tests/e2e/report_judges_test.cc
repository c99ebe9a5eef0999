// `skillscore report judges`: judge analytics of the bundled samples and of a small exam whose
// policy lets experts mark their own college (tests/e2e/data/judges-conflict), from files and
// from the database. The figures asserted here were recomputed independently (Python, exact
// fractions) from the CSV files: e.g. ws-2026-web's only disputed panel is D2.1 (scores 3, 1, 2),
// so D2.1 has 8 of 14 panels in exact agreement (57.1 %) and 13 of 14 within one point (92.9 %);
// in judges-conflict, E1's deviations from the rest of the panel average 19/36 (+0.53) overall,
// 11/12 on the candidates of their own college and 1/3 on the others, and A1's complete panels
// give ICC(A,1) = 200/299 (0.669) and ICC(A,3) = 200/233 (0.858).
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_support.h"
#include "json_reader.h"

namespace skillscore::testing {
namespace {

struct Sample {
  std::string folder;  // under samples/
  std::string rubric;  // under rubrics/
};

const Sample kWs{"ws-2026-web", "ws-web-technologies-2026.yaml"};
const Sample kDe{"de-2026-0412", "de-09.02.07-2026-pu.yaml"};

// Runs `report judges` on a sample's files from the source tree, with extra arguments.
RunResult ReportSample(const Sample& sample, const std::vector<std::string>& more) {
  std::string folder = "samples/" + sample.folder + "/";
  std::vector<std::string> args = {"report",       "judges",
                                   "--rubric",     "rubrics/" + sample.rubric,
                                   "--marks",      folder + "marks.csv",
                                   "--candidates", folder + "candidates.csv",
                                   "--judges",     folder + "judges.csv"};
  args.insert(args.end(), more.begin(), more.end());
  RunOptions options;
  options.working_directory = SourcePath("");
  return RunInData(args, options);
}

JsonValue ReportSampleJson(const Sample& sample) {
  RunResult run = ReportSample(sample, {"--format", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  return ParseJson(run.out);
}

const JsonValue& ById(const JsonValue& list, const std::string& key, const std::string& id) {
  auto found = std::find_if(list.items.begin(), list.items.end(),
                            [&](const JsonValue& item) { return item[key].text == id; });
  if (found == list.items.end()) throw std::runtime_error("no " + id);
  return *found;
}

using Keys = std::vector<std::string>;

TEST(ReportJudgesTest, JsonShapeHasStableKeys) {
  JsonValue report = ReportSampleJson(kWs);
  EXPECT_EQ(report.keys,
            (Keys{"exam", "rubric", "policy", "aspects", "subcriteria", "judges", "conflict"}));
  EXPECT_EQ(report["rubric"].keys, (Keys{"code", "version", "sha256"}));
  EXPECT_EQ(report["policy"].keys, (Keys{"judges", "max_spread", "conflict_of_interest"}));
  EXPECT_EQ(report["aspects"].items.at(0).keys,
            (Keys{"id", "subcriterion", "panels", "disputed", "compared", "exact_percent",
                  "adjacent_percent"}));
  const JsonValue& subcriterion = report["subcriteria"].items.at(0);
  EXPECT_EQ(subcriterion.keys, (Keys{"id", "panels", "disputed", "compared", "exact_percent",
                                     "adjacent_percent", "icc", "alpha_ordinal"}));
  EXPECT_EQ(subcriterion["icc"].keys, (Keys{"subjects", "raters", "single", "average", "single_ci",
                                            "average_ci", "p_value"}));
  EXPECT_EQ(report["judges"].items.at(0).keys,
            (Keys{"id", "name", "organization", "scores", "compared", "severity", "standard_error",
                  "p_value", "significant", "score_sd", "panel_sd"}));
}

TEST(ReportJudgesTest, WsSampleFromFiles) {
  JsonValue report = ReportSampleJson(kWs);
  EXPECT_TRUE(report["exam"].IsNull());  // the marks have no exam column
  EXPECT_EQ(report["policy"]["conflict_of_interest"].text, "organization");
  EXPECT_TRUE(report["conflict"].IsNull());
  const JsonValue& aspects = report["aspects"];
  EXPECT_EQ(aspects.items.size(), 17u);
  int disputed = 0;
  for (const JsonValue& aspect : aspects.items) disputed += std::stoi(aspect["disputed"].text);
  EXPECT_EQ(disputed, 1);
  const JsonValue& d21 = ById(aspects, "id", "D2.1");
  EXPECT_EQ(d21["subcriterion"].text, "D2");
  EXPECT_EQ(d21["panels"].text, "14");
  EXPECT_EQ(d21["disputed"].text, "1");
  EXPECT_EQ(d21["exact_percent"].text, "57.1");
  EXPECT_EQ(d21["adjacent_percent"].text, "92.9");
  const JsonValue& d2 = ById(report["subcriteria"], "id", "D2");
  EXPECT_EQ(d2["panels"].text, "42");
  EXPECT_EQ(d2["exact_percent"].text, "50");
  EXPECT_EQ(d2["adjacent_percent"].text, "97.6");
  EXPECT_EQ(d2["icc"]["subjects"].text, "42");  // every panel is complete
  EXPECT_EQ(d2["icc"]["single"].text, "0.667");
  EXPECT_EQ(d2["icc"]["average"].text, "0.857");
  EXPECT_EQ(d2["alpha_ordinal"].text, "0.66");
  // The chief expert scores nothing; J08, the harshest expert, is not significantly harsh.
  const JsonValue& judges = report["judges"];
  ASSERT_EQ(judges.items.size(), 9u);
  EXPECT_EQ(judges.items[0]["id"].text, "J01");
  EXPECT_EQ(judges.items[0]["scores"].text, "0");
  EXPECT_TRUE(judges.items[0]["severity"].IsNull());
  const JsonValue& j08 = ById(judges, "id", "J08");
  EXPECT_EQ(j08["organization"].text, "Самарская область");
  EXPECT_EQ(j08["scores"].text, "100");
  EXPECT_EQ(j08["severity"].text, "-0.08");
  EXPECT_EQ(j08["standard_error"].text, "0.05");
  EXPECT_FALSE(j08["significant"].boolean);
  for (const JsonValue& judge : judges.items) {
    EXPECT_FALSE(judge["significant"].boolean) << judge["id"].text;
  }
}

TEST(ReportJudgesTest, DeSampleTableInRussian) {
  RunResult run = ReportSample(kDe, {"--lang", "ru"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(
      run.out.starts_with("Анализ работы экспертов\n"
                          "Экзамен: DE-2026-0412\n"
                          "Схема оценки: 09.02.07-2026-PU@2026.1\n"
                          "Экспертов в панели: 3; допустимый разброс: 1\n"
                          "\n"
                          "Согласованность по судейским аспектам\n"
                          "Аспект  Панелей  Спорных  Совпали, %  В пределах 1, %\n"))
      << run.out;
  // The disputed panel (1, 3, 3) of B2.7, with a decimal comma.
  EXPECT_NE(run.out.find("\nB2.7         11        1        54,5             90,9\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("\nB2                22        1        54,5             95,5     0,816  "
                         "   0,930  0,802\n"),
            std::string::npos)
      << run.out;
}

TEST(ReportJudgesTest, CsvOfASampleIsOneTable) {
  RunResult run = ReportSample(kWs, {"--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("table,id,subcriterion,name,organization,candidates,panels,"))
      << run.out;
  EXPECT_NE(run.out.find("\naspect,D2.1,D2,,,,14,1,14,57.1,92.9,,,,,,,,,,,\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("\njudge,J08,,Сафонов Артур Валерьевич,Самарская область,,,,100,,,,,,,"
                         "100,-0.08,0.05,0.106,false,0.81,0.81\n"),
            std::string::npos)
      << run.out;
}

const std::vector<std::string> kConflictFiles = {
    "--rubric",     "judges-conflict/rubric.yaml",    "--marks",  "judges-conflict/marks.csv",
    "--candidates", "judges-conflict/candidates.csv", "--judges", "judges-conflict/judges.csv"};

std::vector<std::string> ReportConflict(const std::vector<std::string>& more) {
  std::vector<std::string> args = {"report", "judges"};
  args.insert(args.end(), kConflictFiles.begin(), kConflictFiles.end());
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(ReportJudgesTest, ConflictViewTableFromFiles) {
  RunResult run = RunInData(ReportConflict({}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, ReadFile(E2eDataPath("judges-conflict/report.txt")));
}

TEST(ReportJudgesTest, ConflictViewJson) {
  RunResult run = RunInData(ReportConflict({"--format", "json"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  JsonValue report = ParseJson(run.out);
  EXPECT_EQ(report["exam"].text, "T-JUDGES-01");
  EXPECT_EQ(report["policy"]["conflict_of_interest"].text, "none");
  const JsonValue& e1 = ById(report["judges"], "id", "E1");
  EXPECT_EQ(e1["severity"].text, "0.53");
  EXPECT_TRUE(e1["significant"].boolean);
  const JsonValue& e3 = ById(report["judges"], "id", "E3");
  EXPECT_EQ(e3["severity"].text, "-0.64");
  EXPECT_TRUE(e3["significant"].boolean);
  const JsonValue& conflict = ById(report["conflict"], "judge", "E1");
  EXPECT_EQ(conflict["own"]["compared"].text, "6");
  EXPECT_EQ(conflict["own"]["severity"].text, "0.92");
  EXPECT_EQ(conflict["own"]["standard_error"].text, "0.08");
  EXPECT_TRUE(conflict["own"]["significant"].boolean);
  EXPECT_EQ(conflict["other"]["compared"].text, "12");
  EXPECT_EQ(conflict["other"]["severity"].text, "0.33");
  EXPECT_FALSE(conflict["other"]["significant"].boolean);
  const JsonValue& a1 = ById(report["subcriteria"], "id", "A1");
  EXPECT_EQ(a1["icc"]["single"].text, "0.669");
  EXPECT_EQ(a1["icc"]["average"].text, "0.858");
  EXPECT_EQ(a1["alpha_ordinal"].text, "0.616");
}

TEST(ReportJudgesTest, FromTheDatabaseAsFromFiles) {
  TempDir dir;
  std::vector<std::vector<std::string>> steps = {
      {"rubric", "import", "judges-conflict/rubric.yaml"},
      {"exam", "create", "T-JUDGES-01", "--rubric", "T-JUDGES", "--chief", "E1"},
      {"candidates", "import", "T-JUDGES-01", "judges-conflict/candidates.csv"},
      {"judges", "import", "T-JUDGES-01", "judges-conflict/judges.csv"},
      {"marks", "import", "T-JUDGES-01", "judges-conflict/marks.csv"}};
  // E1, the chief expert, sets the exam up and transcribes every judge's marking form.
  for (std::vector<std::string> step : steps) {
    step.insert(step.begin(), {"--db", dir.File("exam.db"), "--as", "E1"});
    RunResult run = RunInData(step);
    ASSERT_EQ(run.exit_code, 0) << step[2] << ": " << run.err;
  }
  RunResult run = RunInData({"--db", dir.File("exam.db"), "report", "judges", "T-JUDGES-01"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, ReadFile(E2eDataPath("judges-conflict/report.txt")));
}

TEST(ReportJudgesTest, UnknownExamInTheDatabase) {
  TempDir dir;
  ASSERT_EQ(RunInData({"--db", dir.File("exam.db"), "--as", "E1", "rubric", "import",
                       "judges-conflict/rubric.yaml"})
                .exit_code,
            0);
  RunResult run = RunInData({"--db", dir.File("exam.db"), "report", "judges", "NOPE"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "skillscore: error: exam NOPE does not exist; create it with `skillscore exam "
            "create`\n");
}

TEST(ReportJudgesTest, BadMarksFileIsRefused) {
  RunResult run =
      RunInData({"report", "judges", "--rubric", "exam.yaml", "--marks", "marks-bad.csv"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(run.err.starts_with("marks-bad.csv:2: error: value \"maybe\" for aspect A1.1"))
      << run.err;
}

TEST(ReportJudgesTest, EitherTheDatabaseOrFiles) {
  RunResult both = RunInData(ReportConflict({"T-JUDGES-01"}));
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err,
            "skillscore: error: give either EXAM (from the database) or --rubric and --marks "
            "(from files), not both\nsee 'skillscore report judges --help'\n");
  RunResult neither = RunInData({"report", "judges"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_EQ(neither.err,
            "skillscore: error: missing EXAM, or --rubric and --marks to read files\n"
            "see 'skillscore report judges --help'\n");
  RunResult no_rubric = RunInData({"report", "judges", "--marks", "judges-conflict/marks.csv"});
  EXPECT_EQ(no_rubric.exit_code, 2);
  EXPECT_EQ(no_rubric.err,
            "skillscore: error: missing option '--rubric'\n"
            "see 'skillscore report judges --help'\n");
}

}  // namespace
}  // namespace skillscore::testing
