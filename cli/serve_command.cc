// skillscore serve: the exam hall on the web (web/server.h) over the database of --db, until
// SIGTERM or SIGINT, which let the requests in flight finish before the command exits 0.
//
// Passports are signed with the issuer's key of --keys DIR, else $SKILLSCORE_KEYS, else ./keys, as
// `passport issue` finds it (issuer_keys.h); the secret key is read once at start, held in memory
// and never printed or logged. Without a readable key the server still starts and shows passports;
// issuing them is refused with the reason — unless --keys was given, which must then be readable.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <iostream>
#include <thread>

#include "certificate_settings.h"
#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "issuer_keys.h"
#include "server.h"
#include "skillscore/open_store.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

constexpr char kKeysOption[] = "keys";

// "HOST:PORT" (an IPv6 host in brackets: "[::1]:8080").
std::pair<std::string, int> ParseListen(const std::string& text) {
  std::size_t colon = text.rfind(':');
  int port = 0;
  std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
  const char* digits = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  if (host.empty() || std::from_chars(digits, end, port).ptr != end || port < 0 || port > 65535) {
    throw UsageError(
        Tr("invalid --listen '{0}': expected HOST:PORT, such as 127.0.0.1:8080", text));
  }
  return {host, port};
}

void DefineServe(CommandSyntax& syntax) {
  syntax.options.add_options()  //
      ("listen", po::value<std::string>()->value_name("HOST:PORT")->default_value("127.0.0.1:8080"),
       Tr("the address to listen on (port 0: any free port, printed on start)").c_str())  //
      ("tls-cert", po::value<std::string>()->value_name("FILE"),
       Tr("serve HTTPS with this certificate (PEM), with --tls-key").c_str())  //
      ("tls-key", po::value<std::string>()->value_name("FILE"),
       Tr("the private key (PEM) of --tls-cert").c_str())  //
      ("threads", po::value<std::size_t>()->value_name("N")->default_value(512),
       Tr("requests answered at once; each open connection holds one").c_str());
  DefineKeysDirectory(syntax, kKeysOption);
  // For the tests that check docs/openapi.yaml: the routes, one "METHOD PATH" a line.
  // For the tests of sessions that expire: their lifetime in seconds (default 12 hours).
  syntax.arguments.add_options()("print-routes", po::bool_switch())  //
      ("session-seconds", po::value<long>());
}

// The issuer's key and certificate settings for issuing passports on the web; the exit code
// after saying why not when --keys names a directory that cannot serve.
tl::expected<web::PassportIssuing, ExitCode> LoadIssuing(const Invocation& invocation) {
  std::string dir = KeysDirectory(invocation, kKeysOption);
  web::PassportIssuing issuing;
  auto key = ReadSecretKeyFile(KeyPath(dir, kSecretKeyFile));
  if (!key) {
    if (OptionValue(invocation, kKeysOption)) {
      return tl::make_unexpected(Refuse({key.error()}, invocation.err));
    }
    issuing.unavailable = FormatDiagnostic(key.error());
    return issuing;
  }
  auto certificate = LoadCertificateOptions(invocation, dir, "");
  if (!certificate) return tl::make_unexpected(certificate.error());
  issuing.key = std::move(*key);
  issuing.certificate = std::move(*certificate);
  return issuing;
}

ExitCode PrintRoutes(const Invocation& invocation) {
  for (const web::RouteName& route : web::Routes()) {
    invocation.out << route.method << ' ' << route.path << '\n';
  }
  return ExitCode::kOk;
}

ExitCode Serve(const Invocation& invocation) {
  if (invocation.options["print-routes"].as<bool>()) return PrintRoutes(invocation);
  auto [host, port] = ParseListen(invocation.options["listen"].as<std::string>());
  web::ServerOptions options;
  options.db = invocation.global.db;
  options.host = host;
  options.port = port;
  options.tls_certificate = OptionValue(invocation, "tls-cert");
  options.tls_key = OptionValue(invocation, "tls-key");
  if (options.tls_certificate.has_value() != options.tls_key.has_value()) {
    throw UsageError(Tr("give --tls-cert and --tls-key together"));
  }
  options.threads = std::max<std::size_t>(4, invocation.options["threads"].as<std::size_t>());
  options.language = invocation.global.language;
  auto issuing = LoadIssuing(invocation);
  if (!issuing) return issuing.error();
  options.passports = std::move(*issuing);
  if (invocation.options.count("session-seconds")) {
    options.session_lifetime =
        std::chrono::seconds(invocation.options["session-seconds"].as<long>());
  }

  // SIGTERM and SIGINT are taken by a thread of their own (blocked everywhere else, as the
  // server's threads inherit this mask), which stops the server: httplib then finishes the
  // requests in flight and Serve() returns.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  web::WebServer server(options);
  auto bound = server.Bind();
  if (!bound) {
    PrintError(bound.error(), invocation.err);
    return ExitCode::kStorage;
  }
  // A server's log is its record: a line per request (info) unless -q, each with its time.
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  if (invocation.global.verbosity >= 0) spdlog::set_level(spdlog::level::info);
  spdlog::info("skillscore serve: listening on {}://{}:{} (database {})",
               options.tls_certificate ? "https" : "http", host, *bound,
               DescribeExamStore(invocation.global.db));
  if (options.passports.key) {
    spdlog::info("skillscore serve: passports are signed for {}", options.passports.key->issuer());
  } else {
    spdlog::warn("skillscore serve: passports cannot be issued: {}", options.passports.unavailable);
  }
  std::jthread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    spdlog::info("skillscore serve: stopping (signal {}), finishing requests in flight", signal);
    server.Stop();
  });
  server.Serve();
  spdlog::info("skillscore serve: stopped");
  return ExitCode::kOk;
}

}  // namespace

std::vector<Command> ServeCommands() {
  return {Command{
      .words = {"serve"},
      .arguments = "",
      .summary = "Serve the judges' pages, the chief expert's board and the administrator's pages",
      .define = DefineServe,
      .run = Serve,
  }};
}

}  // namespace skillscore::cli
