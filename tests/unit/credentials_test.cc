// Judges' sign-in codes, PINs and administrators (credentials.h) over a SQLite store: what is
// issued, what authenticates, what stops working, who may do what, and what the audit log keeps.
// Hashing uses libsodium's cheapest Argon2id setting so that the tests stay fast; the cost of the
// real setting is measured in docs/security.md.
#include "skillscore/credentials.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <set>

#include "skillscore/exam_service.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

using Code = ServiceError::Code;

class CredentialsTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    SetUpExam();
    service_ = std::make_unique<ExamService>(*store_);
    credentials_ = std::make_unique<Credentials>(
        *service_, CredentialOptions{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN});
  }

  // Codes for the named judges (all when none), issued by the chief expert J2.
  std::vector<IssuedCode> Issue(std::vector<std::string> judges = {}) {
    auto issued = credentials_->IssueCodes(kChief, "E1", judges);
    EXPECT_TRUE(issued.has_value()) << issued.error().message;
    return issued.value_or(std::vector<IssuedCode>{});
  }

  static std::string CodeOf(const std::vector<IssuedCode>& codes, const std::string& judge) {
    for (const IssuedCode& code : codes) {
      if (code.judge == judge) return code.code;
    }
    ADD_FAILURE() << "no code for " << judge;
    return {};
  }

  const Actor kChief{"J2"};
  std::unique_ptr<ExamService> service_;
  std::unique_ptr<Credentials> credentials_;
};

TEST_F(CredentialsTest, EveryJudgeGetsADistinctCodeOfFortyBitsInTheUnambiguousAlphabet) {
  std::vector<IssuedCode> codes = Issue();
  ASSERT_EQ(codes.size(), 3u);
  std::regex shape("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
  std::set<std::string> distinct;
  std::set<std::int64_t> numbers;
  for (const IssuedCode& code : codes) {
    EXPECT_TRUE(std::regex_match(code.code, shape)) << code.code;
    distinct.insert(code.code);
    numbers.insert(code.credential);
  }
  EXPECT_EQ(codes[0].judge, "J1");
  EXPECT_EQ(codes[1].judge, "J2");
  EXPECT_EQ(codes[2].judge, "J3");
  EXPECT_EQ(distinct.size(), 3u);
  EXPECT_EQ(numbers, (std::set<std::int64_t>{1, 2, 3}));
}

TEST_F(CredentialsTest, TheCurrentCodeAuthenticatesItsJudgeAsTyped) {
  std::vector<IssuedCode> codes = Issue();
  auto expert = credentials_->AuthenticateJudge("E1", "J1", CodeOf(codes, "J1"));
  ASSERT_TRUE(expert.has_value()) << expert.error().message;
  EXPECT_EQ(expert->exam, "E1");
  EXPECT_EQ(expert->judge, "J1");
  EXPECT_FALSE(expert->chief);
  EXPECT_EQ(expert->credential, codes[0].credential);
  auto chief = credentials_->AuthenticateJudge("E1", "J2", CodeOf(codes, "J2"));
  ASSERT_TRUE(chief.has_value());
  EXPECT_TRUE(chief->chief);
  // Lower case, without the dash, with O for 0 and I or L for 1: as people type what they read.
  std::string typed = CodeOf(codes, "J3");
  for (char& c : typed) {
    c = c == '0' ? 'o' : c == '1' ? 'l' : static_cast<char>(std::tolower(c));
  }
  typed.erase(typed.find('-'), 1);
  EXPECT_TRUE(credentials_->AuthenticateJudge("E1", "J3", " " + typed + " ").has_value());
}

TEST_F(CredentialsTest, AWrongCodeJudgeOrExamIsRefusedWithoutSayingWhichPartWasWrong) {
  std::vector<IssuedCode> codes = Issue();
  const std::string message = "the judge id or the code is not right for exam E1";
  for (auto [judge, code] :
       std::vector<std::pair<std::string, std::string>>{{"J1", "AAAA-AAAA"},
                                                        {"J3", CodeOf(codes, "J1")},
                                                        {"J9", CodeOf(codes, "J1")},
                                                        {"J1", ""}}) {
    auto refused = credentials_->AuthenticateJudge("E1", judge, code);
    ASSERT_FALSE(refused.has_value()) << judge;
    EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
    EXPECT_EQ(refused.error().message, message);
  }
  auto other_exam = credentials_->AuthenticateJudge("E9", "J1", CodeOf(codes, "J1"));
  ASSERT_FALSE(other_exam.has_value());
  EXPECT_EQ(other_exam.error().code, Code::kUnauthenticated);
  EXPECT_EQ(other_exam.error().message, "the judge id or the code is not right for exam E9");
}

TEST_F(CredentialsTest, ANewCodeEndsTheJudgesEarlierOne) {
  std::string first = CodeOf(Issue({"J1"}), "J1");
  auto signed_in = credentials_->AuthenticateJudge("E1", "J1", first);
  ASSERT_TRUE(signed_in.has_value());
  std::vector<IssuedCode> again = Issue({"J1"});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].credential, signed_in->credential + 1);
  EXPECT_FALSE(credentials_->AuthenticateJudge("E1", "J1", first).has_value());
  EXPECT_TRUE(credentials_->AuthenticateJudge("E1", "J1", again[0].code).has_value());
  EXPECT_EQ(credentials_->CredentialCurrent("E1", "J1", signed_in->credential), false);
  EXPECT_EQ(credentials_->CredentialCurrent("E1", "J1", again[0].credential), true);
}

TEST_F(CredentialsTest, RevokingEndsTheCodeAndNeedsAReason) {
  std::vector<IssuedCode> codes = Issue();
  auto no_reason = credentials_->RevokeCode(kChief, "E1", "J1", "  ");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().code, Code::kReasonRequired);
  EXPECT_EQ(no_reason.error().message, "a reason is required to revoke the sign-in code of J1");
  ASSERT_TRUE(credentials_->RevokeCode(kChief, "E1", "J1", "card lost").has_value());
  EXPECT_FALSE(credentials_->AuthenticateJudge("E1", "J1", CodeOf(codes, "J1")).has_value());
  EXPECT_EQ(credentials_->CredentialCurrent("E1", "J1", codes[0].credential), false);
  EXPECT_EQ(credentials_->CredentialCurrent("E1", "J3", codes[2].credential), true);
  EXPECT_EQ(credentials_->CredentialCurrent("E9", "J3", codes[2].credential), false);
  auto again = credentials_->RevokeCode(kChief, "E1", "J1", "card lost");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, Code::kNotFound);
  EXPECT_EQ(again.error().message, "judge J1 of exam E1 has no sign-in code in force");
  auto stored = store_->ListCodes("E1");
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0].revoked_by, "J2");
  EXPECT_EQ((*stored)[0].revoked_reason, "card lost");
  EXPECT_EQ((*stored)[1].revoked_at, std::nullopt);
}

TEST_F(CredentialsTest, OnlyAChiefExpertOrAnAdministratorManagesCodes) {
  auto expert = credentials_->IssueCodes(Actor{"J1"}, "E1", {});
  ASSERT_FALSE(expert.has_value());
  EXPECT_EQ(expert.error().code, Code::kForbidden);
  EXPECT_EQ(expert.error().message,
            "only a chief expert of exam E1 or an administrator may manage its sign-in codes and "
            "PINs; J1 is neither");
  auto nobody = credentials_->IssueCodes(Actor{" "}, "E1", {});
  ASSERT_FALSE(nobody.has_value());
  EXPECT_EQ(nobody.error().code, Code::kNoActor);
  std::vector<std::string> stranger = {"J9"};
  auto unknown = credentials_->IssueCodes(kChief, "E1", stranger);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "J9 is not a judge of exam E1");
  ASSERT_TRUE(credentials_->InitAdmin("admin", "long enough secret").has_value());
  std::vector<std::string> one = {"J3"};
  auto by_admin = credentials_->IssueCodes(AdminActor({"admin"}), "E1", one);
  ASSERT_TRUE(by_admin.has_value()) << by_admin.error().message;
  auto stored = store_->CurrentCode("E1", "J3");
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->issued_by, "admin");
}

TEST_F(CredentialsTest, OnlyTheHashIsStoredAndTheAuditLogNamesNoSecret) {
  std::vector<IssuedCode> codes = Issue({"J1"});
  auto stored = store_->CurrentCode("E1", "J1");
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->hash.rfind("$argon2id$", 0), 0u) << (*stored)->hash;
  EXPECT_EQ((*stored)->hash.find(NormalizedCode(codes[0].code)), std::string::npos);
  ASSERT_TRUE(credentials_->RevokeCode(kChief, "E1", "J1", "left the exam").has_value());
  auto history = store_->History("E1", {});
  ASSERT_TRUE(history.has_value());
  ASSERT_GE(history->size(), 2u);
  const HistoryEntry& issue = (*history)[history->size() - 2];
  const HistoryEntry& revoke = history->back();
  EXPECT_EQ(issue.action, "code issue");
  EXPECT_EQ(issue.actor, "J2");
  EXPECT_EQ(issue.judge, "J1");
  EXPECT_EQ(issue.new_value, "credential 1");
  EXPECT_EQ(revoke.action, "code revoke");
  EXPECT_EQ(revoke.judge, "J1");
  EXPECT_EQ(revoke.reason, "left the exam");
  for (const HistoryEntry& line : *history) {
    for (const std::string& field : {line.old_value, line.new_value, line.reason}) {
      EXPECT_EQ(field.find(NormalizedCode(codes[0].code)), std::string::npos);
      EXPECT_EQ(field.find("argon2"), std::string::npos);
    }
  }
  auto audit = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->problem, std::nullopt);
}

TEST_F(CredentialsTest, TheFirstAdministratorOnceThenOnlyByAnAdministrator) {
  EXPECT_EQ(credentials_->AdminsExist(), false);
  auto short_secret = credentials_->InitAdmin("admin", "short");
  ASSERT_FALSE(short_secret.has_value());
  EXPECT_EQ(short_secret.error().code, Code::kInvalidInput);
  EXPECT_EQ(short_secret.error().message, "an administrator's secret needs at least 10 characters");
  ASSERT_TRUE(credentials_->InitAdmin("admin", "long enough secret").has_value());
  EXPECT_EQ(credentials_->AdminsExist(), true);
  auto twice = credentials_->InitAdmin("other", "another long secret");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, Code::kConflict);
  EXPECT_EQ(twice.error().message,
            "an administrator exists already; only an administrator may add another");
  auto admin = credentials_->AuthenticateAdmin("admin", "long enough secret");
  ASSERT_TRUE(admin.has_value());
  EXPECT_EQ(admin->name, "admin");
  ASSERT_TRUE(credentials_->AddAdmin(*admin, "other", "another long secret").has_value());
  auto duplicate = credentials_->AddAdmin(*admin, "other", "another long secret");
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().message, "administrator other exists already");
  EXPECT_TRUE(credentials_->AuthenticateAdmin("other", "another long secret").has_value());
  for (auto [name, secret] : std::vector<std::pair<std::string, std::string>>{
           {"admin", "long enough secreT"}, {"nobody", "long enough secret"}, {"admin", ""}}) {
    auto refused = credentials_->AuthenticateAdmin(name, secret);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
    EXPECT_EQ(refused.error().message, "the administrator's name or secret is not right");
  }
  auto history = store_->History("E1", {});
  ASSERT_TRUE(history.has_value());
  for (const HistoryEntry& line : *history) EXPECT_NE(line.action, "admin create");
  auto audit = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->problem, std::nullopt);
}

TEST_F(CredentialsTest, AnExamThatRequiresPinsRefusesUnprovenWritesOnceCodesExist) {
  std::vector<Judge> same = {{"J1", "Jan", "College 3", JudgeRole::kExpert}};
  ASSERT_EQ(credentials_->RequirePins(kChief, "E1", true), Change::kChanged);
  ASSERT_EQ(credentials_->RequirePins(kChief, "E1", true), Change::kUnchanged);
  // No judge has a PIN yet: nothing to prove.
  EXPECT_EQ(credentials_->PinNeeded("E1"), false);
  EXPECT_TRUE(service_->ImportJudges(kChief, "E1", same).has_value());
  std::vector<IssuedCode> codes = Issue();
  EXPECT_EQ(credentials_->PinNeeded("E1"), true);
  auto unproven = service_->ImportJudges(kChief, "E1", same);
  ASSERT_FALSE(unproven.has_value());
  EXPECT_EQ(unproven.error().code, Code::kUnauthenticated);
  EXPECT_EQ(unproven.error().message, "exam E1 requires the acting judge's PIN for every change");
  auto mark = service_->EnterMark(Actor{"J1"}, "E1", MarkInput{"C1", "A1.1", "J1", "yes"});
  ASSERT_FALSE(mark.has_value());
  EXPECT_EQ(mark.error().code, Code::kUnauthenticated);
  auto chief = credentials_->AuthenticateJudge("E1", "J2", CodeOf(codes, "J2"));
  ASSERT_TRUE(chief.has_value());
  EXPECT_TRUE(service_->ImportJudges(JudgeActor(*chief), "E1", same).has_value());
  auto expert = credentials_->AuthenticateJudge("E1", "J1", CodeOf(codes, "J1"));
  ASSERT_TRUE(expert.has_value());
  auto proven =
      service_->EnterMark(JudgeActor(*expert), "E1", MarkInput{"C1", "A1.1", "J1", "yes"});
  EXPECT_TRUE(proven.has_value()) << proven.error().message;
  // Stopping the rule is a change too: it takes the chief expert's PIN.
  auto stop = credentials_->RequirePins(kChief, "E1", false);
  ASSERT_FALSE(stop.has_value());
  EXPECT_EQ(stop.error().code, Code::kUnauthenticated);
  EXPECT_EQ(credentials_->RequirePins(JudgeActor(*chief), "E1", false), Change::kChanged);
  EXPECT_EQ(credentials_->PinNeeded("E1"), false);
}

TEST_F(CredentialsTest, AnAdministratorChangesTheRosterOfAnyExam) {
  ASSERT_TRUE(credentials_->InitAdmin("admin", "long enough secret").has_value());
  std::vector<Judge> promoted = {{"J1", "Jan", "College 3", JudgeRole::kChief}};
  auto expert = service_->ImportJudges(Actor{"J3"}, "E1", promoted);
  ASSERT_FALSE(expert.has_value());
  EXPECT_EQ(expert.error().message,
            "only a chief expert of exam E1 or an administrator may change its candidates and "
            "judges; J3 is neither");
  EXPECT_EQ(service_->ImportJudges(AdminActor({"admin"}), "E1", promoted), (ImportCounts{0, 1, 0}));
}

TEST_F(CredentialsTest, AnExamWithoutChiefTakesAnAdministratorOnceOneExists) {
  ASSERT_TRUE(
      service_->CreateExam(Actor{"A0"}, {"E2", "09.02.07-2026-PU", std::nullopt, "", "", "", "UTC"})
          .has_value());
  std::vector<Judge> judges = {{"J1", "Jan", "College 3", JudgeRole::kExpert}};
  // No administrator was ever created: whoever registers the people is recorded, as before.
  EXPECT_EQ(service_->ImportJudges(Actor{"A0"}, "E2", judges), (ImportCounts{1, 0, 0}));
  ASSERT_TRUE(credentials_->InitAdmin("admin", "long enough secret").has_value());
  judges[0].name = "Jan Smith";
  auto anyone = service_->ImportJudges(Actor{"A0"}, "E2", judges);
  ASSERT_FALSE(anyone.has_value());
  EXPECT_EQ(anyone.error().code, Code::kForbidden);
  EXPECT_EQ(anyone.error().message,
            "exam E2 has no chief expert: only an administrator may change its candidates and "
            "judges");
  EXPECT_EQ(service_->ImportJudges(AdminActor({"admin"}), "E2", judges), (ImportCounts{0, 1, 0}));
}

TEST_F(CredentialsTest, NormalizedCodeReadsWhatPeopleType) {
  EXPECT_EQ(NormalizedCode("7kq4-m2xp"), "7KQ4M2XP");
  EXPECT_EQ(NormalizedCode(" o1IL - 0 "), "01110");
  EXPECT_EQ(NormalizedCode(""), "");
}

// What an attacker with the sqlite3 shell might do instead of asking the chief expert.
TEST_F(CredentialsTest, AuditVerifyNoticesCodesAndAdministratorsPlantedOutsideSkillscore) {
  Issue({"J1"});
  RawDatabase(path_).Execute(
      "UPDATE judge_credentials SET hash = '$argon2id$mine' WHERE number = 1");
  auto codes = store_->VerifyAudit("E1");
  ASSERT_TRUE(codes.has_value());
  ASSERT_TRUE(codes->problem.has_value());
  EXPECT_NE(codes->problem->find("the sign-in codes of exam E1 no longer match what it recorded"),
            std::string::npos)
      << *codes->problem;
  RawDatabase(path_).Execute(
      "INSERT INTO administrators VALUES ('mallory', '$argon2id$m', '2026-04-12T09:30:00Z', "
      "'mallory')");
  // Both are reported; the first, in log order, is named.
  auto admins = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(admins.has_value() && admins->problem.has_value());
  EXPECT_NE(admins->problem->find("the sign-in codes of exam E1"), std::string::npos);
}

TEST_F(CredentialsTest, AnAdministratorAddedOutsideSkillscoreBreaksTheAuditLog) {
  RawDatabase(path_).Execute(
      "INSERT INTO administrators VALUES ('mallory', '$argon2id$m', '2026-04-12T09:30:00Z', "
      "'mallory')");
  auto report = store_->VerifyAudit(std::nullopt);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->problem,
            "audit log broken: administrators are in no event; they were written outside "
            "skillscore");
}

}  // namespace
}  // namespace skillscore
