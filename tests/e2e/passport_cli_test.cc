// skillscore keys init | export and passport verify, run as a user would. Records are signed
// here with the engine and the key that `keys init` wrote, as `passport issue` would sign them.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "cli_support.h"
#include "skillscore/signing.h"

namespace skillscore::testing {
namespace {

PassportRecord SampleRecord() {
  PassportRecord record;
  record.number = "DE-2026-0412-0001";
  record.candidate = {"C1", "Иванов Иван", "Колледж №1"};
  record.exam = {"DE-2026-0412", "T-EXAM", "Тестовый экзамен", "exam", "2026-04-12", "ауд. 214"};
  record.result = {"7.71", "10", "77.08", 5, std::nullopt, std::nullopt};
  record.sections = {{"1", "Организация работы", "3.38", "4"}, {"2", "Качество", "4.33", "6"}};
  record.modules = {{"A", "Вёрстка", "5.71", "7"}, {"B", "Тестирование", "2", "3"}};
  record.rubric = {"T-EXAM", "1", std::string(64, 'a')};
  record.marks_sha256 = std::string(64, 'b');
  record.issued_at = "2026-04-20T10:15:00Z";
  record.issuer = "ГБПОУ Колледж №1";
  return record;
}

class PassportCliTest : public ::testing::Test {
 protected:
  RunResult Skillscore(const std::vector<std::string>& args, RunOptions options = {}) {
    options.working_directory = dir_.path();
    return RunInData(args, std::move(options));
  }

  // `keys init` in ./keys, and the record it signs, in ./passport.json.
  void IssueSampleRecord() {
    RunResult init = Skillscore({"keys", "init", "--issuer", "ГБПОУ Колледж №1"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    key_ = ReadSecretKeyFile(dir_.File("keys/issuer.key")).value();
    WriteFile(dir_.File("passport.json"), SignedPassportJson(SignPassport(SampleRecord(), *key_)));
  }

  TempDir dir_;
  std::optional<SecretKey> key_;
};

TEST_F(PassportCliTest, KeysInitWritesAnOwnerOnlySecretKeyAndAPublicKey) {
  RunResult init = Skillscore({"keys", "init", "--issuer", "ГБПОУ Колледж №1"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::string id = ReadPublicKeyFile(dir_.File("keys/issuer.pub")).value().Id();
  EXPECT_EQ(init.out, "key " + id +
                          " of ГБПОУ Колледж №1: secret key keys/issuer.key (keep it safe; mode "
                          "0600), public key keys/issuer.pub (give it to those who check "
                          "passports)\n");
  struct stat status {};
  ASSERT_EQ(stat(dir_.File("keys/issuer.key").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(dir_.File("keys").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0700u);
  EXPECT_EQ(init.out.find("secret_key"), std::string::npos);
}

TEST_F(PassportCliTest, KeysInitNeverReplacesAKey) {
  ASSERT_EQ(Skillscore({"keys", "init", "--issuer", "A"}).exit_code, 0);
  std::string secret = ReadFile(dir_.File("keys/issuer.key"));
  RunResult again = Skillscore({"keys", "init", "--issuer", "B"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.err,
            "skillscore: error: keys/issuer.key already exists: a key is never overwritten\n");
  EXPECT_EQ(ReadFile(dir_.File("keys/issuer.key")), secret);
}

TEST_F(PassportCliTest, KeysInitNeedsTheIssuer) {
  RunResult init = Skillscore({"keys", "init"});
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_EQ(init.err,
            "skillscore: error: missing option '--issuer'\nsee 'skillscore keys init --help'\n");
  init = Skillscore({"keys", "init", "--issuer", " "});
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_EQ(init.err,
            "skillscore: error: --issuer must name the organisation that issues passports\n"
            "see 'skillscore keys init --help'\n");
}

TEST_F(PassportCliTest, KeysDirectoryComesFromOptionThenEnvironment) {
  ASSERT_EQ(Skillscore({"keys", "init", "--issuer", "A", "--dir", "org-keys"}).exit_code, 0);
  RunResult exported = Skillscore({"keys", "export"}, WithEnv({{"SKILLSCORE_KEYS", "org-keys"}}));
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, ReadFile(dir_.File("org-keys/issuer.pub")));
}

TEST_F(PassportCliTest, KeysExportGivesThePublicKeyOnly) {
  ASSERT_EQ(Skillscore({"keys", "init", "--issuer", "A"}).exit_code, 0);
  RunResult exported = Skillscore({"keys", "export", "--out", "college.pub"});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, "");
  EXPECT_EQ(ReadFile(dir_.File("college.pub")), ReadFile(dir_.File("keys/issuer.pub")));
  EXPECT_EQ(ReadFile(dir_.File("college.pub")).find("secret"), std::string::npos);
}

TEST_F(PassportCliTest, KeysExportRefusesASecretKeyOthersCanRead) {
  ASSERT_EQ(Skillscore({"keys", "init", "--issuer", "A"}).exit_code, 0);
  chmod(dir_.File("keys/issuer.key").c_str(), 0644);
  RunResult exported = Skillscore({"keys", "export"});
  EXPECT_EQ(exported.exit_code, 1);
  EXPECT_EQ(exported.err,
            "keys/issuer.key: error: permissions 0644 are too open: the secret key must be "
            "readable by its owner only (chmod 600 keys/issuer.key)\n");
}

TEST_F(PassportCliTest, VerifyAcceptsAnIntactRecord) {
  IssueSampleRecord();
  RunResult verify = Skillscore({"passport", "verify", "passport.json"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(verify.out,
            "passport.json: valid: passport DE-2026-0412-0001 of Иванов Иван (C1), issued "
            "2026-04-20T10:15:00Z by ГБПОУ Колледж №1\n");
  EXPECT_EQ(verify.err, "");
}

TEST_F(PassportCliTest, VerifyReadsTheKeyGivenToTheEmployer) {
  IssueSampleRecord();
  ASSERT_EQ(Skillscore({"keys", "export", "--out", "college.pub"}).exit_code, 0);
  std::filesystem::remove_all(dir_.File("keys"));
  RunResult verify = Skillscore({"passport", "verify", "-", "--key", "college.pub"},
                                WithStdin(ReadFile(dir_.File("passport.json"))));
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(verify.out.substr(0, 16), "<stdin>: valid: ");
}

TEST_F(PassportCliTest, VerifyDetectsAChangedMark) {
  IssueSampleRecord();
  std::string text = ReadFile(dir_.File("passport.json"));
  text.replace(text.find("\"7.71\""), 6, "\"9.71\"");
  WriteFile(dir_.File("passport.json"), text);
  RunResult verify = Skillscore({"passport", "verify", "passport.json"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.out, "");
  EXPECT_EQ(verify.err,
            "skillscore: error: passport.json: tampered: passport DE-2026-0412-0001 does not "
            "match its signature; it was changed after it was signed\n");
}

TEST_F(PassportCliTest, VerifyReportsARecordOfAnotherIssuer) {
  IssueSampleRecord();
  ASSERT_EQ(Skillscore({"keys", "init", "--issuer", "Другой колледж", "--dir", "other"}).exit_code,
            0);
  std::string other = ReadPublicKeyFile(dir_.File("other/issuer.pub")).value().Id();
  RunResult verify = Skillscore({"passport", "verify", "passport.json", "--dir", "other"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.err,
            "skillscore: error: passport.json: not issued by Другой колледж: passport "
            "DE-2026-0412-0001 is signed with key " +
                key_->Public().Id() + ", the issuer's key is " + other + "\n");
}

TEST_F(PassportCliTest, VerifyReportsARevokedRecordWithTheReason) {
  IssueSampleRecord();
  RevocationList list{"ГБПОУ Колледж №1",
                      "2026-05-01T08:00:00Z",
                      {{"DE-2026-0412-0001", "re-scored after an appeal", "2026-04-30T12:00:00Z"}}};
  WriteFile(dir_.File("revoked.json"), SignedRevocationListJson(list, *key_));
  RunResult verify =
      Skillscore({"passport", "verify", "passport.json", "--revoked", "revoked.json"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.err,
            "skillscore: error: passport.json: revoked: passport DE-2026-0412-0001 was revoked "
            "on 2026-04-30T12:00:00Z: re-scored after an appeal\n");
}

TEST_F(PassportCliTest, VerifyRefusesARevocationListThatWasChanged) {
  IssueSampleRecord();
  RevocationList list{"ГБПОУ Колледж №1",
                      "2026-05-01T08:00:00Z",
                      {{"DE-2026-0412-0001", "re-scored", "2026-04-30T12:00:00Z"}}};
  std::string text = SignedRevocationListJson(list, *key_);
  text.replace(text.find("DE-2026-0412-0001"), 17, "DE-2026-0412-0002");
  WriteFile(dir_.File("revoked.json"), text);
  RunResult verify =
      Skillscore({"passport", "verify", "passport.json", "--revoked", "revoked.json"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.err,
            "revoked.json: error: the revocation list does not match its signature: it was "
            "changed after it was signed\n");
}

TEST_F(PassportCliTest, VerifyExplainsAFileThatIsNotARecord) {
  IssueSampleRecord();
  WriteFile(dir_.File("notes.json"), "{\n  \"record\": 1\n}\n");
  RunResult verify = Skillscore({"passport", "verify", "notes.json"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.err,
            "skillscore: error: notes.json: not a signed passport record\n"
            "notes.json: error: record: expected an object\n");
}

TEST_F(PassportCliTest, VerifySpeaksRussian) {
  IssueSampleRecord();
  RunResult verify = Skillscore({"--lang", "ru", "passport", "verify", "passport.json"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(verify.out,
            "passport.json: действителен: паспорт DE-2026-0412-0001, Иванов Иван (C1), выдан "
            "2026-04-20T10:15:00Z, ГБПОУ Колледж №1\n");
}

}  // namespace
}  // namespace skillscore::testing
