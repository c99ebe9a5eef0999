#include "sessions.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace skillscore::web {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kJudge:
      return "judge";
    case Role::kChief:
      return "chief";
    case Role::kAdmin:
      return "admin";
  }
  return "judge";
}

std::string RandomToken() {
  std::array<unsigned char, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 65> hex;
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data(), 64);
}

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

bool SamePerson(const Session& a, const Session& b) {
  if (a.role == Role::kAdmin || b.role == Role::kAdmin) {
    return a.role == b.role && a.name == b.name;
  }
  return a.exam == b.exam && a.judge == b.judge;
}

// Past this many keys the limiter sweeps out the quiet ones.
constexpr std::size_t kLimiterSweepAt = 1024;

}  // namespace

std::optional<Session> SessionTable::Open(Session session) {
  std::lock_guard lock(mutex_);
  Clock::time_point now = Now();
  std::erase_if(sessions_, [&](const auto& entry) { return now >= entry.second.expires_at; });
  auto held = std::count_if(sessions_.begin(), sessions_.end(),
                            [&](const auto& entry) { return SamePerson(entry.second, session); });
  if (static_cast<std::size_t>(held) >= per_person_) return std::nullopt;
  session.token = RandomToken();
  session.csrf = RandomToken();
  session.signed_in_at = session.last_seen = now;
  session.expires_at = now + lifetime_;
  sessions_[session.token] = session;
  return session;
}

std::size_t SessionTable::Held() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

std::optional<Session> SessionTable::Find(std::string_view token) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::nullopt;
  Clock::time_point now = Now();
  if (now >= found->second.expires_at) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.last_seen = now;
  return found->second;
}

void SessionTable::Close(std::string_view token) {
  std::lock_guard lock(mutex_);
  if (auto found = sessions_.find(token); found != sessions_.end()) sessions_.erase(found);
}

std::vector<Session> SessionTable::OfExam(std::string_view exam) {
  std::lock_guard lock(mutex_);
  Clock::time_point now = Now();
  std::vector<Session> live;
  for (const auto& [token, session] : sessions_) {
    if (session.role != Role::kAdmin && session.exam == exam && now < session.expires_at) {
      live.push_back(session);
    }
  }
  std::sort(live.begin(), live.end(),
            [](const Session& a, const Session& b) { return a.signed_in_at < b.signed_in_at; });
  return live;
}

void SignInLimiter::Forget(std::vector<Clock::time_point>& times, Clock::time_point now) const {
  std::erase_if(times, [&](Clock::time_point at) { return now - at >= window_; });
}

bool SignInLimiter::Refused(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  Clock::time_point now = Clock::now();
  for (const std::string& key : keys) {
    auto found = failures_.find(key);
    if (found == failures_.end()) continue;
    Forget(found->second, now);
    if (found->second.size() >= attempts_) return true;
  }
  return false;
}

void SignInLimiter::ForgetQuietKeys(Clock::time_point now) {
  if (failures_.size() < kLimiterSweepAt) return;
  std::erase_if(failures_, [&](const auto& entry) {
    return std::all_of(entry.second.begin(), entry.second.end(),
                       [&](Clock::time_point at) { return now - at >= window_; });
  });
}

void SignInLimiter::Failed(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  Clock::time_point now = Clock::now();
  ForgetQuietKeys(now);
  for (const std::string& key : keys) {
    std::vector<Clock::time_point>& times = failures_[key];
    Forget(times, now);
    times.push_back(now);
  }
}

void SignInLimiter::Succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace skillscore::web
