// Moving an exam between stores (docs/bundles.md): the service's side of `exam export` and `exam
// import`. A site marks on SQLite, the region imports the exam's bundle into PostgreSQL (or back):
// the exam arrives with its chain, hashes, marks, history, locks, statuses and passports as they
// were, and `audit verify EXAM` on the target reports the same head as on the source.
//
// Who may import (credentials.h): someone must be named as acting; on a store that has
// administrators, only an authenticated administrator — an import writes a whole exam, as only
// administrators re-score. Export only reads, as `audit verify` and `results` do.
//
// The exam's rubric version travels in the bundle (YAML as imported, and its hash). On the target
// it is reused when stored there with the same hash, imported as the target's own rubric event
// when missing (its rubric chain is the target's: rubric chains are not an exam's), and refused
// when the target holds different content under that code@version.
//
// Thread safety: as ExamService.
#pragma once

#include <string>
#include <string_view>

#include "skillscore/exam_bundle.h"
#include "skillscore/exam_service.h"

namespace skillscore {

ServiceResult<void> ExportExam(ExamService& service, std::string_view exam, BundleSink& sink);

struct BundleImport {
  std::string exam;
  Change change = Change::kAdded;  // kUnchanged: the exam was here with the same chain already
  bool rubric_imported = false;    // the rubric version was not stored here before
  AuditReport audit;               // `audit verify EXAM` on the target after the import
};

// kConflict for an exam stored with a different history (other events, or another head) or a
// rubric version stored with other content; kInvalidInput for a bundle that does not verify.
ServiceResult<BundleImport> ImportExamBundle(ExamService& service, const Actor& actor,
                                             BundleSource& bundle);

}  // namespace skillscore
