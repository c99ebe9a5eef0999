// Helpers of the web tests: the real `skillscore serve` on a free loopback port over a test's
// database, stopped with SIGTERM, and an HTTP client with a session's cookie and CSRF token.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "db_support.h"
#include "process.h"
#include "skillscore/credentials.h"
#include "skillscore/json_value.h"

namespace skillscore::testing {

// Sign-in codes of exam kExam issued by its chief expert E1 to JUDGES (every judge when empty),
// judge → code, into CODES; hashed cheaply, since the server verifies with the parameters each
// hash stores. With an ADMIN_SECRET the administrator "root" is set up too. Call it wrapped in
// ASSERT_NO_FATAL_FAILURE.
inline void IssueSignInCodes(const std::string& db, std::map<std::string, std::string>& codes,
                             const std::vector<std::string>& judges = {},
                             const std::string& admin_secret = {}) {
  ASSERT_GE(sodium_init(), 0);
  auto store = OpenSqliteStore(db, {});
  ASSERT_TRUE(store);
  ExamService service(**store);
  Credentials credentials(service, CredentialOptions{.ops_limit = 1, .mem_limit = 8192});
  auto issued = credentials.IssueCodes(Actor{"E1"}, kExam, judges);
  ASSERT_TRUE(issued) << issued.error().message;
  for (const IssuedCode& code : *issued) codes[code.judge] = code.code;
  if (!admin_secret.empty()) {
    ASSERT_TRUE(credentials.InitAdmin("root", admin_secret));
  }
}

// `skillscore --db DB serve --listen 127.0.0.1:0 EXTRA…`, its log in LOG.
class ServerProcess {
 public:
  ServerProcess(const std::string& db, const std::string& log,
                const std::vector<std::string>& extra = {})
      : log_(log) {
    std::vector<std::string> args = {SKILLSCORE_BINARY, "--db",     db,
                                     "serve",           "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    WriteFile(log, "");
    pid_ = fork();
    if (pid_ == 0) {
      FILE* out = freopen(log.c_str(), "w", stderr);
      if (!out) _exit(127);
      setenv("LANG", "C.UTF-8", 1);
      unsetenv("LC_ALL");
      unsetenv("LC_MESSAGES");
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // The log says the port once the server listens.
    std::regex listening("listening on https?://127\\.0\\.0\\.1:([0-9]+)");
    for (int tries = 0; tries < 300 && port_ == 0; ++tries) {
      std::smatch match;
      std::string text = Log();
      if (std::regex_search(text, match, listening)) port_ = std::stoi(match[1]);
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (port_ == 0) ADD_FAILURE() << "the server did not start:\n" << Log();
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exit_code_) Stop();
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string Log() const { return ReadFile(log_); }

  // SIGTERM, then the exit code (128 + signal when killed by one).
  int Stop() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return *exit_code_;
  }

 private:
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::optional<int> exit_code_;
};

// A browser's view of the API: its session cookie and CSRF token once signed in.
class ApiClient {
 public:
  explicit ApiClient(int port) : client_("127.0.0.1", port) {
    client_.set_read_timeout(std::chrono::seconds(10));
  }

  httplib::Result Get(const std::string& path) { return client_.Get(path, Headers()); }
  httplib::Result Send(const std::string& method, const std::string& path, const std::string& body,
                       bool with_csrf = true) {
    httplib::Headers headers = Headers();
    if (!with_csrf) headers.erase("X-CSRF-Token");
    if (method == "POST") return client_.Post(path, headers, body, "application/json");
    if (method == "PUT") return client_.Put(path, headers, body, "application/json");
    return client_.Delete(path, headers, body, "application/json");
  }

  // Signs in (judge or administrator) and keeps the cookie and token; the answer.
  httplib::Result SignIn(const std::string& path, const std::string& body) {
    httplib::Result result = client_.Post(path, body, "application/json");
    if (result && result->status == 200) {
      std::string cookie = result->get_header_value("Set-Cookie");
      cookie_ = cookie.substr(0, cookie.find(';'));
      auto session = ParseStrictJson(result->body, "session");
      csrf_ = session->Find("csrf")->string;
    }
    return result;
  }

  const std::string& cookie() const { return cookie_; }
  void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }

 private:
  httplib::Headers Headers() const {
    httplib::Headers headers;
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    if (!csrf_.empty()) headers.emplace("X-CSRF-Token", csrf_);
    return headers;
  }
  httplib::Client client_;
  std::string cookie_;
  std::string csrf_;
};

// A member of a JSON answer, as a string ("" when it is not one).
inline std::string Member(const std::string& body, const std::string& key) {
  auto json = ParseStrictJson(body, "answer");
  if (!json) return "";
  const JsonNode* node = json->Find(key);
  return node && node->type == JsonNode::Type::kString ? node->string : "";
}

}  // namespace skillscore::testing
