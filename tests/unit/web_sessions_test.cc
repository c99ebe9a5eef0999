// The web's session table stays bounded: expired sessions are forgotten when another opens, and
// one person holds at most a fixed number of live sessions (web/sessions.h).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "passports.h"
#include "sessions.h"

namespace skillscore::web {
namespace {

using std::chrono::seconds;

// A clock the test moves by hand.
struct ManualClock {
  Clock::time_point now = Clock::time_point() + std::chrono::hours(24 * 365 * 50);
  std::function<Clock::time_point()> Function() {
    return [this] { return now; };
  }
};

Session JudgeOf(std::string exam, std::string judge) {
  Session session;
  session.exam = std::move(exam);
  session.judge = std::move(judge);
  return session;
}

Session Admin(std::string name) {
  Session session;
  session.role = Role::kAdmin;
  session.name = std::move(name);
  return session;
}

TEST(WebSessionBound, OnePersonHoldsAtMostTheCap) {
  ManualClock clock;
  SessionTable table(seconds(3600), 3, clock.Function());
  std::vector<Session> opened;
  for (int i = 0; i < 3; ++i) {
    auto session = table.Open(JudgeOf("T", "E2"));
    ASSERT_TRUE(session);
    opened.push_back(*session);
  }
  EXPECT_FALSE(table.Open(JudgeOf("T", "E2")));
  // The cap is per person: another judge, the same judge id of another exam, an administrator.
  EXPECT_TRUE(table.Open(JudgeOf("T", "E3")));
  EXPECT_TRUE(table.Open(JudgeOf("U", "E2")));
  EXPECT_TRUE(table.Open(Admin("E2")));
  EXPECT_EQ(table.Held(), 6u);
  // Signing out of one makes room for one more.
  table.Close(opened.front().token);
  EXPECT_TRUE(table.Open(JudgeOf("T", "E2")));
  EXPECT_FALSE(table.Open(JudgeOf("T", "E2")));
}

TEST(WebSessionBound, AdministratorsAreCountedByName) {
  ManualClock clock;
  SessionTable table(seconds(3600), 2, clock.Function());
  EXPECT_TRUE(table.Open(Admin("ADMIN")));
  EXPECT_TRUE(table.Open(Admin("ADMIN")));
  EXPECT_FALSE(table.Open(Admin("ADMIN")));
  EXPECT_TRUE(table.Open(Admin("OTHER")));
}

TEST(WebSessionBound, ExpiredSessionsAreForgottenWhenAnotherOpens) {
  ManualClock clock;
  SessionTable table(seconds(60), 2, clock.Function());
  auto first = table.Open(JudgeOf("T", "E2"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(table.Open(JudgeOf("T", "E3")));
  clock.now += seconds(59);
  EXPECT_TRUE(table.Find(first->token));
  EXPECT_EQ(table.Held(), 2u);
  clock.now += seconds(1);
  // Expired, but nobody looked it up: still held until the next sign-in sweeps.
  EXPECT_EQ(table.Held(), 2u);
  EXPECT_EQ(table.OfExam("T").size(), 0u);
  auto fresh = table.Open(JudgeOf("T", "E4"));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(table.Held(), 1u);
  EXPECT_FALSE(table.Find(first->token));
  EXPECT_EQ(fresh->expires_at, clock.now + seconds(60));
}

TEST(WebSessionBound, ExpiredSessionsDoNotCountAgainstTheCap) {
  ManualClock clock;
  SessionTable table(seconds(60), 1, clock.Function());
  ASSERT_TRUE(table.Open(JudgeOf("T", "E2")));
  EXPECT_FALSE(table.Open(JudgeOf("T", "E2")));
  clock.now += seconds(60);
  EXPECT_TRUE(table.Open(JudgeOf("T", "E2")));
  EXPECT_EQ(table.Held(), 1u);
}

TEST(WebPassports, ZipArchiveHoldsTheFilesAsGiven) {
  auto zip = ZipArchive({{"E1-C1-1.pdf", "%PDF-1.4 x"}, {"E1-C1-1.json", "{}"}});
  ASSERT_TRUE(zip) << zip.error();
  EXPECT_EQ(zip->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(zip->find("E1-C1-1.pdf"), std::string::npos);
  EXPECT_NE(zip->find("E1-C1-1.json"), std::string::npos);
  EXPECT_EQ(zip->substr(zip->size() - 22, 4), std::string("PK\x05\x06", 4));  // the directory's end
}

}  // namespace
}  // namespace skillscore::web
