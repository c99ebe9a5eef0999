// The rosters a store has read, kept while they are current (docs/web.md, "The roster cache").
// Entering one mark needs the exam's roster (its rubric, candidates, judges, and the ids the marks
// refer to), which changes a few times an exam day while marks are entered by the thousand. The
// database keeps a counter per exam, its roster generation, that triggers raise in the same
// transaction as any change to the exam's row, candidates, judges or locks, by any program that
// writes the database (the schema's roster_generation). A kept roster is given back only while the
// exam's generation, read inside the caller's transaction, is the one it was read at: then no
// committed change can separate the two, and a change made by another process is seen at the next
// read, as without the cache.
//
// Thread safety: one thread at a time, like the store that owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace skillscore {

template <typename Roster>
class RosterCache {
 public:
  // At most this many exams are kept: a server marks a few exams at a time, and a full cache
  // starts afresh.
  static constexpr std::size_t kKept = 16;

  // The exam whose roster is asked for, as the database has it now.
  struct Version {
    std::int64_t exam_id = 0;  // the exam's row
    std::int64_t generation = 0;
    bool operator==(const Version&) const = default;
  };

  // The roster kept for `exam` at `version`, or nullptr when none is (never read, or changed).
  const Roster* Find(std::string_view exam, const Version& version) const {
    auto found = kept_.find(exam);
    if (found == kept_.end() || !(found->second.first == version)) return nullptr;
    return &found->second.second;
  }

  // Keeps `roster` as the exam's at `version`, in place of what was kept for it.
  const Roster& Keep(std::string_view exam, const Version& version, Roster roster) {
    if (auto found = kept_.find(exam); found != kept_.end()) {
      kept_.erase(found);
    } else if (kept_.size() >= kKept) {
      kept_.clear();
    }
    // emplace, not operator[]: a roster need not be default-constructible.
    auto [entry, added] = kept_.emplace(std::string(exam), std::pair(version, std::move(roster)));
    return entry->second.second;
  }

  std::size_t size() const { return kept_.size(); }

 private:
  std::map<std::string, std::pair<Version, Roster>, std::less<>> kept_;
};

}  // namespace skillscore
