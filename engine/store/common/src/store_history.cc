// An exam's audit trail for `history` (store_history.h).
#include "skillscore/store_history.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "skillscore/mark_value.h"
#include "skillscore/report.h"

namespace skillscore::store_common {

using audit::Event;
using audit::kCandidateChange;
using audit::kCodeIssue;
using audit::kCodeRevoke;
using audit::kJudgeChange;
using audit::kLock;
using audit::kMark;
using audit::kMarksImport;
using audit::kMarkWithdraw;
using audit::kStatus;
using audit::kUnlock;
using audit::StoredMark;

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
  // `retired`: the aspects, by slot, of marks whose aspect the exam's rubric version removed.
  MarkLines(const HistoryScope& scope, std::unordered_map<std::int64_t, SlotAspect> retired)
      : scope_(scope), retired_(std::move(retired)) {}

  // The line for `mark` entered by `event`; the mark then becomes its key's latest value.
  HistoryEntry Line(const Event& event, const StoredMark& mark) {
    HistoryEntry line{.event = event.id,
                      .at = event.at,
                      .actor = event.actor,
                      .action = event.action == kMarkWithdraw ? kMarkWithdraw : kMark,
                      .file = event.action == kMarkWithdraw ? "" : event.subject,
                      .candidate = Code(scope_.candidate_codes, mark.candidate),
                      .judge = Code(scope_.judge_codes, mark.judge),
                      .new_value = ValueText(mark),
                      .reason = mark.note.empty() ? event.reason : mark.note};
    if (auto ordinal = scope_.slots->OrdinalOf(mark.aspect)) {
      line.subcriterion = SubcriterionOf(*scope_.rubric, *ordinal);
      line.aspect = scope_.rubric->AspectAt(*ordinal).id;
    } else if (auto retired = retired_.find(mark.aspect); retired != retired_.end()) {
      line.subcriterion = retired->second.subcriterion;
      line.aspect = retired->second.id;
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

  // As the judge typed it; the value of an aspect the rubric version does not have as an exact
  // decimal, or as the stored fraction when it has none (only a direct edit makes one).
  std::string ValueText(const StoredMark& mark) const {
    if (mark.withdrawn) return "withdrawn";
    if (!mark.value) return "na";
    if (mark.den <= 0) return fmt::format("{}/{}", *mark.value, mark.den);
    Rational number = Rational::Of(*mark.value, mark.den);
    if (auto ordinal = scope_.slots->OrdinalOf(mark.aspect)) {
      return MarkValueText(scope_.rubric->AspectAt(*ordinal), MarkValue{false, number});
    }
    if (number.HasAtMostDecimals(kExactDecimals)) return ReportNumber(number, kExactDecimals);
    return fmt::format("{}/{}", *mark.value, mark.den);
  }

  static constexpr int kExactDecimals = 6;

  const HistoryScope& scope_;
  std::unordered_map<std::int64_t, SlotAspect> retired_;
  std::map<MarkKey, std::string> latest_;
};

// Whether an event other than a marks event belongs in a filtered history: a candidate's status
// changes, and the locks of an aspect's sub-criterion.
bool Matches(const HistoryScope& scope, const Event& event) {
  bool about_candidate = event.action == kStatus || event.action == kCandidateChange;
  if (scope.candidate && !(about_candidate && event.subject == scope.candidate_code)) {
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
  if (event.action == kStatus || event.action == kCandidateChange) line.candidate = event.subject;
  if (event.action == kJudgeChange || event.action == kCodeIssue || event.action == kCodeRevoke) {
    line.judge = event.subject;
  }
  if (event.action == kLock || event.action == kUnlock) line.subcriterion = event.subject;
  return line;
}

// The aspects, by slot, of those `marks` whose aspect the scope's rubric version removed.
std::unordered_map<std::int64_t, SlotAspect> RetiredAspects(
    const HistoryScope& scope, const std::vector<StoredMark>& marks,
    const LatestAspectInSlot& latest_in_slot) {
  std::unordered_map<std::int64_t, SlotAspect> retired;
  for (const StoredMark& mark : marks) {
    if (scope.slots->OrdinalOf(mark.aspect) || retired.count(mark.aspect)) continue;
    if (auto aspect = latest_in_slot(mark.aspect)) retired.emplace(mark.aspect, std::move(*aspect));
  }
  return retired;
}

}  // namespace

std::optional<std::int64_t> HistoryScope::AspectSlot() const {
  if (!aspect) return std::nullopt;
  return slots->SlotOf(*aspect);
}

StoreResult<HistoryScope> ScopeHistory(std::string_view exam, const HistoryRoster& roster,
                                       const HistoryFilter& filter) {
  const ExamData& data = *roster.data;
  HistoryScope scope{.exam = data.exam.id,
                     .exam_id = roster.exam_id,
                     .rubric = &data.rubric,
                     .slots = roster.slots,
                     .judge_codes = *roster.judge_codes};
  for (std::size_t i = 0; i < data.candidates.size(); ++i) {
    scope.candidate_codes.emplace((*roster.candidate_ids)[i], data.candidates[i].id);
    if (data.candidates[i].id == filter.candidate) {
      scope.candidate = (*roster.candidate_ids)[i];
      scope.candidate_code = filter.candidate;
    }
  }
  if (!filter.candidate.empty() && !scope.candidate) {
    return tl::unexpected(StoreError::Of(StoreError::Code::kCandidateNotRegistered,
                                         {filter.candidate, std::string(exam)}));
  }
  if (!filter.aspect.empty()) {
    scope.aspect = data.rubric.FindAspect(filter.aspect);
    if (!scope.aspect) {
      return tl::unexpected(StoreError::Of(StoreError::Code::kAspectNotInRubric,
                                           {filter.aspect, data.rubric.Identity()}));
    }
  }
  return scope;
}

std::vector<HistoryEntry> HistoryLines(const HistoryScope& scope, const std::vector<Event>& events,
                                       const std::vector<StoredMark>& marks,
                                       const LatestAspectInSlot& latest_in_slot) {
  bool filtered = scope.candidate || scope.aspect;
  MarkLines mark_lines(scope, RetiredAspects(scope, marks, latest_in_slot));
  std::vector<HistoryEntry> history;
  std::size_t next = 0;  // marks are in entry order, and so are the events that own them
  for (const Event& event : events) {
    if (!(event.action == kMark || event.action == kMarksImport || event.action == kMarkWithdraw) ||
        !event.first_entry || !event.entries) {
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

}  // namespace skillscore::store_common
