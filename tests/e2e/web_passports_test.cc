// Passports on the web (docs/web.md, "Passports"): the administrator's Passports tab, issuing as
// `passport issue` does (same service call, same refusals in the session's language), revoking
// with a reason, the signed record that `passport verify` accepts, the certificate PDF and the ZIP
// of them all; who may (administrator, the exam's chief expert) and who may not (a judge, no
// session, no CSRF token); a server without the signing key; the cap on one person's sessions.
// The exam is the small one of tests/e2e/data/integrity (C1 present, C2 absent; K0 and J2 chief
// experts, J1 an expert).
#include <sodium.h>

#include <cstdlib>
#include <regex>

#include "skillscore/credentials.h"
#include "web_support.h"

namespace skillscore::testing {
namespace {

constexpr char kAdminSecret[] = "correct horse battery";
constexpr char kPassports[] = "/api/exams/E1/passports";

std::string Outcome(const httplib::Result& result) {
  if (!result) return "no answer";
  if (result->status < 300) return std::to_string(result->status);
  return std::to_string(result->status) + " " + Member(result->body, "code");
}

// The candidate `id` of a Passports answer.
const JsonNode* CandidateOf(const JsonNode& passports, const std::string& id) {
  for (const JsonNode& candidate : passports.Find("candidates")->items) {
    if (candidate.Find("id")->string == id) return &candidate;
  }
  return nullptr;
}

std::string StringAt(const JsonNode* node, const std::string& key) {
  const JsonNode* member = node ? node->Find(key) : nullptr;
  return member && member->type == JsonNode::Type::kString ? member->string : "(none)";
}

class WebPassportsTest : public DbTest {
 protected:
  // C1's marks complete and A1 locked: only the lock of A2 stands between the exam and final.
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    SetUpLocksExam();
    RunResult keys = Db({"keys", "init", "--issuer", "Org X", "--dir", keys_});
    ASSERT_EQ(keys.exit_code, 0) << keys.err;
    Ok({"mark", "E1", "C1", "A2.1", "3", "--as", "J1"});
    Ok({"lock", "E1", "A1", "--as", "K0"});
    cli_refusal_ru_ = Db({"--lang", "ru", "passport", "issue", "E1", "--as", "K0", "--dir", keys_});
    auto store = OpenSqliteStore(db_, {});
    ASSERT_TRUE(store);
    ExamService service(**store);
    Credentials credentials(service, CredentialOptions{.ops_limit = 1, .mem_limit = 8192});
    auto codes = credentials.IssueCodes(Actor{"J2"}, "E1", {});
    ASSERT_TRUE(codes) << codes.error().message;
    for (const IssuedCode& code : *codes) codes_[code.judge] = code.code;
    ASSERT_TRUE(credentials.InitAdmin("root", kAdminSecret));
  }

  std::unique_ptr<ServerProcess> Start(std::vector<std::string> extra = {"--keys", ""}) {
    if (extra.size() == 2 && extra[0] == "--keys" && extra[1].empty()) extra[1] = keys_;
    return std::make_unique<ServerProcess>(db_, dir_.File("serve.log"), extra);
  }

  ApiClient Judge(int port, const std::string& judge) {
    ApiClient client(port);
    auto result = client.SignIn("/api/signin", R"({"exam": "E1", "judge": ")" + judge +
                                                   R"(", "code": ")" + codes_.at(judge) + "\"}");
    EXPECT_EQ(Outcome(result), "200") << (result ? result->body : "");
    return client;
  }

  ApiClient Admin(int port, const std::string& lang = "en") {
    ApiClient client(port);
    auto result =
        client.SignIn("/api/admin/signin", std::string(R"({"name": "root", "secret": ")") +
                                               kAdminSecret + R"(", "lang": ")" + lang + "\"}");
    EXPECT_EQ(Outcome(result), "200") << (result ? result->body : "");
    return client;
  }

  static JsonNode Parsed(const httplib::Result& result) {
    EXPECT_TRUE(result);
    auto json = ParseStrictJson(result ? result->body : "", "answer");
    EXPECT_TRUE(json) << (result ? result->body : "");
    return json ? std::move(*json) : JsonNode{};
  }

  std::string keys_ = dir_.File("keys");
  RunResult cli_refusal_ru_;
  std::map<std::string, std::string> codes_;
};

TEST_F(WebPassportsTest, TheAdministratorIssuesDownloadsAndRevokes) {
  auto server = Start();
  ApiClient admin = Admin(server->port());

  // Provisional: nobody's passport can be issued yet, and the service says why.
  JsonNode before = Parsed(admin.Get(kPassports));
  EXPECT_FALSE(before.Find("final")->boolean);
  EXPECT_TRUE(before.Find("issuing")->Find("available")->boolean);
  EXPECT_EQ(StringAt(before.Find("issuing"), "issuer"), "Org X");
  EXPECT_EQ(StringAt(CandidateOf(before, "C1"), "state"), "not_issuable");
  EXPECT_EQ(StringAt(CandidateOf(before, "C1"), "why"), "results are provisional");
  auto early = admin.Send("POST", kPassports + std::string("/issue"), "");
  EXPECT_EQ(Outcome(early), "409 conflict");
  EXPECT_EQ(Member(early->body, "message"),
            "results of exam E1 are provisional: sub-criteria A2 are not locked; passports are "
            "issued for final results only");

  // In Russian, the words of `skillscore --lang ru passport issue`.
  ApiClient admin_ru = Admin(server->port(), "ru");
  auto early_ru = admin_ru.Send("POST", kPassports + std::string("/issue"), "");
  std::string message_ru = Member(early_ru->body, "message");
  EXPECT_EQ(message_ru,
            "результаты экзамена E1 предварительные: подкритерии A2 не закрыты; паспорта выдаются "
            "только по окончательным результатам");
  EXPECT_EQ(cli_refusal_ru_.exit_code, 1);
  EXPECT_NE(cli_refusal_ru_.err.find(message_ru), std::string::npos) << cli_refusal_ru_.err;

  // The chief expert locks A2 on the board: final.
  ApiClient chief = Judge(server->port(), "J2");
  ASSERT_EQ(Outcome(chief.Send("POST", "/api/exams/E1/locks", R"({"subcriteria": ["A2"]})")),
            "200");
  JsonNode settled = Parsed(admin.Get(kPassports));
  EXPECT_TRUE(settled.Find("final")->boolean);
  EXPECT_EQ(StringAt(CandidateOf(settled, "C1"), "state"), "issuable");
  EXPECT_EQ(StringAt(CandidateOf(settled, "C2"), "state"), "not_issuable");
  EXPECT_EQ(StringAt(CandidateOf(settled, "C2"), "why"), "the candidate was not present");

  auto issued = admin.Send("POST", kPassports + std::string("/issue"), "");
  ASSERT_EQ(Outcome(issued), "200") << issued->body;
  JsonNode plan = Parsed(issued);
  ASSERT_EQ(plan.Find("issued")->items.size(), 1u);
  EXPECT_EQ(StringAt(&plan.Find("issued")->items[0], "number"), "E1-C1-1");
  ASSERT_EQ(plan.Find("messages")->items.size(), 1u);
  EXPECT_EQ(plan.Find("messages")->items[0].string, "issued passport E1-C1-1 for Ann (C1)");
  JsonNode again = Parsed(admin.Send("POST", kPassports + std::string("/issue"), ""));
  EXPECT_EQ(again.Find("issued")->items.size(), 0u);
  EXPECT_EQ(again.Find("messages")->items[0].string,
            "the passports of exam E1 are up to date: nothing to issue");

  JsonNode after = Parsed(admin.Get(kPassports));
  const JsonNode* c1 = CandidateOf(after, "C1");
  EXPECT_EQ(StringAt(c1, "state"), "issued");
  ASSERT_EQ(c1->Find("passports")->items.size(), 1u);
  EXPECT_EQ(StringAt(&c1->Find("passports")->items[0], "number"), "E1-C1-1");
  EXPECT_EQ(StringAt(&c1->Find("passports")->items[0], "state"), "in_force");

  // The signed record verifies offline with the issuer's public key.
  auto record = admin.Get(kPassports + std::string("/E1-C1-1.json"));
  ASSERT_EQ(Outcome(record), "200");
  EXPECT_EQ(record->get_header_value("Content-Disposition"),
            "attachment; filename=\"E1-C1-1.json\"");
  std::string record_file = dir_.File("E1-C1-1.json");
  WriteFile(record_file, record->body);
  RunResult verified = Db({"passport", "verify", record_file, "--dir", keys_});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_TRUE(std::regex_match(
      verified.out, std::regex(".*E1-C1-1\\.json: valid: passport E1-C1-1 of Ann \\(C1\\), "
                               "issued [0-9T:Z-]+ by Org X\n")))
      << verified.out;

  auto pdf = admin.Get(kPassports + std::string("/E1-C1-1.pdf"));
  ASSERT_EQ(Outcome(pdf), "200");
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  auto zip = chief.Get("/api/exams/E1/certificates.zip");
  ASSERT_EQ(Outcome(zip), "200");
  EXPECT_EQ(zip->body.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(zip->body.find("E1-C1-1.pdf"), std::string::npos);
  EXPECT_NE(zip->body.find("E1-C1-1.json"), std::string::npos);
  EXPECT_EQ(Outcome(admin.Get(kPassports + std::string("/E1-C9-1.pdf"))), "404 not_found");

  // Revoking needs a reason, the CSRF token and a passport of this exam.
  std::string revoke = kPassports + std::string("/E1-C1-1/revoke");
  EXPECT_EQ(Outcome(admin.Send("POST", revoke, R"({"reason": ""})")), "422 reason_required");
  EXPECT_EQ(Outcome(admin.Send("POST", revoke, "{}")), "400 malformed");
  EXPECT_EQ(Outcome(admin.Send("POST", revoke, R"({"reason": "typo"})", false)), "403 csrf");
  EXPECT_EQ(Outcome(admin.Send("POST", kPassports + std::string("/E1-C9-1/revoke"),
                               R"({"reason": "typo"})")),
            "404 not_found");
  auto revoked = admin.Send("POST", revoke, R"({"reason": "name misspelt"})");
  ASSERT_EQ(Outcome(revoked), "200") << revoked->body;
  EXPECT_EQ(Member(revoked->body, "state"), "revoked");
  EXPECT_EQ(Member(revoked->body, "revoked_by"), "root");
  EXPECT_TRUE(std::regex_match(Member(revoked->body, "message"),
                               std::regex("revoked passport E1-C1-1 at [0-9T:Z-]+")));
  EXPECT_EQ(Outcome(admin.Send("POST", revoke, R"({"reason": "twice"})")), "409 conflict");
  EXPECT_EQ(Outcome(admin.Get(kPassports + std::string("/E1-C1-1.pdf"))), "409 conflict");
  EXPECT_EQ(Outcome(admin.Get("/api/exams/E1/certificates.zip")), "404 not_found");
  JsonNode end = Parsed(admin.Get(kPassports));
  EXPECT_EQ(StringAt(CandidateOf(end, "C1"), "state"), "revoked");
  EXPECT_EQ(StringAt(&CandidateOf(end, "C1")->Find("passports")->items[0], "revoked_reason"),
            "name misspelt");

  // The audit log names the authenticated administrator, and its chain is intact.
  RunResult history = Db({"history", "E1", "--format", "csv"});
  EXPECT_NE(history.out.find(",root,passport issue,"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find(",root,passport revoke,"), std::string::npos) << history.out;
  RunResult audit = Db({"audit", "verify"});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_EQ(audit.out.rfind("audit log intact: ", 0), 0u) << audit.out;

  // The log says whose key signs, never the key.
  server->Stop();
  auto key_file = ParseStrictJson(ReadFile(keys_ + "/issuer.key"), "issuer.key");
  ASSERT_TRUE(key_file);
  std::string secret = key_file->Find("secret_key")->string;
  ASSERT_GE(secret.size(), 40u);
  std::string log = server->Log();
  EXPECT_NE(log.find("passports are signed for Org X"), std::string::npos) << log;
  EXPECT_EQ(log.find(secret.substr(0, 16)), std::string::npos);
}

// The rule is the service's, so the command line follows it too: an administrator issues and
// revokes, a judge who is no chief expert does not.
TEST_F(WebPassportsTest, TheCommandLineLetsAnAdministratorIssueToo) {
  RunOptions admin;
  admin.env = {{"SKILLSCORE_ADMIN_SECRET", kAdminSecret}};
  RunResult early = Db({"passport", "issue", "E1", "--admin", "root", "--dir", keys_}, admin);
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("results of exam E1 are provisional: sub-criteria A2 are not locked"),
            std::string::npos)
      << early.err;
  Ok({"lock", "E1", "A2", "--as", "K0"});
  RunResult issued = Db({"passport", "issue", "E1", "--admin", "root", "--dir", keys_}, admin);
  EXPECT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_EQ(issued.out, "issued passport E1-C1-1 for Ann (C1)\n");
  RunResult judge = Db({"passport", "revoke", "E1-C1-1", "--reason", "typo", "--as", "J1"});
  EXPECT_EQ(judge.exit_code, 1);
  EXPECT_NE(judge.err.find("J1 is an expert of exam E1; only a chief expert may revoke a passport"),
            std::string::npos)
      << judge.err;
  RunResult revoked =
      Db({"passport", "revoke", "E1-C1-1", "--reason", "typo", "--admin", "root"}, admin);
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
}

TEST_F(WebPassportsTest, JudgesAndStrangersMayNot) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "J1");
  EXPECT_EQ(Outcome(judge.Get(kPassports)), "403 forbidden");
  EXPECT_EQ(Outcome(judge.Send("POST", kPassports + std::string("/issue"), "")), "403 forbidden");
  EXPECT_EQ(Outcome(judge.Get("/api/exams/E1/certificates.zip")), "403 forbidden");
  EXPECT_EQ(Outcome(judge.Send("POST", kPassports + std::string("/E1-C1-1/revoke"),
                               R"({"reason": "x"})")),
            "403 forbidden");
  ApiClient nobody(server->port());
  EXPECT_EQ(Outcome(nobody.Get(kPassports)), "401 no_session");
  EXPECT_EQ(Outcome(nobody.Send("POST", kPassports + std::string("/issue"), "")), "401 no_session");
  ApiClient admin = Admin(server->port());
  EXPECT_EQ(Outcome(admin.Send("POST", kPassports + std::string("/issue"), "", false)), "403 csrf");
  // A chief expert of E1 sees no other exam's passports.
  ApiClient chief = Judge(server->port(), "J2");
  EXPECT_EQ(Outcome(chief.Get(kPassports)), "200");
  EXPECT_EQ(Outcome(chief.Get("/api/exams/T-2026-01/passports")), "403 forbidden");
}

TEST_F(WebPassportsTest, WithoutTheKeyPassportsAreShownButNotIssued) {
  setenv("SKILLSCORE_KEYS", dir_.File("no-keys").c_str(), 1);
  auto server = Start({});
  unsetenv("SKILLSCORE_KEYS");
  ApiClient admin = Admin(server->port());
  JsonNode passports = Parsed(admin.Get(kPassports));
  EXPECT_FALSE(passports.Find("issuing")->Find("available")->boolean);
  std::string reason = StringAt(passports.Find("issuing"), "reason");
  EXPECT_EQ(reason.rfind("passports cannot be issued here: the server has no signing key (", 0), 0u)
      << reason;
  EXPECT_NE(reason.find("no-keys/issuer.key"), std::string::npos) << reason;
  auto refused = admin.Send("POST", kPassports + std::string("/issue"), "");
  EXPECT_EQ(Outcome(refused), "503 signing_unavailable");
  EXPECT_EQ(Member(refused->body, "message"), reason);
  server->Stop();
  EXPECT_NE(server->Log().find("passports cannot be issued"), std::string::npos);

  // A --keys that names no key is a mistake to say at once, not a server that cannot issue.
  RunResult run = Db({"serve", "--listen", "127.0.0.1:0", "--keys", dir_.File("no-keys")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no-keys/issuer.key"), std::string::npos) << run.err;
}

TEST_F(WebPassportsTest, OnePersonHoldsABoundedNumberOfSessions) {
  auto server = Start();
  for (int session = 0; session < 8; ++session) Judge(server->port(), "J1");
  ApiClient ninth(server->port());
  auto refused = ninth.SignIn(
      "/api/signin", R"({"exam": "E1", "judge": "J1", "code": ")" + codes_.at("J1") + "\"}");
  EXPECT_EQ(Outcome(refused), "429 too_many_sessions");
  EXPECT_EQ(Member(refused->body, "message"),
            "E1/J1 already has 8 open sessions, the most one person may have: sign out on another "
            "device, or wait until one expires");
  Judge(server->port(), "J3");  // others are not held up
}

}  // namespace
}  // namespace skillscore::testing
