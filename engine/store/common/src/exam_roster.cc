#include "skillscore/exam_roster.h"

#include <utility>

#include "skillscore/marking_groups.h"
#include "skillscore/stored_values.h"

namespace skillscore::store_common {

const char* RoleName(JudgeRole role) { return role == JudgeRole::kChief ? "chief" : "expert"; }

JudgeRole RoleFromName(std::string_view name) {
  return name == "chief" ? JudgeRole::kChief : JudgeRole::kExpert;
}

StoreResult<const KeptExam*> KeptExams::Current(RosterRows& rows, std::string_view exam,
                                                const Version& version, bool may_keep) {
  if (may_keep) {
    if (const KeptExam* kept = rosters_.Find(exam, version)) return kept;
  }
  auto exam_row = rows.FindExam(exam);
  if (!exam_row) return ExamNotFound(exam);
  auto roster = ReadRoster(rows, *exam_row);
  if (!roster) return tl::unexpected(roster.error());
  std::vector<SubcriterionLock> locks = rows.ReadLocks(*exam_row);
  exam_row->rubric_yaml.clear();
  KeptExam read{std::move(*roster), std::move(*exam_row), std::move(locks)};
  if (!may_keep) {
    unkept_ = std::move(read);
    return &*unkept_;
  }
  return &rosters_.Keep(exam, version, std::move(read));
}

StoreResult<Roster> KeptExams::ReadRoster(RosterRows& rows, const ExamRow& exam_row) {
  auto rubric = parsed_rubrics_.Get(exam_row.info.rubric, [&] {
    return rows.ParseRubric(exam_row.info.rubric, exam_row.rubric_yaml);
  });
  if (!rubric) return tl::unexpected(rubric.error());
  Roster roster{ExamData{exam_row.info, std::move(*rubric), {}, {}, {}},
                exam_row.id,
                {},
                {},
                rows.ReadAspectSlots(exam_row.rubric_id)};
  for (PersonRow& candidate : rows.ReadCandidates(exam_row.id)) {
    roster.candidate_ids.push_back(candidate.id);
    roster.data.candidates.push_back({std::move(candidate.code), std::move(candidate.name),
                                      std::move(candidate.organization),
                                      StatusFromName(candidate.attribute)});
  }
  for (PersonRow& judge : rows.ReadJudges(exam_row.id)) {
    roster.judge_codes.emplace(judge.id, judge.code);
    roster.data.judges.push_back({std::move(judge.code), std::move(judge.name),
                                  std::move(judge.organization), RoleFromName(judge.attribute),
                                  SplitSubcriteria(judge.subcriteria)});
  }
  return roster;
}

}  // namespace skillscore::store_common
