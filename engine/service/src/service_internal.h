// What the exam service's source files share (not part of its interface).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/csv.h"
#include "skillscore/exam_service.h"
#include "skillscore/i18n.h"
#include "skillscore/text.h"

namespace skillscore::service {

inline ServiceError Error(ServiceError::Code code, std::string message) {
  return ServiceError{code, std::move(message)};
}

// A reason (or an actor's id) as given, without surrounding white space: only white space is none.
inline std::string TrimmedReason(std::string_view text) {
  return std::string(Trim(text, kWhitespace));
}

// Ids as a message lists them: "E02, E03, E04".
inline std::string CommaList(const std::vector<std::string>& ids) {
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
  return list;
}

// Whether no one is named as acting (an empty or blank id).
inline bool NoOneActing(const Actor& actor) { return TrimmedReason(actor.id).empty(); }

// Why `actor` may not change the exam without proving who they are: the exam requires PINs and
// codes have been issued, and the actor is not authenticated (credentials.cc). nullopt otherwise.
std::optional<ServiceError> PinRefusal(ExamStore& store, const Actor& actor, std::string_view exam);

// The judges of an import with their marking groups checked against the exam's rubric (every
// listed id a sub-criterion of it; no group too small to fill a panel, counting the registered
// judges the import leaves as they are) and each list in rubric order; `source`, when given, is
// the table the judges were read from, one row each, whose lines the refusal names
// (judge_groups.cc).
ServiceResult<std::vector<Judge>> GroupedJudges(const ExamData& roster,
                                                std::span<const Judge> judges,
                                                const CsvTable* source);

// The refusal of a change without an actor, naming what was to change ("rubric X@1").
ServiceError NoActor(const std::string& what);

}  // namespace skillscore::service
