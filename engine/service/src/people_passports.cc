// The exam service's roster and passport actions (exam_service.h).
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "service_internal.h"
#include "skillscore/exam_service.h"
#include "skillscore/i18n.h"
#include "skillscore/identifier.h"
#include "skillscore/time_zone.h"

namespace skillscore {
namespace {

using service::Error;

bool HasChief(const ExamData& data) {
  return !data.exam.chief.empty() ||
         std::any_of(data.judges.begin(), data.judges.end(),
                     [](const Judge& judge) { return judge.role == JudgeRole::kChief; });
}

const Judge* FindJudge(const ExamData& data, std::string_view id) {
  auto found = std::find_if(data.judges.begin(), data.judges.end(),
                            [&](const Judge& judge) { return judge.id == id; });
  return found == data.judges.end() ? nullptr : &*found;
}

// Why a judges file may not be imported by `actor`, or nullopt. `marked` names the judges who
// have entered marks.
std::optional<ServiceError> JudgeChangeRefusal(const ExamData& data, const Actor& actor,
                                               std::span<const Judge> judges,
                                               const std::set<std::string>& marked) {
  for (const Judge& judge : judges) {
    const Judge* registered = FindJudge(data, judge.id);
    if (registered == nullptr) continue;
    bool changed = registered->name != judge.name ||
                   registered->organization != judge.organization ||
                   registered->role != judge.role || registered->subcriteria != judge.subcriteria;
    if (changed && judge.id == actor.id) {
      return Error(ServiceError::Code::kForbidden,
                   Tr("{0} may not change their own record in exam {1}; another chief expert "
                      "or an administrator may",
                      actor.id, data.exam.id));
    }
    if (registered->organization != judge.organization && marked.count(judge.id) > 0) {
      return Error(ServiceError::Code::kConflict,
                   Tr("the organisation of judge {0} cannot change from \"{1}\" to \"{2}\": "
                      "{0} has entered marks, whose conflict of interest it decides",
                      judge.id, registered->organization, judge.organization));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string ExamService::Now() const {
  auto now = options_.clock ? options_.clock() : std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
}

ServiceError service::NoActor(const std::string& what) {
  return Error(ServiceError::Code::kNoActor,
               Tr("who is acting? every change is recorded in someone's name: {0}", what));
}

ServiceResult<Change> ExamService::ImportRubric(const Actor& actor, std::string_view yaml_text,
                                                const Rubric& rubric) {
  if (service::NoOneActing(actor)) {
    return tl::make_unexpected(service::NoActor(Tr("rubric {0}@{1}", rubric.code, rubric.version)));
  }
  auto change = store_.ImportRubric(yaml_text, rubric);
  if (!change) return tl::make_unexpected(FromStore(change.error()));
  return *change;
}

ServiceResult<ExamInfo> ExamService::CreateExam(const Actor& actor, const NewExam& exam) {
  if (service::NoOneActing(actor)) {
    return tl::make_unexpected(service::NoActor(Tr("exam {0}", exam.id)));
  }
  // Ids end up in file names and on terminals: refused at the door when they could do harm there.
  for (auto problem :
       {IdentifierProblem(Tr("exam id"), exam.id),
        exam.chief.empty() ? std::nullopt : IdentifierProblem(Tr("chief"), exam.chief),
        TextProblem("site", exam.site)}) {
    if (problem) return tl::make_unexpected(Error(ServiceError::Code::kInvalidInput, *problem));
  }
  NewExam zoned = exam;
  if (zoned.timezone.empty()) zoned.timezone = MachineTimeZone();
  if (!IsTimeZone(zoned.timezone)) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput,
              Tr("unknown time zone '{0}': expected an IANA name such as Europe/Moscow or UTC",
                 zoned.timezone)));
  }
  auto created = store_.CreateExam(zoned);
  if (!created) return tl::make_unexpected(FromStore(created.error()));
  return std::move(*created);
}

ServiceResult<ExamData> ExamService::LoadForRoster(const Actor& actor, std::string_view exam) {
  if (service::NoOneActing(actor)) return LoadForWrite(actor, exam);  // refused: no actor
  auto data = store_.LoadExamData(exam);
  if (!data) return tl::make_unexpected(FromStore(data.error()));
  if (actor.administrator) return std::move(*data);  // authenticated by the front end
  if (auto refusal = service::PinRefusal(store_, actor, exam)) return tl::make_unexpected(*refusal);
  if (!HasChief(*data)) {
    // Until the exam has a chief expert, whoever registers its people is recorded as doing so —
    // unless this database has administrators, who then are the only ones who may.
    auto admins = store_.CountAdmins();
    if (!admins) return tl::make_unexpected(FromStore(admins.error()));
    if (*admins == 0) return std::move(*data);
    return tl::make_unexpected(
        Error(ServiceError::Code::kForbidden,
              Tr("exam {0} has no chief expert: only an administrator may change its candidates "
                 "and judges",
                 exam)));
  }
  if (!IsChiefExpert(*data, actor.id)) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kForbidden,
              Tr("only a chief expert of exam {0} or an administrator may change its candidates "
                 "and judges; {1} is neither",
                 exam, actor.id)));
  }
  return std::move(*data);
}

ServiceResult<ImportCounts> ExamService::ImportCandidates(const Actor& actor, std::string_view exam,
                                                          std::span<const Candidate> candidates) {
  auto data = LoadForRoster(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  auto counts = store_.ImportCandidates(exam, candidates);
  if (!counts) return tl::make_unexpected(FromStore(counts.error()));
  return *counts;
}

ServiceResult<ImportCounts> ExamService::ImportJudges(const Actor& actor, std::string_view exam,
                                                      std::span<const Judge> listed,
                                                      const CsvTable* source) {
  auto data = LoadForRoster(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  auto grouped = service::GroupedJudges(*data, listed, source);
  if (!grouped) return tl::make_unexpected(grouped.error());
  const std::vector<Judge>& judges = *grouped;
  // Measurement marks are the marking team's and do not show in the sheets: the history names
  // every judge who entered a mark. Read only when an organisation is about to change.
  std::set<std::string> marked;
  bool organisation_changes = std::any_of(judges.begin(), judges.end(), [&](const Judge& judge) {
    const Judge* registered = FindJudge(*data, judge.id);
    return registered != nullptr && registered->organization != judge.organization;
  });
  if (organisation_changes) {
    auto history = store_.History(exam, {});
    if (!history) return tl::make_unexpected(FromStore(history.error()));
    for (const HistoryEntry& entry : *history) {
      if (!entry.judge.empty()) marked.insert(entry.judge);
    }
  }
  if (auto refusal = JudgeChangeRefusal(*data, actor, judges, marked)) {
    return tl::make_unexpected(*refusal);
  }
  auto counts = store_.ImportJudges(exam, judges);
  if (!counts) return tl::make_unexpected(FromStore(counts.error()));
  return *counts;
}

ServiceResult<std::vector<PlannedPassport>> ExamService::PlanIssue(
    const ExamResults& results, const std::vector<StoredPassport>& registered,
    const SecretKey& key) {
  const ExamData& data = results.data;
  auto plan = PlanPassports({.rubric = data.rubric,
                             .exam = {data.exam.id, data.exam.date, data.exam.site},
                             .result = results.result,
                             .sheets = results.sheets,
                             .registered = registered,
                             .key = key,
                             .now = Now()});
  if (!plan) return tl::make_unexpected(Error(ServiceError::Code::kConflict, plan.error()));
  return std::move(*plan);
}

// Passports are the exam's chief expert's to issue and revoke, and an administrator's: the
// administrator hands certificates out (issue 13), authenticated by the front end.
std::optional<ServiceError> ExamService::PassportRefusal(const Actor& actor, std::string_view exam,
                                                         const std::string& what) {
  if (actor.administrator && actor.authenticated) {
    auto info = store_.GetExam(exam);
    if (!info) return FromStore(info.error());
    return std::nullopt;
  }
  auto data = LoadForWrite(actor, exam);
  if (!data) return data.error();
  return RequireChief(*data, actor, what);
}

ServiceResult<std::vector<PlannedPassport>> ExamService::IssuePassports(const Actor& actor,
                                                                        std::string_view exam,
                                                                        const SecretKey& key) {
  if (auto refusal = PassportRefusal(actor, exam, Tr("issue passports"))) {
    return tl::make_unexpected(*refusal);
  }
  auto results = Results(exam);
  if (!results) return tl::make_unexpected(results.error());
  const Finality& finality = results->finality;
  if (!finality.Final()) {
    std::string why =
        finality.tampered
            ? Tr("its data does not match the audit log ({0}); run `skillscore audit verify`",
                 *finality.tampered)
        : finality.blocked_candidates > 0
            ? Tr("marks are missing or disputed")
            : Tr("sub-criteria {0} are not locked", fmt::join(finality.unlocked, ", "));
    return tl::make_unexpected(
        Error(ServiceError::Code::kConflict,
              Tr("results of exam {0} are provisional: {1}; passports are issued for final "
                 "results only",
                 exam, why)));
  }
  auto registered = store_.ListPassports(exam);
  if (!registered) return tl::make_unexpected(FromStore(registered.error()));
  auto plan = PlanIssue(*results, *registered, key);
  if (!plan) return tl::make_unexpected(plan.error());
  std::vector<StoredPassport> passports;
  for (const PlannedPassport& planned : *plan) passports.push_back(planned.passport);
  if (auto issued = store_.IssuePassports(exam, passports, {actor.id, {}}); !issued) {
    return tl::make_unexpected(FromStore(issued.error()));
  }
  return std::move(*plan);
}

ServiceResult<StoredPassport> ExamService::RevokePassport(const Actor& actor,
                                                          std::string_view number,
                                                          const std::string& reason) {
  auto passport = store_.GetPassport(number);
  if (!passport) return tl::make_unexpected(FromStore(passport.error()));
  if (auto refusal = PassportRefusal(actor, passport->exam, Tr("revoke a passport"))) {
    return tl::make_unexpected(*refusal);
  }
  std::string why = service::TrimmedReason(reason);
  if (why.empty()) {
    return tl::make_unexpected(Error(ServiceError::Code::kReasonRequired,
                                     Tr("a reason is required to revoke passport {0}", number)));
  }
  auto revoked = store_.RevokePassport(number, {actor.id, why});
  if (!revoked) return tl::make_unexpected(FromStore(revoked.error()));
  return std::move(*revoked);
}

}  // namespace skillscore
