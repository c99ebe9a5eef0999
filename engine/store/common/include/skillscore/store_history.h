// An exam's audit trail for `history`, whichever store keeps it: its events in order, each marks
// event followed by the marks it added or changed, with the value each one replaced. A store reads
// the exam's events and stored marks; the lines, the filters and their refusals are made here.
//
// Thread safety: pure functions over the rows they are given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skillscore/aspect_slots.h"
#include "skillscore/audit_chain.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// What `history` needs to know about the exam, resolved from the store's rows.
struct HistoryScope {
  std::string exam = {};
  std::int64_t exam_id = 0;
  const Rubric* rubric = nullptr;
  const AspectSlots* slots = nullptr;  // where the rubric's aspects keep their marks
  std::unordered_map<std::int64_t, std::string> candidate_codes = {};
  std::unordered_map<std::int64_t, std::string> judge_codes = {};
  std::optional<std::int64_t> candidate = {};  // filter: the candidate's row id
  std::string candidate_code = {};
  std::optional<std::size_t> aspect = {};  // filter: the aspect's ordinal

  // The slot whose marks the aspect filter selects.
  std::optional<std::int64_t> AspectSlot() const;
};

// The exam's people as the store keeps them: `candidate_ids` parallel to data.candidates, the
// judges' codes by row id.
struct HistoryRoster {
  std::int64_t exam_id = 0;
  const ExamData* data = nullptr;
  const std::vector<std::int64_t>* candidate_ids = nullptr;
  const std::unordered_map<std::int64_t, std::string>* judge_codes = nullptr;
  const AspectSlots* slots = nullptr;
};

// The scope of a `history` call; kInvalidInput for a candidate or aspect the exam does not have.
StoreResult<HistoryScope> ScopeHistory(std::string_view exam, const HistoryRoster& roster,
                                       const HistoryFilter& filter);

// The aspect a rubric code's latest version keeping `slot` gives it (nullopt: none).
using LatestAspectInSlot = std::function<std::optional<SlotAspect>(std::int64_t slot)>;

// The lines: `events` of the exam in order, `marks` those the scope selects (current and
// replaced) in entry order (then by content).
std::vector<HistoryEntry> HistoryLines(const HistoryScope& scope,
                                       const std::vector<audit::Event>& events,
                                       const std::vector<audit::StoredMark>& marks,
                                       const LatestAspectInSlot& latest_in_slot);

}  // namespace skillscore::store_common
