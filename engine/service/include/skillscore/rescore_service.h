// Re-scoring past exams under a corrected rubric version (rescore.h), as the exam service does it
// for `skillscore rescore`: which exams qualify, what refuses --apply, and which signed passports
// the new version supersedes. The front end parses the request, renders each exam's part of the
// report as the scan hands it over (RescoreObserver), and shows progress.
//
// --apply is all or nothing (ExamStore::ScanExams with a rebind): every exam re-scored is bound to
// the new version in one transaction, each audited in the actor's name with the reason, and the
// passports in force whose content the new version changes are superseded once the exam's new
// result is final (otherwise they stay in force, counted as awaiting). It is refused, and nothing
// is written, when an exam has marks the new version would read wrongly (a retyped aspect, a value
// the new aspect does not accept); the scan then goes on as a dry run, so every refused exam is
// named. Marks of an aspect the new version removed stay stored and no longer count.
//
// Thread safety: as ExamService.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "skillscore/exam_service.h"
#include "skillscore/rescore.h"
#include "skillscore/rescore_report.h"
#include "skillscore/signing.h"

namespace skillscore {

struct RescoreRequest {
  std::string code;                     // the rubric code…
  std::string version;                  // …and the corrected version
  std::vector<std::string> exams = {};  // these exams; every exam of the code when empty
  bool apply = false;
  std::string reason = {};  // required with apply
};

// What the front end sees while the scan runs.
class RescoreObserver {
 public:
  virtual ~RescoreObserver() = default;
  // The request is valid and the scan starts.
  virtual void Begin(const Rubric& target) = 0;
  // One exam re-scored, in the order of the scan.
  virtual void Exam(const RescoreExamView& view, const ScanProgress& progress) = 0;
  // A version whose aspects keep their ids but not their texts (said once per version).
  virtual void Reworded(const Rubric& from, const Rubric& to,
                        const std::vector<std::string>& aspects) = 0;
};

// The issuer's secret key, asked for only when an exam has passports to supersede; the message of
// why it cannot be had otherwise.
using SecretKeySource = std::function<tl::expected<SecretKey, std::string>()>;

struct RescoreOutcome {
  Rubric target = {};
  RescoreSummary summary = {};
  bool applied = false;
  std::size_t exams_rebound = 0;
  std::size_t already_current = 0;  // exams left out: they already use the version
  PassportCounts passports = {};
  std::vector<std::string> refusals = {};  // why --apply wrote nothing, one per exam
};

ServiceResult<RescoreOutcome> Rescore(ExamService& service, const Actor& actor,
                                      const RescoreRequest& request, RescoreObserver& observer,
                                      const SecretKeySource& key);

}  // namespace skillscore
