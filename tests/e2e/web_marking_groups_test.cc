// The web's judge page enters marks through the same service call as the command line, so a
// judge outside a sub-criterion's marking group (docs/panels.md) is refused there too, with the
// JSON error code of a refused mark and the service's words, and nothing is written; the chief's
// board names only the group's members as owing a score.

#include "web_support.h"

namespace skillscore::testing {
namespace {

class WebMarkingGroupsTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    // A1: E2, E3, E5; B1: E2, E3, E4.
    Ok({"judges", "import", kExam, SourcePath("tests/data/marking-groups/t-judges.csv")});
    ASSERT_NO_FATAL_FAILURE(IssueSignInCodes(db_, codes_));
  }

  ApiClient Judge(int port, const std::string& judge) {
    ApiClient client(port);
    auto result =
        client.SignIn("/api/signin", R"({"exam": ")" + std::string(kExam) + R"(", "judge": ")" +
                                         judge + R"(", "code": ")" + codes_.at(judge) + "\"}");
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
    return client;
  }

  static std::string Mark(const std::string& client_id, const std::string& aspect,
                          const std::string& value) {
    return R"({"client_id": ")" + client_id + R"(", "candidate": "C2", "aspect": ")" + aspect +
           R"(", "value": ")" + value + "\"}";
  }

  std::map<std::string, std::string> codes_;
};

TEST_F(WebMarkingGroupsTest, AJudgeOutsideTheGroupIsRefused) {
  ServerProcess server(db_, dir_.File("serve.log"));
  ApiClient e4 = Judge(server.port(), "E4");
  const std::string marks = std::string("/api/exams/") + kExam + "/marks";
  auto refused = e4.Send("PUT", marks, Mark("g-1", "A1.3", "2"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(Member(refused->body, "code"), "invalid_input");
  EXPECT_EQ(Member(refused->body, "message"),
            "mark refused: judge E4 is not in the marking group of sub-criterion A1 (E2, E3, E5): "
            "only its members score A1.3");
  EXPECT_TRUE(Entries().empty());
  // B1 is E4's: accepted.
  auto accepted = e4.Send("PUT", marks, Mark("g-2", "B1.2", "1"));
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(Entries(), (std::vector<std::string>{"C2 B1.2 E4 1"}));
  // The chief's board: C2's B1.2 is owed by B1's group less E4 (scored) and E2 (C2's college).
  std::string status =
      Judge(server.port(), "E1").Get(std::string("/api/exams/") + kExam + "/status")->body;
  EXPECT_NE(status.find(R"({ "candidate": "C2", "aspect": "B1.2", "kind": "missing", )"
                        R"("scores": [ { "judge": "E4", "score": 1 } ], "scores_needed": 3, )"
                        R"("owed_by": [ "E3" ] })"),
            std::string::npos)
      << status;
}

}  // namespace
}  // namespace skillscore::testing
