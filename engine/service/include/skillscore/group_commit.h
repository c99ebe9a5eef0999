// Concurrent writes gathered into batches (mark_committer.h; docs/architecture.md): each request
// thread hands its write over and waits; the first waiting thread that finds no batch running takes
// every write queued by then — at most one per key, so that a resent write follows the first in
// a later batch — and runs them as one batch, while the writes arriving meanwhile queue for the
// next. A batch runs once its predecessor has finished, so batches, like their writes, go in the
// order they came. The gatherer only orders and waits: what a batch does, and that it answers
// each write only after its durable commit, is the caller's `run`.
//
// Thread safety: Submit may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace skillscore {

class GroupCommit {
 public:
  // One caller's write; callers derive their own with what `run` needs.
  struct Item {
    std::string key;  // writes with the same key never share a batch
    bool done = false;
  };
  // Runs a batch, in queue order; must not throw.
  using Run = std::function<void(const std::vector<Item*>& batch)>;

  explicit GroupCommit(std::size_t most) : most_(most) {}

  // Queues `item` and returns once a batch holding it has run, on this thread or another.
  void Submit(Item& item, const Run& run);

 private:
  std::vector<Item*> TakeBatch();

  const std::size_t most_;  // writes in one batch
  std::mutex mutex_;
  std::condition_variable finished_;
  std::deque<Item*> queue_;
  bool running_ = false;
};

}  // namespace skillscore
