// `skillscore serve` stopped by SIGTERM while judges are entering marks flat out (group commit,
// skillscore/mark_committer.h): the marks queued for the next commit are written and answered
// before the server exits 0, and a mark the server did not answer is not stored: each judge's
// mark has in its history exactly the values answered 200, in the order sent.

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "web_support.h"

namespace skillscore::testing {
namespace {

class WebMarksOnStopTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    ASSERT_NO_FATAL_FAILURE(IssueSignInCodes(db_, codes_));
  }

  std::map<std::string, std::string> codes_;
};

TEST_F(WebMarksOnStopTest, MarksInFlightAreWrittenAndAnsweredBeforeTheServerExits) {
  ServerProcess server(db_, dir_.File("serve.log"));
  // One mark per connection: judge, candidate, aspect (judges score other organisations only).
  const std::vector<std::array<std::string, 3>> senders = {
      {"E1", "C1", "A1.3"}, {"E1", "C2", "B1.2"}, {"E4", "C1", "A1.3"}, {"E4", "C3", "B1.2"},
      {"E2", "C1", "B1.2"}, {"E2", "C3", "A1.3"}, {"E3", "C2", "A1.3"}, {"E3", "C2", "B1.2"}};
  constexpr int kMostPerSender = 400;
  std::atomic<int> answered{0};
  std::mutex last_mutex;
  std::map<std::string, std::vector<std::string>> answered_values;  // "C A J" → values answered 200
  std::vector<std::string> problems;
  std::vector<std::thread> threads;
  for (std::size_t s = 0; s < senders.size(); ++s) {
    threads.emplace_back([&, s] {
      const auto& [judge, candidate, aspect] = senders[s];
      ApiClient client(server.port());
      auto signed_in =
          client.SignIn("/api/signin", R"({"exam": ")" + std::string(kExam) + R"(", "judge": ")" +
                                           judge + R"(", "code": ")" + codes_.at(judge) + "\"}");
      ASSERT_TRUE(signed_in && signed_in->status == 200);
      for (int n = 0; n < kMostPerSender; ++n) {
        const std::string value = n % 2 == 0 ? "1" : "2";
        auto answer =
            client.Send("PUT", std::string("/api/exams/") + kExam + "/marks",
                        R"({"client_id": "s)" + std::to_string(s) + "-" + std::to_string(n) +
                            R"(", "candidate": ")" + candidate + R"(", "aspect": ")" + aspect +
                            R"(", "value": ")" + value + "\"}");
        if (!answer) break;  // the server has stopped
        std::lock_guard lock(last_mutex);
        if (answer->status != 200) {
          problems.push_back(judge + " " + value + ": " + std::to_string(answer->status) + " " +
                             answer->body);
          break;
        }
        answered_values[candidate + " " + aspect + " " + judge].push_back(value);
        ++answered;
      }
    });
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (answered < 40 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_GE(answered, 40);
  EXPECT_EQ(server.Stop(), 0);
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(problems, std::vector<std::string>());
  EXPECT_LT(answered, static_cast<int>(senders.size()) * kMostPerSender);  // stopped midway
  std::map<std::string, std::vector<std::string>> stored;  // every write, in entry order
  for (const std::string& entry : Entries()) {
    const std::size_t value_at = entry.rfind(' ');
    stored[entry.substr(0, value_at)].push_back(entry.substr(value_at + 1));
  }
  EXPECT_EQ(stored, answered_values);  // each answered write stored once, nothing unanswered
  RunResult verify = Db({"audit", "verify", kExam});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace skillscore::testing
