// `skillscore serve`: the exam hall on the web. An HTTP/1.1 server (cpp-httplib, OpenSSL for
// TLS) that answers the JSON API of docs/openapi.yaml over the exam service and serves the pages
// embedded from web/assets/. Every route parses (requests.h), checks the session (sessions.h),
// calls ExamService or Credentials with the session's identity, and renders (views.h); no rule of
// the exam lives here.
//
// Concurrency: httplib's thread pool answers requests in parallel. The service and its store are
// one-thread-at-a-time, so each request borrows a service of its own from a pool (one SQLite
// connection each, opened on demand): reads run side by side. Writes take one mutex besides, so
// that they queue in the server instead of spinning in SQLite's busy handler, and so that the
// check of a repeated client_id and the write it guards are one step.
//
// Thread safety: Serve() blocks its thread; Stop() may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "passports.h"
#include "skillscore/i18n.h"

namespace skillscore::web {

struct ServerOptions {
  std::string db;  // the SQLite exam database (--db)
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (Bind() says which)
  std::optional<std::string> tls_certificate;
  std::optional<std::string> tls_key;
  std::size_t max_body = 64 * 1024;  // larger requests are refused (413) unread
  std::chrono::seconds session_lifetime{12 * 3600};
  // Live sessions one judge (of an exam) or administrator may hold; one more sign-in is refused.
  std::size_t sessions_per_person = 8;
  // A client that sends or reads nothing for this long loses its connection, so that a trickling
  // client holds one worker at most this long per byte and never holds up the others.
  std::chrono::seconds io_timeout{5};
  // Workers: a keep-alive connection holds one while open, so one per tablet of an exam day; an
  // idle worker waits on a condition variable and costs nothing but its stack.
  std::size_t threads = 512;
  // Sign-in failures allowed per judge, administrator and remote address in `sign_in_window`.
  std::size_t sign_in_attempts = 10;
  std::chrono::seconds sign_in_window{300};
  Language language = Language::kEnglish;  // of answers without a session
  PassportIssuing passports;               // the issuer's key (serve --keys), when readable
};

// One route as docs/openapi.yaml names it: "GET", "/api/exams/{exam}".
struct RouteName {
  std::string method;
  std::string path;
};
// Every route the server answers, in registration order (`skillscore serve --print-routes`).
std::vector<RouteName> Routes();

class WebServer {
 public:
  explicit WebServer(ServerOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Opens the database and binds the address; the port bound, or why not (current language).
  tl::expected<int, std::string> Bind();
  // Answers requests until Stop(); requests in flight are finished first.
  void Serve();
  void Stop();

 private:
  friend std::vector<RouteName> Routes();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace skillscore::web
