// The gathering of concurrent writes into batches (skillscore/group_commit.h): every write runs
// once, in a batch of at most the given size, never beside another of the same key, and the
// writes that arrive while a batch runs are gathered into the next.
#include "skillscore/group_commit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <latch>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace skillscore {
namespace {

struct Write : GroupCommit::Item {
  int number = 0;
  bool seen_done_by_run = false;
};

TEST(GroupCommitTest, WritesArriveTogetherAreRunTogetherOnceEachByKey) {
  constexpr int kThreads = 17;
  GroupCommit gather(8);
  std::mutex batches_mutex;
  std::vector<std::vector<int>> batches;
  std::vector<std::vector<std::string>> batch_keys;
  std::latch all_queued_soon(kThreads);
  auto run = [&](const std::vector<GroupCommit::Item*>& batch) {
    std::vector<int> numbers;
    std::vector<std::string> keys;
    for (GroupCommit::Item* item : batch) {
      auto& write = static_cast<Write&>(*item);
      write.seen_done_by_run = write.done;
      numbers.push_back(write.number);
      keys.push_back(write.key);
    }
    {
      std::lock_guard lock(batches_mutex);
      batches.push_back(numbers);
      batch_keys.push_back(keys);
    }
    // The first batch lasts until every thread has started, so the others queue behind it.
    if (batches.size() == 1) all_queued_soon.wait();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  };
  std::vector<Write> writes(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    writes[i].number = i;
    writes[i].key = i % 4 == 0 ? "same" : "key " + std::to_string(i);
    threads.emplace_back([&, i] {
      all_queued_soon.count_down();
      gather.Submit(writes[i], run);
      EXPECT_TRUE(writes[i].done);
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::multiset<int> ran;
  std::size_t largest = 0;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    ran.insert(batches[b].begin(), batches[b].end());
    largest = std::max(largest, batches[b].size());
    std::set<std::string> keys(batch_keys[b].begin(), batch_keys[b].end());
    EXPECT_EQ(keys.size(), batch_keys[b].size()) << "a key twice in batch " << b;
  }
  EXPECT_EQ(ran.size(), static_cast<std::size_t>(kThreads));
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ran.count(i), 1u) << i;
  EXPECT_EQ(largest, 8u);
  // Five writes share the key "same": at least five batches.
  EXPECT_GE(batches.size(), 5u);
  for (const Write& write : writes) EXPECT_FALSE(write.seen_done_by_run);
}

TEST(GroupCommitTest, AWriteAloneRunsAtOnceInABatchOfItsOwn) {
  GroupCommit gather(8);
  Write write;
  write.key = "k";
  std::size_t batch_size = 0;
  gather.Submit(write,
                [&](const std::vector<GroupCommit::Item*>& batch) { batch_size = batch.size(); });
  EXPECT_TRUE(write.done);
  EXPECT_EQ(batch_size, 1u);
}

}  // namespace
}  // namespace skillscore
