// Re-scoring past exams (rescore_service.h).
#include "skillscore/rescore_service.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "service_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/passport_register.h"

namespace skillscore {
namespace {

using service::Error;

// The exams of the request that already use the target version (left out of the scan), or why a
// named exam cannot be re-scored.
ServiceResult<std::size_t> CountAlreadyCurrent(ExamStore& store, const RescoreRequest& request) {
  auto exams = store.ListExams();
  if (!exams) return tl::make_unexpected(FromStore(exams.error()));
  std::set<std::string> named(request.exams.begin(), request.exams.end());
  std::size_t current = 0;
  for (const ExamInfo& exam : *exams) {
    bool wanted = named.empty() ? exam.rubric.code == request.code : named.count(exam.id) > 0;
    if (!wanted) continue;
    named.erase(exam.id);
    if (exam.rubric.code != request.code) {
      return tl::make_unexpected(
          Error(ServiceError::Code::kInvalidInput,
                Tr("exam {0} is marked by rubric {1}@{2}, not by a version of {3}", exam.id,
                   exam.rubric.code, exam.rubric.version, request.code)));
    }
    current += exam.rubric.version == request.version ? 1 : 0;
  }
  if (!named.empty()) {
    return tl::make_unexpected(Error(
        ServiceError::Code::kNotFound,
        Tr("exam {0} does not exist; create it with `skillscore exam create`", *named.begin())));
  }
  return current;
}

// Re-scores each exam as the scan hands it over.
class Rescorer {
 public:
  Rescorer(const Rubric& target, const RescoreRequest& request, RescoreObserver& observer,
           const SecretKeySource& key, std::string now)
      : target_(target),
        request_(request),
        observer_(observer),
        key_source_(key),
        now_(std::move(now)) {}

  ScanDecision Visit(ExamMarks& exam, const ScanProgress& position) {
    const Rubric& from = *exam.rubric;
    ExamRescore rescore = RescoreExam(from, target_, MapFrom(from), std::move(exam.sheets));
    summary_.Add(rescore);
    observer_.Exam({exam.exam.id, from, target_, rescore}, position);
    if (!request_.apply) return ScanStep::kNext;
    if (auto refusal = RefusalFor(exam.exam.id, rescore)) refusals_.push_back(*refusal);
    // Once one exam is refused nothing will be written, but the scan goes on to find them all.
    if (!refusals_.empty()) return ScanStep::kDiscard;
    auto passports = Superseding(exam, rescore);
    if (!passports) {
      refusals_.push_back(passports.error());
      return ScanStep::kDiscard;
    }
    return {ScanStep::kRebind, std::move(*passports)};
  }

  const RescoreSummary& summary() const { return summary_; }
  const PassportCounts& passports() const { return passports_; }
  const std::vector<std::string>& refusals() const { return refusals_; }

 private:
  const AspectMap& MapFrom(const Rubric& from) {
    auto found = maps_.find(from.Identity());
    if (found == maps_.end()) {
      found = maps_.emplace(from.Identity(), MapAspects(from, target_)).first;
      // Aspects are matched by id, and an id not written in the rubric is the aspect's place: an
      // aspect inserted or removed there renumbers those after it, which then show up as aspects
      // whose text changed.
      if (!found->second.reworded.empty()) {
        observer_.Reworded(from, target_, found->second.reworded);
      }
    }
    return found->second;
  }

  // Marks of a removed aspect stay stored and simply no longer count; a retyped aspect or a
  // value the new aspect refuses would be read wrongly under the new version.
  std::optional<std::string> RefusalFor(const std::string& exam, const ExamRescore& rescore) const {
    for (const CandidateRescore& c : rescore.candidates) {
      for (const DroppedMarks& dropped : c.dropped) {
        if (dropped.reason == DropReason::kRemoved) continue;
        return Tr(
            "exam {0}: {1} does not accept marks of candidate {2} for aspect {3}; correct "
            "them or the rubric first",
            exam, target_.Identity(), c.candidate.id, dropped.aspect);
      }
    }
    return std::nullopt;
  }

  // The passports that supersede those in force whose content the new version changes, once the
  // exam's new result is final; until then they stay in force, counted as awaiting, and
  // `passport issue` replaces them when the result is final.
  tl::expected<std::vector<StoredPassport>, std::string> Superseding(const ExamMarks& exam,
                                                                     const ExamRescore& rescore) {
    std::size_t in_force = std::count_if(exam.passports.begin(), exam.passports.end(),
                                         [](const StoredPassport& p) { return !p.revoked_at; });
    if (in_force == 0) return std::vector<StoredPassport>{};
    if (!rescore.result.complete || !UnlockedSubcriteria(target_, exam.locks).empty()) {
      passports_.awaiting += in_force;
      return std::vector<StoredPassport>{};
    }
    auto key = Key(exam.exam.id);
    if (!key) return tl::make_unexpected(key.error());
    auto plan = PlanPassports({.rubric = target_,
                               .exam = {exam.exam.id, exam.exam.date, exam.exam.site},
                               .result = rescore.result,
                               .sheets = rescore.sheets,
                               .registered = exam.passports,
                               .key = **key,
                               .now = now_,
                               .scope = PassportPlanScope::kReplacementsOnly});
    if (!plan) return tl::make_unexpected(Tr("exam {0}: {1}", exam.exam.id, plan.error()));
    std::vector<StoredPassport> passports;
    for (PlannedPassport& planned : *plan) passports.push_back(std::move(planned.passport));
    passports_.superseded += passports.size();
    return passports;
  }

  // The issuer's key, asked for when the first exam needs it.
  tl::expected<const SecretKey*, std::string> Key(const std::string& exam) {
    if (!key_) {
      auto key = key_source_();
      if (!key) {
        return tl::make_unexpected(
            Tr("exam {0} has passports in force that {1} changes, and superseding them needs the "
               "issuer's key: {2}",
               exam, target_.Identity(), key.error()));
      }
      key_ = std::move(*key);
    }
    return &*key_;
  }

  const Rubric& target_;
  const RescoreRequest& request_;
  RescoreObserver& observer_;
  const SecretKeySource& key_source_;
  std::string now_;
  std::map<std::string, AspectMap> maps_;
  RescoreSummary summary_;
  PassportCounts passports_;
  std::optional<SecretKey> key_;
  std::vector<std::string> refusals_;
};

// Why `actor` may not bind the exams of `request` to the new version: it takes an administrator,
// or a chief expert of every exam it re-binds (with the PIN an exam requires). nullopt if they may.
std::optional<ServiceError> RebindRefusal(ExamStore& store, const Actor& actor,
                                          const RescoreRequest& request) {
  if (actor.administrator) return std::nullopt;
  auto exams = store.ListExams();
  if (!exams) return FromStore(exams.error());
  for (const ExamInfo& exam : *exams) {
    bool named = request.exams.empty() || std::find(request.exams.begin(), request.exams.end(),
                                                    exam.id) != request.exams.end();
    if (!named || exam.rubric.code != request.code || exam.rubric.version == request.version) {
      continue;
    }
    auto roster = store.LoadRoster(exam.id);
    if (!roster) return FromStore(roster.error());
    if (!IsChiefExpert(*roster, actor.id)) {
      return Error(ServiceError::Code::kForbidden,
                   Tr("binding exam {0} to {1}@{2} takes a chief expert of the exam or an "
                      "administrator; {3} is neither",
                      exam.id, request.code, request.version, actor.id));
    }
    if (auto refusal = service::PinRefusal(store, actor, exam.id)) return refusal;
  }
  return std::nullopt;
}

}  // namespace

ServiceResult<RescoreOutcome> Rescore(ExamService& service, const Actor& actor,
                                      const RescoreRequest& request, RescoreObserver& observer,
                                      const SecretKeySource& key) {
  if (request.apply) {
    // Re-binding is an administrator's act, recorded in their name with why.
    if (service::NoOneActing(actor)) {
      return tl::make_unexpected(
          service::NoActor(Tr("rubric {0}@{1}", request.code, request.version)));
    }
    if (service::TrimmedReason(request.reason).empty()) {
      return tl::make_unexpected(
          Error(ServiceError::Code::kReasonRequired,
                Tr("a reason is required to apply {0}@{1}", request.code, request.version)));
    }
  }
  ExamStore& store = service.store();
  if (request.apply) {
    if (auto refusal = RebindRefusal(store, actor, request)) return tl::make_unexpected(*refusal);
  }
  auto target = store.GetRubric(request.code, request.version);
  if (!target) return tl::make_unexpected(FromStore(target.error()));
  auto already_current = CountAlreadyCurrent(store, request);
  if (!already_current) return tl::make_unexpected(already_current.error());
  RescoreOutcome outcome{.target = std::move(target->rubric), .already_current = *already_current};
  Rescorer rescorer(outcome.target, request, observer, key, service.Now());
  ExamScan scan{
      .rubric_code = request.code, .except_version = request.version, .exams = request.exams};
  if (request.apply) {
    scan.rebind =
        ExamScan::Rebind{request.version, {actor.id, service::TrimmedReason(request.reason)}};
  }
  observer.Begin(outcome.target);
  auto rebound = store.ScanExams(
      scan, [&](ExamMarks& exam, const ScanProgress& at) { return rescorer.Visit(exam, at); });
  if (!rebound) return tl::make_unexpected(FromStore(rebound.error()));
  outcome.summary = rescorer.summary();
  outcome.refusals = rescorer.refusals();
  bool refused = !outcome.refusals.empty();
  outcome.applied = request.apply && !refused;
  outcome.exams_rebound = refused ? 0 : *rebound;
  if (!refused) outcome.passports = rescorer.passports();
  return outcome;
}

}  // namespace skillscore
