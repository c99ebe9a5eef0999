// The rules for one mark (exam_service.h, MarkRules): on top of CheckMark's checks of the value,
// the registration and the conflict of interest, who may enter a judgement score and how many
// judges a panel takes.
#include <algorithm>

#include "skillscore/exam_service.h"
#include "skillscore/i18n.h"

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
  // The panels as they stand, each judge in the order of their first score.
  for (const CandidateSheet& sheet : data.sheets) {
    for (std::size_t ordinal = 0; ordinal < sheet.aspects.size(); ++ordinal) {
      const std::vector<PanelScore>& panel = sheet.aspects[ordinal].panel;
      if (panel.empty()) continue;
      std::vector<std::string>& judges = panels_[{sheet.candidate.id, ordinal}];
      for (const PanelScore& score : panel) judges.push_back(score.judge);
    }
  }
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
  std::vector<std::string>& panel = panels_[{entry.candidate, entry.aspect}];
  if (std::find(panel.begin(), panel.end(), entry.judge) != panel.end()) return std::nullopt;
  const int size = data_.rubric.policy.judges;
  if (static_cast<int>(panel.size()) >= size) {
    std::string judges;
    for (const std::string& member : panel) judges += (judges.empty() ? "" : ", ") + member;
    return Tr(
        "the panel of {0} for candidate {1} is full: {2} judges score it ({3}); judge {4} is not "
        "on it",
        aspect.id, entry.candidate, size, judges, entry.judge);
  }
  panel.push_back(entry.judge);
  return std::nullopt;
}

}  // namespace skillscore
