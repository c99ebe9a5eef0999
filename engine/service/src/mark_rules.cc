// The rules for one mark (exam_service.h, MarkRules): on top of CheckMark's checks of the value,
// the registration and the conflict of interest, who may enter a judgement score and how many
// judges a panel takes, and who may sit on it (marking groups).
#include <algorithm>

#include "service_internal.h"
#include "skillscore/exam_service.h"
#include "skillscore/i18n.h"
#include "skillscore/marking_groups.h"

namespace skillscore {

bool IsChiefExpert(const ExamData& roster, std::string_view judge) {
  if (judge.empty()) return false;
  if (roster.exam.chief == judge) return true;
  return std::any_of(roster.judges.begin(), roster.judges.end(), [&](const Judge& registered) {
    return registered.id == judge && registered.role == JudgeRole::kChief;
  });
}

MarkRules::MarkRules(const ExamData& data, Actor acting)
    : data_(data),
      acting_(std::move(acting)),
      acting_is_chief_(IsChiefExpert(data, acting_.id)),
      context_{.rubric = &data.rubric,
               .candidates = &data.candidates,
               .judges = &data.judges,
               .exam = data.exam.id} {
  for (std::size_t i = 0; i < data.candidates.size(); ++i) {
    candidate_index_.emplace(data.candidates[i].id, static_cast<std::uint32_t>(i));
  }
  for (std::size_t i = 0; i < data.judges.size() && i < kEmptySeat; ++i) {
    judge_index_.emplace(data.judges[i].id, static_cast<std::uint16_t>(i));
  }
  // A panel entered before this rule may hold more judges than the policy asks for: every judge
  // on it keeps a seat.
  seats_per_panel_ = static_cast<std::size_t>(std::max(data.rubric.policy.judges, 1));
  for (const CandidateSheet& sheet : data.sheets) {
    for (const AspectRecord& record : sheet.aspects) {
      seats_per_panel_ = std::max(seats_per_panel_, record.panel.size());
    }
  }
  seats_.assign(data.candidates.size() * data.rubric.AspectCount() * seats_per_panel_, kEmptySeat);
  group_seats_.resize(data.rubric.AspectCount());
  for (std::size_t ordinal = 0; ordinal < data.rubric.AspectCount(); ++ordinal) {
    const std::string& subcriterion = SubcriterionOf(data.rubric, ordinal).id;
    std::vector<std::string> group = MarkingGroup(data.judges, subcriterion);
    if (group.empty()) continue;
    group_seats_[ordinal].assign(data.judges.size(), false);
    for (std::size_t i = 0; i < data.judges.size(); ++i) {
      group_seats_[ordinal][i] =
          std::find(group.begin(), group.end(), data.judges[i].id) != group.end();
    }
  }
  // The panels as they stand, each judge in the order of their first score.
  for (const CandidateSheet& sheet : data.sheets) {
    for (std::size_t ordinal = 0; ordinal < sheet.aspects.size(); ++ordinal) {
      std::uint16_t* seats = Seats(sheet.candidate.id, ordinal);
      if (seats == nullptr) continue;
      std::size_t taken = 0;
      for (const PanelScore& score : sheet.aspects[ordinal].panel) {
        if (auto judge = JudgeIndex(score.judge)) seats[taken++] = *judge;
      }
    }
  }
}

std::uint16_t* MarkRules::Seats(std::string_view candidate, std::size_t aspect) {
  auto found = candidate_index_.find(candidate);
  if (found == candidate_index_.end() || aspect >= data_.rubric.AspectCount()) return nullptr;
  return &seats_[(found->second * data_.rubric.AspectCount() + aspect) * seats_per_panel_];
}

std::optional<std::uint16_t> MarkRules::JudgeIndex(std::string_view judge) const {
  auto found = judge_index_.find(judge);
  if (found == judge_index_.end()) return std::nullopt;
  return found->second;
}

tl::expected<MarkEntry, std::string> MarkRules::Check(std::string_view candidate,
                                                      std::string_view aspect,
                                                      std::string_view judge,
                                                      std::string_view value) {
  auto entry = CheckMark(context_, std::string(candidate), std::string(aspect), std::string(judge),
                         std::string(value));
  if (!entry) return entry;
  if (auto refusal = Admit(*entry)) return tl::make_unexpected(*refusal);
  return entry;
}

std::optional<std::string> MarkRules::Admit(const MarkEntry& entry) {
  const Aspect& aspect = data_.rubric.AspectAt(entry.aspect);
  if (aspect.type != AspectType::kJudgement) return std::nullopt;
  // A judgement score is the judge's own; only a chief expert transcribes a signed marking form.
  if (acting_.id != entry.judge && !acting_is_chief_) {
    return Tr(
        "{0} is a judgement aspect: judge {1} enters their own score; {2} may not enter it "
        "for them (only a chief expert may transcribe a marking form)",
        aspect.id, entry.judge, acting_.id);
  }
  std::uint16_t* seats = Seats(entry.candidate, entry.aspect);
  std::optional<std::uint16_t> judge = JudgeIndex(entry.judge);
  if (seats == nullptr || !judge) return std::nullopt;  // unregistered: CheckMark's to refuse
  if (auto refusal = GroupRefusal(entry, *judge)) return refusal;
  std::size_t taken = 0;
  while (taken < seats_per_panel_ && seats[taken] != kEmptySeat) {
    if (seats[taken] == *judge) return std::nullopt;  // on the panel: a re-score
    ++taken;
  }
  const int size = data_.rubric.policy.judges;
  if (static_cast<int>(taken) >= size) {
    std::string judges;
    for (std::size_t i = 0; i < taken; ++i) {
      judges += (judges.empty() ? "" : ", ") + data_.judges[seats[i]].id;
    }
    return Tr(
        "the panel of {0} for candidate {1} is full: {2} judges score it ({3}); judge {4} is not "
        "on it",
        aspect.id, entry.candidate, size, judges, entry.judge);
  }
  seats[taken] = *judge;
  return std::nullopt;
}

// A score from a judge outside the marking group of the aspect's sub-criterion, even one already
// on the panel (the group may have changed since): the group is who marks it.
std::optional<std::string> MarkRules::GroupRefusal(const MarkEntry& entry,
                                                   std::uint16_t judge) const {
  const std::vector<bool>& group = group_seats_[entry.aspect];
  if (group.empty() || group[judge]) return std::nullopt;
  const std::string& subcriterion = SubcriterionOf(data_.rubric, entry.aspect).id;
  return Tr(
      "judge {0} is not in the marking group of sub-criterion {1} ({2}): only its members score "
      "{3}",
      entry.judge, subcriterion, service::CommaList(MarkingGroup(data_.judges, subcriterion)),
      data_.rubric.AspectAt(entry.aspect).id);
}

}  // namespace skillscore
