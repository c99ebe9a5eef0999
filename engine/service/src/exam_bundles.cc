// Export and import of exam bundles (exam_bundles.h).
#include "skillscore/exam_bundles.h"

#include "service_internal.h"
#include "skillscore/rubric_loader.h"

namespace skillscore {
namespace {

using service::Error;

// An exam already stored: unchanged when its chain ends where the bundle's does, else refused.
ServiceResult<BundleImport> AlreadyStored(ExamStore& store, const BundleHead& head) {
  auto report = store.VerifyAudit(head.exam.id);
  if (!report) return tl::make_unexpected(FromStore(report.error()));
  if (report->events == static_cast<std::size_t>(head.events) && report->head == head.chain_head) {
    return BundleImport{head.exam.id, Change::kUnchanged, false, *report};
  }
  return tl::make_unexpected(
      Error(ServiceError::Code::kConflict,
            Tr("exam {0} is already stored here with a different history ({1} events, last "
               "hash {2}; the bundle has {3} events, last hash {4}): nothing was imported",
               head.exam.id, report->events, report->head, head.events, head.chain_head)));
}

// Imports the bundle's rubric version unless it is stored already; true when it was imported.
ServiceResult<bool> EnsureRubric(ExamStore& store, const BundleExam& exam) {
  auto stored = store.GetRubric(exam.rubric_code, exam.rubric_version);
  if (stored) {
    if (stored->info.sha256 == exam.rubric_sha256) return false;
    return tl::make_unexpected(
        Error(ServiceError::Code::kConflict,
              Tr("rubric {0}@{1} is stored here with other content (SHA-256 {2}, the bundle's "
                 "{3}): nothing was imported",
                 exam.rubric_code, exam.rubric_version, stored->info.sha256, exam.rubric_sha256)));
  }
  if (stored.error().kind != StoreError::Kind::kNotFound) {
    return tl::make_unexpected(FromStore(stored.error()));
  }
  RubricLoad load = ParseRubric(exam.rubric_yaml, "bundle");
  const std::optional<Rubric>& rubric = load.rubric;
  if (!rubric || rubric->code != exam.rubric_code || rubric->version != exam.rubric_version ||
      rubric->sha256 != exam.rubric_sha256) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput,
              Tr("the bundle's rubric is not the rubric {0}@{1} with SHA-256 {2} it names",
                 exam.rubric_code, exam.rubric_version, exam.rubric_sha256)));
  }
  auto imported = store.ImportRubric(exam.rubric_yaml, *rubric);
  if (!imported) return tl::make_unexpected(FromStore(imported.error()));
  return true;
}

}  // namespace

ServiceResult<void> ExportExam(ExamService& service, std::string_view exam, BundleSink& sink) {
  auto exported = service.store().ExportExam(exam, sink);
  if (!exported) return tl::make_unexpected(FromStore(exported.error()));
  return {};
}

ServiceResult<BundleImport> ImportExamBundle(ExamService& service, const Actor& actor,
                                             BundleSource& bundle) {
  const BundleHead& head = bundle.head();
  if (service::NoOneActing(actor)) {
    return tl::make_unexpected(service::NoActor(Tr("exam {0}", head.exam.id)));
  }
  ExamStore& store = service.store();
  auto admins = store.CountAdmins();
  if (!admins) return tl::make_unexpected(FromStore(admins.error()));
  if (*admins > 0 && !(actor.administrator && actor.authenticated)) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kForbidden, Tr("{0} may not import exam {1}: this database has "
                                                 "administrators, and only they import exams",
                                                 actor.id, head.exam.id)));
  }
  auto existing = store.GetExam(head.exam.id);
  if (existing) return AlreadyStored(store, head);
  if (existing.error().kind != StoreError::Kind::kNotFound) {
    return tl::make_unexpected(FromStore(existing.error()));
  }
  auto rubric = EnsureRubric(store, head.exam);
  if (!rubric) return tl::make_unexpected(rubric.error());
  auto imported = store.ImportExam(bundle);
  if (!imported) return tl::make_unexpected(FromStore(imported.error()));
  auto report = store.VerifyAudit(head.exam.id);
  if (!report) return tl::make_unexpected(FromStore(report.error()));
  return BundleImport{head.exam.id, Change::kAdded, *rubric, *report};
}

}  // namespace skillscore
