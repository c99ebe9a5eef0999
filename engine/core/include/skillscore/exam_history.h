// An exam's audit trail as people read it (`history`) and what checking the whole trail found
// (`audit verify`). Any store returns these; engine/audit makes them from the store's rows.
//
// Thread safety: plain values; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace skillscore {

// One line of an exam's audit trail. Marks are given as a judge would type them (MarkValueText);
// `old_value` is empty for a first entry. A marks import gives a line of counts (action
// "marks import", shown without a filter) followed by a line per mark it added or changed
// (action "mark").
struct HistoryEntry {
  std::int64_t event = 0;  // the audit event's number
  std::string at = {};     // UTC
  std::string actor = {};
  // exam create | candidates import | judges import | marks import | mark | lock | unlock | status
  std::string action = {};
  std::string file = {};  // the imported file, for marks
  std::string candidate = {};
  std::string subcriterion = {};
  std::string aspect = {};
  std::string judge = {};  // in whose name the mark is entered
  std::string old_value = {};
  std::string new_value = {};  // for imports: "added 3, changed 1, unchanged 0"
  std::string reason = {};     // the mark's note, else the event's reason

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

// What VerifyAudit() found.
struct AuditReport {
  std::size_t events = 0;  // events in the whole log
  std::string head;        // hash of the last event (an empty log: 64 zeros)
  // The first problem in log order, naming the broken event; nullopt when the log is intact.
  std::optional<std::string> problem;
};

}  // namespace skillscore
