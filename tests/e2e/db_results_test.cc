// `skillscore results` and `status` on the exam database. Results must be exactly what the
// stateless `score` prints for the same rubric, people and marks, in every format: on both bundled
// samples after the whole workflow (rubric import, exam create, candidates, judges, marks), and
// on the small test exam. The one difference is the lock rule: results from the database are
// final only when every sub-criterion is locked (scoring.md §7).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "db_support.h"
#include "json_reader.h"
#include "skillscore/csv.h"

namespace skillscore::testing {
namespace {

struct Sample {
  std::string name;    // samples/NAME
  std::string rubric;  // rubrics/…
};

void PrintTo(const Sample& sample, std::ostream* out) { *out << sample.name; }

// The exam id the oracle gives the sample (tests/e2e/expected/NAME-summary.csv).
std::string SampleExam(const Sample& sample) {
  std::string file = "tests/e2e/expected/" + sample.name + "-summary.csv";
  CsvTable summary = ParseCsv(ReadFile(SourcePath(file)), file).value();
  return summary.rows.at(0).fields.at(*summary.Column("exam"));
}

class ResultsOfSamplesTest : public DbTest, public ::testing::WithParamInterface<Sample> {
 protected:
  RunOptions InSource() {
    RunOptions options;
    options.working_directory = SourcePath("");
    return options;
  }

  void RunWorkflow(const std::string& exam) {
    std::string folder = "samples/" + GetParam().name + "/";
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", GetParam().rubric},
             {"exam", "create", exam, "--rubric", RubricIdentity()},
             {"candidates", "import", exam, folder + "candidates.csv"},
             {"judges", "import", exam, folder + "judges.csv"},
             {"marks", "import", exam, folder + "marks.csv"},
         }) {
      RunOptions options = InSource();
      options.env["SKILLSCORE_JUDGE"] = ChiefOf(folder + "judges.csv");
      RunResult run = Db(args, options);
      ASSERT_EQ(run.exit_code, 0) << run.err;
      EXPECT_EQ(run.err, "");
    }
  }

  // The judge whose role is chief in a sample's judges file: the sample's set-up and its
  // transcription of every marking form are done in the chief expert's name.
  static std::string ChiefOf(const std::string& judges_file) {
    std::istringstream lines(ReadFile(SourcePath(judges_file)));
    for (std::string line; std::getline(lines, line);) {
      if (line.ends_with("chief")) return line.substr(0, line.find_first_of(",;"));
    }
    return "";
  }

  std::string RubricIdentity() {
    return ParseRubric(ReadFile(SourcePath(GetParam().rubric)), GetParam().rubric)
        .rubric.value()
        .Identity();
  }

  RunResult Score(const std::string& exam, const std::vector<std::string>& options) {
    std::string folder = "samples/" + GetParam().name + "/";
    std::vector<std::string> args = {"score",
                                     "--rubric",
                                     GetParam().rubric,
                                     "--candidates",
                                     folder + "candidates.csv",
                                     "--judges",
                                     folder + "judges.csv",
                                     "--marks",
                                     folder + "marks.csv",
                                     "--exam",
                                     exam};
    args.insert(args.end(), options.begin(), options.end());
    return RunInData(args, InSource());
  }
};

TEST_P(ResultsOfSamplesTest, ResultsPrintExactlyWhatScorePrints) {
  std::string exam = SampleExam(GetParam());
  RunWorkflow(exam);
  for (const std::vector<std::string>& options :
       std::vector<std::vector<std::string>>{{"--format", "json"},
                                             {"--format", "csv"},
                                             {"--format", "table"},
                                             {"--format", "csv", "--lang", "ru"},
                                             {"--lang", "ru"}}) {
    std::vector<std::string> args = {"results", exam};
    args.insert(args.end(), options.begin(), options.end());
    RunResult results = Db(args);
    RunResult score = Score(exam, options);
    ASSERT_EQ(score.exit_code, 0) << score.err;
    EXPECT_EQ(results.exit_code, 0) << results.err;
    EXPECT_EQ(results.err, "");
    EXPECT_EQ(results.out, score.out) << options.back();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Bundled, ResultsOfSamplesTest,
    ::testing::Values(Sample{"de-2026-0412", "rubrics/de-09.02.07-2026-pu.yaml"},
                      Sample{"ws-2026-web", "rubrics/ws-web-technologies-2026.yaml"}),
    [](const ::testing::TestParamInfo<Sample>& info) {
      std::string name = info.param.name;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

const std::vector<std::string> kScore = {"score",          "--rubric", "exam.yaml", "--candidates",
                                         "candidates.csv", "--judges", "judges.csv"};

RunResult ScoreOfTestExam(const std::string& marks, const std::string& format) {
  std::vector<std::string> args = kScore;
  args.insert(args.end(), {"--marks", marks, "--format", format});
  return RunInData(args);
}

// Locks every sub-criterion as the chief expert E1 (the `lock` command's store operation).
void LockEverything(const std::string& db) {
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store) << store.error().message;
  for (const char* subcriterion : {"A1", "B1"}) {
    auto lock = (*store)->LockSubcriterion(kExam, subcriterion, ChiefAction{"E1", ""},
                                           [](const ExamData&, std::string_view) { return true; });
    ASSERT_TRUE(lock) << lock.error().message;
  }
}

TEST_F(DbTest, ProvisionalResultsEqualScoreInEveryFormat) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  for (const char* format : {"json", "csv", "table"}) {
    RunResult results = Db({"results", kExam, "--format", format});
    EXPECT_EQ(results.exit_code, 0);
    EXPECT_EQ(results.out, ScoreOfTestExam("marks-provisional.csv", format).out) << format;
  }
}

TEST_F(DbTest, ResultsAreFinalOnlyOnceEverySubcriterionIsLocked) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks.csv"});
  JsonValue unlocked = ParseJson(ResultsJson());
  EXPECT_EQ(unlocked["status"].text, "provisional");
  LockEverything(db_);
  for (const char* format : {"json", "csv", "table"}) {
    RunResult results = Db({"results", kExam, "--format", format});
    EXPECT_EQ(results.exit_code, 0);
    EXPECT_EQ(results.out, ScoreOfTestExam("marks.csv", format).out) << format;
  }
}

TEST_F(DbTest, StatusTableListsEverySubcriterionAndWhatIsMissing) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  RunResult run = Db({"status", kExam});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "Exam: T-2026-01\n"
            "Rubric: T-EXAM@1, max 10\n"
            "Marks entered: 25 of 27; missing: 2; disputed panels: 1\n"
            "\n"
            "Sub-criterion  Entered  Expected  Missing  Disputed  Complete  Locked\n"
            "A1                  14        15        1         1  no        no\n"
            "B1                  11        12        1         0  no        no\n"
            "\n"
            "Missing and disputed marks:\n"
            "  A1 C1: A1.1 no mark\n"
            "  A1 C3: A1.3 disputed (scores 1, 3, 3)\n"
            "  B1 C2: B1.2 incomplete (2 of 3 scores), owed by E4\n");
}

TEST_F(DbTest, StatusInRussian) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  RunResult run = Db({"status", kExam, "--lang", "ru"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "Экзамен: T-2026-01\n"
            "Схема оценки: T-EXAM@1, максимум 10\n"
            "Внесено оценок: 25 из 27; недостаёт: 2; спорных панелей: 1\n"
            "\n"
            "Подкритерий  Внесено  Нужно  Недостаёт  Спорных  Готов  Заблокирован\n"
            "A1                14     15          1        1  нет    нет\n"
            "B1                11     12          1        0  нет    нет\n"
            "\n"
            "Недостающие и спорные оценки:\n"
            "  A1 C1: A1.1 нет оценки\n"
            "  A1 C3: A1.3 расхождение (оценки 1, 3, 3)\n"
            "  B1 C2: B1.2 неполная (оценок 2 из 3), ожидаются от: E4\n");
}

TEST_F(DbTest, StatusCsvHasARowPerSubcriterion) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks-provisional.csv"});
  RunResult run = Db({"status", kExam, "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "subcriterion,expected,entered,missing,disputed,complete,locked,problems\n"
            "A1,15,14,1,1,no,no,\"C1 A1.1 missing (no mark); C3 A1.3 disputed (scores 1,3,3)\"\n"
            "B1,12,11,1,0,no,no,C2 B1.2 missing (2 of 3 scores)\n");
}

TEST_F(DbTest, StatusJsonOfAnExamWithoutMarks) {
  CreateExam();
  RunResult run = Db({"status", kExam, "--format", "json"});
  EXPECT_EQ(run.exit_code, 0);
  JsonValue status = ParseJson(run.out);
  EXPECT_EQ(status["exam"].text, kExam);
  EXPECT_EQ(status["rubric"]["sha256"].text, RubricSha256(E2eDataPath("exam.yaml")));
  EXPECT_FALSE(status["complete"].boolean);
  EXPECT_EQ(status["expected"].text, "27");  // 3 present × (3 values + 2 panels of 3)
  EXPECT_EQ(status["entered"].text, "0");
  const JsonValue& b1 = status["subcriteria"].items.at(1);
  EXPECT_EQ(b1.keys, (std::vector<std::string>{"id", "expected", "entered", "missing", "disputed",
                                               "complete", "locked", "problems"}));
  EXPECT_EQ(b1["missing"].text, "12");
  ASSERT_EQ(b1["problems"].items.size(), 6u);
  const JsonValue& panel = b1["problems"].items[1];
  EXPECT_EQ(panel["candidate"].text, "C1");
  EXPECT_EQ(panel["aspect"].text, "B1.2");
  EXPECT_EQ(panel["kind"].text, "missing");
  EXPECT_EQ(panel["detail"].text, "0 of 3 scores");
}

TEST_F(DbTest, StatusShowsLockedSubcriteria) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks.csv"});
  LockEverything(db_);
  RunResult run = Db({"status", kExam, "--format", "csv"});
  EXPECT_EQ(run.out,
            "subcriterion,expected,entered,missing,disputed,complete,locked,problems\n"
            "A1,15,15,0,0,yes,yes,\n"
            "B1,12,12,0,0,yes,yes,\n");
}

TEST_F(DbTest, ResultsAndStatusOfAnUnknownExamAreNotFound) {
  CreateExam();
  for (const char* command : {"results", "status"}) {
    ExpectRefused(Db({command, "T-2026-09"}),
                  "skillscore: error: exam T-2026-09 does not exist; create it with `skillscore "
                  "exam create`\n");
  }
}

}  // namespace
}  // namespace skillscore::testing
