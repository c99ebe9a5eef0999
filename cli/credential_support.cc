#include "credential_support.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>

#include "db_support.h"
#include "io.h"
#include "skillscore/credentials.h"

namespace skillscore::cli {
namespace {

// A line from the terminal with echo off; nullopt without a terminal.
std::optional<std::string> ReadFromTerminal(const std::string& prompt) {
  int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty < 0) return std::nullopt;
  termios saved{};
  bool quiet = ::tcgetattr(tty, &saved) == 0;
  if (quiet) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    silent.c_lflag |= ECHONL;
    ::tcsetattr(tty, TCSANOW, &silent);
  }
  [[maybe_unused]] auto shown = ::write(tty, prompt.data(), prompt.size());
  std::string line;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n') line.push_back(c);
  if (quiet) ::tcsetattr(tty, TCSANOW, &saved);
  ::close(tty);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

tl::expected<Actor, ExitCode> AuthenticatedAdmin(const Invocation& invocation, ExamService& service,
                                                 const std::string& name) {
  auto secret = ReadSecret("SKILLSCORE_ADMIN_SECRET", Tr("Secret of administrator {0}: ", name));
  if (!secret) {
    PrintError(Tr("--admin needs the administrator's secret: type it on a terminal or set "
                  "SKILLSCORE_ADMIN_SECRET"),
               invocation.err);
    return tl::make_unexpected(ExitCode::kUsage);
  }
  auto admin = Credentials(service).AuthenticateAdmin(name, *secret);
  if (!admin) return tl::make_unexpected(Fail(admin.error(), invocation.err));
  return AdminActor(*admin);
}

}  // namespace

std::optional<std::string> ReadSecret(const char* variable, const std::string& prompt) {
  if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') return value;
  return ReadFromTerminal(prompt);
}

tl::expected<Actor, ExitCode> ActingFor(const Invocation& invocation, ExamService& service,
                                        const std::optional<std::string>& exam) {
  if (invocation.global.admin)
    return AuthenticatedAdmin(invocation, service, *invocation.global.admin);
  Actor actor = ActingPerson(invocation);
  if (!exam || actor.id.empty()) return actor;  // the service says what is missing
  Credentials credentials(service);
  auto needed = credentials.PinNeeded(*exam);
  // An unknown exam is the service's to report, in the words of the command.
  if (!needed && needed.error().code == ServiceError::Code::kNotFound) return actor;
  if (!needed) return tl::make_unexpected(Fail(needed.error(), invocation.err));
  if (!*needed) return actor;
  auto pin = ReadSecret("SKILLSCORE_PIN", Tr("PIN of {0} for exam {1}: ", actor.id, *exam));
  if (!pin) {
    PrintError(Tr("exam {0} requires the acting judge's PIN: type it on a terminal or set "
                  "SKILLSCORE_PIN",
                  *exam),
               invocation.err);
    return tl::make_unexpected(ExitCode::kUsage);
  }
  auto judge = credentials.AuthenticateJudge(*exam, actor.id, *pin);
  if (!judge) return tl::make_unexpected(Fail(judge.error(), invocation.err));
  return JudgeActor(*judge);
}

}  // namespace skillscore::cli
