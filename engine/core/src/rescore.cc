#include "skillscore/rescore.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace skillscore {
namespace {

constexpr int kHighestScore = 3;

bool IsWholeBetween(const Rational& number, std::int64_t lowest, std::int64_t highest) {
  return number.IsInteger() && number >= lowest && number <= highest;
}

// A value entered for one calculation means something else under another (a pass_fail "yes" is
// 1, which number_completed would read as one item done), so only the same kind carries over.
bool SameKind(const Aspect& a, const Aspect& b) {
  return a.type == b.type && (a.type == AspectType::kJudgement || a.calculation == b.calculation);
}

std::size_t MarkCount(const AspectRecord& record) {
  return record.measurement ? 1 : record.panel.size();
}

// Whether the new aspect accepts every value the record holds.
bool AcceptsRecord(const Aspect& aspect, const AspectRecord& record) {
  if (record.measurement) return AcceptsValue(aspect, *record.measurement);
  return std::all_of(record.panel.begin(), record.panel.end(), [](const PanelScore& score) {
    return score.score >= 0 && score.score <= kHighestScore;
  });
}

}  // namespace

AspectMap MapAspects(const Rubric& from, const Rubric& to) {
  AspectMap map;
  map.new_ordinal.resize(from.AspectCount());
  for (std::size_t ordinal = 0; ordinal < from.AspectCount(); ++ordinal) {
    const Aspect& old_aspect = from.AspectAt(ordinal);
    std::optional<std::size_t> found = to.FindAspect(old_aspect.id);
    if (!found) {
      map.removed.push_back(old_aspect.id);
    } else if (!SameKind(old_aspect, to.AspectAt(*found))) {
      map.retyped.push_back(old_aspect.id);
    } else {
      map.new_ordinal[ordinal] = found;
      if (to.AspectAt(*found).text != old_aspect.text) map.reworded.push_back(old_aspect.id);
    }
  }
  for (std::size_t ordinal = 0; ordinal < to.AspectCount(); ++ordinal) {
    const std::string& id = to.AspectAt(ordinal).id;
    if (!from.FindAspect(id)) map.added.push_back(id);
  }
  return map;
}

bool AcceptsValue(const Aspect& aspect, const MarkValue& value) {
  if (aspect.type == AspectType::kJudgement) {
    return !value.not_attempted && IsWholeBetween(value.number, 0, kHighestScore);
  }
  if (value.not_attempted) return true;
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return IsWholeBetween(value.number, 0, 1);
    case Calculation::kNumberCompleted:
      return IsWholeBetween(value.number, 0, aspect.number_completed);
    case Calculation::kChoice:
      return IsWholeBetween(value.number, 0, static_cast<std::int64_t>(aspect.options.size()) - 1);
    case Calculation::kRanged:
      return std::any_of(aspect.ranges.begin(), aspect.ranges.end(), [&](const Range& range) {
        return range.from <= value.number && value.number <= range.to;
      });
  }
  return false;
}

CandidateSheet RemapSheet(const Rubric& from, const Rubric& to, const AspectMap& map,
                          CandidateSheet sheet, std::vector<DroppedMarks>& dropped) {
  CandidateSheet remapped{std::move(sheet.candidate), std::vector<AspectRecord>(to.AspectCount())};
  for (std::size_t ordinal = 0; ordinal < sheet.aspects.size(); ++ordinal) {
    AspectRecord& record = sheet.aspects[ordinal];
    std::size_t marks = MarkCount(record);
    const std::optional<std::size_t>& target = map.new_ordinal[ordinal];
    std::optional<DropReason> reason;
    if (!target) {
      reason =
          to.FindAspect(from.AspectAt(ordinal).id) ? DropReason::kRetyped : DropReason::kRemoved;
    } else if (!AcceptsRecord(to.AspectAt(*target), record)) {
      reason = DropReason::kInvalid;
    }
    if (!reason) {
      remapped.aspects[*target] = std::move(record);
    } else if (marks > 0) {
      dropped.push_back({from.AspectAt(ordinal).id, *reason, marks});
    }
  }
  return remapped;
}

Outcome OutcomeOf(const CandidateResult& result) {
  bool provisional = HasBlockingProblem(result.problems);
  return Outcome{result.total, result.percent, result.grade, result.rank,
                 result.scale, result.award,   provisional};
}

ExamRescore RescoreExam(const Rubric& from, const Rubric& to, const AspectMap& map,
                        std::vector<CandidateSheet> sheets) {
  ExamResult before = ScoreExam(from, sheets);
  std::vector<CandidateSheet> remapped;
  remapped.reserve(sheets.size());
  std::unordered_map<std::string, std::vector<DroppedMarks>> dropped;
  for (CandidateSheet& sheet : sheets) {
    std::vector<DroppedMarks> lost;
    std::string id = sheet.candidate.id;
    remapped.push_back(RemapSheet(from, to, map, std::move(sheet), lost));
    if (!lost.empty()) dropped.emplace(std::move(id), std::move(lost));
  }
  ExamResult after = ScoreExam(to, remapped);
  std::unordered_map<std::string, const CandidateResult*> before_by_id;
  for (const CandidateResult& result : before.candidates) {
    before_by_id.emplace(result.candidate.id, &result);
  }
  ExamRescore exam;
  exam.candidates.reserve(after.candidates.size());
  for (const CandidateResult& result : after.candidates) {
    CandidateRescore candidate{
        result.candidate, OutcomeOf(*before_by_id.at(result.candidate.id)), OutcomeOf(result), {}};
    if (auto lost = dropped.find(result.candidate.id); lost != dropped.end()) {
      candidate.dropped = std::move(lost->second);
    }
    exam.candidates.push_back(std::move(candidate));
  }
  exam.sheets = std::move(remapped);
  exam.result = std::move(after);
  return exam;
}

void RescoreSummary::Add(const ExamRescore& exam) {
  ++exams;
  bool exam_changed = false;
  for (const CandidateRescore& c : exam.candidates) {
    ++candidates;
    if (!c.Changed()) continue;
    exam_changed = true;
    ++changed;
    grade_changed += c.before.grade != c.after.grade ? 1 : 0;
    rank_changed += c.before.rank != c.after.rank ? 1 : 0;
    scale_changed += c.before.scale != c.after.scale ? 1 : 0;
    award_changed += c.before.award != c.after.award ? 1 : 0;
    became_provisional += c.after.provisional && !c.before.provisional ? 1 : 0;
    for (const DroppedMarks& d : c.dropped) dropped_marks += d.marks;
  }
  exams_changed += exam_changed ? 1 : 0;
}

}  // namespace skillscore
