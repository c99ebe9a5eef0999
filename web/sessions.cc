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

Session SessionTable::Open(Session session) {
  session.token = RandomToken();
  session.csrf = RandomToken();
  session.signed_in_at = session.last_seen = Clock::now();
  session.expires_at = session.signed_in_at + lifetime_;
  std::lock_guard lock(mutex_);
  sessions_[session.token] = session;
  return session;
}

std::optional<Session> SessionTable::Find(std::string_view token) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::nullopt;
  Clock::time_point now = Clock::now();
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
  Clock::time_point now = Clock::now();
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

void SignInLimiter::Failed(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  Clock::time_point now = Clock::now();
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
