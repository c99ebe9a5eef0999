// The exam's time zone (issue 14): `exam create --timezone`, the machine's zone by default, and
// the times people read — exam list, history — shown in it with the zone named, while CSV and
// JSON keep UTC for machines.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <sstream>

#include "db_support.h"

namespace skillscore::testing {
namespace {

// The exam's creation time as `exam list --format csv` gives it (UTC, ISO), its last column but
// one.
std::string CreatedAt(const std::string& csv) {
  static const std::regex kRow(R"(\n[^\n]*,(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ),[^,\n]*\n)");
  std::smatch match;
  EXPECT_TRUE(std::regex_search(csv, match, kRow)) << csv;
  return match.str(1);
}

// `utc` (YYYY-MM-DDTHH:MM:SSZ) three hours on, as Moscow has kept all year since 2014, in the
// Russian form "DD.MM.YYYY HH:MM" or the English "YYYY-MM-DD HH:MM".
std::string MoscowTime(const std::string& utc, bool russian) {
  using namespace std::chrono;
  int year = std::stoi(utc.substr(0, 4));
  unsigned month = std::stoul(utc.substr(5, 2)), day = std::stoul(utc.substr(8, 2));
  sys_seconds instant = sys_days(year_month_day(std::chrono::year(year), std::chrono::month(month),
                                                std::chrono::day(day))) +
                        hours(std::stoi(utc.substr(11, 2))) + minutes(std::stoi(utc.substr(14, 2)));
  instant += hours(3);
  sys_days local_day = floor<days>(instant);
  year_month_day date(local_day);
  auto time = hh_mm_ss(instant - local_day);
  char text[32];
  if (russian) {
    std::snprintf(text, sizeof text, "%02u.%02u.%04d %02ld:%02ld", unsigned(date.day()),
                  unsigned(date.month()), int(date.year()), long(time.hours().count()),
                  long(time.minutes().count()));
  } else {
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), long(time.hours().count()),
                  long(time.minutes().count()));
  }
  return text;
}

class ExamTimeZoneTest : public DbTest {
 protected:
  void SetUp() override { Ok({"rubric", "import", "exam.yaml"}); }
};

TEST_F(ExamTimeZoneTest, PeopleReadTimesInTheExamsZoneMachinesInUtc) {
  Ok({"exam", "create", kExam, "--rubric", "T-EXAM", "--timezone", "Europe/Moscow"});
  RunResult csv = Db({"exam", "list", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::string created = CreatedAt(csv.out);
  EXPECT_EQ(csv.out,
            "id,rubric,version,date,site,chief,created_at,timezone\nT-2026-01,T-EXAM,1,,,," +
                created + ",Europe/Moscow\n");

  RunResult russian = Db({"exam", "list", "--lang", "ru"});
  EXPECT_EQ(russian.out,
            "Экзамен    Схема оценки  Версия  Дата  Место  Главный эксперт  Создан                "
            "Часовой пояс\n"
            "T-2026-01  T-EXAM        1                                     " +
                MoscowTime(created, true) + " MSK  Europe/Moscow\n");
  RunResult english = Db({"exam", "list"});
  EXPECT_EQ(english.out,
            "Exam       Rubric  Version  Date  Site  Chief expert  Created               Time "
            "zone\n"
            "T-2026-01  T-EXAM  1                                  " +
                MoscowTime(created, false) + " MSK  Europe/Moscow\n");

  RunResult history = Db({"history", kExam, "--lang", "ru"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out,
            "Событие  Время                 Кто  Действие           Файл  Участник  Подкритерий  "
            "Аспект  Эксперт  Было  Стало     Причина\n"
            "      1  " +
                MoscowTime(created, true) +
                " MSK  E1   создание экзамена                                                      "
                "T-EXAM@1\n");
  RunResult history_csv = Db({"history", kExam, "--format", "csv", "--lang", "ru"});
  EXPECT_NE(history_csv.out.find("\n1;" + created + ";E1;"), std::string::npos) << history_csv.out;
  RunResult verify = Db({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(ExamTimeZoneTest, AnExamWithoutAZoneGetsTheMachines) {
  RunOptions yekaterinburg;
  yekaterinburg.env["TZ"] = "Asia/Yekaterinburg";
  RunResult created = Db({"exam", "create", kExam, "--rubric", "T-EXAM"}, yekaterinburg);
  EXPECT_EQ(created.exit_code, 0) << created.err;
  Ok({"exam", "create", "T-2026-02", "--rubric", "T-EXAM"});  // TZ=UTC (cli_support.h)
  RunResult json = Db({"exam", "list", "--format", "json"});
  EXPECT_NE(json.out.find("\"timezone\": \"Asia/Yekaterinburg\" }"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"timezone\": \"UTC\" }"), std::string::npos) << json.out;
  RunResult table = Db({"exam", "list"});
  EXPECT_NE(table.out.find(" +05  Asia/Yekaterinburg\n"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find(" UTC  UTC\n"), std::string::npos) << table.out;
}

TEST_F(ExamTimeZoneTest, AnUnknownZoneIsRefusedAndNothingIsStored) {
  ExpectRefused(Db({"exam", "create", kExam, "--rubric", "T-EXAM", "--timezone", "Moscow"}),
                "skillscore: error: unknown time zone 'Moscow': expected an IANA name such as "
                "Europe/Moscow or UTC\n");
  ExpectRefused(
      Db({"exam", "create", kExam, "--rubric", "T-EXAM", "--timezone", "Moscow", "--lang", "ru"}),
      "skillscore: ошибка: неизвестный часовой пояс «Moscow»: ожидалось имя IANA, "
      "например Europe/Moscow или UTC\n");
  RunResult list = Db({"exam", "list", "--format", "csv"});
  EXPECT_EQ(list.out, "id,rubric,version,date,site,chief,created_at,timezone\n");
}

}  // namespace
}  // namespace skillscore::testing
