#include "skillscore/exam.h"

#include <algorithm>
#include <unordered_map>

#include "skillscore/text.h"

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

std::optional<std::string_view> SharedOrganization(const Policy& policy,
                                                   std::string_view judge_organization,
                                                   std::string_view candidate_organization) {
  if (policy.conflict_of_interest != ConflictRule::kOrganization) return std::nullopt;
  const std::string_view organization = Trim(judge_organization, kWhitespace);
  if (organization.empty() || organization != Trim(candidate_organization, kWhitespace)) {
    return std::nullopt;
  }
  return organization;
}

std::vector<CandidateSheet> BuildSheets(const Rubric& rubric,
                                        const std::vector<Candidate>& candidates,
                                        const std::vector<MarkEntry>& entries) {
  SheetBuilder builder(rubric, candidates);
  for (const MarkEntry& entry : entries) builder.Add(entry);
  return std::move(builder).Finish();
}

SheetBuilder::SheetBuilder(const Rubric& rubric, const std::vector<Candidate>& candidates)
    : rubric_(rubric) {
  sheets_.reserve(candidates.size());
  sheet_by_candidate_.reserve(candidates.size());
  for (const Candidate& candidate : candidates) AddSheet(candidate);
}

SheetBuilder::SheetBuilder(const Rubric& rubric) : rubric_(rubric), open_list_(true) {}

void SheetBuilder::AddSheet(const Candidate& candidate) {
  sheet_by_candidate_.emplace(candidate.id, sheets_.size());  // a repeated id keeps its first
  sheets_.push_back({candidate, std::vector<AspectRecord>(rubric_.AspectCount())});
}

CandidateSheet* SheetBuilder::SheetOf(const std::string& candidate) {
  if (last_ < sheets_.size() && sheets_[last_].candidate.id == candidate) return &sheets_[last_];
  auto found = sheet_by_candidate_.find(candidate);
  if (found == sheet_by_candidate_.end()) {
    if (!open_list_) return nullptr;
    AddSheet({candidate, candidate, "", CandidateStatus::kPresent});
    found = sheet_by_candidate_.find(candidate);
  }
  last_ = found->second;
  return &sheets_[last_];
}

void SheetBuilder::Add(const MarkEntry& entry) {
  if (entry.aspect >= rubric_.AspectCount()) return;
  CandidateSheet* sheet = SheetOf(entry.candidate);
  if (sheet == nullptr) return;
  const Aspect& aspect = rubric_.AspectAt(entry.aspect);
  AspectRecord& record = sheet->aspects[entry.aspect];
  if (record.panel.empty() && aspect.type == AspectType::kJudgement) {
    record.panel.reserve(static_cast<std::size_t>(std::max(rubric_.policy.judges, 1)));
  }
  Record(aspect, entry, record);
}

SheetStream::SheetStream(const Rubric& rubric, const std::vector<Candidate>* candidates, Sink take)
    : rubric_(rubric), candidates_(candidates), take_(std::move(take)) {
  if (candidates_ == nullptr) return;
  progress_.reserve(candidates_->size());
  for (std::size_t i = 0; i < candidates_->size(); ++i) {
    if (!progress_.try_emplace((*candidates_)[i].id, i, Progress::kWaiting).second) {
      broken_ = true;  // SheetBuilder gives each its own sheet, ScoreExam orders them by list
    }
  }
}

bool SheetStream::Add(const MarkEntry& entry) {
  if (broken_) return false;
  if (entry.aspect >= rubric_.AspectCount()) return true;
  if (!building_ || building_->candidate.id != entry.candidate) {
    auto found = progress_.find(entry.candidate);
    if (found == progress_.end()) {
      if (candidates_ != nullptr) return true;  // not listed: ignored, as SheetBuilder does
      found = progress_.try_emplace(entry.candidate, 0, Progress::kWaiting).first;
    }
    if (found->second.second == Progress::kHandedOver) {
      broken_ = true;
      return false;
    }
    HandOver();
    Candidate candidate = candidates_ != nullptr ? (*candidates_)[found->second.first]
                                                 : Candidate{entry.candidate, entry.candidate, "",
                                                             CandidateStatus::kPresent};
    building_.emplace(
        CandidateSheet{std::move(candidate), std::vector<AspectRecord>(rubric_.AspectCount())});
    found->second.second = Progress::kBuilding;
    building_progress_ = &found->second;
  }
  const Aspect& aspect = rubric_.AspectAt(entry.aspect);
  AspectRecord& record = building_->aspects[entry.aspect];
  if (record.panel.empty() && aspect.type == AspectType::kJudgement) {
    record.panel.reserve(static_cast<std::size_t>(std::max(rubric_.policy.judges, 1)));
  }
  Record(aspect, entry, record);
  return true;
}

void SheetStream::HandOver() {
  if (!building_) return;
  take_(*building_);
  building_progress_->second = Progress::kHandedOver;
  building_.reset();
}

void SheetStream::Finish() && {
  if (broken_) return;
  HandOver();
  if (candidates_ == nullptr) return;
  for (const Candidate& candidate : *candidates_) {
    if (progress_.at(candidate.id).second != Progress::kWaiting) continue;
    take_({candidate, std::vector<AspectRecord>(rubric_.AspectCount())});
  }
}

}  // namespace skillscore
