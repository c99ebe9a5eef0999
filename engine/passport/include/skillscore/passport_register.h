// Keeping an exam's register of signed passports (store.h) in step with its final result: which
// records to sign now, given those already registered. Used by `passport issue` and by
// `rescore --apply`, which supersedes the passports a corrected rubric changes.
//
// Passports are numbered <exam>-<candidate>-<n>, n counting that candidate's passports from 1, so
// numbers are stable and never reused. A candidate whose last passport already says what the
// result says (apart from number, time and the number it supersedes) gets nothing, whether that
// passport is in force or was revoked: revoking it was the chief expert's decision. A passport in
// force whose content changed is superseded by a new one, which names it.
//
// Thread safety: pure functions of their arguments (signing included).
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"
#include "skillscore/passport.h"
#include "skillscore/scoring.h"
#include "skillscore/signing.h"
#include "skillscore/store.h"

namespace skillscore {

// The signed passport a stored record file holds.
tl::expected<SignedPassport, Diagnostic> ParseStoredPassport(const StoredPassport& stored);

enum class PassportPlanScope {
  kEveryCandidate,    // passport issue: a first passport for every present candidate, too
  kReplacementsOnly,  // rescore --apply: only passports in force whose content changed
};

struct PlannedPassport {
  StoredPassport passport;     // signed, ready for ExamStore::IssuePassports
  std::string candidate_name;  // for the report
};

struct PassportPlanRequest {
  const Rubric& rubric;
  ExamDetails exam;
  const ExamResult& result;                       // final: complete and signed off
  const std::vector<CandidateSheet>& sheets;      // the sheets it was scored from
  const std::vector<StoredPassport>& registered;  // the exam's register, in order of issue
  const SecretKey& key;
  std::string now;  // UTC, the issue time recorded in each record
  PassportPlanScope scope = PassportPlanScope::kEveryCandidate;
};

// The passports to register, in result order; the message of BuildPassportRecord when a record
// cannot be built.
tl::expected<std::vector<PlannedPassport>, std::string> PlanPassports(
    const PassportPlanRequest& request);

}  // namespace skillscore
