// A store's refusal on the web API (docs/openapi.yaml, "Error"): the error's `code` as before, the
// store's own refusal by name as `refusal`, and a message that names no command-line command.

#include "web_support.h"

namespace skillscore::testing {
namespace {

constexpr char kAdminSecret[] = "correct horse battery";

class WebRefusalsTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    std::map<std::string, std::string> codes;
    ASSERT_NO_FATAL_FAILURE(IssueSignInCodes(db_, codes, {"E1"}, kAdminSecret));
    chief_code_ = codes.at("E1");
  }

  std::string chief_code_;
};

TEST_F(WebRefusalsTest, AnErrorNamesTheStoresRefusalBesideItsCode) {
  ServerProcess server(db_, dir_.File("serve.log"), {});
  ApiClient chief(server.port());
  auto signed_in =
      chief.SignIn("/api/signin", std::string(R"({"exam": ")") + kExam +
                                      R"(", "judge": "E1", "code": ")" + chief_code_ + "\"}");
  ASSERT_TRUE(signed_in && signed_in->status == 200) << (signed_in ? signed_in->body : "");
  const std::string exam = std::string("/api/exams/") + kExam;

  auto unlocked = chief.Send("DELETE", exam + "/locks/A1", R"({"reason": "recount"})");
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->status, 409);
  EXPECT_EQ(Member(unlocked->body, "code"), "conflict");
  EXPECT_EQ(Member(unlocked->body, "refusal"), "not_locked");
  EXPECT_EQ(Member(unlocked->body, "message"),
            std::string("sub-criterion A1 of exam ") + kExam + " is not locked");

  auto nothing = chief.Send("POST", exam + "/marks/withdraw",
                            R"({"candidate": "C1", "aspect": "A1.1", "reason": "again"})");
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->status, 404);
  EXPECT_EQ(Member(nothing->body, "code"), "not_found");
  EXPECT_EQ(Member(nothing->body, "refusal"), "no_mark_to_withdraw");

  ApiClient admin(server.port());
  auto admin_in = admin.SignIn(
      "/api/admin/signin", std::string(R"({"name": "root", "secret": ")") + kAdminSecret + "\"}");
  ASSERT_TRUE(admin_in && admin_in->status == 200);
  auto missing = admin.Get("/api/exams/T-2099/results");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(Member(missing->body, "refusal"), "exam_not_found");
  // The command line adds "create it with `skillscore exam create`"; the web names no command.
  EXPECT_EQ(Member(missing->body, "message"), "exam T-2099 does not exist");
}

}  // namespace
}  // namespace skillscore::testing
