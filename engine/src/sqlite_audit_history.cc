// An exam's audit trail for `history` (sqlite_audit.h): its events in order, each marks event
// followed by the marks it added or changed, with the value each one replaced.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "skillscore/mark_value.h"
#include "sqlite_audit.h"

namespace skillscore::audit {
namespace {

const std::string& SubcriterionOf(const Rubric& rubric, std::size_t ordinal) {
  const AspectLocation& where = rubric.aspect_order[ordinal];
  return rubric.modules[where.module].subcriteria[where.subcriterion].id;
}

// A mark's key: candidate, aspect, panel.
using MarkKey = std::tuple<std::int64_t, std::int64_t, std::int64_t>;

MarkKey KeyOf(const StoredMark& mark) { return {mark.candidate, mark.aspect, mark.panel}; }

// Turns stored marks into history lines, remembering each key's latest value for the next.
class MarkLines {
 public:
  explicit MarkLines(const HistoryScope& scope) : scope_(scope) {}

  // The line for `mark` entered by `event`; the mark then becomes its key's latest value.
  HistoryEntry Line(const Event& event, const StoredMark& mark) {
    HistoryEntry line{.event = event.id,
                      .at = event.at,
                      .actor = event.actor,
                      .action = kMark,
                      .file = event.subject,
                      .candidate = Code(scope_.candidate_codes, mark.candidate),
                      .judge = Code(scope_.judge_codes, mark.judge),
                      .new_value = ValueText(mark),
                      .reason = mark.note.empty() ? event.reason : mark.note};
    if (KnownAspect(mark)) {
      auto ordinal = static_cast<std::size_t>(mark.aspect);
      line.subcriterion = SubcriterionOf(*scope_.rubric, ordinal);
      line.aspect = scope_.rubric->AspectAt(ordinal).id;
    }
    auto [latest, first] = latest_.try_emplace(KeyOf(mark), line.new_value);
    if (!first) {
      line.old_value = latest->second;
      latest->second = line.new_value;
    }
    return line;
  }

  // A mark outside every marks event (only a direct edit makes one) still replaces what came
  // before it.
  void Remember(const StoredMark& mark) { latest_[KeyOf(mark)] = ValueText(mark); }

 private:
  static std::string Code(const std::unordered_map<std::int64_t, std::string>& codes,
                          std::int64_t id) {
    auto found = codes.find(id);
    return found != codes.end() ? found->second : fmt::format("#{}", id);
  }

  bool KnownAspect(const StoredMark& mark) const {
    return mark.aspect >= 0 && static_cast<std::size_t>(mark.aspect) < scope_.rubric->AspectCount();
  }

  // As the judge typed it; a value the rubric cannot name (only a direct edit makes one) as the
  // stored fraction.
  std::string ValueText(const StoredMark& mark) const {
    MarkValue value{!mark.value,
                    mark.value && mark.den > 0 ? Rational::Of(*mark.value, mark.den) : Rational()};
    if (!KnownAspect(mark) || mark.den <= 0) {
      return mark.value ? fmt::format("{}/{}", *mark.value, mark.den) : "na";
    }
    return MarkValueText(scope_.rubric->AspectAt(static_cast<std::size_t>(mark.aspect)), value);
  }

  const HistoryScope& scope_;
  std::map<MarkKey, std::string> latest_;
};

// Whether an event other than a marks event belongs in a filtered history: a candidate's status
// changes, and the locks of an aspect's sub-criterion.
bool Matches(const HistoryScope& scope, const Event& event) {
  if (scope.candidate && !(event.action == kStatus && event.subject == scope.candidate_code)) {
    return false;
  }
  if (scope.aspect) {
    bool lock = event.action == kLock || event.action == kUnlock;
    if (!lock || event.subject != SubcriterionOf(*scope.rubric, *scope.aspect)) return false;
  }
  return true;
}

HistoryEntry EventLine(const Event& event) {
  HistoryEntry line{.event = event.id,
                    .at = event.at,
                    .actor = event.actor,
                    .action = event.action,
                    .old_value = event.old_value,
                    .new_value = event.new_value,
                    .reason = event.reason};
  if (event.action == kMarksImport) line.file = event.subject;
  if (event.action == kStatus) line.candidate = event.subject;
  if (event.action == kLock || event.action == kUnlock) line.subcriterion = event.subject;
  return line;
}

}  // namespace

std::vector<HistoryEntry> AuditLog::History(const HistoryScope& scope) {
  std::vector<Event> events = ReadEvents(scope.exam);
  std::optional<std::int64_t> aspect;
  if (scope.aspect) aspect = static_cast<std::int64_t>(*scope.aspect);
  std::vector<StoredMark> marks = ReadMarks({scope.exam_id, scope.candidate, aspect});
  bool filtered = scope.candidate || scope.aspect;
  MarkLines mark_lines(scope);
  std::vector<HistoryEntry> history;
  std::size_t next = 0;  // marks are in entry order, and so are the events that own them
  for (const Event& event : events) {
    if (!(event.action == kMark || event.action == kMarksImport) || !event.first_entry ||
        !event.entries) {
      if (!filtered || Matches(scope, event)) history.push_back(EventLine(event));
      continue;
    }
    if (!filtered && event.action == kMarksImport) history.push_back(EventLine(event));
    for (; next < marks.size() && marks[next].entry < *event.first_entry; ++next) {
      mark_lines.Remember(marks[next]);
    }
    std::int64_t end = *event.first_entry + *event.entries;
    for (; next < marks.size() && marks[next].entry < end; ++next) {
      history.push_back(mark_lines.Line(event, marks[next]));
    }
  }
  return history;
}

}  // namespace skillscore::audit
