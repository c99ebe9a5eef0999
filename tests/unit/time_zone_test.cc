// Times in an exam's time zone (skillscore/time_zone.h): the local time people read, with the
// zone named, in Russian and English; UTC for exams without a zone; names checked against the
// system's zone database.
#include "skillscore/time_zone.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

class TimeZoneTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }
};

TEST_F(TimeZoneTest, KnowsTheZonesOfTheSystemDatabase) {
  EXPECT_TRUE(IsTimeZone("Europe/Moscow"));
  EXPECT_TRUE(IsTimeZone("Asia/Yekaterinburg"));
  EXPECT_TRUE(IsTimeZone("UTC"));
  EXPECT_FALSE(IsTimeZone("Mars/Olympus"));
  EXPECT_FALSE(IsTimeZone("europe/moscow"));
  EXPECT_FALSE(IsTimeZone(""));
}

TEST_F(TimeZoneTest, ShowsTheLocalTimeWithTheZoneNamed) {
  SetLanguage(Language::kEnglish);
  EXPECT_EQ(PeopleTime("2026-04-12T09:30:59Z", "Europe/Moscow"), "2026-04-12 12:30 MSK");
  EXPECT_EQ(PeopleTime("2026-04-12T21:05:00Z", "Asia/Yekaterinburg"), "2026-04-13 02:05 +05");
  SetLanguage(Language::kRussian);
  EXPECT_EQ(PeopleTime("2026-04-12T09:30:00Z", "Europe/Moscow"), "12.04.2026 12:30 MSK");
  EXPECT_EQ(PeopleTime("2026-12-31T22:00:00Z", "Europe/Moscow"), "01.01.2027 01:00 MSK");
}

// Summer time is the zone database's, not a fixed offset.
TEST_F(TimeZoneTest, FollowsSummerTime) {
  EXPECT_EQ(PeopleTime("2026-07-01T12:00:00Z", "Europe/Berlin"), "2026-07-01 14:00 CEST");
  EXPECT_EQ(PeopleTime("2026-01-15T12:00:00Z", "Europe/Berlin"), "2026-01-15 13:00 CET");
}

TEST_F(TimeZoneTest, AnExamWithoutAZoneIsShownInUtc) {
  EXPECT_EQ(PeopleTime("2026-04-12T09:30:00Z", ""), "2026-04-12 09:30 UTC");
}

TEST_F(TimeZoneTest, WhatIsNotAUtcTimeIsLeftAsItIs) {
  EXPECT_EQ(PeopleTime("2026-04-12 09:30", "Europe/Moscow"), "2026-04-12 09:30");
  EXPECT_EQ(PeopleTime("2026-04-12T09:30:00Zjunk", "Europe/Moscow"), "2026-04-12T09:30:00Zjunk");
  EXPECT_EQ(PeopleTime("", "Europe/Moscow"), "");
  EXPECT_EQ(PeopleTime("2026-04-12T09:30:00Z", "Mars/Olympus"), "2026-04-12T09:30:00Z");
}

TEST_F(TimeZoneTest, TheMachineZoneIsTzWhenItNamesOne) {
  const char* saved = getenv("TZ");
  std::string restore = saved != nullptr ? saved : "";
  setenv("TZ", "Europe/Moscow", 1);
  EXPECT_EQ(MachineTimeZone(), "Europe/Moscow");
  setenv("TZ", ":Asia/Yekaterinburg", 1);
  EXPECT_EQ(MachineTimeZone(), "Asia/Yekaterinburg");
  setenv("TZ", "MSK-3", 1);  // a POSIX rule, not a name: the machine's file decides
  EXPECT_TRUE(IsTimeZone(MachineTimeZone())) << MachineTimeZone();
  if (saved != nullptr) {
    setenv("TZ", restore.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
}

}  // namespace
}  // namespace skillscore
