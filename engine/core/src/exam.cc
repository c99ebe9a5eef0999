#include "skillscore/exam.h"

#include <algorithm>
#include <unordered_map>

namespace skillscore {
namespace {

void Record(const Aspect& aspect, const MarkEntry& entry, AspectRecord& record) {
  if (aspect.type == AspectType::kMeasurement) {
    record.measurement = entry.value;  // the latest entry counts
    return;
  }
  int score = static_cast<int>(entry.value.number.numerator());
  auto same_judge = [&](const PanelScore& s) { return s.judge == entry.judge; };
  auto existing = std::find_if(record.panel.begin(), record.panel.end(), same_judge);
  if (existing != record.panel.end()) {
    existing->score = score;  // a judge's second score replaces their first
  } else {
    record.panel.push_back({entry.judge, score});
  }
}

}  // namespace

const char* CandidateStatusName(CandidateStatus status) {
  switch (status) {
    case CandidateStatus::kPresent:
      return "present";
    case CandidateStatus::kAbsent:
      return "absent";
    case CandidateStatus::kWithdrawn:
      return "withdrawn";
    case CandidateStatus::kDisqualified:
      return "disqualified";
  }
  return "present";
}

std::vector<CandidateSheet> BuildSheets(const Rubric& rubric,
                                        const std::vector<Candidate>& candidates,
                                        const std::vector<MarkEntry>& entries) {
  std::vector<CandidateSheet> sheets;
  sheets.reserve(candidates.size());
  std::unordered_map<std::string, std::size_t> sheet_by_candidate;
  for (const Candidate& candidate : candidates) {
    sheet_by_candidate.emplace(candidate.id, sheets.size());
    sheets.push_back({candidate, std::vector<AspectRecord>(rubric.AspectCount())});
  }
  for (const MarkEntry& entry : entries) {
    auto sheet = sheet_by_candidate.find(entry.candidate);
    if (sheet == sheet_by_candidate.end() || entry.aspect >= rubric.AspectCount()) continue;
    Record(rubric.AspectAt(entry.aspect), entry, sheets[sheet->second].aspects[entry.aspect]);
  }
  return sheets;
}

}  // namespace skillscore
