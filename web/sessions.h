// The web's sign-in sessions, kept in the server's memory: a restart signs everyone out (the pages
// keep their offline queue and ask the judge to sign in again). A session is a random token of
// 256 bits (libsodium) sent as an HttpOnly, SameSite=Strict cookie, with its own random CSRF token
// that every write must echo in X-CSRF-Token; tokens are compared in constant time and never
// logged. A judge's session is bound to one exam and to the credential (sign-in code) that opened
// it, so that the server can end it the moment the code is revoked.
//
// Thread safety: every member function may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/i18n.h"

namespace skillscore::web {

enum class Role { kJudge, kChief, kAdmin };
const char* RoleName(Role role);  // judge | chief | admin

using Clock = std::chrono::system_clock;

struct Session {
  std::string token;  // the cookie's value
  std::string csrf;
  Role role = Role::kJudge;
  std::string exam;   // judge and chief only
  std::string judge;  // judge and chief only
  std::string name;   // the judge's name, or the administrator's
  std::int64_t credential = 0;
  Language language = Language::kEnglish;
  Clock::time_point signed_in_at;
  Clock::time_point last_seen;
  Clock::time_point expires_at;
};

// The table is bounded: an expired session is forgotten when next looked up and whenever a session
// opens, and one person — a judge of an exam, or an administrator by name — holds at most
// `per_person` live sessions; one more sign-in is refused until one ends (sign-out, expiry, or the
// chief expert revoking the judge's code), so that repeated sign-ins cannot grow the server's
// memory (docs/web.md, "Sessions").
class SessionTable {
 public:
  static constexpr std::size_t kPerPerson = 8;

  // `clock` (for tests) stands for the system clock when empty.
  explicit SessionTable(std::chrono::seconds lifetime, std::size_t per_person = kPerPerson,
                        std::function<Clock::time_point()> clock = {})
      : lifetime_(lifetime), per_person_(per_person), clock_(std::move(clock)) {}

  // A new session (token, csrf and times filled in) for what `session` says; nullopt when its
  // person already holds `per_person` live sessions.
  std::optional<Session> Open(Session session);
  // The live session of a cookie value, its last_seen brought up to now; nullopt when unknown or
  // expired (an expired one is forgotten).
  std::optional<Session> Find(std::string_view token);
  void Close(std::string_view token);
  // The live sessions of one exam, by sign-in time.
  std::vector<Session> OfExam(std::string_view exam);
  // Sessions held in memory, live or not yet forgotten.
  std::size_t Held();
  std::size_t per_person() const { return per_person_; }

 private:
  Clock::time_point Now() const { return clock_ ? clock_() : Clock::now(); }

  std::chrono::seconds lifetime_;
  std::size_t per_person_;
  std::function<Clock::time_point()> clock_;
  std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

// Whether two secrets are equal, in time that does not depend on where they differ.
bool SameSecret(std::string_view a, std::string_view b);

// A random token: 32 bytes as 64 hex digits.
std::string RandomToken();

// Sign-in attempts per key (a judge of an exam, an administrator's name, a remote address) in a
// sliding window: more than `attempts` failures within `window` refuse further attempts until the
// oldest leaves the window. A success does not reset the count of an address (a guesser who knows
// one code must not win more attempts at the others), but it does reset a judge's.
class SignInLimiter {
 public:
  SignInLimiter(std::size_t attempts, std::chrono::seconds window)
      : attempts_(attempts), window_(window) {}

  // Whether any of the keys has used up its attempts.
  bool Refused(const std::vector<std::string>& keys);
  void Failed(const std::vector<std::string>& keys);
  void Succeeded(const std::string& key);

 private:
  std::size_t attempts_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::vector<Clock::time_point>> failures_;
  void Forget(std::vector<Clock::time_point>& times, Clock::time_point now) const;
  // Drops the keys whose failures have all left the window, once there are many: names tried
  // once must not pile up for the server's life.
  void ForgetQuietKeys(Clock::time_point now);
};

}  // namespace skillscore::web
