#include "skillscore/time_zone.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

// The zone named `name`, or nullptr; the library throws for a name its database lacks.
const date::time_zone* FindZone(std::string_view name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

}  // namespace

bool IsTimeZone(std::string_view name) { return FindZone(name) != nullptr; }

std::string MachineTimeZone() {
  // TZ names the machine's zone for a program when it is set (POSIX), as ":Europe/Moscow" or
  // "Europe/Moscow"; the date library itself reads only /etc/localtime.
  if (const char* tz = std::getenv("TZ"); tz != nullptr) {
    std::string_view name = tz;
    if (name.starts_with(':')) name.remove_prefix(1);
    if (IsTimeZone(name)) return std::string(name);
  }
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::runtime_error&) {
    return "UTC";  // a container without /etc/localtime
  }
}

std::string PeopleTime(const std::string& utc_iso, const std::string& zone) {
  const date::time_zone* local = FindZone(zone.empty() ? "UTC" : zone);
  if (local == nullptr) return utc_iso;
  std::istringstream input(utc_iso);
  date::sys_seconds instant;
  input >> date::parse("%Y-%m-%dT%H:%M:%SZ", instant);
  if (input.fail() || input.peek() != std::char_traits<char>::eof()) return utc_iso;
  const char* format =
      CurrentLanguage() == Language::kRussian ? "%d.%m.%Y %H:%M %Z" : "%Y-%m-%d %H:%M %Z";
  return date::format(format, date::make_zoned(local, instant));
}

}  // namespace skillscore
