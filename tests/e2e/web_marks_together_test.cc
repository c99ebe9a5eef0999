// Marks sent to `skillscore serve` at the same moment by many judges (group commit, docs/web.md):
// every mark answered 200 is stored exactly once, every refused one is refused alone with the
// command line's code, and the exam's audit chain verifies.

#include <algorithm>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "web_support.h"

namespace skillscore::testing {
namespace {

class WebGroupCommitTest : public DbTest {
 protected:
  void SetUp() override {
    CreateExam();
    ASSERT_NO_FATAL_FAILURE(IssueSignInCodes(db_, codes_));
  }

  std::map<std::string, std::string> codes_;
};

// One judge's marks from one connection: "candidate aspect value" each.
struct Sender {
  std::string judge;
  std::vector<std::string> marks;
};

TEST_F(WebGroupCommitTest, MarksSentTogetherAreEachStoredOnceOrRefusedAlone) {
  ServerProcess server(db_, dir_.File("serve.log"));
  // Judges score only candidates of other organisations (E2: Колледж №2, E3: Колледж №1); the
  // value 9 is out of every judgement's range. Each judge sends from two connections at once.
  std::vector<Sender> senders = {{"E1", {"C1 A1.3 2", "C2 A1.3 1", "C3 A1.3 9"}},
                                 {"E1", {"C1 B1.2 3", "C2 B1.2 0", "C3 B1.2 2"}},
                                 {"E4", {"C1 A1.3 1", "C2 A1.3 2", "C3 A1.3 3"}},
                                 {"E4", {"C1 B1.2 0", "C2 B1.2 9", "C3 B1.2 1"}},
                                 {"E2", {"C1 A1.3 3", "C3 A1.3 0"}},
                                 {"E2", {"C1 B1.2 2", "C3 B1.2 9"}},
                                 {"E3", {"C2 A1.3 0", "C2 A1.3 9"}},
                                 {"E3", {"C2 B1.2 1"}}};
  std::mutex outcomes_mutex;
  std::vector<std::string> outcomes;
  std::vector<std::thread> threads;
  for (std::size_t s = 0; s < senders.size(); ++s) {
    threads.emplace_back([&, s] {
      const Sender& sender = senders[s];
      ApiClient client(server.port());
      auto signed_in = client.SignIn(
          "/api/signin", R"({"exam": ")" + std::string(kExam) + R"(", "judge": ")" + sender.judge +
                             R"(", "code": ")" + codes_.at(sender.judge) + "\"}");
      ASSERT_TRUE(signed_in && signed_in->status == 200);
      for (std::size_t m = 0; m < sender.marks.size(); ++m) {
        std::istringstream fields(sender.marks[m]);
        std::string candidate, aspect, value;
        fields >> candidate >> aspect >> value;
        auto answer =
            client.Send("PUT", std::string("/api/exams/") + kExam + "/marks",
                        R"({"client_id": "s)" + std::to_string(s) + "-" + std::to_string(m) +
                            R"(", "candidate": ")" + candidate + R"(", "aspect": ")" + aspect +
                            R"(", "value": ")" + value + "\"}");
        std::string outcome = !answer                 ? "no answer"
                              : answer->status == 200 ? "200"
                                                      : std::to_string(answer->status) + " " +
                                                            Member(answer->body, "code");
        std::lock_guard lock(outcomes_mutex);
        outcomes.push_back(sender.judge + " " + sender.marks[m] + ": " + outcome);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(server.Stop(), 0);

  std::vector<std::string> expected_outcomes;
  std::vector<std::string> expected_entries;
  for (const Sender& sender : senders) {
    for (const std::string& mark : sender.marks) {
      bool refused = mark.ends_with(" 9");
      expected_outcomes.push_back(sender.judge + " " + mark + ": " +
                                  (refused ? "422 invalid_input" : "200"));
      if (refused) continue;
      std::istringstream fields(mark);
      std::string candidate, aspect, value;
      fields >> candidate >> aspect >> value;
      expected_entries.push_back(candidate + " " + aspect + " " + sender.judge + " " + value);
    }
  }
  std::sort(outcomes.begin(), outcomes.end());
  std::sort(expected_outcomes.begin(), expected_outcomes.end());
  EXPECT_EQ(outcomes, expected_outcomes);
  std::vector<std::string> entries = Entries();
  std::sort(entries.begin(), entries.end());
  std::sort(expected_entries.begin(), expected_entries.end());
  EXPECT_EQ(entries, expected_entries);  // each accepted mark once, none refused, none doubled
  RunResult verify = Db({"audit", "verify", kExam});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace skillscore::testing
