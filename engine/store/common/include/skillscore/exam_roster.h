// What a mark's write reads of its exam — its row, its roster and the row ids the marks refer to,
// its locks — read the same way in every store and kept between marks while the exam's roster
// generation stays (roster_cache.h). A store reads its rows (RosterRows) and says which
// generation its transaction sees; the steps from there are here.
//
// Thread safety: one thread at a time, like the store that owns it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skillscore/aspect_slots.h"
#include "skillscore/parsed_rubrics.h"
#include "skillscore/roster_cache.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// An exam's row with its rubric's (ids are the store's row ids).
struct ExamRow {
  std::int64_t id = 0;
  std::int64_t rubric_id = 0;
  std::string rubric_yaml;
  ExamInfo info;
};

// The exam's roster and the row ids the marks refer to.
struct Roster {
  ExamData data;
  std::int64_t exam_id = 0;
  std::vector<std::int64_t> candidate_ids;  // parallel to data.candidates
  std::unordered_map<std::int64_t, std::string> judge_codes;
  AspectSlots slots;  // of the exam's rubric version
};

// What a mark's write reads of its exam. The row's rubric YAML is left out, its rubric being
// parsed in the roster.
struct KeptExam {
  Roster roster;
  ExamRow row;
  std::vector<SubcriterionLock> locks;
};

// A candidate (attribute: status) or judge (attribute: role; and marking groups) as stored.
struct PersonRow {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string organization;
  std::string attribute;
  std::string subcriteria = {};
};

// The rows a roster is read from, in the store's own tables, inside the caller's transaction.
class RosterRows {
 public:
  virtual ~RosterRows() = default;
  virtual std::optional<ExamRow> FindExam(std::string_view code) = 0;
  // The rubric's YAML parsed again (ParseStoredRubric, naming the store's database).
  virtual StoreResult<Rubric> ParseRubric(const RubricInfo& info, const std::string& yaml) = 0;
  virtual AspectSlots ReadAspectSlots(std::int64_t rubric_id) = 0;
  // The exam's candidates and judges in the order they were registered.
  virtual std::vector<PersonRow> ReadCandidates(std::int64_t exam_id) = 0;
  virtual std::vector<PersonRow> ReadJudges(std::int64_t exam_id) = 0;
  // The exam's locks, in rubric order.
  virtual std::vector<SubcriterionLock> ReadLocks(const ExamRow& exam) = 0;
};

// A judge's role as the judges table names it, and back.
const char* RoleName(JudgeRole role);
JudgeRole RoleFromName(std::string_view name);

// The exams a store connection has read, with their parsed rubrics.
class KeptExams {
 public:
  using Version = RosterCache<KeptExam>::Version;

  // The exam as it is in the caller's transaction, which sees it at `version`: the kept one while
  // that is the generation it was read at, else read afresh and kept — unless `may_keep` is false
  // (the transaction changed the roster itself, and may change it again without moving the
  // generation), when it is read afresh and held only until the next call.
  StoreResult<const KeptExam*> Current(RosterRows& rows, std::string_view exam,
                                       const Version& version, bool may_keep = true);

  // The roster of the exam in `exam_row`, read afresh (its rubric parsed once per connection).
  StoreResult<Roster> ReadRoster(RosterRows& rows, const ExamRow& exam_row);

 private:
  ParsedRubrics parsed_rubrics_;
  RosterCache<KeptExam> rosters_;
  std::optional<KeptExam> unkept_;
};

}  // namespace skillscore::store_common
