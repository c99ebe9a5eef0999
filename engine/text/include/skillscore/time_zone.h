// Times as people read them: an instant the store keeps as UTC ISO text (2026-04-12T09:30:00Z)
// shown as the local time of an exam's time zone, with the zone named — "12.04.2026 12:30 MSK" in
// Russian, "2026-04-12 12:30 MSK" in English. Machines (CSV, JSON) keep the UTC text.
//
// Zones are IANA names (Europe/Moscow) resolved with Howard Hinnant's date library (libdate-tz)
// over the system's time zone database (/usr/share/zoneinfo), because g++ 12's <chrono> has no
// tzdb yet. Nothing here touches the TZ variable or localtime, so it is safe on any thread.
//
// Thread safety: pure functions (PeopleTime reads the current language).
#pragma once

#include <string>
#include <string_view>

namespace skillscore {

// True when `name` is a zone of the system's database ("Europe/Moscow", "UTC").
bool IsTimeZone(std::string_view name);

// The machine's own zone: TZ when it holds a zone name, else /etc/localtime's, else "UTC".
std::string MachineTimeZone();

// `utc_iso` (YYYY-MM-DDTHH:MM:SSZ) as the local time of `zone`, to the minute, with the zone's
// abbreviation. An empty zone (an exam created before zones were kept) shows UTC. A text that is
// not such a UTC time, or an unknown zone, is returned unchanged.
std::string PeopleTime(const std::string& utc_iso, const std::string& zone);

}  // namespace skillscore
