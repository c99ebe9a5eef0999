// What the web API answers, rendered as JSON (docs/openapi.yaml describes each shape): the exam's
// rubric tree, a judge's sheet, progress, the chief expert's status, sessions. These read the
// service's and store's plain values and decide nothing: which mark a judge may enter is decided
// by the service when it is entered. The judge-facing views only choose what to show — another
// judge's score of a panel only once the judge's own is in (so that no one copies).
//
// Thread safety: pure functions; messages in the calling thread's language.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sessions.h"
#include "skillscore/exam_service.h"
#include "skillscore/store.h"

namespace skillscore::web {

// `refusal`, when not empty, names the store's refusal behind the error (CodeName, store_error.h).
std::string ErrorJson(std::string_view code, std::string_view message,
                      const Diagnostics& diagnostics = {}, std::string_view refusal = {});

std::string SessionJson(const Session& session);
std::string SessionsJson(const std::vector<Session>& sessions);

std::string ExamListJson(const std::vector<ExamInfo>& exams);
std::string ExamJson(const ExamData& data, const std::vector<SubcriterionLock>& locks);
// Candidates in order of registration; `judge` (a judge's session) adds may_mark: present and no
// conflict of interest with that judge.
std::string CandidatesJson(const ExamData& data, const std::optional<std::string>& judge);
std::string JudgesJson(const ExamData& data);

// One candidate × sub-criterion as `judge` sees it; nullopt when either id is unknown.
std::optional<std::string> SheetJson(const ExamData& data,
                                     const std::vector<SubcriterionLock>& locks,
                                     std::string_view judge, std::string_view candidate,
                                     std::string_view subcriterion);

// The first present candidate × aspect, outside locked sub-criteria, that waits for `judge`: a
// measurement with no value, or a judgement panel short of scores that `judge` has not scored and
// may score (no conflict of interest).
std::string NextMissingJson(const ExamData& data, const std::vector<SubcriterionLock>& locks,
                            std::string_view judge);

// Progress per sub-criterion, with the counts of `judges` (entered, owed).
std::string ProgressJson(const ExamData& data, const std::vector<SubcriterionLock>& locks,
                         const std::vector<std::string>& judges);

// The chief expert's board: finality and every gap with who could fill it.
std::string StatusJson(const ExamStatus& status);

struct MarkOutcome {
  std::string client_id;
  Change change = Change::kAdded;
  std::string candidate;
  std::string aspect;
  std::string judge;
  std::string value;
};
// `repeated`: this client_id was written before and nothing was written now.
std::string MarkOutcomeJson(const MarkOutcome& outcome, bool repeated);
std::string LockOutcomeJson(const LockOutcome& outcome);
std::string ChangeJson(Change change);

}  // namespace skillscore::web
