#include "skillscore/group_commit.h"

#include <unordered_set>

namespace skillscore {

void GroupCommit::Submit(Item& item, const Run& run) {
  std::unique_lock lock(mutex_);
  queue_.push_back(&item);
  while (!item.done) {
    if (running_) {
      finished_.wait(lock);
      continue;
    }
    running_ = true;
    std::vector<Item*> batch = TakeBatch();
    lock.unlock();
    run(batch);
    lock.lock();
    for (Item* written : batch) written->done = true;
    running_ = false;
    finished_.notify_all();
  }
}

std::vector<GroupCommit::Item*> GroupCommit::TakeBatch() {
  std::vector<Item*> batch;
  std::unordered_set<std::string> keys;
  for (auto at = queue_.begin(); at != queue_.end() && batch.size() < most_;) {
    if (keys.insert((*at)->key).second) {
      batch.push_back(*at);
      at = queue_.erase(at);
    } else {
      ++at;
    }
  }
  return batch;
}

}  // namespace skillscore
