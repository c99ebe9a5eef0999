// The exam's paper through the command line (report protocol | sheets | forms) on the bundled
// sample demonstration exam (samples/de-2026-0412, rubric rubrics/de-09.02.07-2026-pu.yaml), whose
// expected results are tests/e2e/expected/de-2026-0412.csv: every candidate's name, total (with a
// decimal comma in Russian) and grade in words is in the text of the protocol and of the sheets,
// and pdftoppm renders every page.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>

#include "db_support.h"
#include "skillscore/csv.h"

namespace skillscore::testing {
namespace {

constexpr char kSampleExam[] = "DE-2026-0412";

struct ExpectedCandidate {
  std::string name;
  std::string total;  // "63.77"
  std::string grade;  // "5", empty for one not present
};

std::vector<std::string> Column(const CsvTable& table, const std::string& name) {
  std::vector<std::string> values;
  std::size_t column = table.Column(name).value();
  for (const CsvRow& row : table.rows) values.push_back(row.fields[column]);
  return values;
}

// The sample's candidates with their expected totals and grades, in the order of the results.
std::vector<ExpectedCandidate> ExpectedCandidates() {
  std::string results_file = SourcePath("tests/e2e/expected/de-2026-0412.csv");
  std::string people_file = SourcePath("samples/de-2026-0412/candidates.csv");
  CsvTable results = ParseCsv(ReadFile(results_file), results_file).value();
  CsvTable people = ParseCsv(ReadFile(people_file), people_file).value();
  std::map<std::string, std::string> names;
  std::vector<std::string> ids = Column(people, "id");
  std::vector<std::string> full_names = Column(people, "name");
  for (std::size_t i = 0; i < ids.size(); ++i) names[ids[i]] = full_names[i];
  std::vector<ExpectedCandidate> expected;
  std::vector<std::string> result_ids = Column(results, "id");
  std::vector<std::string> totals = Column(results, "total");
  std::vector<std::string> grades = Column(results, "grade");
  for (std::size_t i = 0; i < result_ids.size(); ++i) {
    expected.push_back({names.at(result_ids[i]), totals[i], grades[i]});
  }
  return expected;
}

std::string RussianGrade(const std::string& grade) {
  static const std::map<std::string, std::string> kWords = {{"5", "5 (отлично)"},
                                                            {"4", "4 (хорошо)"},
                                                            {"3", "3 (удовлетворительно)"},
                                                            {"2", "2 (неудовлетворительно)"}};
  return kWords.at(grade);
}

std::string WithComma(std::string number) {
  std::replace(number.begin(), number.end(), '.', ',');
  return number;
}

// A program found on PATH, as a user would run it (poppler-utils, installed by setup.sh).
std::string Tool(const std::string& name) {
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"}) {
    std::string path = std::string(dir) + "/" + name;
    if (std::filesystem::exists(path)) return path;
  }
  ADD_FAILURE() << name << " is not installed (scripts/setup.sh installs it)";
  return name;
}

class PaperTest : public DbTest {
 protected:
  void SetUp() override {
    std::string sample = SourcePath("samples/de-2026-0412/");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", SourcePath("rubrics/de-09.02.07-2026-pu.yaml")},
             {"exam", "create", kSampleExam, "--rubric", "09.02.07-2026-PU@2026.1", "--date",
              "2026-04-12", "--site", "Колледж №1, ауд. 214"},
             {"candidates", "import", kSampleExam, sample + "candidates.csv"},
             {"judges", "import", kSampleExam, sample + "judges.csv"},
             {"marks", "import", kSampleExam, sample + "marks.csv"}}) {
      // E01, the sample's chief expert, sets the exam up and transcribes the marking forms.
      RunResult run = Db(args, WithEnv({{"SKILLSCORE_JUDGE", "E01"}}));
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
  }

  // The document written by `report KIND`, as text with every run of white space made one space
  // (table cells wrap long names and grade words over lines).
  std::string Print(const std::string& kind, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--lang", "ru",  "report", kind,      kSampleExam,
                                     "--to",   "pdf", "--out",  File(kind)};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult run = Db(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "");
    RunResult text = testing::Run(Tool("pdftotext"), {File(kind), "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return std::regex_replace(text.out, std::regex("\\s+"), " ");
  }

  std::string File(const std::string& kind) const { return dir_.File(kind + ".pdf"); }

  int Pages(const std::string& kind) const {
    RunResult info = testing::Run(Tool("pdfinfo"), {File(kind)});
    std::smatch match;
    EXPECT_TRUE(std::regex_search(info.out, match, std::regex("Pages: +([0-9]+)"))) << info.out;
    return match.empty() ? 0 : std::stoi(match[1]);
  }

  // pdftoppm draws every page without an error; the number of images it wrote.
  int RenderedPages(const std::string& kind) const {
    std::string dir = dir_.File(kind + "-png");
    std::filesystem::create_directories(dir);
    RunResult run = testing::Run(Tool("pdftoppm"), {"-r", "30", "-png", File(kind), dir + "/page"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    auto files = std::filesystem::directory_iterator(dir);
    return static_cast<int>(std::distance(begin(files), end(files)));
  }
};

TEST_F(PaperTest, TheProtocolListsEveryCandidateWithTotalAndGrade) {
  std::string text = Print("protocol");
  for (const ExpectedCandidate& candidate : ExpectedCandidates()) {
    EXPECT_NE(text.find(candidate.name), std::string::npos) << candidate.name << "\n" << text;
    if (candidate.grade.empty()) continue;
    EXPECT_NE(text.find(WithComma(candidate.total)), std::string::npos) << candidate.total;
    EXPECT_NE(text.find(RussianGrade(candidate.grade)), std::string::npos) << candidate.grade;
  }
  for (const char* expected :
       {"Протокол демонстрационного экзамена", "09.02.07-2026-PU@2026.1, максимум 75,00",
        "12.04.2026, Колледж №1, ауд. 214", "зарегистрировано 12, присутствовало 11",
        "Экспертная группа", "Соколова Марина Викторовна", "Главный эксперт",
        "B2.7 расхождение (оценки 1, 3, 3)", "Распределение итоговых баллов", "80–90 %", "неявка",
        "Экспертная группа подтверждает приведённые результаты."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // The rubric's identity as stored: its content hash is printed in full.
  std::smatch sha;
  std::string rubrics = Db({"rubric", "list", "--format", "csv"}).out;
  ASSERT_TRUE(std::regex_search(rubrics, sha, std::regex("[0-9a-f]{64}"))) << rubrics;
  EXPECT_NE(text.find(sha.str()), std::string::npos) << sha.str();
  int pages = Pages("protocol");
  EXPECT_LE(pages, 2);
  std::string last = "страница " + std::to_string(pages) + " из " + std::to_string(pages);
  EXPECT_NE(text.find(last), std::string::npos) << last;
  EXPECT_EQ(RenderedPages("protocol"), pages);
}

TEST_F(PaperTest, ASheetPerPresentCandidateWithTotalGradeAndEveryAspect) {
  std::string text = Print("sheets");
  int present = 0;
  for (const ExpectedCandidate& candidate : ExpectedCandidates()) {
    if (candidate.grade.empty()) {
      EXPECT_EQ(text.find(candidate.name), std::string::npos) << candidate.name;
      continue;
    }
    ++present;
    EXPECT_NE(text.find(candidate.name), std::string::npos) << candidate.name << "\n" << text;
    EXPECT_NE(text.find("Итог: " + WithComma(candidate.total) + " из 75,00"), std::string::npos)
        << candidate.total;
    EXPECT_NE(text.find("Оценка: " + RussianGrade(candidate.grade)), std::string::npos)
        << candidate.grade;
  }
  // The first sheet is C01's: A1.4 is a judgement panel (2, 3, 2 of 3 × 0.5) and D1.6 a mark.
  for (const char* expected : {"Лист оценок", "A1.4 0,39/0,50", "17,14 из 20,00", "Модуль A"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(present, 11);
  EXPECT_EQ(Pages("sheets"), present);
  EXPECT_EQ(RenderedPages("sheets"), present);
}

TEST_F(PaperTest, AMarkingFormPerPresentCandidateOfTheSubcriterion) {
  std::string text = Print("forms", {"--subcriterion", "A1"});
  for (const char* expected :
       {"Оценочный лист", "A1 Проектирование пользовательского интерфейса",
        "Алексеев Артём Дмитриевич (C01)", "Измеримая: сколько из 4 выполнено", "___ из 4",
        "2. 1–2 отклонения (−33,3 %)", "0 — UI-кит отсутствует", "0 1 2 3", "Итого по подкритерию",
        "6,75", "подпись"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("A2 Вёрстка"), std::string::npos);
  EXPECT_EQ(Pages("forms"), 11);
  EXPECT_EQ(RenderedPages("forms"), 11);
}

TEST_F(PaperTest, AnUnknownSubcriterionWritesNothing) {
  RunResult run = Db({"report", "forms", kSampleExam, "--subcriterion", "Z9", "--out", File("x")});
  ExpectRefused(run, "skillscore: error: rubric 09.02.07-2026-PU@2026.1 has no sub-criterion Z9\n");
  EXPECT_FALSE(std::filesystem::exists(File("x")));
  EXPECT_FALSE(std::filesystem::exists(File("x") + ".partial"));
}

TEST_F(PaperTest, OnlyPdfIsWritten) {
  RunResult run = Db({"report", "protocol", kSampleExam, "--to", "docx", "--out", File("x")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--to must be pdf, not docx"), std::string::npos) << run.err;
}

TEST_F(PaperTest, AnUnknownExamIsNotFound) {
  RunResult run = Db({"report", "protocol", "NOPE", "--out", File("x")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(File("x")));
}

}  // namespace
}  // namespace skillscore::testing
