// `skillscore score`: results from files in every format, and refusal of bad input (exit 1, every
// problem of every file reported, nothing on stdout). The data are in tests/e2e/data: a 10-mark
// exam rubric with each kind of calculation, four candidates (one absent), four judges, and marks
// whose results were worked out by hand (e.g. C1: 1.5 + 2.5·3/4 + 3·7/9 + 2·50% + 1 = 185/24).
#include <gtest/gtest.h>

#include "cli_support.h"

namespace skillscore::testing {
namespace {

const std::vector<std::string> kRegistered = {
    "score", "--rubric", "exam.yaml", "--candidates", "candidates.csv", "--judges", "judges.csv"};

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// An expected JSON file, with the rubric's content hash put in for @SHA256@.
std::string ExpectedJson(const std::string& name) {
  std::string text = ReadFile(E2eDataPath("expected/" + name));
  text.replace(text.find("@SHA256@"), 8, RubricSha256(E2eDataPath("exam.yaml")));
  return text;
}

TEST(ScoreTest, JsonOfCompleteMarksIsFinal) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "marks.csv", "--format", "json"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, ExpectedJson("final.json"));
}

TEST(ScoreTest, JsonOfIncompleteMarksIsProvisionalAndListsProblems) {
  RunResult run =
      RunInData(With(kRegistered, {"--marks", "marks-provisional.csv", "--format", "json"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, ExpectedJson("provisional.json"));
}

TEST(ScoreTest, GlobalOptionsMayComeBeforeTheCommand) {
  std::vector<std::string> args = {"--format", "json"};
  args.insert(args.end(), kRegistered.begin(), kRegistered.end());
  RunResult run = RunInData(With(args, {"--marks", "marks.csv"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, ExpectedJson("final.json"));
}

TEST(ScoreTest, MarksMayComeFromStandardInput) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "-", "--format", "json"}),
                            WithStdin(ReadFile(E2eDataPath("marks.csv"))));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, ExpectedJson("final.json"));
}

TEST(ScoreTest, ACandidateWhoseRowsComeBackIsScoredAlike) {
  // C1's first row moved to the end: each candidate can no longer be scored as the file moves
  // on, so the marks are read a second time into sheets — from standard input, read only once.
  const std::string marks = ReadFile(E2eDataPath("marks.csv"));
  const std::size_t header_end = marks.find('\n') + 1;
  const std::size_t first_end = marks.find('\n', header_end) + 1;
  const std::string moved = marks.substr(0, header_end) + marks.substr(first_end) +
                            marks.substr(header_end, first_end - header_end);
  ASSERT_EQ(moved.size(), marks.size());
  RunResult run =
      RunInData(With(kRegistered, {"--marks", "-", "--format", "json"}), WithStdin(moved));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, ExpectedJson("final.json"));
}

TEST(ScoreTest, ExamIdComesFromTheOptionElseTheMarksElseIsNull) {
  RunResult from_option = RunInData(
      With(kRegistered, {"--marks", "marks.csv", "--exam", "T-2026-01", "--format", "json"}));
  EXPECT_EQ(from_option.exit_code, 0);
  EXPECT_EQ(from_option.out, ExpectedJson("final.json"));
  RunResult no_column =
      RunInData({"score", "--rubric", "exam.yaml", "--marks", "-", "--format", "json"},
                WithStdin("candidate,aspect,judge,value\nC1,A1.1,E1,yes\n"));
  EXPECT_EQ(no_column.exit_code, 0);
  EXPECT_EQ(no_column.out.substr(0, no_column.out.find('\n', 2)), "{\n  \"exam\": null,");
}

TEST(ScoreTest, MarksOfAnotherExamAreRefused) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "marks.csv", "--exam", "T-2026-02"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.substr(0, run.err.find('\n')),
            "marks.csv:2: error: exam \"T-2026-01\" does not match the exam being imported, "
            "\"T-2026-02\"");
}

TEST(ScoreTest, CsvHasARowPerCandidateAndAColumnPerModuleAndSection) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "marks.csv", "--format", "csv"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "id,name,organization,status,total,percent,grade,rank,scale,award,A,B,section 1,"
            "section 2,problems\n"
            "C1,Иванов Иван,Колледж №1,present,7.71,77.08,5,1,,,5.71,2,3.38,4.33,\n"
            "C2,Петрова Анна,Колледж №2,present,6.39,63.89,4,2,,,3.83,2.56,2.5,3.89,\n"
            "C3,\"Smith, John\",Колледж №1,present,5.39,53.89,4,3,,,4.5,0.89,1.5,3.89,"
            "A1.2 not_attempted (marked na)\n"
            "C4,Сидоров Пётр,Колледж №2,absent,0,0,,,,,0,0,0,0,\n");
}

TEST(ScoreTest, RussianCsvUsesSemicolonsAndDecimalCommas) {
  RunResult run = RunInData(
      With(kRegistered, {"--marks", "marks-provisional.csv", "--format", "csv", "--lang", "ru"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  // A byte order mark first, so that Excel reads UTF-8; names and words in Russian.
  EXPECT_EQ(run.out,
            "\xEF\xBB\xBF"
            "Код;ФИО;Организация;Статус;Баллы;%;Оценка;Место;Шкала;Награда;Модуль A;Модуль B;"
            "Раздел 1;Раздел 2;Замечания\n"
            "C2;Петрова Анна;Колледж №2;участвует;6,5;65;4;1;;;3,83;2,67;2,5;4;"
            "B1.2 неполная (оценок 2 из 3)\n"
            "C1;Иванов Иван;Колледж №1;участвует;6,21;62,08;4;2;;;4,21;2;1,88;4,33;"
            "A1.1 нет оценки\n"
            "C3;Smith, John;Колледж №1;участвует;4,72;47,22;4;3;;;3,83;0,89;1,5;3,22;"
            "\"A1.2 не выполнялось; A1.3 расхождение (оценки 1, 3, 3)\"\n"
            "C4;Сидоров Пётр;Колледж №2;неявка;0;0;;;;;0;0;0;0;\n");
}

TEST(ScoreTest, TableIsTheDefaultFormat) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "marks.csv"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "Exam: T-2026-01\n"
            "Rubric: T-EXAM@1, max 10\n"
            "Results: final\n"
            "\n"
            "Rank  ID  Name          Organisation  Total      %  Grade   Problems\n"
            "   1  C1  Иванов Иван   Колледж №1     7.71  77.08  5\n"
            "   2  C2  Петрова Анна  Колледж №2     6.39  63.89  4\n"
            "   3  C3  Smith, John   Колледж №1     5.39  53.89  4              1\n"
            "   —  C4  Сидоров Пётр  Колледж №2     0.00   0.00  absent\n"
            "\n"
            "Problems:\n"
            "  C3 Smith, John: A1.2 not attempted\n");
}

TEST(ScoreTest, ProvisionalTableListsMissingAndDisputedMarks) {
  RunResult run =
      RunInData(With(kRegistered, {"--marks", "marks-provisional.csv", "--format", "table"}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "Exam: T-2026-01\n"
            "Rubric: T-EXAM@1, max 10\n"
            "Results: provisional\n"
            "\n"
            "Rank  ID  Name          Organisation  Total      %  Grade   Problems\n"
            "   1  C2  Петрова Анна  Колледж №2     6.50  65.00  4              1\n"
            "   2  C1  Иванов Иван   Колледж №1     6.21  62.08  4              1\n"
            "   3  C3  Smith, John   Колледж №1     4.72  47.22  4              2\n"
            "   —  C4  Сидоров Пётр  Колледж №2     0.00   0.00  absent\n"
            "\n"
            "Problems:\n"
            "  C2 Петрова Анна: B1.2 incomplete (2 of 3 scores)\n"
            "  C1 Иванов Иван: A1.1 no mark\n"
            "  C3 Smith, John: A1.2 not attempted; A1.3 disputed (scores 1, 3, 3)\n");
}

TEST(ScoreTest, RussianTableIsTranslatedWithDecimalCommas) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "marks-provisional.csv"}),
                            WithEnv({{"LANG", "ru_RU.UTF-8"}}));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "Экзамен: T-2026-01\n"
            "Схема оценки: T-EXAM@1, максимум 10\n"
            "Результаты: предварительные\n"
            "\n"
            "Место  Код  ФИО           Организация  Баллы      %  Оценка  Замечания\n"
            "    1  C2   Петрова Анна  Колледж №2    6,50  65,00  4               1\n"
            "    2  C1   Иванов Иван   Колледж №1    6,21  62,08  4               1\n"
            "    3  C3   Smith, John   Колледж №1    4,72  47,22  4               2\n"
            "    —  C4   Сидоров Пётр  Колледж №2    0,00   0,00  неявка\n"
            "\n"
            "Замечания:\n"
            "  C2 Петрова Анна: B1.2 неполная (оценок 2 из 3)\n"
            "  C1 Иванов Иван: A1.1 нет оценки\n"
            "  C3 Smith, John: A1.2 не выполнялось; A1.3 расхождение (оценки 1, 3, 3)\n");
}

TEST(ScoreTest, WithoutACandidatesFileTheCandidatesAreThoseInTheMarks) {
  RunResult run =
      RunInData({"score", "--rubric", "exam.yaml", "--marks", "marks.csv", "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "id,name,organization,status,total,percent,grade,rank,scale,award,A,B,section 1,"
            "section 2,problems\n"
            "C1,C1,,present,7.71,77.08,5,1,,,5.71,2,3.38,4.33,\n"
            "C2,C2,,present,6.39,63.89,4,2,,,3.83,2.56,2.5,3.89,\n"
            "C3,C3,,present,5.39,53.89,4,3,,,4.5,0.89,1.5,3.89,A1.2 not_attempted (marked na)\n");
}

TEST(ScoreTest, EveryBadMarkIsReportedWithItsLineAndNothingIsPrinted) {
  RunResult run = RunInData(With(kRegistered, {"--marks", "marks-bad.csv"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(
      run.err,
      "marks-bad.csv:2: error: value \"maybe\" for aspect A1.1 is not valid: expected yes or no "
      "(1 or 0, да or нет)\n"
      "marks-bad.csv:3: error: aspect \"A9.9\" is not in rubric T-EXAM@1\n"
      "marks-bad.csv:4: error: candidate \"C9\" is not registered for this exam\n"
      "marks-bad.csv:5: error: value \"5\" for aspect A1.2 is out of range: expected a whole "
      "number from 0 to 4\n"
      "marks-bad.csv:6: error: value \"na\" for aspect A1.3 is not allowed: a judgement aspect "
      "cannot be marked not attempted; expected a whole number from 0 to 3\n"
      "marks-bad.csv:7: error: judge \"E5\" is not registered for this exam\n"
      "marks-bad.csv:8: error: conflict of interest: judge \"E3\" and candidate \"C3\" are both "
      "from \"Колледж №1\"; a judge may not mark a candidate of their own organisation (policy "
      "conflict_of_interest: organization)\n");
}

TEST(ScoreTest, ConflictOfInterestNeedsBothCandidatesAndJudges) {
  const std::string marks = "candidate,aspect,judge,value\nC1,A1.1,E3,yes\n";
  RunResult refused = RunInData(With(kRegistered, {"--marks", "-"}), WithStdin(marks));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(refused.err,
            "<stdin>:2: error: conflict of interest: judge \"E3\" and candidate \"C1\" are both "
            "from \"Колледж №1\"; a judge may not mark a candidate of their own organisation "
            "(policy conflict_of_interest: organization)\n");
  RunResult unknown_organisations = RunInData(
      {"score", "--rubric", "exam.yaml", "--candidates", "candidates.csv", "--marks", "-"},
      WithStdin(marks));
  EXPECT_EQ(unknown_organisations.exit_code, 0);
  EXPECT_EQ(unknown_organisations.err, "");
}

TEST(ScoreTest, ProblemsOfAllFilesAreReportedAtOnce) {
  RunResult run =
      RunInData({"score", "--rubric", "bad-rubric.yaml", "--candidates", "candidates-bad.csv",
                 "--judges", "missing.csv", "--marks", "marks.csv"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "bad-rubric.yaml:7:6: error: aspect maxima sum to 10, but max is 12 (A: 7, B: 3)\n"
            "bad-rubric.yaml:38:5: error: missing required key 'title'\n"
            "bad-rubric.yaml:39:5: error: unknown key 'titel'; expected one of: id, title, "
            "subcriteria\n"
            "candidates-bad.csv:2: error: status \"sick\" is unknown: expected present, absent, "
            "withdrawn or disqualified\n"
            "candidates-bad.csv:3: error: id \"C1\" is already used on line 2\n"
            "missing.csv: error: cannot read the file: no such file\n");
}

TEST(ScoreTest, RubricWarningsAndProgressAppearOnlyWhenVerbose) {
  RunResult quiet = RunInData({"score", "--rubric", "warn-rubric.yaml", "--marks", "marks.csv"});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
  RunResult verbose =
      RunInData({"score", "-v", "--rubric", "warn-rubric.yaml", "--marks", "marks.csv"});
  EXPECT_EQ(verbose.exit_code, 0);
  EXPECT_EQ(verbose.out, quiet.out);
  EXPECT_EQ(verbose.err,
            "warn-rubric.yaml:10:53: warning: section '1': target 4.5, actual 4 (variation "
            "-0.5)\n"
            "skillscore: info: marks.csv: 27 marks\n");
}

}  // namespace
}  // namespace skillscore::testing
