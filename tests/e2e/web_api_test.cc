// The web API of `skillscore serve` (docs/openapi.yaml) against the real binary on a free loopback
// port: sign-in, what each role may and may not do, sessions that end, idempotent writes, bad and
// oversized bodies, a trickling client, asset paths, the routes against docs/openapi.yaml, and a
// graceful stop.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>
#include <regex>
#include <set>

#include "skillscore/credentials.h"
#include "web_support.h"

namespace skillscore::testing {
namespace {

constexpr char kOtherExam[] = "T-2026-02";
constexpr char kAdminSecret[] = "correct horse battery";

class WebApiTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    Ok({"exam", "create", kOtherExam, "--rubric", "T-EXAM@1"});
    ASSERT_NO_FATAL_FAILURE(IssueSignInCodes(db_, codes_, {}, kAdminSecret));
  }

  void Revoke(const std::string& judge) {
    auto store = OpenSqliteStore(db_, {});
    ExamService service(**store);
    Credentials credentials(service);
    auto done = credentials.RevokeCode(Actor{"E1"}, kExam, judge, "lost the card");
    ASSERT_TRUE(done) << done.error().message;
  }

  std::unique_ptr<ServerProcess> Start(const std::vector<std::string>& extra = {}) {
    return std::make_unique<ServerProcess>(db_, dir_.File("serve.log"), extra);
  }

  static std::string SignInBody(const std::string& judge, const std::string& code,
                                const std::string& exam = kExam) {
    return R"({"exam": ")" + exam + R"(", "judge": ")" + judge + R"(", "code": ")" + code + "\"}";
  }

  // A client signed in as `judge` with their code.
  ApiClient Judge(int port, const std::string& judge) {
    ApiClient client(port);
    auto result = client.SignIn("/api/signin", SignInBody(judge, codes_.at(judge)));
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
    return client;
  }

  ApiClient Admin(int port) {
    ApiClient client(port);
    auto result = client.SignIn(
        "/api/admin/signin", std::string(R"({"name": "root", "secret": ")") + kAdminSecret + "\"}");
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
    return client;
  }

  static std::string Mark(const std::string& client_id, const std::string& candidate,
                          const std::string& aspect, const std::string& value) {
    return R"({"client_id": ")" + client_id + R"(", "candidate": ")" + candidate +
           R"(", "aspect": ")" + aspect + R"(", "value": ")" + value + "\"}";
  }

  std::map<std::string, std::string> codes_;
};

// The status and the error code of an answer, "200" for a success.
std::string Outcome(const httplib::Result& result) {
  if (!result) return "no answer";
  if (result->status < 300) return std::to_string(result->status);
  return std::to_string(result->status) + " " + Member(result->body, "code");
}

TEST_F(WebApiTest, AJudgeSignsInWithTheirCode) {
  auto server = Start();
  ApiClient client(server->port());
  auto result = client.SignIn("/api/signin", SignInBody("E2", codes_.at("E2")));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(Member(result->body, "role"), "judge");
  EXPECT_EQ(Member(result->body, "exam"), kExam);
  EXPECT_EQ(Member(result->body, "judge"), "E2");
  EXPECT_EQ(Member(result->body, "name"), "Эксперт Два");
  EXPECT_EQ(Member(result->body, "lang"), "en");
  EXPECT_EQ(Member(result->body, "csrf").size(), 64u);
  std::string cookie = result->get_header_value("Set-Cookie");
  EXPECT_TRUE(
      std::regex_match(cookie, std::regex("skillscore_session=[0-9a-f]{64}; Path=/; "
                                          "Max-Age=43(19[0-9]|200); HttpOnly; SameSite=Strict")))
      << cookie;
  auto me = client.Get("/api/me");
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(Member(me->body, "judge"), "E2");

  auto chief = Judge(server->port(), "E1").Get("/api/me");
  EXPECT_EQ(Member(chief->body, "role"), "chief");
  // The log names who acted, never a code or a cookie.
  server->Stop();
  std::string log = server->Log();
  EXPECT_NE(log.find("POST /api/signin 200"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /api/me 200"), std::string::npos) << log;
  EXPECT_NE(log.find("judge T-2026-01/E2"), std::string::npos) << log;
  for (const auto& [judge, code] : codes_) EXPECT_EQ(log.find(code), std::string::npos) << judge;
  EXPECT_EQ(log.find(client.cookie().substr(19)), std::string::npos);
}

TEST_F(WebApiTest, WrongCodesAreRefusedThenRateLimited) {
  auto server = Start();
  ApiClient client(server->port());
  auto wrong = client.SignIn("/api/signin", SignInBody("E2", "AAAA-AAAA"));
  EXPECT_EQ(Outcome(wrong), "401 unauthenticated");
  EXPECT_EQ(Outcome(client.SignIn("/api/signin", SignInBody("E9", "AAAA-AAAA"))),
            "401 unauthenticated");
  EXPECT_EQ(Outcome(client.SignIn("/api/signin", SignInBody("E2", codes_.at("E2"), kOtherExam))),
            "401 unauthenticated");
  EXPECT_EQ(Outcome(client.SignIn("/api/signin", "{\"exam\": ")), "400 malformed");
  for (int attempt = 3; attempt < 10; ++attempt) {
    EXPECT_EQ(Outcome(client.SignIn("/api/signin", SignInBody("E3", "AAAA-AAAA"))),
              "401 unauthenticated");
  }
  // Ten failures from this address: even the right code waits now.
  EXPECT_EQ(Outcome(client.SignIn("/api/signin", SignInBody("E2", codes_.at("E2")))),
            "429 too_many_attempts");
  EXPECT_EQ(Outcome(client.Get("/api/me")), "401 no_session");
}

TEST_F(WebApiTest, EveryRoleIsHeldToItsOwnCalls) {
  auto server = Start();
  int port = server->port();
  ApiClient nobody(port);
  ApiClient judge = Judge(port, "E2");
  ApiClient chief = Judge(port, "E1");
  ApiClient admin = Admin(port);
  const std::string exam = std::string("/api/exams/") + kExam;
  const std::string other = std::string("/api/exams/") + kOtherExam;

  struct Expected {
    ApiClient* client;
    std::string method, path, body, outcome;
  };
  std::vector<Expected> calls = {
      {&nobody, "GET", exam, "", "401 no_session"},
      {&nobody, "GET", "/api/exams", "", "401 no_session"},
      {&nobody, "PUT", exam + "/marks", Mark("n1", "C1", "A1.1", "yes"), "401 no_session"},
      {&judge, "GET", exam, "", "200"},
      {&judge, "GET", exam + "/candidates", "", "200"},
      {&judge, "GET", exam + "/progress", "", "200"},
      {&judge, "GET", exam + "/next-missing", "", "200"},
      {&judge, "GET", exam + "/sheet?candidate=C1&subcriterion=A1", "", "200"},
      {&judge, "GET", other, "", "403 forbidden"},
      {&judge, "GET", other + "/candidates", "", "403 forbidden"},
      {&judge, "GET", "/api/exams", "", "403 forbidden"},
      {&judge, "GET", exam + "/status", "", "403 forbidden"},
      {&judge, "GET", exam + "/results", "", "403 forbidden"},
      {&judge, "GET", exam + "/sessions", "", "403 forbidden"},
      {&judge, "POST", exam + "/locks", R"({"subcriteria": ["A1"]})", "403 forbidden"},
      {&judge, "POST", exam + "/candidates/C1/status", R"({"status": "absent", "reason": "x"})",
       "403 forbidden"},
      {&judge, "PUT", other + "/marks", Mark("j0", "C1", "A1.1", "yes"), "403 forbidden"},
      {&judge, "PUT", exam + "/marks", Mark("j1", "C1", "A1.1", "yes"), "200"},
      {&chief, "GET", exam + "/status", "", "200"},
      {&chief, "GET", exam + "/sessions", "", "200"},
      {&chief, "GET", exam + "/results", "", "200"},
      {&chief, "GET", exam + "/analytics", "", "200"},
      {&chief, "GET", other + "/status", "", "403 forbidden"},
      {&chief, "GET", "/api/exams", "", "403 forbidden"},
      {&admin, "GET", "/api/exams", "", "200"},
      {&admin, "GET", exam, "", "200"},
      {&admin, "GET", other + "/results", "", "200"},
      {&admin, "GET", exam + "/results.csv", "", "200"},
      {&admin, "GET", exam + "/status", "", "200"},
      {&admin, "PUT", exam + "/marks", Mark("a1", "C1", "A1.1", "no"), "403 forbidden"},
      {&admin, "GET", exam + "/sheet?candidate=C1&subcriterion=A1", "", "403 forbidden"},
      {&admin, "POST", exam + "/locks", R"({"subcriteria": ["A1"]})", "403 forbidden"},
      {&chief, "DELETE", exam + "/locks/A1", R"({"reason": "recount"})", "409 conflict"},
      {&judge, "POST", exam + "/marks/withdraw",
       R"({"candidate": "C1", "aspect": "A1.1", "reason": "wrong candidate"})", "403 forbidden"},
      {&admin, "POST", exam + "/marks/withdraw",
       R"({"candidate": "C1", "aspect": "A1.1", "reason": "wrong candidate"})", "403 forbidden"},
      {&chief, "POST", exam + "/candidates/C4/status", R"({"status": "present", "reason": "came"})",
       "200"},
  };
  for (const Expected& call : calls) {
    auto result = call.method == "GET" ? call.client->Get(call.path)
                                       : call.client->Send(call.method, call.path, call.body);
    EXPECT_EQ(Outcome(result), call.outcome)
        << call.method << " " << call.path << ": " << (result ? result->body : "");
  }
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E2 1"}));
}

TEST_F(WebApiTest, WritesNeedTheSessionsCsrfToken) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  const std::string marks = std::string("/api/exams/") + kExam + "/marks";
  EXPECT_EQ(Outcome(judge.Send("PUT", marks, Mark("c1", "C1", "A1.1", "yes"), false)), "403 csrf");
  EXPECT_EQ(Outcome(judge.Send("POST", "/api/signout", "", false)), "403 csrf");
  EXPECT_EQ(Entries(), std::vector<std::string>{});
  // Another session's token is no token.
  ApiClient other = Judge(server->port(), "E3");
  other.set_cookie(judge.cookie());
  EXPECT_EQ(Outcome(other.Send("PUT", marks, Mark("c2", "C1", "A1.1", "yes"))), "403 csrf");
  EXPECT_EQ(Outcome(judge.Send("POST", "/api/signout", "")), "204");
  EXPECT_EQ(Outcome(judge.Get("/api/me")), "401 no_session");
}

TEST_F(WebApiTest, AMarkIsWrittenOncePerClientId) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  const std::string marks = std::string("/api/exams/") + kExam + "/marks";
  auto first = judge.Send("PUT", marks, Mark("k-1", "C1", "A1.3", "2"));
  ASSERT_EQ(Outcome(first), "200") << first->body;
  EXPECT_EQ(first->body,
            "{\n  \"client_id\": \"k-1\",\n  \"change\": \"added\",\n  \"repeated\": false,\n"
            "  \"candidate\": \"C1\",\n  \"aspect\": \"A1.3\",\n  \"judge\": \"E2\",\n"
            "  \"value\": \"2\"\n}\n");
  auto again = judge.Send("PUT", marks, Mark("k-1", "C1", "A1.3", "2"));
  ASSERT_EQ(Outcome(again), "200");
  EXPECT_NE(again->body.find("\"change\": \"added\",\n  \"repeated\": true"), std::string::npos)
      << again->body;
  EXPECT_EQ(Outcome(judge.Send("PUT", marks, Mark("k-1", "C1", "A1.3", "3"))), "422 invalid_input");
  // A new entry changes the score; the replay of the first then answers as first.
  EXPECT_EQ(Outcome(judge.Send("PUT", marks, Mark("k-2", "C1", "A1.3", "3"))), "200");
  EXPECT_EQ(Outcome(judge.Send("PUT", marks, Mark("k-1", "C1", "A1.3", "2"))), "200");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.3 E2 2", "C1 A1.3 E2 3"}));

  // A value the rules refuse, explained with the command line's words; nothing written.
  auto refused = judge.Send("PUT", marks, Mark("k-3", "C1", "A1.3", "7"));
  EXPECT_EQ(Outcome(refused), "422 invalid_input");
  EXPECT_FALSE(Member(refused->body, "message").empty());
  // A judgement score in another judge's name needs a chief expert.
  auto foreign = judge.Send("PUT", marks,
                            R"({"client_id": "k-4", "candidate": "C1", "aspect": "A1.3",
                                "value": "1", "judge": "E3"})");
  EXPECT_EQ(Outcome(foreign), "403 forbidden");
  EXPECT_EQ(Entries().size(), 2u);

  // The sheet shows the judge's own score; the panel only once it is disputed.
  const std::string sheet_path =
      std::string("/api/exams/") + kExam + "/sheet?candidate=C1&subcriterion=A1";
  auto sheet = judge.Get(sheet_path);
  ASSERT_EQ(Outcome(sheet), "200");
  EXPECT_NE(
      sheet->body.find(R"({ "aspect": "A1.3", "value": "3", "panel": null, "disputed": false })"),
      std::string::npos)
      << sheet->body;
  EXPECT_NE(
      sheet->body.find(R"({ "aspect": "A1.1", "value": null, "panel": null, "disputed": false })"),
      std::string::npos)
      << sheet->body;
  // Another judge sees no one's score of the panel before giving their own.
  ApiClient e4 = Judge(server->port(), "E4");
  auto unseen = e4.Get(sheet_path);
  EXPECT_NE(
      unseen->body.find(R"({ "aspect": "A1.3", "value": null, "panel": null, "disputed": false })"),
      std::string::npos)
      << unseen->body;
  // E4's 1 disputes E2's 3 (spread 2 > 1): now both see the panel.
  ASSERT_EQ(Outcome(e4.Send("PUT", marks, Mark("e4-1", "C1", "A1.3", "1"))), "200");
  const std::string disputed =
      R"("panel": [ { "judge": "E2", "score": 3 }, { "judge": "E4", "score": 1 } ], "disputed": true })";
  std::string e4_sheet = e4.Get(sheet_path)->body;
  EXPECT_NE(e4_sheet.find(R"({ "aspect": "A1.3", "value": "1", )" + disputed), std::string::npos)
      << e4_sheet;
  EXPECT_NE(judge.Get(sheet_path)->body.find(R"({ "aspect": "A1.3", "value": "3", )" + disputed),
            std::string::npos);
  // The chief's board shows the disputed panel with its scores.
  std::string status =
      Judge(server->port(), "E1").Get(std::string("/api/exams/") + kExam + "/status")->body;
  EXPECT_NE(
      status.find(R"({ "candidate": "C1", "aspect": "A1.3", "kind": "disputed", )"
                  R"("scores": [ { "judge": "E2", "score": 3 }, { "judge": "E4", "score": 1 } ])"),
      std::string::npos)
      << status;
}

TEST_F(WebApiTest, ALockedSubcriterionRefusesMarks) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  ApiClient chief = Judge(server->port(), "E1");
  const std::string exam = std::string("/api/exams/") + kExam;
  auto locked = chief.Send("POST", exam + "/locks", R"({"subcriteria": ["B1"]})");
  // B1 cannot lock while marks are missing: the service says why.
  EXPECT_EQ(Outcome(locked), "409 conflict") << locked->body;
  EXPECT_FALSE(Member(locked->body, "message").empty());
}

TEST_F(WebApiTest, TheChiefWithdrawsAMarkWithAReason) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  ApiClient chief = Judge(server->port(), "E1");
  const std::string exam = std::string("/api/exams/") + kExam;
  const std::string withdraw = exam + "/marks/withdraw";
  const std::string sheet = exam + "/sheet?candidate=C1&subcriterion=A1";
  ASSERT_EQ(Outcome(judge.Send("PUT", exam + "/marks", Mark("w1", "C1", "A1.1", "yes"))), "200");
  EXPECT_NE(judge.Get(sheet)->body.find(R"({ "aspect": "A1.1", "value": "yes")"),
            std::string::npos);
  EXPECT_EQ(Outcome(chief.Send("POST", withdraw, R"({"candidate": "C1", "aspect": "A1.1"})")),
            "422 reason_required");
  EXPECT_EQ(
      Outcome(chief.Send("POST", withdraw,
                         R"({"candidate": "C1", "aspect": "A1.1", "reason": "wrong bench"})")),
      "204");
  EXPECT_NE(judge.Get(sheet)->body.find(R"({ "aspect": "A1.1", "value": null)"), std::string::npos)
      << judge.Get(sheet)->body;
  // Nothing left to take back.
  EXPECT_EQ(Outcome(chief.Send("POST", withdraw,
                               R"({"candidate": "C1", "aspect": "A1.1", "reason": "again"})")),
            "404 not_found");
}

TEST_F(WebApiTest, RevokedCodesAndExpiredSessionsEndTheSession) {
  auto server = Start({"--session-seconds", "2"});
  ApiClient judge = Judge(server->port(), "E2");
  ApiClient other = Judge(server->port(), "E3");
  EXPECT_EQ(Outcome(judge.Get("/api/me")), "200");
  Revoke("E2");
  EXPECT_EQ(Outcome(judge.Get("/api/me")), "401 no_session");
  EXPECT_EQ(Outcome(other.Get("/api/me")), "200");
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  EXPECT_EQ(Outcome(other.Get("/api/me")), "401 no_session");
}

TEST_F(WebApiTest, BadBodiesAreRefusedAndNothingIsWritten) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  const std::string marks = std::string("/api/exams/") + kExam + "/marks";
  auto malformed = judge.Send("PUT", marks, "{\"client_id\": \"x\", ");
  EXPECT_EQ(Outcome(malformed), "400 malformed");
  EXPECT_TRUE(Member(malformed->body, "message").starts_with("request body:1:")) << malformed->body;
  EXPECT_EQ(Outcome(judge.Send("PUT", marks, "[]")), "400 malformed");
  std::string huge = Mark("big", "C1", "A1.1", "yes");
  huge.insert(huge.size() - 1, ", \"reason\": \"" + std::string(70 * 1024, 'x') + "\"");
  auto too_large = judge.Send("PUT", marks, huge);
  EXPECT_EQ(Outcome(too_large), "413 too_large");
  EXPECT_EQ(Entries(), std::vector<std::string>{});
}

TEST_F(WebApiTest, ResultsAreExactlyTheCommandLines) {
  Ok({"marks", "import", kExam, "marks.csv"});
  auto server = Start();
  ApiClient admin = Admin(server->port());
  auto results = admin.Get(std::string("/api/exams/") + kExam + "/results");
  ASSERT_EQ(Outcome(results), "200");
  EXPECT_EQ(results->body, ResultsJson());
  EXPECT_EQ(results->get_header_value("Content-Type"), "application/json");
  auto csv = admin.Get(std::string("/api/exams/") + kExam + "/results.csv");
  ASSERT_EQ(Outcome(csv), "200");
  EXPECT_EQ(csv->body, Db({"results", kExam, "--format", "csv"}).out);
  auto protocol = admin.Get(std::string("/api/exams/") + kExam + "/protocol.pdf");
  ASSERT_EQ(Outcome(protocol), "200");
  EXPECT_EQ(protocol->get_header_value("Content-Type"), "application/pdf");
  EXPECT_TRUE(protocol->body.starts_with("%PDF-"));
  auto workbook = admin.Get(std::string("/api/exams/") + kExam + "/results.xlsx");
  ASSERT_EQ(Outcome(workbook), "200");
  EXPECT_TRUE(workbook->body.starts_with("PK")) << "an .xlsx is a zip file";
}

// A download link carries the page's language in its query, since the browser follows it with
// its own Accept-Language: the Russian results CSV is the command line's `--lang ru` one.
TEST_F(WebApiTest, ADownloadIsInTheLanguageOfItsLink) {
  Ok({"marks", "import", kExam, "marks.csv"});
  auto server = Start();
  ApiClient admin = Admin(server->port());
  const std::string csv = std::string("/api/exams/") + kExam + "/results.csv";
  auto russian = admin.Get(csv + "?lang=ru");
  ASSERT_EQ(Outcome(russian), "200");
  const std::string expected = Db({"results", kExam, "--format", "csv", "--lang", "ru"}).out;
  EXPECT_TRUE(expected.starts_with("\xEF\xBB\xBF")) << "Russian Excel's CSV starts with a BOM";
  EXPECT_EQ(russian->body, expected);
  auto english = admin.Get(csv + "?lang=en");
  ASSERT_EQ(Outcome(english), "200");
  EXPECT_EQ(english->body, Db({"results", kExam, "--format", "csv", "--lang", "en"}).out);
}

TEST_F(WebApiTest, MessagesComeInTheSessionsLanguage) {
  auto server = Start();
  ApiClient judge(server->port());
  ASSERT_EQ(Outcome(judge.SignIn("/api/signin", R"({"exam": ")" + std::string(kExam) +
                                                    R"(", "judge": "E2", "code": ")" +
                                                    codes_.at("E2") + R"(", "lang": "ru"})")),
            "200");
  auto refused = judge.Get(std::string("/api/exams/") + kOtherExam);
  EXPECT_EQ(Outcome(refused), "403 forbidden");
  EXPECT_EQ(Member(refused->body, "message"), "этому сеансу это не разрешено");
}

// A client that sends its request a byte at a time holds one worker, not the server.
TEST_F(WebApiTest, ATricklingClientDoesNotHoldUpOthers) {
  auto server = Start();
  int slow = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server->port()));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  ASSERT_EQ(connect(slow, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  std::atomic<bool> done = false;
  std::thread trickle([&] {
    std::string request = "POST /api/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{";
    for (char byte : request) {
      if (done) break;
      send(slow, &byte, 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  ApiClient judge = Judge(server->port(), "E2");
  auto started = std::chrono::steady_clock::now();
  for (int call = 0; call < 20; ++call) EXPECT_EQ(Outcome(judge.Get("/api/me")), "200");
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, std::chrono::seconds(2));
  done = true;
  trickle.join();
  close(slow);
}

TEST_F(WebApiTest, PagesAreServedAndNothingBesideThem) {
  auto server = Start();
  ApiClient browser(server->port());
  auto index = browser.Get("/");
  ASSERT_EQ(Outcome(index), "200");
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->body, ReadFile(SourcePath("web/assets/index.html")));
  auto css = browser.Get("/assets/app.css");
  ASSERT_EQ(Outcome(css), "200");
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  for (const char* path :
       {"/assets/../web/assets/index.html", "/assets/%2e%2e/index.html", "/assets/..%2findex.html",
        "/../CMakeLists.txt", "/assets/nothing.js", "/etc/passwd"}) {
    EXPECT_EQ(Outcome(browser.Get(path)), "404 not_found") << path;
  }
}

// Every route the server has is in docs/openapi.yaml, and every operation there is a route.
TEST_F(WebApiTest, OpenApiDescribesExactlyTheRoutes) {
  RunResult routes = RunSkillscore({"serve", "--print-routes"});
  ASSERT_EQ(routes.exit_code, 0) << routes.err;
  std::set<std::string> served;
  std::istringstream lines(routes.out);
  for (std::string line; std::getline(lines, line);) served.insert(line);

  std::set<std::string> described;
  std::ifstream spec(SourcePath("docs/openapi.yaml"));
  std::regex path_line("^  (/[^:]*):$");
  std::regex method_line("^    (get|post|put|delete|patch):$");
  std::string path;
  for (std::string line; std::getline(spec, line);) {
    std::smatch match;
    if (std::regex_match(line, match, path_line)) path = match[1];
    if (std::regex_match(line, match, method_line)) {
      std::string method = match[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      described.insert(method + " " + path);
    }
  }
  EXPECT_EQ(described, served);
  EXPECT_GE(served.size(), 25u);
}

// The board hears of each write to its exam as a Server-Sent Event, without polling.
TEST_F(WebApiTest, TheBoardHearsOfEveryWrite) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  ApiClient chief = Judge(server->port(), "E1");
  EXPECT_EQ(Outcome(judge.Get(std::string("/api/exams/") + kExam + "/events")), "403 forbidden");
  httplib::Client board("127.0.0.1", server->port());
  board.set_read_timeout(std::chrono::seconds(10));
  std::string received;
  std::thread listen([&] {
    board.Get(std::string("/api/exams/") + kExam + "/events", {{"Cookie", chief.cookie()}},
              [&](const char* data, std::size_t size) {
                received.append(data, size);
                return received.find("\n\n") == std::string::npos;
              });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(Outcome(judge.Send("PUT", std::string("/api/exams/") + kExam + "/marks",
                               Mark("ev-1", "C1", "A1.1", "yes"))),
            "200");
  listen.join();
  EXPECT_EQ(received, "event: change\ndata: {\"exam\": \"T-2026-01\", \"seq\": 1}\n\n");
}

// Under TLS the session cookie is Secure; plain HTTP is not answered.
TEST_F(WebApiTest, TlsServesHttpsWithSecureCookies) {
  RunResult made =
      testing::Run("/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                                        "1", "-subj", "/CN=127.0.0.1", "-keyout",
                                        dir_.File("hall.key"), "-out", dir_.File("hall.pem")});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto server = Start({"--tls-cert", dir_.File("hall.pem"), "--tls-key", dir_.File("hall.key")});
  ASSERT_NE(server->Log().find("listening on https://127.0.0.1:"), std::string::npos);
  httplib::SSLClient client("127.0.0.1", server->port());
  client.enable_server_certificate_verification(false);
  auto signed_in =
      client.Post("/api/signin", SignInBody("E2", codes_.at("E2")), "application/json");
  ASSERT_EQ(Outcome(signed_in), "200");
  EXPECT_TRUE(
      signed_in->get_header_value("Set-Cookie").ends_with("; HttpOnly; SameSite=Strict; Secure"))
      << signed_in->get_header_value("Set-Cookie");
  EXPECT_EQ(Outcome(ApiClient(server->port()).Get("/api/me")), "no answer");
}

TEST_F(WebApiTest, SigtermStopsTheServerCleanly) {
  auto server = Start();
  ApiClient judge = Judge(server->port(), "E2");
  EXPECT_EQ(Outcome(judge.Send("PUT", std::string("/api/exams/") + kExam + "/marks",
                               Mark("s1", "C1", "A1.1", "yes"))),
            "200");
  EXPECT_EQ(server->Stop(), 0);
  EXPECT_NE(server->Log().find("skillscore serve: stopped"), std::string::npos) << server->Log();
  EXPECT_EQ(Outcome(ApiClient(server->port()).Get("/api/me")), "no answer");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C1 A1.1 E2 1"}));
}

}  // namespace
}  // namespace skillscore::testing
