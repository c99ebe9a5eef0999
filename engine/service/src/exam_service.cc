// The exam service (exam_service.h): reading results and status with their finality, entering and
// withdrawing marks, sign-off.
#include "skillscore/exam_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "service_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/store_messages.h"

namespace skillscore {
namespace {

using service::Error;

bool IsJudgeOf(const ExamData& data, std::string_view id) {
  return data.exam.chief == id || std::any_of(data.judges.begin(), data.judges.end(),
                                              [&](const Judge& judge) { return judge.id == id; });
}

// "C1 A1.2 no mark": what keeps a sub-criterion from being locked, as results word problems.
std::string GapText(const MarkGap& gap) {
  const Problem& problem = gap.problem;
  std::string text;
  switch (problem.kind) {
    case ProblemKind::kMissing:
      text = problem.scores_needed == 0 ? Tr("{0} no mark", problem.aspect)
                                        : Tr("{0} incomplete ({1} of {2} scores)", problem.aspect,
                                             problem.scores.size(), problem.scores_needed);
      break;
    case ProblemKind::kDisputed: {
      std::vector<int> scores = problem.scores;
      std::sort(scores.begin(), scores.end());
      text = Tr("{0} disputed (scores {1})", problem.aspect, fmt::join(scores, ", "));
      break;
    }
    case ProblemKind::kNotAttempted:
      text = problem.aspect;  // a value: never a gap
      break;
  }
  return gap.candidate + " " + text;
}

}  // namespace

ServiceError FromStore(const StoreError& error) {
  ServiceError refusal{ServiceError::Code::kStorage, StoreMessage(error)};
  refusal.store = error;
  switch (error.kind) {
    case StoreError::Kind::kInvalidInput:
      refusal.code = ServiceError::Code::kInvalidInput;
      break;
    case StoreError::Kind::kConflict:
      refusal.code = ServiceError::Code::kConflict;
      break;
    case StoreError::Kind::kNotFound:
      refusal.code = ServiceError::Code::kNotFound;
      break;
    case StoreError::Kind::kStorage:
      break;
  }
  return refusal;
}

ExamService::ExamService(ExamStore& store, ServiceOptions options)
    : store_(store), options_(std::move(options)) {}

ServiceResult<Finality> ExamService::FinalityOf(const ExamData& data, const ExamResult& result,
                                                const std::vector<SubcriterionLock>& locks) {
  auto audit = store_.VerifyAudit(data.exam.id);
  if (!audit) return tl::make_unexpected(FromStore(audit.error()));
  return FinalityGiven(data, result, locks, *audit);
}

Finality ExamService::FinalityGiven(const ExamData& data, const ExamResult& result,
                                    const std::vector<SubcriterionLock>& locks,
                                    const AuditReport& audit) {
  Finality finality;
  for (const CandidateResult& candidate : result.candidates) {
    if (candidate.candidate.status == CandidateStatus::kPresent &&
        HasBlockingProblem(candidate.problems)) {
      ++finality.blocked_candidates;
    }
  }
  finality.unlocked = UnlockedSubcriteria(data.rubric, locks);
  // Only data whose audit chain verifies is called final: a mark edited behind skillscore's back
  // keeps the results provisional until `audit verify` is clean again.
  finality.tampered = audit.problem;
  return finality;
}

ServiceResult<ExamResults> ExamService::Results(std::string_view exam, Sheets sheets) {
  return ReadResults(exam, sheets, nullptr);
}

ServiceResult<ExamResults> ExamService::ReadResults(std::string_view exam, Sheets sheets,
                                                    std::vector<SubcriterionProgress>* progress) {
  if (auto known = store_.GetExam(exam); !known) {
    return tl::make_unexpected(FromStore(known.error()));
  }
  auto locks = store_.LockedSubcriteria(exam);
  if (!locks) return tl::make_unexpected(FromStore(locks.error()));
  ExamResults results{.locks = std::move(*locks)};
  std::vector<std::string> locked;
  for (const SubcriterionLock& lock : results.locks) locked.push_back(lock.subcriterion);
  // Both are made once the store has filled in the roster (before the first sheet).
  std::optional<ExamScorer> scorer;
  std::optional<ProgressCounter> counter;
  auto take = [&](const CandidateSheet& sheet) {
    if (!scorer) {
      scorer.emplace(results.data.rubric);
      if (progress) counter.emplace(results.data.rubric, PanelSeats{results.data.judges, locked});
    }
    scorer->Add(sheet);
    if (counter) counter->Add(sheet);
  };
  // The exam's audit chain is verified before every sheet is kept (the verification holds the
  // exam's marks in entry order for a moment, and memory need not hold them and every sheet at
  // once), or together with reading the sheets one at a time: the store reads the marks once.
  StoreResult<AuditReport> audit;
  if (sheets == Sheets::kKept) {
    audit = store_.VerifyAudit(std::string(exam));
    if (!audit) return tl::make_unexpected(FromStore(audit.error()));
    auto data = store_.LoadExamData(exam);
    if (!data) return tl::make_unexpected(FromStore(data.error()));
    results.data = std::move(*data);
    results.sheets = std::move(results.data.sheets);
    for (const CandidateSheet& sheet : results.sheets) take(sheet);
  } else {
    audit = store_.VerifyAndStreamExamSheets(exam, results.data, take);
    if (!audit) return tl::make_unexpected(FromStore(audit.error()));
  }
  if (!scorer) {  // no candidates
    scorer.emplace(results.data.rubric);
    if (progress) counter.emplace(results.data.rubric);
  }
  results.result = std::move(*scorer).Finish();
  if (progress) *progress = std::move(*counter).Finish();
  results.finality = FinalityGiven(results.data, results.result, results.locks, *audit);
  return results;
}

ServiceResult<ExamStatus> ExamService::Status(std::string_view exam, Sheets sheets) {
  std::vector<SubcriterionProgress> progress;
  auto results = ReadResults(exam, sheets, &progress);
  if (!results) return tl::make_unexpected(results.error());
  ExamStatus status{.data = std::move(results->data),
                    .locks = std::move(results->locks),
                    .progress = std::move(progress),
                    .finality = std::move(results->finality)};
  // Whose scores a gap holds, and who owes one, are read off the sheets (when kept).
  status.data.sheets = std::move(results->sheets);
  return status;
}

ServiceResult<ExamInfo> ExamService::Exam(std::string_view exam) {
  auto info = store_.GetExam(exam);
  if (!info) return tl::make_unexpected(FromStore(info.error()));
  return std::move(*info);
}

ServiceResult<std::vector<HistoryEntry>> ExamService::History(std::string_view exam,
                                                              const HistoryFilter& filter) {
  auto history = store_.History(exam, filter);
  if (!history) return tl::make_unexpected(FromStore(history.error()));
  return std::move(*history);
}

ServiceResult<AuditReport> ExamService::VerifyAudit(const std::optional<std::string>& exam) {
  auto report = store_.VerifyAudit(exam);
  if (!report) return tl::make_unexpected(FromStore(report.error()));
  return std::move(*report);
}

// The exam's data for a write by `actor`, who must be named and a judge of the exam.
ServiceResult<ExamData> ExamService::LoadForWrite(const Actor& actor, std::string_view exam) {
  return LoadChecked(actor, exam, [&] { return store_.LoadExamData(exam); });
}

ServiceResult<ExamData> ExamService::LoadForMark(const Actor& actor, std::string_view exam,
                                                 std::string_view candidate) {
  return LoadChecked(actor, exam, [&] { return store_.LoadCandidateData(exam, candidate); });
}

ServiceResult<ExamData> ExamService::LoadChecked(
    const Actor& actor, std::string_view exam, const std::function<StoreResult<ExamData>()>& load) {
  if (service::NoOneActing(actor)) {
    return tl::make_unexpected(Error(ServiceError::Code::kNoActor,
                                     Tr("who is acting? every change is recorded in the name of "
                                        "a judge of exam {0}",
                                        exam)));
  }
  auto data = load();
  if (!data) return tl::make_unexpected(FromStore(data.error()));
  if (!IsJudgeOf(*data, actor.id)) {
    return tl::make_unexpected(Error(ServiceError::Code::kForbidden,
                                     Tr("{0} is not a judge of exam {1}", actor.id, exam)));
  }
  if (auto refusal = service::PinRefusal(store_, actor, exam)) return tl::make_unexpected(*refusal);
  return std::move(*data);
}

std::optional<ServiceError> ExamService::RequireChief(const ExamData& data, const Actor& actor,
                                                      const std::string& what) {
  if (IsChiefExpert(data, actor.id)) return std::nullopt;
  return Error(ServiceError::Code::kForbidden,
               Tr("{0} is an expert of exam {1}; only a chief expert may {2}", actor.id,
                  data.exam.id, what));
}

ServiceResult<Change> ExamService::EnterMark(const Actor& actor, std::string_view exam,
                                             const MarkInput& mark) {
  auto data = LoadForMark(actor, exam, mark.candidate);
  if (!data) return tl::make_unexpected(data.error());
  MarkRules rules(*data, actor);
  auto entry = rules.Check(mark.candidate, mark.aspect, mark.judge, mark.value);
  if (!entry) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput, Tr("mark refused: {0}", entry.error())));
  }
  MarkSource source{.actor = actor.id, .file = "", .reason = mark.reason};
  auto change = store_.EnterMark(exam, *entry, mark.reason, source);
  if (!change) return tl::make_unexpected(FromStore(change.error()));
  return *change;
}

ServiceResult<Change> ExamService::EnterMark(const Actor& actor, std::string_view exam,
                                             const MarkEntry& entry) {
  auto data = LoadForMark(actor, exam, entry.candidate);
  if (!data) return tl::make_unexpected(data.error());
  MarkRules rules(*data, actor);
  if (auto refusal = rules.Admit(entry)) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput, Tr("mark refused: {0}", *refusal)));
  }
  auto change = store_.EnterMark(exam, entry, "", {.actor = actor.id, .file = ""});
  if (!change) return tl::make_unexpected(FromStore(change.error()));
  return *change;
}

namespace {

class EntryMarksOfService final : public EntryMarks {
 public:
  EntryMarksOfService(ExamService& service, Actor actor, std::string exam)
      : service_(service), actor_(std::move(actor)), exam_(std::move(exam)) {}

  StoreResult<Change> Save(const MarkEntry& entry) override {
    auto change = service_.EnterMark(actor_, exam_, entry);
    if (change) return *change;
    const bool storage = change.error().code == ServiceError::Code::kStorage;
    return tl::make_unexpected(
        StoreError{storage ? StoreError::Kind::kStorage : StoreError::Kind::kInvalidInput,
                   change.error().message});
  }

  // Read afresh each time: other judges may be entering marks at the same moment.
  StoreResult<CandidateSheet> Sheet(const Candidate& candidate) override {
    auto data = service_.store().LoadCandidateData(exam_, candidate.id);
    if (!data) return tl::unexpected(data.error());
    for (CandidateSheet& sheet : data->sheets) {
      if (sheet.candidate.id == candidate.id)
        return CandidateSheet{candidate, std::move(sheet.aspects)};
    }
    return CandidateSheet{candidate, std::vector<AspectRecord>(data->rubric.AspectCount())};
  }

 private:
  ExamService& service_;
  Actor actor_;
  std::string exam_;
};

}  // namespace

std::unique_ptr<EntryMarks> ServiceEntryMarks(ExamService& service, Actor actor, std::string exam) {
  return std::make_unique<EntryMarksOfService>(service, std::move(actor), std::move(exam));
}

ServiceResult<ImportCounts> ExamService::ImportMarks(const Actor& actor, std::string_view exam,
                                                     const std::string& file,
                                                     const MarkFileReader& read) {
  // The rules read of the stored sheets only their panels: the sheets without one are left out,
  // so that the first import of a large exam holds no sheet at all (StreamExamSheets builds them
  // one at a time) instead of an empty one per candidate and aspect.
  auto data = LoadChecked(actor, exam, [&]() -> StoreResult<ExamData> {
    ExamData roster;
    std::vector<CandidateSheet> with_panels;
    auto streamed = store_.StreamExamSheets(exam, roster, [&](const CandidateSheet& sheet) {
      if (std::any_of(sheet.aspects.begin(), sheet.aspects.end(),
                      [](const AspectRecord& record) { return !record.panel.empty(); })) {
        with_panels.push_back(sheet);
      }
    });
    if (!streamed) return tl::unexpected(streamed.error());
    roster.sheets = std::move(with_panels);
    return roster;
  });
  if (!data) return tl::make_unexpected(data.error());
  Diagnostics problems;
  // The store may read the file twice (store.h): each reading starts from the panels as stored.
  NewMarkSource rows = [&](const NewMarkSink& take) {
    MarkRules rules(*data, actor);
    Diagnostics refused;  // by the rules, beyond what the reader refuses
    bool read_well = read(
        rules.context(),
        [&](const MarkRow& row) {
          if (auto refusal = rules.Admit(row.entry)) {
            refused.push_back(Diagnostic{Severity::kError, file, row.line, 0, *refusal});
          } else if (refused.empty()) {
            take(row);
          }
        },
        problems);
    problems.insert(problems.end(), refused.begin(), refused.end());
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    return read_well && problems.empty();
  };
  auto counts = store_.ImportMarkStream(exam, rows, {.actor = actor.id, .file = file});
  if (!problems.empty()) {
    return tl::make_unexpected(ServiceError{ServiceError::Code::kInvalidInput, {}, problems});
  }
  if (!counts) return tl::make_unexpected(FromStore(counts.error()));
  return *counts;
}

ServiceResult<LockOutcome> ExamService::Lock(const Actor& actor, std::string_view exam,
                                             const LockRequest& request) {
  auto data = LoadForWrite(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  if (auto refusal = RequireChief(*data, actor, Tr("lock a sub-criterion"))) {
    return tl::make_unexpected(*refusal);
  }
  auto locks = store_.LockedSubcriteria(exam);
  if (!locks) return tl::make_unexpected(FromStore(locks.error()));
  const Rubric& rubric = data->rubric;
  std::vector<SubcriterionProgress> progress = MarkingProgress(rubric, data->sheets);
  auto is_locked = [&](const std::string& id) {
    return std::any_of(locks->begin(), locks->end(),
                       [&](const SubcriterionLock& lock) { return lock.subcriterion == id; });
  };
  for (const std::string& named : request.subcriteria) {
    if (std::none_of(progress.begin(), progress.end(),
                     [&](const SubcriterionProgress& part) { return part.id == named; })) {
      std::vector<std::string> known;
      for (const SubcriterionProgress& part : progress) known.push_back(part.id);
      return tl::make_unexpected(
          Error(ServiceError::Code::kInvalidInput,
                Tr("sub-criterion {0} is not in rubric {1}@{2} (its sub-criteria: {3})", named,
                   data->exam.rubric.code, data->exam.rubric.version, fmt::join(known, ", "))));
    }
  }
  LockOutcome outcome;
  std::vector<std::string> to_lock;
  for (const SubcriterionProgress& part : progress) {
    bool named = std::find(request.subcriteria.begin(), request.subcriteria.end(), part.id) !=
                 request.subcriteria.end();
    if (!named && !request.all_complete) continue;
    if (is_locked(part.id)) {
      if (named) outcome.already_locked.push_back(part.id);
      continue;
    }
    if (part.complete) {
      to_lock.push_back(part.id);
    } else if (named) {
      std::string message =
          Tr("sub-criterion {0} of exam {1} cannot be locked: {2} marks missing, {3} panels "
             "disputed",
             part.id, exam, part.missing, part.disputed);
      for (const MarkGap& gap : part.gaps) message += "\n" + GapText(gap);
      return tl::make_unexpected(Error(ServiceError::Code::kConflict, message));
    } else {
      outcome.left_open.emplace_back(
          part.id, Tr("{0} marks missing, {1} panels disputed", part.missing, part.disputed));
    }
  }
  // Completeness is checked again inside each lock's write, against the marks as they are then:
  // a score entered since the check above may have disputed a panel.
  LockGuard still_complete = [](const ExamData& now, std::string_view subcriterion) {
    std::vector<SubcriterionProgress> current = MarkingProgress(now.rubric, now.sheets);
    return std::any_of(current.begin(), current.end(), [&](const SubcriterionProgress& part) {
      return part.id == subcriterion && part.complete;
    });
  };
  for (const std::string& id : to_lock) {
    auto locked = store_.LockSubcriterion(exam, id, {actor.id, ""}, still_complete);
    if (!locked) return tl::make_unexpected(FromStore(locked.error()));
    outcome.locked.push_back(id);
  }
  return outcome;
}

ServiceResult<void> ExamService::Unlock(const Actor& actor, std::string_view exam,
                                        std::string_view subcriterion, const std::string& reason) {
  auto data = LoadForWrite(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  if (auto refusal = RequireChief(*data, actor, Tr("unlock a sub-criterion"))) {
    return tl::make_unexpected(*refusal);
  }
  std::string why = service::TrimmedReason(reason);
  if (why.empty()) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kReasonRequired,
              Tr("a reason is required to unlock sub-criterion {0}", subcriterion)));
  }
  auto unlocked = store_.UnlockSubcriterion(exam, subcriterion, {actor.id, why});
  if (!unlocked) return tl::make_unexpected(FromStore(unlocked.error()));
  return {};
}

ServiceResult<Change> ExamService::SetCandidateStatus(const Actor& actor, std::string_view exam,
                                                      std::string_view candidate,
                                                      CandidateStatus status,
                                                      const std::string& reason) {
  auto data = LoadForWrite(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  if (auto refusal = RequireChief(*data, actor, Tr("change a candidate's status"))) {
    return tl::make_unexpected(*refusal);
  }
  std::string why = service::TrimmedReason(reason);
  if (why.empty()) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kReasonRequired,
              Tr("a reason is required to change the status of candidate {0}", candidate)));
  }
  auto change = store_.SetCandidateStatus(exam, candidate, status, {actor.id, why});
  if (!change) return tl::make_unexpected(FromStore(change.error()));
  return *change;
}

}  // namespace skillscore
