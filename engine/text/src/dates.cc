#include "skillscore/dates.h"

#include <fmt/format.h>

#include <chrono>
#include <regex>

#include "skillscore/i18n.h"

namespace skillscore {

std::optional<std::string> ParseDate(std::string_view text) {
  static const std::regex kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  static const std::regex kRussian(R"((\d{2})\.(\d{2})\.(\d{4}))");
  std::string input(text);
  std::smatch parts;
  int year = 0;
  unsigned month = 0, day = 0;
  if (std::regex_match(input, parts, kIso)) {
    year = std::stoi(parts[1]);
    month = static_cast<unsigned>(std::stoul(parts[2]));
    day = static_cast<unsigned>(std::stoul(parts[3]));
  } else if (std::regex_match(input, parts, kRussian)) {
    day = static_cast<unsigned>(std::stoul(parts[1]));
    month = static_cast<unsigned>(std::stoul(parts[2]));
    year = std::stoi(parts[3]);
  } else {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                   std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string PeopleDate(const std::string& iso) {
  static const std::regex kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch parts;
  if (CurrentLanguage() != Language::kRussian || !std::regex_match(iso, parts, kIso)) return iso;
  return parts.str(3) + "." + parts.str(2) + "." + parts.str(1);
}

}  // namespace skillscore
