// Group commit of marks (skillscore/mark_committer.h, ExamService::EnterMarks) on every store:
// a batch in which some marks are refused — a locked sub-criterion, a person who is no judge of
// the exam, a value out of range — writes the others, each refusal with its own words; the audit
// chain of a batch is the chain of the same marks written one by one (`audit verify` gives the
// same head hash); marks sent from many threads at once through the committer are each stored
// once, repeats of a client_id are answered without a write, and the chain is again the one of
// writing them one by one in the order they were committed.
#include "skillscore/mark_committer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pg_test_server.h"
#include "skillscore/exam_service.h"
#include "skillscore/store_messages.h"
#include "sqlite_store_fixture.h"
#include "store_kinds.h"

namespace skillscore {
namespace {

// One exam more beside the worked example's E1, on the same rubric, with its sub-criterion A1
// locked: a mark for it is refused.
void SetUpLockedExam(ExamStore& store) {
  ASSERT_TRUE(
      store.CreateExam({"E2", "09.02.07-2026-PU", std::nullopt, "2026-04-13", "Room 2", "J2", ""})
          .has_value());
  std::vector<Candidate> candidates = {{"C1", "Ann", "College 1", CandidateStatus::kPresent}};
  std::vector<Judge> judges = {{"J1", "Jan", "College 3", JudgeRole::kExpert},
                               {"J2", "Jo", "College 4", JudgeRole::kChief}};
  ASSERT_EQ(store.ImportCandidates("E2", candidates), (ImportCounts{1, 0, 0}));
  ASSERT_EQ(store.ImportJudges("E2", judges), (ImportCounts{2, 0, 0}));
  ASSERT_TRUE(store
                  .LockSubcriterion("E2", "A1", {"J2", ""},
                                    [](const ExamData&, std::string_view) { return true; })
                  .has_value());
}

MarkRequest Mark(const std::string& exam, const std::string& judge, const std::string& candidate,
                 const std::string& aspect, const std::string& value) {
  return {.actor = {judge}, .exam = exam, .mark = {candidate, aspect, judge, value}};
}

// A result as text: "added", "changed", "unchanged" or the refusal's code and words.
std::string Said(const ServiceResult<Change>& result) {
  if (!result) {
    return "refused " + std::to_string(static_cast<int>(result.error().code)) + ": " +
           result.error().message;
  }
  switch (*result) {
    case Change::kAdded:
      return "added";
    case Change::kChanged:
      return "changed";
    case Change::kUnchanged:
      return "unchanged";
  }
  return "?";
}

template <typename StoreKind>
class MarkCommitterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto clock = [this] { return now_; };
    batched_ = StoreKind::Open(dir_, clock);
    alone_ = StoreKind::Open(dir_, clock);
    for (ExamStore* store : {batched_.get(), alone_.get()}) {
      SetUpWorkedExam(*store);
      SetUpLockedExam(*store);
    }
  }

  // The audit log's head hash and length, and an exam's history, which must match between the
  // two stores.
  static std::string Chain(ExamStore& store) {
    auto report = store.VerifyAudit(std::nullopt);
    EXPECT_TRUE(report.has_value()) << StoreMessage(report.error());
    if (!report) return "";
    EXPECT_EQ(report->problem, std::nullopt);
    std::string chain = std::to_string(report->events) + " events, head " + report->head;
    for (const char* exam : {"E1", "E2"}) {
      auto history = store.History(exam, {});
      EXPECT_TRUE(history.has_value());
      if (!history) continue;
      for (const HistoryEntry& entry : *history) {
        chain += "\n" + std::string(exam) + " " + entry.action + " " + entry.actor + " " +
                 entry.candidate + " " + entry.aspect + " " + entry.judge + " " + entry.new_value;
      }
    }
    return chain;
  }

  testing::TempDir dir_;
  std::chrono::system_clock::time_point now_ = FixedTime();
  std::unique_ptr<ExamStore> batched_;
  std::unique_ptr<ExamStore> alone_;
};

TYPED_TEST_SUITE(MarkCommitterTest, StoreKinds);

// One batch across two exams: the refused marks fail alone with EnterMark's own words, the others
// land, and the audit log is byte for byte that of the same marks entered one at a time.
TYPED_TEST(MarkCommitterTest, RefusedMarksFailAloneAndTheChainIsThatOfOneByOne) {
  std::vector<MarkRequest> marks = {
      Mark("E1", "J1", "C1", "A1.1", "yes"),  // added
      Mark("E2", "J1", "C1", "A1.1", "yes"),  // A1 is locked in E2
      Mark("E1", "J9", "C1", "A1.5", "2"),    // J9 is no judge of E1
      Mark("E1", "J3", "C1", "A1.5", "7"),    // out of the levels 0–3
      Mark("E1", "J3", "C1", "A1.5", "2"),    // added
      Mark("E1", "J1", "C1", "A1.4", "85"),   // added
      Mark("E1", "J1", "C1", "A1.1", "no"),   // changed, by the first mark of the batch
      Mark("E1", "J1", "C1", "A1.1", "no"),   // unchanged
  };
  std::vector<ServiceResult<Change>> batch = ExamService(*this->batched_).EnterMarks(marks);
  ExamService alone(*this->alone_);
  std::vector<std::string> said_batch;
  std::vector<std::string> said_alone;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    said_batch.push_back(Said(batch.at(i)));
    said_alone.push_back(Said(alone.EnterMark(marks[i].actor, marks[i].exam, marks[i].mark)));
  }
  EXPECT_EQ(said_batch, said_alone);
  using Code = ServiceError::Code;
  EXPECT_EQ(said_batch[0], "added");
  ASSERT_FALSE(batch[1].has_value());
  EXPECT_EQ(batch[1].error().code, Code::kInvalidInput) << batch[1].error().message;
  ASSERT_FALSE(batch[2].has_value());
  EXPECT_EQ(batch[2].error().code, Code::kForbidden) << batch[2].error().message;
  ASSERT_FALSE(batch[3].has_value());
  EXPECT_EQ(batch[3].error().code, Code::kInvalidInput) << batch[3].error().message;
  EXPECT_EQ(std::vector<std::string>(said_batch.begin() + 4, said_batch.end()),
            (std::vector<std::string>{"added", "added", "changed", "unchanged"}));
  auto data = this->batched_->LoadExamData("E1");
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ(Describe(data->sheets),
            "C1: [0.00] [] [] [85.00] [J3=2 ]\n"
            "C2: [] [] [] [] []\n");
  EXPECT_EQ(Describe(this->batched_->LoadExamData("E2")->sheets), "C1: [] [] [] [] []\n");
  const std::string chain = this->Chain(*this->batched_);
  EXPECT_EQ(chain, this->Chain(*this->alone_));
  EXPECT_NE(chain.find("\nE1 mark J1 C1 A1.1 J1 no"), std::string::npos) << chain;
}

// Eight threads send marks at once through one committer (batches of at most four): each mark
// twice under the same client_id (a page resending what it did not hear answered), its client_id
// reused for another value, then corrected under a new client_id. Every write is stored once,
// every repeat answered as a repeat without a write, every reuse refused; replaying the stored
// marks one by one in commit order gives the same audit log.
TYPED_TEST(MarkCommitterTest, ConcurrentMarksAreEachWrittenOnceAndChainedAsOneByOne) {
  ExamService service(*this->batched_);
  std::mutex store_mutex;
  int batches = 0;
  MarkCommitter committer(
      [&](const std::function<void(ExamService&)>& write) -> ServiceResult<void> {
        std::lock_guard lock(store_mutex);
        ++batches;
        write(service);
        return {};
      },
      4);
  const std::vector<std::string> aspects = {"A1.1", "A1.2", "A1.3", "A1.4", "A1.5"};
  const std::vector<std::string> values = {"yes", "3", "none", "90", "1"};
  const std::vector<std::string> corrections = {"no", "4", "1-2", "85", "2"};
  std::mutex said_mutex;
  std::map<std::string, int> said;  // what each kind of write was answered, counted
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      // J1 marks C1 and J3 marks C2, each every aspect, spread over four threads.
      const std::string judge = t % 2 == 0 ? "J1" : "J3";
      const std::string candidate = t % 2 == 0 ? "C1" : "C2";
      for (std::size_t a = t / 2; a < aspects.size(); a += 4) {
        MarkRequest mark = Mark("E1", judge, candidate, aspects[a], values[a]);
        const std::string id = candidate + "-" + aspects[a];
        auto first = committer.Enter(mark, id);
        auto repeat = committer.Enter(mark, id);
        MarkRequest corrected = Mark("E1", judge, candidate, aspects[a], corrections[a]);
        auto reuse = committer.Enter(corrected, id);
        auto second = committer.Enter(corrected, id + "-again");
        std::lock_guard lock(said_mutex);
        ++said[first && !first->repeated && first->change == Change::kAdded ? "first added"
                                                                            : "first wrong"];
        ++said[repeat && repeat->repeated && repeat->change == Change::kAdded ? "repeat as first"
                                                                              : "repeat wrong"];
        ++said[!reuse && reuse.error().message ==
                             "client_id " + id + " was already used for another mark"
                   ? "reuse refused"
                   : "reuse wrong"];
        ++said[second && !second->repeated && second->change == Change::kChanged
                   ? "correction changed"
                   : "correction wrong"];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(said, (std::map<std::string, int>{{"correction changed", 10},
                                              {"first added", 10},
                                              {"repeat as first", 10},
                                              {"reuse refused", 10}}));
  EXPECT_GT(batches, 0);
  EXPECT_LE(batches, 20);  // repeats and reuses are answered from memory

  auto history = this->batched_->History("E1", {});
  ASSERT_TRUE(history.has_value());
  ExamService alone(*this->alone_);
  int marks = 0;
  for (const HistoryEntry& entry : *history) {
    if (entry.action != "mark") continue;
    ++marks;
    auto replayed =
        alone.EnterMark({entry.actor}, "E1",
                        MarkInput{entry.candidate, entry.aspect, entry.judge, entry.new_value});
    ASSERT_TRUE(replayed.has_value()) << replayed.error().message;
  }
  EXPECT_EQ(marks, 20);
  EXPECT_EQ(this->Chain(*this->batched_), this->Chain(*this->alone_));
}

}  // namespace
}  // namespace skillscore
