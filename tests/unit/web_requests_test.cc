// The web API's request parsers (web/requests.h), its sign-in limiter and session table
// (web/sessions.h) and the asset paths it serves (web/assets.h).
#include <gtest/gtest.h>

#include <thread>

#include "assets.h"
#include "requests.h"
#include "sessions.h"

namespace skillscore::web {
namespace {

TEST(WebRequests, JudgeSignInTakesExamJudgeCodeAndLanguage) {
  auto request =
      ParseJudgeSignIn(R"({"exam": "T-1", "judge": "E2", "code": "7KQ4-M2XP", "lang": "ru"})");
  ASSERT_TRUE(request) << request.error();
  EXPECT_EQ(request->exam, "T-1");
  EXPECT_EQ(request->judge, "E2");
  EXPECT_EQ(request->code, "7KQ4-M2XP");
  EXPECT_EQ(request->language, Language::kRussian);
}

TEST(WebRequests, RefusesWhatIsNotTheRequestedShape) {
  EXPECT_EQ(ParseJudgeSignIn(R"({"exam": "T-1", "judge": "E2"})").error(),
            "request body: member \"code\" is missing");
  EXPECT_EQ(ParseJudgeSignIn(R"({"exam": "T-1", "judge": 2, "code": "x"})").error(),
            "request body: member \"judge\" must be a string");
  EXPECT_EQ(
      ParseJudgeSignIn(R"({"exam": "T-1", "judge": "E2", "code": "x", "role": "chief"})").error(),
      "request body: unknown member \"role\"");
  EXPECT_EQ(
      ParseJudgeSignIn(R"({"exam": "T-1", "judge": "E2", "code": "x", "lang": "de"})").error(),
      "request body: \"lang\" must be \"en\" or \"ru\", not \"de\"");
  EXPECT_EQ(ParseJudgeSignIn("[1]").error(), "request body: expected a JSON object");
  EXPECT_EQ(ParseAdminSignIn(R"({"name": "root"})").error(),
            "request body: member \"secret\" is missing");
}

TEST(WebRequests, MalformedJsonSaysWhere) {
  auto request = ParseMarkWrite("{\"client_id\": \"a\",\n \"value\": }");
  ASSERT_FALSE(request);
  EXPECT_TRUE(request.error().starts_with("request body:2:")) << request.error();
}

TEST(WebRequests, MarkWriteNeedsAClientIdOfSafeCharacters) {
  auto request = ParseMarkWrite(
      R"({"client_id": "q-17_x", "candidate": "C1", "aspect": "A1.3", "value": "2,5", "judge": "E3", "reason": "card"})");
  ASSERT_TRUE(request) << request.error();
  EXPECT_EQ(request->client_id, "q-17_x");
  EXPECT_EQ(request->candidate, "C1");
  EXPECT_EQ(request->aspect, "A1.3");
  EXPECT_EQ(request->value, "2,5");
  EXPECT_EQ(request->judge, "E3");
  EXPECT_EQ(request->reason, "card");
  for (const char* id : {"", "a b", "x/y", "ü"}) {
    auto bad = ParseMarkWrite(std::string(R"({"client_id": ")") + id +
                              R"(", "candidate": "C1", "aspect": "A1.3", "value": "2"})");
    ASSERT_FALSE(bad) << id;
    EXPECT_EQ(bad.error(),
              "request body: \"client_id\" must be 1 to 64 letters, digits, '-' or '_'");
  }
  EXPECT_FALSE(ParseMarkWrite(R"({"client_id": ")" + std::string(65, 'a') +
                              R"(", "candidate": "C1", "aspect": "A1.3", "value": "2"})"));
  auto no_judge = ParseMarkWrite(
      R"({"client_id": "1", "candidate": "C1", "aspect": "A1.1", "value": "yes", "judge": null})");
  ASSERT_TRUE(no_judge);
  EXPECT_EQ(no_judge->judge, std::nullopt);
}

TEST(WebRequests, LockNamesSubcriteriaOrAllComplete) {
  auto named = ParseLockWrite(R"({"subcriteria": ["A1", "B1"]})");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->subcriteria, (std::vector<std::string>{"A1", "B1"}));
  EXPECT_FALSE(named->all_complete);
  auto all = ParseLockWrite(R"({"all_complete": true})");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->all_complete);
  for (const char* body :
       {"{}", R"({"subcriteria": ["A1"], "all_complete": true})", R"({"all_complete": false})"}) {
    EXPECT_EQ(ParseLockWrite(body).error(),
              "request body: give either \"subcriteria\" or \"all_complete\": true")
        << body;
  }
  EXPECT_EQ(ParseLockWrite(R"({"subcriteria": [1]})").error(),
            "request body: \"subcriteria\" must be a list of ids");
}

TEST(WebRequests, CandidateStatusIsOneOfTheFour) {
  auto status = ParseCandidateStatus(R"({"status": "absent", "reason": "ill"})");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, CandidateStatus::kAbsent);
  EXPECT_EQ(status->reason, "ill");
  EXPECT_EQ(ParseCandidateStatus(R"({"status": "gone", "reason": "x"})").error(),
            "invalid status 'gone': expected present, absent, withdrawn or disqualified");
  EXPECT_EQ(ParseReason(R"({"reason": "recount"})")->reason, "recount");
}

TEST(WebAssets, PagesAndAssetsButNothingOutsideThem) {
  ASSERT_NE(AssetAt("/"), nullptr);
  EXPECT_EQ(AssetAt("/")->path, "index.html");
  EXPECT_EQ(AssetAt("/")->content_type, "text/html; charset=utf-8");
  for (const char* path : {"/assets/../index.html", "/assets/./index.html", "/assets//index.html",
                           "/assets/..", "/assets/", "/index.html", "/assets/index.html/..",
                           "/assets/a\\..\\index.html", "/../assets/index.html"}) {
    EXPECT_EQ(AssetAt(path), nullptr) << path;
  }
  ASSERT_NE(AssetAt("/assets/index.html"), nullptr);
  EXPECT_EQ(AssetAt("/assets/index.html")->bytes, AssetAt("/")->bytes);
}

TEST(WebSessions, TokensAreRandomAndExpire) {
  SessionTable table(std::chrono::seconds(1));
  Session judge;
  judge.exam = "T";
  judge.judge = "E2";
  Session chief = judge;
  chief.role = Role::kChief;
  chief.judge = "E1";
  Session one = *table.Open(judge);
  Session two = *table.Open(chief);
  EXPECT_EQ(one.token.size(), 64u);
  EXPECT_NE(one.token, two.token);
  EXPECT_NE(one.token, one.csrf);
  ASSERT_TRUE(table.Find(one.token));
  EXPECT_EQ(table.Find(one.token)->judge, "E2");
  EXPECT_FALSE(table.Find(one.token.substr(1)));
  EXPECT_EQ(table.OfExam("T").size(), 2u);
  EXPECT_EQ(table.OfExam("U").size(), 0u);
  table.Close(two.token);
  EXPECT_FALSE(table.Find(two.token));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_FALSE(table.Find(one.token));
}

TEST(WebSessions, SignInLimiterCountsFailuresPerKey) {
  SignInLimiter limiter(3, std::chrono::seconds(60));
  std::vector<std::string> keys = {"judge T/E2", "address 10.0.0.1"};
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_FALSE(limiter.Refused(keys));
    limiter.Failed(keys);
  }
  EXPECT_TRUE(limiter.Refused(keys));
  EXPECT_TRUE(limiter.Refused({"address 10.0.0.1"}));
  EXPECT_FALSE(limiter.Refused({"judge T/E3"}));
  limiter.Succeeded("judge T/E2");
  EXPECT_FALSE(limiter.Refused({"judge T/E2"}));
  EXPECT_TRUE(limiter.Refused({"address 10.0.0.1"}));
}

TEST(WebSessions, SameSecretComparesWholeStrings) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "ab"));
  EXPECT_FALSE(SameSecret("", "a"));
}

}  // namespace
}  // namespace skillscore::web
