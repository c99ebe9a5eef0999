// `skillscore rescore`: past exams re-scored under a corrected rubric version. The test exam
// (tests/e2e/data: exam.yaml, candidates, judges, marks.csv) scores C1 185/24 (77.08 %, «5»),
// C2 115/18 (63.89 %, «4»), C3 97/18 (53.89 %, «4»), ranks 1, 2, 3; C4 is absent. Each corrected
// version must give exactly the differences worked out by hand; a dry run writes nothing; --apply
// re-binds the exam, audited, and only when the marks keep their meaning.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "db_support.h"

namespace skillscore::testing {
namespace {

constexpr char kCsvHeader[] =
    "exam,from,candidate,name,organization,status,total_before,total_after,percent_before,"
    "percent_after,grade_before,grade_after,rank_before,rank_after,scale_before,scale_after,"
    "award_before,award_after,provisional_before,provisional_after,dropped\n";

class RescoreTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    Ok({"marks", "import", kExam, "marks.csv"});
  }

  // exam.yaml as version 2, with each `from` replaced by its `to`.
  static std::string Corrected(const std::vector<std::pair<std::string, std::string>>& edits) {
    std::string yaml = ReadFile(E2eDataPath("exam.yaml"));
    std::vector<std::pair<std::string, std::string>> all = {{"version: \"1\"", "version: \"2\""}};
    all.insert(all.end(), edits.begin(), edits.end());
    for (const auto& [from, to] : all) {
      auto at = yaml.find(from);
      EXPECT_NE(at, std::string::npos) << from;
      if (at != std::string::npos) yaml.replace(at, from.size(), to);
    }
    return yaml;
  }

  // Version 2 without aspect B1.2 (max 1), which leaves a total of 9.
  static std::string WithoutB12() {
    std::string yaml = Corrected({{"max: 10\n", "max: 9\n"}, {"target: 6", "target: 5"}});
    yaml.erase(yaml.find("          - type: judgement\n            text: \"Читаемость тестов\""));
    return yaml;
  }

  void Import(const std::string& yaml) {
    std::string file = dir_.File("exam-v2.yaml");
    WriteFile(file, yaml);
    RunResult run = Db({"rubric", "import", file});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }

  void ImportCorrected(const std::vector<std::pair<std::string, std::string>>& edits) {
    Import(Corrected(edits));
  }

  // 1.0 of A1.1's maximum moves to A1.2; the total stays 10.
  void ImportMovedMaximum() {
    ImportCorrected(
        {{"section: \"1\"\n            max: 1.5", "section: \"1\"\n            max: 0.5"},
         {"max: 2.5", "max: 3.5"}});
  }

  RunResult Rescore(std::vector<std::string> options) {
    std::vector<std::string> args = {"rescore", "--to", "T-EXAM@2"};
    args.insert(args.end(), options.begin(), options.end());
    return Db(args);
  }

  std::string ResultsCsv() {
    RunResult run = Db({"results", kExam, "--format", "csv"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }
};

TEST_F(RescoreTest, UnchangedRubricReportsNoChange) {
  ImportCorrected({});
  RunResult run = Rescore({"--all"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "Re-scored under T-EXAM@2: exams 1, candidates 4\n"
            "Changed: candidates 0 (in 0 exams); grade 0, rank 0, scale 0, award 0\n"
            "Now provisional: 0; marks dropped: 0\n"
            "Dry run: nothing was changed; --apply binds the exams to T-EXAM@2\n");
  RunResult json = Rescore({"--exam", kExam, "--format", "json"});
  EXPECT_EQ(json.out,
            "{\n  \"rubric\": \"T-EXAM@2\",\n  \"changes\": [],\n  \"summary\": { \"exams\": 1, "
            "\"exams_changed\": 0, \"candidates\": 4, \"changed\": 0, \"grade_changed\": 0, "
            "\"rank_changed\": 0, \"scale_changed\": 0, \"award_changed\": 0, "
            "\"became_provisional\": 0, \"dropped_marks\": 0, \"already_current\": 0, "
            "\"applied\": false, \"exams_rebound\": 0, \"passports_superseded\": 0, "
            "\"passports_awaiting\": 0 }\n}\n");
}

// C1 0.5 + 3.5·3/4 + 7/3 + 1 + 1 = 179/24; C2 0 + 3.5 + 4/3 + 2 + 5/9 = 133/18 (73.89 %: «5»);
// C3 0.5 + 0 + 3 + 0 + 8/9 = 79/18.
TEST_F(RescoreTest, ChangedMaximumGivesExactlyTheExpectedDifferences) {
  ImportMovedMaximum();
  RunResult run = Rescore({"--all", "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            std::string(kCsvHeader) +
                "T-2026-01,T-EXAM@1,C1,Иванов Иван,Колледж №1,present,7.71,7.46,77.08,74.58,5,5,"
                "1,1,,,,,false,false,\n"
                "T-2026-01,T-EXAM@1,C2,Петрова Анна,Колледж №2,present,6.39,7.39,63.89,73.89,4,"
                "5,2,2,,,,,false,false,\n"
                "T-2026-01,T-EXAM@1,C3,\"Smith, John\",Колледж №1,present,5.39,4.39,53.89,"
                "43.89,4,4,3,3,,,,,false,false,\n");
  RunResult table = Rescore({"--exam", kExam});
  EXPECT_EQ(table.out,
            "Exam T-2026-01: T-EXAM@1 → T-EXAM@2\n"
            "Rank  ID  Name                Total              %  Grade  Notes\n"
            "   1  C1  Иванов Иван   7.71 → 7.46  77.08 → 74.58  5\n"
            "   2  C2  Петрова Анна  6.39 → 7.39  63.89 → 73.89  4 → 5\n"
            "   3  C3  Smith, John   5.39 → 4.39  53.89 → 43.89  4\n"
            "\n"
            "Re-scored under T-EXAM@2: exams 1, candidates 4\n"
            "Changed: candidates 3 (in 1 exams); grade 1, rank 0, scale 0, award 0\n"
            "Now provisional: 0; marks dropped: 0\n"
            "Dry run: nothing was changed; --apply binds the exams to T-EXAM@2\n");
}

TEST_F(RescoreTest, ChangedGradeTableChangesOnlyThoseGrades) {
  ImportCorrected({{"max: 10\n",
                    "max: 10\ngrades:\n  - { grade: 5, min_percent: 75 }\n"
                    "  - { grade: 4, min_percent: 60 }\n  - { grade: 3, min_percent: 30 }\n"
                    "  - { grade: 2, min_percent: 0 }\n"}});
  RunResult run = Rescore({"--all", "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, std::string(kCsvHeader) +
                         "T-2026-01,T-EXAM@1,C3,\"Smith, John\",Колледж №1,present,5.39,5.39,"
                         "53.89,53.89,4,3,3,3,,,,,false,false,\n");
}

// Without B1.2 (max 1) the total is 9: C1 161/24, C2 105/18, C3 81/18.
TEST_F(RescoreTest, RemovedAspectReportsItsMarksAndTheNewTotals) {
  Import(WithoutB12());
  RunResult run = Rescore({"--all", "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            std::string(kCsvHeader) +
                "T-2026-01,T-EXAM@1,C1,Иванов Иван,Колледж №1,present,7.71,6.71,77.08,74.54,5,5,"
                "1,1,,,,,false,false,B1.2 removed 3\n"
                "T-2026-01,T-EXAM@1,C2,Петрова Анна,Колледж №2,present,6.39,5.83,63.89,64.81,4,"
                "4,2,2,,,,,false,false,B1.2 removed 3\n"
                "T-2026-01,T-EXAM@1,C3,\"Smith, John\",Колледж №1,present,5.39,4.5,53.89,50,4,4,"
                "3,3,,,,,false,false,B1.2 removed 3\n");
}

// The same differences for a Russian Excel: BOM, ';', decimal commas, Russian names and words.
TEST_F(RescoreTest, CsvInRussianIsWrittenForPeople) {
  Import(WithoutB12());
  RunResult run = Rescore({"--all", "--format", "csv", "--lang", "ru"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "\xEF\xBB\xBF"
            "Экзамен;Из схемы;Код;ФИО;Организация;Статус;Баллы до;Баллы после;% до;% после;"
            "Оценка до;Оценка после;Место до;Место после;Шкала до;Шкала после;Награда до;"
            "Награда после;Предварительный до;Предварительный после;Отброшенные оценки\n"
            "T-2026-01;T-EXAM@1;C1;Иванов Иван;Колледж №1;участвует;7,71;6,71;77,08;74,54;5;5;1;"
            "1;;;;;нет;нет;B1.2: оценок отброшено: 3 (аспект удалён)\n"
            "T-2026-01;T-EXAM@1;C2;Петрова Анна;Колледж №2;участвует;6,39;5,83;63,89;64,81;4;4;"
            "2;2;;;;;нет;нет;B1.2: оценок отброшено: 3 (аспект удалён)\n"
            "T-2026-01;T-EXAM@1;C3;Smith, John;Колледж №1;участвует;5,39;4,5;53,89;50;4;4;3;3;;"
            ";;;нет;нет;B1.2: оценок отброшено: 3 (аспект удалён)\n");
}

// The same differences as a workbook: numbers as numbers, words in the chosen language.
TEST_F(RescoreTest, XlsxWritesTheChangesAsAWorkbook) {
  Import(WithoutB12());
  std::string book = dir_.File("rescore.xlsx");
  RunResult run = Rescore({"--all", "--format", "xlsx", "--out", book, "--lang", "ru"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  RunResult dump = skillscore::testing::Run("/usr/bin/python3",
                                            {SourcePath("tests/e2e/xlsx/dump_sheet.py"), book});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_EQ(dump.out,
            "Пересчёт frozen A2 filter A1:U4\n"
            "Экзамен | Из схемы | Код | ФИО | Организация | Статус | Баллы до | Баллы после | % до "
            "| % после | Оценка до | Оценка после | Место до | Место после | Шкала до | Шкала "
            "после | Награда до | Награда после | Предварительный до | Предварительный после | "
            "Отброшенные оценки\n"
            "T-2026-01 | T-EXAM@1 | C1 | Иванов Иван | Колледж №1 | участвует | n:7.71 | n:6.71 | "
            "n:77.08 | n:74.54 | n:5 | n:5 | n:1 | n:1 |  |  |  |  | нет | нет | B1.2: оценок "
            "отброшено: 3 (аспект удалён)\n"
            "T-2026-01 | T-EXAM@1 | C2 | Петрова Анна | Колледж №2 | участвует | n:6.39 | n:5.83 "
            "| n:63.89 | n:64.81 | n:4 | n:4 | n:2 | n:2 |  |  |  |  | нет | нет | B1.2: оценок "
            "отброшено: 3 (аспект удалён)\n"
            "T-2026-01 | T-EXAM@1 | C3 | Smith, John | Колледж №1 | участвует | n:5.39 | n:4.5 | "
            "n:53.89 | n:50 | n:4 | n:4 | n:3 | n:3 |  |  |  |  | нет | нет | B1.2: оценок "
            "отброшено: 3 (аспект удалён)\n");

  ASSERT_EQ(Rescore({"--all", "--format", "xlsx", "--out", book}).exit_code, 0);
  RunResult english = skillscore::testing::Run("/usr/bin/python3",
                                               {SourcePath("tests/e2e/xlsx/dump_sheet.py"), book});
  EXPECT_EQ(english.out.substr(0, english.out.find(" | Grade before")),
            "Re-scoring frozen A2 filter A1:U4\n"
            "Exam | From | ID | Name | Organisation | Status | Total before | Total after | % "
            "before | % after");

  RunResult without_out = Rescore({"--all", "--format", "xlsx"});
  EXPECT_EQ(without_out.exit_code, 2);
  EXPECT_EQ(without_out.err,
            "skillscore: error: --format xlsx and --out FILE go together\nsee 'skillscore "
            "rescore --help'\n");
}

// Ids not written in the rubric are numbered by place, so a changed text under the same id may
// mean that aspects moved: the chief expert is told, once per version.
TEST_F(RescoreTest, WarnsOfAspectsWhoseTextChangedUnderTheSameId) {
  ImportCorrected({{"text: \"Читаемость тестов\"", "text: \"Понятность тестов\""}});
  RunResult run = Rescore({"--all", "--format", "csv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kCsvHeader);
  EXPECT_EQ(run.err,
            "skillscore: warning: T-EXAM@1 → T-EXAM@2: aspects B1.2 keep their ids but not their "
            "texts; aspects are matched by id, so if aspects were inserted or removed before "
            "them, give every aspect an explicit id in both versions\n");
  EXPECT_EQ(Rescore({"--all", "--format", "csv", "-q"}).err, "");
}

TEST_F(RescoreTest, DryRunWritesNothing) {
  ImportMovedMaximum();
  std::string before = ReadFile(db_);
  std::string results = ResultsCsv();
  RunResult run = Rescore({"--all", "--format", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ReadFile(db_), before);
  EXPECT_EQ(ResultsCsv(), results);
}

TEST_F(RescoreTest, ApplyRebindsTheExamAndIsAudited) {
  ImportMovedMaximum();
  RunResult run = Db({"--as", "E1", "rescore", "--to", "T-EXAM@2", "--all", "--apply", "--reason",
                      "A1.1 maximum was wrong", "--format", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"applied\": true, \"exams_rebound\": 1, \"passports_superseded\": 0, "
                         "\"passports_awaiting\": 0 }"),
            std::string::npos)
      << run.out;
  RunResult exams = Db({"exam", "list", "--format", "csv"});
  EXPECT_NE(exams.out.find("T-2026-01,T-EXAM,2,"), std::string::npos) << exams.out;
  // The results are now those of version 2.
  EXPECT_NE(ResultsCsv().find("C2,Петрова Анна,Колледж №2,present,7.39,73.89,5,2"),
            std::string::npos);
  RunResult history = Db({"history", kExam, "--format", "csv"});
  EXPECT_NE(history.out.find("E1,rubric rebind"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("T-EXAM@1,T-EXAM@2,A1.1 maximum was wrong"), std::string::npos)
      << history.out;
  EXPECT_EQ(Db({"audit", "verify", kExam}).exit_code, 0);
  // Nothing is left to re-score.
  RunResult again = Rescore({"--all"});
  EXPECT_NE(again.out.find("exams 0, candidates 0"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("Left out: 1 exams already use T-EXAM@2"), std::string::npos);
}

// The marks of the removed aspect stay stored, named in the history, and no longer count.
TEST_F(RescoreTest, ApplyWithARemovedAspectTakesItsMarksOutOfTheCount) {
  Import(WithoutB12());
  RunResult run =
      Rescore({"--all", "--apply", "--reason", "B1.2 does not belong", "--format", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"dropped_marks\": 9,"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"applied\": true, \"exams_rebound\": 1, \"passports_superseded\": 0, "
                         "\"passports_awaiting\": 0 }"),
            std::string::npos);
  std::string results = ResultsCsv();
  EXPECT_NE(results.find("C1,Иванов Иван,Колледж №1,present,6.71,74.54,5,1"), std::string::npos)
      << results;
  EXPECT_NE(results.find("C3,\"Smith, John\",Колледж №1,present,4.5,50,4,3"), std::string::npos)
      << results;
  RunResult history = Db({"history", kExam, "--aspect", "B1.1", "--format", "csv"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  RunResult all = Db({"history", kExam, "--candidate", "C1", "--format", "csv"});
  EXPECT_NE(all.out.find(",C1,B1,B1.2,"), std::string::npos) << all.out;
  EXPECT_EQ(Db({"audit", "verify", kExam}).exit_code, 0);
}

// Every refused exam is named, the exams around them are still reported, and none is re-bound.
TEST_F(RescoreTest, ApplyRefusesMarksTheNewVersionDoesNotAccept) {
  Ok({"exam", "create", "T-2026-00", "--rubric", "T-EXAM@1", "--chief", "E1"});
  Ok({"exam", "create", "T-2026-02", "--rubric", "T-EXAM@1"});
  Ok({"candidates", "import", "T-2026-02", "candidates.csv"});
  Ok({"judges", "import", "T-2026-02", "judges.csv"});
  std::string marks = ReadFile(E2eDataPath("marks.csv"));
  for (auto at = marks.find(kExam); at != std::string::npos; at = marks.find(kExam, at)) {
    marks.replace(at, std::string(kExam).size(), "T-2026-02");
  }
  WriteFile(dir_.File("marks-02.csv"), marks);
  Ok({"marks", "import", "T-2026-02", dir_.File("marks-02.csv")});
  ImportCorrected({{"                - { label: \"много\", deduct: 100 }\n", ""}});
  RunResult run = Rescore({"--all", "--apply", "--reason", "fewer options", "--format", "json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "skillscore: error: exam T-2026-01: T-EXAM@2 does not accept marks of candidate C3 "
            "for aspect B1.1; correct them or the rubric first\n"
            "skillscore: error: exam T-2026-02: T-EXAM@2 does not accept marks of candidate C3 "
            "for aspect B1.1; correct them or the rubric first\n"
            "skillscore: error: nothing was applied\n");
  EXPECT_NE(run.out.find("\"summary\": { \"exams\": 3,"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"applied\": false, \"exams_rebound\": 0,"), std::string::npos);
  RunResult exams = Db({"exam", "list", "--format", "csv"});
  for (const char* exam : {"T-2026-00", "T-2026-01", "T-2026-02"}) {
    EXPECT_NE(exams.out.find(std::string(exam) + ",T-EXAM,1,"), std::string::npos) << exams.out;
  }
}

TEST_F(RescoreTest, RefusesWrongRequests) {
  ImportMovedMaximum();
  EXPECT_EQ(Rescore({}).err,
            "skillscore: error: name the exams to re-score with --exam EXAM, or give --all\n"
            "see 'skillscore rescore --help'\n");
  EXPECT_EQ(Rescore({"--all", "--apply"}).exit_code, 2);
  EXPECT_EQ(Db({"rescore", "--to", "T-EXAM", "--all"}).exit_code, 2);
  ExpectRefused(Rescore({"--exam", "T-2099"}),
                "skillscore: error: exam T-2099 does not exist; create it with `skillscore exam "
                "create`\n");
  ExpectRefused(Db({"rescore", "--to", "T-EXAM@9", "--all"}),
                "skillscore: error: rubric T-EXAM@9 is not in the database; import it with "
                "`skillscore rubric import FILE`\n");
}

}  // namespace
}  // namespace skillscore::testing
