// Issuing skills passports from the exam database through the command line: refused until the
// results are final, one signed record per present candidate, nothing new on a re-run, a changed
// result superseding the old passport, revocation and the signed revocation list, the exports, and
// the audit log over all of it. The exam is the small one of tests/e2e/data/integrity (C1 present,
// C2 absent; K0 and J2 chief experts). Times in outputs are replaced by "T".
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "db_support.h"

namespace skillscore::testing {
namespace {

std::string WithoutTimes(const std::string& text) {
  static const std::regex kTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  return std::regex_replace(text, kTime, "T");
}

// A program found on PATH, as a user would run it.
std::string Tool(const std::string& name) {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin";
  for (std::size_t begin = 0; begin <= path.size();) {
    std::size_t end = std::min(path.find(':', begin), path.size());
    std::filesystem::path candidate = std::filesystem::path(path.substr(begin, end - begin)) / name;
    if (std::filesystem::exists(candidate)) return candidate;
    begin = end + 1;
  }
  return name;
}

constexpr char kFinalOnly[] = "; passports are issued for final results only\n";

class PassportIssueTest : public DbTest {
 protected:
  // The exam with A1 complete for C1 (A2.1 still missing), and the issuer's key.
  void SetUp() override {
    SetUpLocksExam();
    RunResult keys = Db({"keys", "init", "--issuer", "Org X", "--dir", keys_});
    ASSERT_EQ(keys.exit_code, 0) << keys.err;
  }

  // Completes the marks and locks every sub-criterion: the results are final.
  void MakeFinal() {
    Ok({"mark", "E1", "C1", "A2.1", "3", "--as", "J1"});
    Ok({"lock", "E1", "A1", "--as", "K0"});
    Ok({"lock", "E1", "A2", "--as", "K0"});
  }

  RunResult Issue() { return Db({"passport", "issue", "E1", "--as", "K0", "--dir", keys_}); }

  void ExpectIssued(const std::string& out) {
    RunResult run = Issue();
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, out);
    EXPECT_EQ(run.err, "");
  }

  void ExpectRefused(const RunResult& run, const std::string& err) {
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, err);
  }

  // Exports the signed records to a new directory; the path of the record `number` there.
  std::string ExportJson(const std::string& name, const std::string& number) {
    std::string dir = dir_.File(name);
    Ok({"passport", "export", "E1", "--to", "json", "--out", dir});
    return dir + "/" + number + ".json";
  }

  RunResult Verify(const std::string& file, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"passport", "verify", file, "--dir", keys_};
    args.insert(args.end(), more.begin(), more.end());
    return Db(args);
  }

  void ExpectAuditIntact() {
    RunResult run = Db({"audit", "verify"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out.rfind("audit log intact: ", 0), 0u) << run.out;
  }

  std::string keys_ = dir_.File("keys");
};

TEST_F(PassportIssueTest, ProvisionalResultsAreRefused) {
  ExpectRefused(Issue(),
                std::string("skillscore: error: results of exam E1 are provisional: marks are "
                            "missing or disputed") +
                    kFinalOnly);
  Ok({"mark", "E1", "C1", "A2.1", "3", "--as", "J1"});
  Ok({"lock", "E1", "A1", "--as", "K0"});
  ExpectRefused(Issue(),
                std::string("skillscore: error: results of exam E1 are provisional: sub-criteria "
                            "A2 are not locked") +
                    kFinalOnly);
  RunResult list = Db({"passport", "list", "E1", "--format", "csv"});
  EXPECT_EQ(list.out,
            "number,candidate,name,organization,total,percent,grade,issued_at,supersedes,"
            "revoked_at,revoked_by,revoked_reason,marks_sha256\n");
}

TEST_F(PassportIssueTest, OnlyAChiefExpertIssues) {
  MakeFinal();
  ExpectRefused(Db({"passport", "issue", "E1", "--as", "J1", "--dir", keys_}),
                "skillscore: error: J1 is an expert of exam E1; only a chief expert may issue "
                "passports\n");
}

TEST_F(PassportIssueTest, IssuesOnePassportPerPresentCandidateThatVerifies) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  RunResult verify = Verify(ExportJson("json", "E1-C1-1"));
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(WithoutTimes(verify.out), dir_.File("json") +
                                          "/E1-C1-1.json: valid: passport E1-C1-1 of Ann (C1), "
                                          "issued T by Org X\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("json") + "/E1-C1-2.json"));
  RunResult show = Db({"passport", "show", "E1-C1-1"});
  EXPECT_EQ(show.out, ReadFile(dir_.File("json") + "/E1-C1-1.json"));
  ExpectAuditIntact();
}

TEST_F(PassportIssueTest, ReissuingUnchangedResultsIssuesNothing) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  ExpectIssued("the passports of exam E1 are up to date: nothing to issue\n");
  RunResult list = Db({"passport", "list", "E1", "--format", "csv"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 2);
}

// People read the register's times in the exam's zone (UTC here: cli_support.h) to the minute;
// the CSV keeps the UTC instant.
TEST_F(PassportIssueTest, TheRegisterTableShowsTimesInTheExamsZone) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  RunResult csv = Db({"passport", "list", "E1", "--format", "csv"});
  std::smatch issued;
  ASSERT_TRUE(std::regex_search(csv.out, issued, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << csv.out;
  std::string utc = issued.str(0);
  RunResult table = Db({"passport", "list", "E1", "--lang", "ru"});
  EXPECT_NE(table.out.find(" " + utc.substr(8, 2) + "." + utc.substr(5, 2) + "." +
                           utc.substr(0, 4) + " " + utc.substr(11, 5) + " UTC "),
            std::string::npos)
      << table.out;
  EXPECT_EQ(table.out.find(utc), std::string::npos) << table.out;
}

TEST_F(PassportIssueTest, AChangedResultSupersedesTheOldPassport) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  std::string old_file = ExportJson("old", "E1-C1-1");
  Ok({"unlock", "E1", "A2", "--as", "K0", "--reason", "recount"});
  Ok({"mark", "E1", "C1", "A2.1", "4", "--as", "J1", "--reason", "recount"});
  Ok({"lock", "E1", "A2", "--as", "K0"});
  ExpectIssued("issued passport E1-C1-2 for Ann (C1), replacing E1-C1-1\n");
  RunResult list = Db({"passport", "list", "E1", "--format", "csv"});
  std::regex digest(",[0-9a-f]{64}\n");
  EXPECT_EQ(WithoutTimes(std::regex_replace(list.out, digest, ",D\n")),
            "number,candidate,name,organization,total,percent,grade,issued_at,supersedes,"
            "revoked_at,revoked_by,revoked_reason,marks_sha256\n"
            "E1-C1-1,C1,Ann,College 1,4.81,80.09,5,T,,T,K0,superseded by E1-C1-2,D\n"
            "E1-C1-2,C1,Ann,College 1,5.56,92.59,5,T,E1-C1-1,,,,D\n");
  RunResult revoked =
      Db({"passport", "revoked", "E1", "--out", dir_.File("revoked.json"), "--dir", keys_});
  EXPECT_EQ(revoked.out, dir_.File("revoked.json") + ": 1 revoked passport(s), signed by Org X\n");
  RunResult old_verify = Verify(old_file, {"--revoked", dir_.File("revoked.json")});
  EXPECT_EQ(old_verify.exit_code, 1);
  EXPECT_EQ(WithoutTimes(old_verify.err), "skillscore: error: " + old_file +
                                              ": revoked: passport E1-C1-1 was revoked on T: "
                                              "superseded by E1-C1-2\n");
  EXPECT_EQ(
      Verify(ExportJson("new", "E1-C1-2"), {"--revoked", dir_.File("revoked.json")}).exit_code, 0);
  ExpectAuditIntact();
}

// A signature stays valid for ever: what tells a replaced passport apart is the register or the
// newer passport (and, as above, the signed revocation list).
TEST_F(PassportIssueTest, ASupersededPassportIsToldApartByTheRegisterOrTheNewerPassport) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  std::string old_file = ExportJson("old", "E1-C1-1");
  Ok({"unlock", "E1", "A2", "--as", "K0", "--reason", "recount"});
  Ok({"mark", "E1", "C1", "A2.1", "4", "--as", "J1", "--reason", "recount"});
  Ok({"lock", "E1", "A2", "--as", "K0"});
  ExpectIssued("issued passport E1-C1-2 for Ann (C1), replacing E1-C1-1\n");
  std::string new_file = ExportJson("new", "E1-C1-2");
  Ok({"--lang", "ru", "passport", "export", "E1", "--to", "csv", "--out", dir_.File("csv")});
  std::string register_file = dir_.File("csv") + "/passports.csv";
  EXPECT_NE(ReadFile(register_file).find("E1-C1-2;C1;Ann;College 1;5,56;92,59;5;"),
            std::string::npos);
  EXPECT_EQ(Verify(old_file).exit_code, 0);
  std::string superseded = "skillscore: error: " + old_file +
                           ": superseded: passport E1-C1-1 is validly signed but was replaced by "
                           "passport E1-C1-2\n";
  ExpectRefused(Verify(old_file, {"--register", register_file}), superseded);
  ExpectRefused(Verify(old_file, {"--newer", new_file}), superseded);
  EXPECT_EQ(Verify(new_file, {"--register", register_file}).exit_code, 0);
  EXPECT_EQ(Verify(new_file, {"--newer", old_file}).exit_code, 0);
}

TEST_F(PassportIssueTest, ARegisterWithoutItsColumnsIsRefused) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  RunResult run = Verify(ExportJson("json", "E1-C1-1"), {"--register", "integrity/judges.csv"});
  ExpectRefused(run,
                "integrity/judges.csv:1: error: not a passport register: expected the columns "
                "'number' and 'supersedes'\n");
}

TEST_F(PassportIssueTest, TheCertificateCarriesLogoChiefExpertAndVerificationUrl) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  Ok({"passport", "export", "E1", "--to", "pdf", "--out", dir_.File("pdf"), "--dir", keys_,
      "--logo", SourcePath("tests/data/documents/logo.png"), "--verify-url",
      "https://college.example/p/{number}?sig={signature}"});
  std::string pdf = dir_.File("pdf") + "/E1-C1-1.pdf";
  RunResult text = testing::Run(Tool("pdftotext"), {pdf, "-"});
  EXPECT_NE(text.out.find("Jo"), std::string::npos) << text.out;
  RunResult images = testing::Run(Tool("pdfimages"), {"-list", pdf});
  EXPECT_NE(images.out.find(" image      96    96"), std::string::npos) << images.out;
  RunResult png =
      testing::Run(Tool("pdftoppm"), {"-r", "150", "-png", "-singlefile", pdf, dir_.File("page")});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  RunResult qr = testing::Run(Tool("zbarimg"), {"--quiet", "--raw", dir_.File("page.png")});
  EXPECT_EQ(qr.out.rfind("https://college.example/p/E1-C1-1?sig=", 0), 0u) << qr.out;
  EXPECT_EQ(std::count(qr.out.begin(), qr.out.end(), '\n'), 1) << qr.out;
}

TEST_F(PassportIssueTest, KeysInitKeepsTheLogoAndTheVerificationUrlForEveryExport) {
  std::string keys = dir_.File("keys2");
  RunResult init = Db({"keys", "init", "--issuer", "Org Y", "--dir", keys, "--logo",
                       SourcePath("tests/data/documents/logo.png"), "--verify-url",
                       "https://y.example/{number}"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  MakeFinal();
  RunResult issued = Db({"passport", "issue", "E1", "--as", "K0", "--dir", keys});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  Ok({"passport", "export", "E1", "--to", "pdf", "--out", dir_.File("pdf"), "--dir", keys});
  std::string pdf = dir_.File("pdf") + "/E1-C1-1.pdf";
  RunResult images = testing::Run(Tool("pdfimages"), {"-list", pdf});
  EXPECT_NE(images.out.find(" image      96    96"), std::string::npos) << images.out;
  RunResult png =
      testing::Run(Tool("pdftoppm"), {"-r", "150", "-png", "-singlefile", pdf, dir_.File("page")});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  RunResult qr = testing::Run(Tool("zbarimg"), {"--quiet", "--raw", dir_.File("page.png")});
  EXPECT_EQ(qr.out, "https://y.example/E1-C1-1\n");
}

TEST_F(PassportIssueTest, ALogoThatIsNotPngIsRefusedBeforeAnyKeyIsWritten) {
  std::string keys = dir_.File("keys3");
  RunResult init =
      Db({"keys", "init", "--issuer", "Org Z", "--dir", keys, "--logo", "integrity/judges.csv"});
  EXPECT_EQ(init.exit_code, 1);
  EXPECT_NE(init.err.find("integrity/judges.csv: not a readable PNG image"), std::string::npos)
      << init.err;
  EXPECT_FALSE(std::filesystem::exists(keys + "/issuer.key"));
  RunResult url = Db({"keys", "init", "--issuer", "Org Z", "--dir", keys, "--verify-url",
                      "college.example/{number}"});
  EXPECT_EQ(url.exit_code, 2);
  EXPECT_NE(url.err.find("must start with https:// or http://"), std::string::npos) << url.err;
  EXPECT_FALSE(std::filesystem::exists(keys + "/issuer.key"));
}

TEST_F(PassportIssueTest, ARevokedPassportIsReportedRevoked) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  std::string file = ExportJson("json", "E1-C1-1");
  ExpectRefused(Db({"passport", "revoke", "E1-C1-1", "--reason", "fraud", "--as", "J1"}),
                "skillscore: error: J1 is an expert of exam E1; only a chief expert may revoke a "
                "passport\n");
  RunResult revoke = Db({"passport", "revoke", "E1-C1-1", "--reason", "fraud", "--as", "K0"});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_EQ(WithoutTimes(revoke.out), "revoked passport E1-C1-1 at T\n");
  RunResult list =
      Db({"passport", "revoked", "E1", "--out", dir_.File("revoked.json"), "--dir", keys_});
  EXPECT_EQ(list.out, dir_.File("revoked.json") + ": 1 revoked passport(s), signed by Org X\n");
  RunResult history = Db({"history", "E1", "--format", "csv"});
  std::string tail = WithoutTimes(history.out);
  tail = tail.substr(tail.rfind("\n8,"));
  EXPECT_EQ(tail,
            "\n8,T,K0,passport issue,,,,,,,E1-C1-1,\n"
            "9,T,K0,passport revoke,,,,,,E1-C1-1,T,fraud\n");
  RunResult verify = Verify(file, {"--revoked", dir_.File("revoked.json")});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(WithoutTimes(verify.err),
            "skillscore: error: " + file + ": revoked: passport E1-C1-1 was revoked on T: fraud\n");
  // Revoking was the chief expert's decision: the same result is not issued again.
  ExpectIssued("the passports of exam E1 are up to date: nothing to issue\n");
  ExpectAuditIntact();
}

TEST_F(PassportIssueTest, ThePdfExportHoldsACertificatePerPassport) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  Ok({"passport", "export", "E1", "--to", "pdf", "--out", dir_.File("pdf")});
  RunResult text = testing::Run(Tool("pdftotext"), {dir_.File("pdf") + "/E1-C1-1.pdf", "-"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Ann"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("E1-C1-1"), std::string::npos) << text.out;
}

TEST_F(PassportIssueTest, TheCsvExportIsTheRegister) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  Ok({"passport", "export", "E1", "--to", "csv", "--out", dir_.File("csv")});
  EXPECT_EQ(ReadFile(dir_.File("csv") + "/passports.csv"),
            Db({"passport", "list", "E1", "--format", "csv"}).out);
}

TEST_F(PassportIssueTest, TheXlsxExportIsTheRegisterAsAWorkbook) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  Ok({"passport", "export", "E1", "--to", "xlsx", "--out", dir_.File("xlsx")});
  RunResult read =
      testing::Run("/usr/bin/python3", {"-c",
                                        "import sys\n"
                                        "from openpyxl import load_workbook\n"
                                        "sheet = load_workbook(sys.argv[1]).worksheets[0]\n"
                                        "rows = list(sheet.iter_rows(values_only=True))\n"
                                        "print(sheet.title, sheet.freeze_panes, len(rows))\n"
                                        "print(rows[0][:3], rows[1][:2])\n",
                                        dir_.File("xlsx") + "/passports.xlsx"});
  EXPECT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.out, "Passports A2 2\n('Number', 'Candidate', 'Name') ('E1-C1-1', 'C1')\n");
}

TEST_F(PassportIssueTest, AnEditedPassportBreaksTheAuditLog) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  RunResult edit = testing::Run(Tool("sqlite3"), {db_, "UPDATE passports SET candidate = 'C2'"});
  ASSERT_EQ(edit.exit_code, 0) << edit.err;
  RunResult run = Db({"audit", "verify"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(WithoutTimes(run.err),
            "skillscore: error: audit log broken at event 8 (passport issue, K0, T): the "
            "passports of exam E1 no longer match what it recorded; they were changed outside "
            "skillscore\n");
}

// Re-scoring under a corrected rubric (rescore --apply) supersedes the passports it changes.
class RescorePassportTest : public PassportIssueTest {
 protected:
  // LOCKS version 2: A2.1 is worth 4 instead of 3, with `extra` after it; the total is `max`.
  void ImportVersion2(const std::string& extra = "", const std::string& max = "7") {
    std::string yaml = ReadFile(E2eDataPath("integrity/rubric.yaml"));
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"version: \"1\"", "version: \"2\""},
             {"max: 6\n", "max: " + max + "\n"},
             {"max: 3\n            calculation: { number_completed: 4 }",
              "max: 4\n            calculation: { number_completed: 4 }" + extra}}) {
      yaml.replace(yaml.find(from), from.size(), to);
    }
    std::string file = dir_.File("rubric-v2.yaml");
    WriteFile(file, yaml);
    Ok({"rubric", "import", file});
    EXPECT_EQ(Db({"admin", "init", "ADMIN"}, WithEnv({{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}}))
                  .exit_code,
              0);
  }

  // Re-binding is an administrator's act (or every exam's chief expert's): ADMIN is one.
  RunResult Apply(const std::string& keys) {
    return Db({"rescore", "--to", "LOCKS@2", "--all", "--apply", "--reason", "A2.1 is worth 4",
               "--admin", "ADMIN", "--keys", keys},
              WithEnv({{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}}));
  }

  static constexpr char kAdminSecret[] = "the administrator's secret";

  std::string Register() {
    RunResult list = Db({"passport", "list", "E1", "--format", "csv"});
    std::regex digest(",[0-9a-f]{64}\n");
    return WithoutTimes(std::regex_replace(list.out, digest, ",D\n"));
  }
};

TEST_F(RescorePassportTest, ApplySupersedesThePassportsTheNewVersionChanges) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  ImportVersion2();
  RunResult run = Apply(keys_);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Applied: 1 exams are now bound to LOCKS@2\nPassports superseded: 1\n"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(Register(),
            "number,candidate,name,organization,total,percent,grade,issued_at,supersedes,"
            "revoked_at,revoked_by,revoked_reason,marks_sha256\n"
            "E1-C1-1,C1,Ann,College 1,4.81,80.09,5,T,,T,ADMIN,superseded by E1-C1-2,D\n"
            "E1-C1-2,C1,Ann,College 1,5.56,79.37,5,T,E1-C1-1,,,,D\n");
  std::string record = Db({"passport", "show", "E1-C1-2"}).out;
  EXPECT_NE(record.find("\"version\": \"2\""), std::string::npos) << record;
  EXPECT_EQ(Verify(ExportJson("new", "E1-C1-2")).exit_code, 0);
  RunResult history = Db({"history", "E1", "--format", "csv"});
  EXPECT_NE(WithoutTimes(history.out)
                .find("T,ADMIN,passport issue,,,,,,E1-C1-1,E1-C1-2,A2.1 is "
                      "worth 4\n"),
            std::string::npos)
      << history.out;
  // The register already says what the final result says.
  ExpectIssued("the passports of exam E1 are up to date: nothing to issue\n");
  ExpectAuditIntact();
}

// A new aspect without marks makes the result provisional: the passport stays in force until the
// chief expert completes and signs off the marks, and `passport issue` then supersedes it.
TEST_F(RescorePassportTest, ApplyLeavesPassportsOfProvisionalResultsInForce) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  std::string before = Register();
  ImportVersion2("\n          - { type: measurement, text: \"Tidy\", section: \"1\", max: 1 }",
                 "8");
  RunResult run = Apply(keys_);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Passports awaiting final results: 1 stay in force until the new "
                         "results are final; then run `skillscore passport issue`\n"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(Register(), before);
  ExpectAuditIntact();
}

TEST_F(RescorePassportTest, ApplyWithoutTheIssuersKeyWritesNothing) {
  MakeFinal();
  ExpectIssued("issued passport E1-C1-1 for Ann (C1)\n");
  ImportVersion2();
  std::string before = ReadFile(db_);
  RunResult run = Apply(dir_.File("no-keys"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.rfind("skillscore: error: exam E1 has passports in force that LOCKS@2 "
                          "changes, and superseding them needs the issuer's key: " +
                              dir_.File("no-keys") + "/issuer.key: ",
                          0),
            0u)
      << run.err;
  EXPECT_NE(run.err.find("\nskillscore: error: nothing was applied\n"), std::string::npos);
  EXPECT_EQ(ReadFile(db_), before);
}

}  // namespace
}  // namespace skillscore::testing
