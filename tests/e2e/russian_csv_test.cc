// CSV for people with --lang ru (issue 14): `status` and `report judges` written for a Russian
// Excel like the results CSV — a BOM, ';', decimal commas, Russian column names and words.
#include <gtest/gtest.h>

#include <string>

#include "db_support.h"

namespace skillscore::testing {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

TEST_F(DbTest, StatusCsvInRussian) {
  CreateExam();
  RunResult run = Db({"status", kExam, "--format", "csv", "--lang", "ru"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            std::string(kBom) +
                "Подкритерий;Нужно;Внесено;Недостаёт;Спорных;Готов;Заблокирован;Замечания\n"
                "A1;15;0;15;0;нет;нет;\"C1 A1.1 нет оценки; C1 A1.2 нет оценки; C1 A1.3 неполная "
                "(оценок 0 из 3); C2 A1.1 нет оценки; C2 A1.2 нет оценки; C2 A1.3 неполная "
                "(оценок 0 из 3); C3 A1.1 нет оценки; C3 A1.2 нет оценки; C3 A1.3 неполная "
                "(оценок 0 из 3)\"\n"
                "B1;12;0;12;0;нет;нет;\"C1 B1.1 нет оценки; C1 B1.2 неполная (оценок 0 из 3); "
                "C2 B1.1 нет оценки; C2 B1.2 неполная (оценок 0 из 3); C3 B1.1 нет оценки; C3 "
                "B1.2 неполная (оценок 0 из 3)\"\n");
  // For machines the codes stay.
  RunResult english = Db({"status", kExam, "--format", "csv"});
  EXPECT_EQ(english.out.substr(0, english.out.find('\n')),
            "subcriterion,expected,entered,missing,disputed,complete,locked,problems");
  EXPECT_NE(english.out.find("\nB1,12,0,12,0,no,no,C1 B1.1 missing (no mark); C1 B1.2 missing "
                             "(0 of 3 scores); "),
            std::string::npos)
      << english.out;
}

TEST_F(DbTest, JudgeReportCsvInRussian) {
  CreateExam();
  Ok({"marks", "import", kExam, "marks.csv"});
  RunResult run = Db({"report", "judges", kExam, "--format", "csv", "--lang", "ru"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            std::string(kBom) +
                "Таблица;Код;Подкритерий;ФИО;Организация;Участники;Панелей;Спорных;Сравнений;"
                "Совпали, %;В пределах 1, %;ICC: участников;ICC одного эксперта;ICC среднего;"
                "Альфа (порядковая);Оценок;Отклонение;Ст. ош.;p;Значимо;СКО;СКО панели\n"
                "Аспект;A1.3;A1;;;;3;0;3;33,3;100;;;;;;;;;;;\n"
                "Аспект;B1.2;B1;;;;3;0;3;33,3;100;;;;;;;;;;;\n"
                "Подкритерий;A1;;;;;3;0;3;33,3;100;3;0,733;0,892;0,687;;;;;;;\n"
                "Подкритерий;B1;;;;;3;0;3;33,3;100;3;0,636;0,84;0,63;;;;;;;\n"
                "Эксперт;E1;;Главный Эксперт;Центр;;;;6;;;;;;;6;0;0,18;1;нет;0,82;0,78\n"
                "Эксперт;E2;;Эксперт Два;Колледж №2;;;;4;;;;;;;4;-0,38;0,24;0,215;нет;0,58;0,35\n"
                "Эксперт;E3;;Эксперт Три;Колледж №1;;;;2;;;;;;;2;0,75;0,25;0,205;нет;0;0,5\n"
                "Эксперт;E4;;Эксперт Четыре;Центр;;;;6;;;;;;;6;0;0,29;1;нет;1,03;0,65\n");
}

}  // namespace
}  // namespace skillscore::testing
