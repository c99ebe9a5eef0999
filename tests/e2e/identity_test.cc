// Who is acting, proven, through the real binary (credentials.h, docs/security.md): the sheet of
// sign-in cards (its text, its QR codes decoded by zbarimg), revoking a code, PINs an exam
// requires, administrators, `rescore --apply` by a chief expert or an administrator, and roster
// changes in `history` with before and after.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "db_support.h"

namespace skillscore::testing {
namespace {

constexpr char kUrl[] = "http://127.0.0.1:8080";
constexpr char kAdminSecret[] = "correct horse battery";

class IdentityTest : public DbTest {
 protected:
  void SetUp() override { CreateExam(); }

  // Issues codes to every judge (as the chief expert E1, with `env`) into cards.pdf; each judge's
  // code as the QR codes of the sheet give it, after checking that each holds the exact link.
  std::map<std::string, std::string> IssueCodes(std::map<std::string, std::string> env = {}) {
    RunResult run = Db({"judges", "codes", kExam, "--url", kUrl, "--out", Cards()}, WithEnv(env));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "");
    return DecodedCodes();
  }

  std::string Cards() const { return dir_.File("cards.pdf"); }

  // judge → code, from the QR codes of cards.pdf (pdftoppm, then zbarimg).
  std::map<std::string, std::string> DecodedCodes() {
    RunResult png =
        testing::Run("/usr/bin/pdftoppm", {"-r", "150", "-png", Cards(), dir_.File("page")});
    EXPECT_EQ(png.exit_code, 0) << png.err;
    RunResult qr = testing::Run("/usr/bin/zbarimg", {"--raw", "-q", dir_.File("page-1.png")});
    EXPECT_EQ(qr.exit_code, 0) << qr.err;
    std::regex link(
        std::string(kUrl) +
        "/#exam=T-2026-01&judge=(E[1-4])&code=([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})");
    std::map<std::string, std::string> codes;
    std::istringstream lines(qr.out);
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      EXPECT_TRUE(std::regex_match(line, match, link)) << line;
      if (!match.empty()) codes[match[1]] = match[2];
    }
    return codes;
  }

  // A mark by E2 on an exam that may require PINs, with `env`.
  RunResult MarkByE2(std::map<std::string, std::string> env) {
    return Db({"--as", "E2", "mark", kExam, "C1", "A1.1", "no", "--judge", "E2"}, WithEnv(env));
  }

  RunResult InitAdmin(const std::string& name, std::map<std::string, std::string> env,
                      std::vector<std::string> before = {}) {
    before.insert(before.end(), {"admin", "init", name});
    return Db(before, WithEnv(env));
  }
};

TEST_F(IdentityTest, TheSheetHasACardPerJudgeWhoseQrCodeHoldsTheSignInLink) {
  std::map<std::string, std::string> codes = IssueCodes();
  ASSERT_EQ(codes.size(), 4u);
  struct stat info {};
  ASSERT_EQ(::stat(Cards().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);  // it holds secrets
  RunResult text = testing::Run("/usr/bin/pdftotext", {"-layout", Cards(), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const auto& [judge, code] : codes) {
    EXPECT_NE(text.out.find("Judge id: " + judge), std::string::npos) << text.out;
    EXPECT_NE(text.out.find(code), std::string::npos) << code;
  }
  EXPECT_NE(text.out.find("Главный Эксперт"), std::string::npos);
  EXPECT_NE(text.out.find("SIGN-IN CARD · exam T-2026-01"), std::string::npos);
  // Four distinct codes, and nothing of them on the terminal or in the history.
  std::set<std::string> distinct;
  for (const auto& entry : codes) distinct.insert(entry.second);
  EXPECT_EQ(distinct.size(), 4u);
  RunResult history = Db({"history", kExam, "--format", "csv"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  for (const auto& entry : codes) {
    EXPECT_EQ(history.out.find(entry.second), std::string::npos);
  }
  EXPECT_NE(history.out.find("code issue,,,,,E2,,credential 2,"), std::string::npos) << history.out;
}

TEST_F(IdentityTest, OnlyTheChiefExpertIssuesCodesAndAnAddressNeedsHttp) {
  RunResult expert = Db({"--as", "E2", "judges", "codes", kExam, "--url", kUrl, "--out", Cards()});
  EXPECT_EQ(expert.exit_code, 1);
  EXPECT_EQ(expert.err,
            "skillscore: error: only a chief expert of exam T-2026-01 or an administrator may "
            "manage its sign-in codes and PINs; E2 is neither\n");
  RunResult ftp = Db({"judges", "codes", kExam, "--url", "ftp://x", "--out", Cards()});
  EXPECT_EQ(ftp.exit_code, 2);
  EXPECT_NE(ftp.err.find("the sign-in address must start with http:// or https://"),
            std::string::npos)
      << ftp.err;
  EXPECT_FALSE(std::filesystem::exists(Cards()));
}

TEST_F(IdentityTest, ARevokedCodeNoLongerServesAsPin) {
  std::map<std::string, std::string> codes = IssueCodes();
  Ok({"exam", "require-pin", kExam});
  RunResult no_reason =
      Db({"judges", "codes", kExam, "--revoke", "E2"}, WithEnv({{"SKILLSCORE_PIN", codes["E1"]}}));
  EXPECT_EQ(no_reason.exit_code, 1);
  EXPECT_EQ(no_reason.err,
            "skillscore: error: a reason is required to revoke the sign-in code of E2\n"
            "skillscore: error: give the reason with --reason TEXT\n");
  RunResult revoke = Db({"judges", "codes", kExam, "--revoke", "E2", "--reason", "card lost"},
                        WithEnv({{"SKILLSCORE_PIN", codes["E1"]}}));
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  RunResult refused = MarkByE2({{"SKILLSCORE_PIN", codes["E2"]}});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(refused.err,
            "skillscore: error: the judge id or the code is not right for exam T-2026-01\n");
  RunResult history = Db({"history", kExam, "--format", "csv"});
  EXPECT_NE(history.out.find(",E1,code revoke,,,,,E2,,credential 2,card lost"), std::string::npos)
      << history.out;
}

TEST_F(IdentityTest, AnExamThatRequiresPinsTakesTheActingJudgesOwnCode) {
  Ok({"exam", "require-pin", kExam});
  std::map<std::string, std::string> codes = IssueCodes();
  std::size_t marks = Entries().size();
  // No PIN and no terminal to ask it on (setsid: no controlling terminal).
  RunResult none =
      testing::Run("/usr/bin/setsid",
                   {"-w", SKILLSCORE_BINARY, "--db", db_, "--as", "E2", "mark", kExam, "C1", "A1.1",
                    "no", "--judge", "E2"},
                   WithEnv({{"LANG", "C.UTF-8"}, {"LC_ALL", ""}, {"SKILLSCORE_PIN", ""}}));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err,
            "skillscore: error: exam T-2026-01 requires the acting judge's PIN: type it on a "
            "terminal or set SKILLSCORE_PIN\n");
  const std::string wrong =
      "skillscore: error: the judge id or the code is not right for exam T-2026-01\n";
  for (const std::string& pin : {std::string("AAAA-AAAA"), codes["E3"]}) {
    RunResult refused = MarkByE2({{"SKILLSCORE_PIN", pin}});
    EXPECT_EQ(refused.exit_code, 2) << pin;
    EXPECT_EQ(refused.err, wrong);
  }
  EXPECT_EQ(Entries().size(), marks);  // nothing written
  std::string typed = codes["E2"];
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  RunResult right = MarkByE2({{"SKILLSCORE_PIN", typed}});
  EXPECT_EQ(right.exit_code, 0) << right.err;
  EXPECT_EQ(Entries().size(), marks + 1);
  // The rule holds for the chief expert too, and for turning it off.
  RunResult off =
      Db({"exam", "require-pin", kExam, "--off"}, WithEnv({{"SKILLSCORE_PIN", codes["E2"]}}));
  EXPECT_EQ(off.exit_code, 2);
  EXPECT_EQ(off.err, wrong);
  RunResult chief =
      Db({"exam", "require-pin", kExam, "--off"}, WithEnv({{"SKILLSCORE_PIN", codes["E1"]}}));
  EXPECT_EQ(chief.exit_code, 0) << chief.err;
  EXPECT_EQ(MarkByE2({}).exit_code, 0);
}

TEST_F(IdentityTest, TheFirstAdministratorOnceThenOnlyByAnAdministrator) {
  RunResult first = InitAdmin("root", {{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.err, "");
  RunResult second = InitAdmin("other", {{"SKILLSCORE_ADMIN_SECRET", "another long one"}});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(second.err,
            "skillscore: error: an administrator exists already; only an administrator may add "
            "another\n"
            "skillscore: error: an administrator adds another with `skillscore --admin NAME admin "
            "init NEW`\n");
  RunResult wrong = InitAdmin("other",
                              {{"SKILLSCORE_ADMIN_SECRET", "not the secret"},
                               {"SKILLSCORE_NEW_ADMIN_SECRET", "another long one"}},
                              {"--admin", "root"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_EQ(wrong.err, "skillscore: error: the administrator's name or secret is not right\n");
  RunResult added = InitAdmin("other",
                              {{"SKILLSCORE_ADMIN_SECRET", kAdminSecret},
                               {"SKILLSCORE_NEW_ADMIN_SECRET", "another long one"}},
                              {"--admin", "root"});
  EXPECT_EQ(added.exit_code, 0) << added.err;
  RunResult audit = Db({"audit", "verify"});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
}

TEST_F(IdentityTest, AnAdministratorChangesTheRosterAndIsNamedInTheHistory) {
  ASSERT_EQ(InitAdmin("root", {{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}}).exit_code, 0);
  std::string judges = dir_.File("judges.csv");
  WriteFile(judges,
            "id,name,organization,role\n"
            "E3,Эксперт Три,Колледж №5,expert\n");
  RunResult expert = Db({"--as", "E2", "judges", "import", kExam, judges});
  EXPECT_EQ(expert.exit_code, 1);
  EXPECT_EQ(expert.err,
            "skillscore: error: only a chief expert of exam T-2026-01 or an administrator may "
            "change its candidates and judges; E2 is neither\n");
  RunResult admin = Db({"--admin", "root", "judges", "import", kExam, judges},
                       WithEnv({{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}}));
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  RunResult history = Db({"history", kExam, "--format", "csv"});
  EXPECT_NE(history.out.find(",root,judge change,,,,,E3,organization: Колледж №1,organization: "
                             "Колледж №5,"),
            std::string::npos)
      << history.out;
}

TEST_F(IdentityTest, ARosterChangeShowsBeforeAndAfterPerPersonAndField) {
  std::string judges = dir_.File("judges.csv");
  WriteFile(judges,
            "id,name,organization,role\n"
            "E2,Эксперт Два,Колледж №2,chief\n"
            "E4,Эксперт Четвёртый,Центр,expert\n");
  Ok({"judges", "import", kExam, judges});
  std::string candidates = dir_.File("candidates.csv");
  WriteFile(candidates,
            "id,name,organization,status\n"
            "C1,Иванов Иван,Колледж №3,present\n");
  Ok({"candidates", "import", kExam, candidates});
  RunResult history = Db({"history", kExam, "--format", "csv"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  for (const char* line :
       {",E1,judge change,,,,,E2,role: expert,role: chief,",
        ",E1,judge change,,,,,E4,name: Эксперт Четыре,name: Эксперт Четвёртый,",
        ",E1,judges import,,,,,,,\"added 0, changed 2, unchanged 0\",",
        ",E1,candidate change,,C1,,,,organization: Колледж №1,organization: Колледж №3,"}) {
    EXPECT_NE(history.out.find(line), std::string::npos) << line << "\n" << history.out;
  }
  RunResult of_c1 = Db({"history", kExam, "--candidate", "C1", "--format", "csv"});
  EXPECT_NE(of_c1.out.find("candidate change"), std::string::npos) << of_c1.out;
}

TEST_F(IdentityTest, RescoreApplyTakesAChiefExpertOfTheExamOrAnAdministrator) {
  std::string yaml = ReadFile(E2eDataPath("exam.yaml"));
  yaml.replace(yaml.find("version: \"1\""), 12, "version: \"2\"");
  std::string file = dir_.File("exam-v2.yaml");
  WriteFile(file, yaml);
  Ok({"rubric", "import", file});
  std::vector<std::string> apply = {"rescore", "--to",     "T-EXAM@2", "--all",
                                    "--apply", "--reason", "typo",     "-q"};
  std::vector<std::string> as_expert = {"--as", "E2"};
  as_expert.insert(as_expert.end(), apply.begin(), apply.end());
  RunResult expert = Db(as_expert);
  EXPECT_EQ(expert.exit_code, 1);
  EXPECT_EQ(expert.err,
            "skillscore: error: binding exam T-2026-01 to T-EXAM@2 takes a chief expert of the "
            "exam or an administrator; E2 is neither\n");
  ASSERT_EQ(InitAdmin("root", {{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}}).exit_code, 0);
  std::vector<std::string> as_admin = {"--admin", "root"};
  as_admin.insert(as_admin.end(), apply.begin(), apply.end());
  RunResult admin = Db(as_admin, WithEnv({{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}}));
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  RunResult exams = Db({"exam", "list", "--format", "csv"});
  EXPECT_NE(exams.out.find("T-2026-01,T-EXAM,2,"), std::string::npos) << exams.out;
}

}  // namespace
}  // namespace skillscore::testing
