#include "skillscore/client_writes.h"

namespace skillscore {

const ClientWrites::Remembered* ClientWrites::Find(const std::string& key) const {
  auto found = writes_.find(key);
  return found == writes_.end() ? nullptr : &found->second;
}

void ClientWrites::Remember(std::string key, Remembered write) {
  if (capacity_ == 0) return;
  auto [place, added] = writes_.insert_or_assign(key, std::move(write));
  if (!added) return;
  order_.push_back(std::move(key));
  while (writes_.size() > capacity_) {
    writes_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace skillscore
