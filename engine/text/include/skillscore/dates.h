// Calendar dates as people write them: ISO (2026-04-13) everywhere, and the Russian form
// ДД.ММ.ГГГГ (13.04.2026) as well. Dates are kept as ISO text; the Russian form is for showing.
//
// Thread safety: pure functions (PeopleDate reads the current language).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skillscore {

// The ISO form of a real calendar date written YYYY-MM-DD or DD.MM.YYYY; nullopt otherwise
// (a malformed text, or a day that does not exist such as 30.02.2026).
std::optional<std::string> ParseDate(std::string_view text);

// An ISO date as people read it: DD.MM.YYYY in Russian, unchanged in English or when it is not
// an ISO date.
std::string PeopleDate(const std::string& iso);

}  // namespace skillscore
