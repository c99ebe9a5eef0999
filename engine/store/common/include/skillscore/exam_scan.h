// ExamStore::ScanExams, whichever store runs it: the exams grouped from one stream of rows and
// handed to the visitor one at a time, the visitor's decisions, the re-binding of exams to a
// corrected rubric version (rescore --apply) with its audit event, and the refusals. A store
// streams its rows in the order asked for and reads or writes what it is asked (ScanRows); it
// holds the transaction.
//
// Thread safety: one thread at a time, inside the store's transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "skillscore/aspect_slots.h"
#include "skillscore/audit_chain.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// What the store adds to a scan: when it runs, who acts when the scan does not say, and, for a
// scan that re-binds, its register of passports and locks.
struct ScanContext {
  std::string now;  // UTC, recorded with re-binding events
  std::string actor;
  // Fills ExamMarks::passports and ::locks.
  std::function<void(std::string_view exam, ExamMarks& marks)> read_register;
  // Registers passports as ExamStore::IssuePassports does, inside the scan's transaction.
  std::function<std::optional<StoreError>(
      std::string_view exam, std::span<const StoredPassport> passports, const ChiefAction& action)>
      register_passports;
};

// One row of the scan: an exam, and one current (not withdrawn) mark of one of its candidates,
// or no mark (an exam without candidates, a candidate without marks).
struct ScanRow {
  std::int64_t exam = 0;  // row ids
  std::int64_t candidate = 0;
  std::optional<std::int64_t> slot;  // the aspect's slot; nullopt: no mark in this row
  std::int64_t judge = 0;
  std::optional<std::int64_t> value;  // numerator; nullopt: not attempted
  std::int64_t den = 1;
};

// An exam's record and the row id of its rubric version.
struct ScannedExam {
  ExamInfo info;
  std::int64_t rubric_id = 0;
};

// The rows of a scan in a store's own tables.
class ScanRows {
 public:
  virtual ~ScanRows() = default;
  // The database, as messages name it (a file, or a server).
  virtual std::string DatabaseName() = 0;
  virtual std::optional<std::int64_t> RubricId(const std::string& code,
                                               const std::string& version) = 0;
  virtual bool ExamExists(const std::string& exam) = 0;
  // The exams bound to a version of scan.rubric_code other than scan.except_version; only
  // `exam` when it is given.
  virtual std::size_t CountExams(const ExamScan& scan, const std::string* exam) = 0;
  // The rows of those exams in order of exam code, each exam's grouped by candidate (in whatever
  // order of candidates suits the store's keys), each candidate's in order of slot, panel; every
  // exam at least once. `row` returns false once it wants no more rows.
  virtual void Stream(const ExamScan& scan, const std::string* exam,
                      const std::function<bool(const ScanRow&)>& row) = 0;
  virtual ScannedExam Exam(std::int64_t exam) = 0;
  // The exam's candidates by row id, in order of row id; its judges' codes by row id.
  virtual void People(std::int64_t exam,
                      std::vector<std::pair<std::int64_t, Candidate>>& candidates,
                      std::unordered_map<std::int64_t, std::string>& judges) = 0;
  virtual std::string RubricYaml(std::int64_t rubric) = 0;
  virtual AspectSlots Slots(std::int64_t rubric) = 0;
  // An aspect that rubric `from` and `to` store in different slots, or whose slot the other
  // version gives to another aspect (first in `from`'s order); nullopt when marks keep their
  // aspect as they are (always, for versions imported with slots: aspect_slots.h).
  virtual std::optional<std::string> SlotMismatch(std::int64_t from, std::int64_t to) = 0;
  virtual void Rebind(std::int64_t exam, std::int64_t rubric) = 0;
  virtual std::string ExamState(std::int64_t exam) = 0;
  virtual void Append(audit::Event& event) = 0;
};

// What a scan did.
struct ScanOutcome {
  std::size_t rebound = 0;  // exams re-bound
  bool keep = false;        // false: the visitor stopped or discarded it; roll back
};

// Visits the exams of `scan` (store.h: ExamStore::ScanExams). kNotFound for an unknown exam or
// rubric version to re-bind to; kConflict for an exam whose rubric version stored aspects
// elsewhere than the target version does.
StoreResult<ScanOutcome> ScanExams(ScanRows& rows, const ExamScan& scan, const ExamVisitor& visit,
                                   const ScanContext& context);

}  // namespace skillscore::store_common
