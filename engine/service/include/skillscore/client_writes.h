// The marks written through the group commit, by client_id (mark_committer.h; docs/web.md,
// "Repeated writes"): a repeat of a client_id answers the first outcome and writes nothing. The
// memory is bounded: it keeps the latest `capacity` writes and forgets the oldest first. A repeat
// comes from a page's offline queue resending what it did not hear answered, minutes after the
// first send, so a forgotten id is one the page stopped resending long ago; should one still come,
// it is written again, as after a restart, and the store records an equal value as unchanged.
//
// Thread safety: none; MarkCommitter calls it from the one batch that runs at a time.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

#include "skillscore/store.h"

namespace skillscore {

class ClientWrites {
 public:
  // About 200 bytes a write: 100 000 writes (several exam days of marks) are some 20 MB.
  static constexpr std::size_t kCapacity = 100'000;

  struct Remembered {
    std::string fingerprint;  // what the write was, to refuse a reused id for another mark
    Change change;            // what the first write did
  };

  explicit ClientWrites(std::size_t capacity = kCapacity) : capacity_(capacity) {}

  const Remembered* Find(const std::string& key) const;
  // Remembers a first write of `key`, forgetting the oldest write when full.
  void Remember(std::string key, Remembered write);
  std::size_t size() const { return writes_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_map<std::string, Remembered> writes_;
  std::deque<std::string> order_;  // the keys of writes_, oldest first
};

}  // namespace skillscore
