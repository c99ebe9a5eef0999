// Setting a candidate's status (present, absent, withdrawn, disqualified), whichever store keeps
// it: the refusal and the audit event are made here; a store reads and writes the status
// (CandidateStatusRows).
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skillscore/audit_chain.h"
#include "skillscore/chief_event.h"
#include "skillscore/exam_roster.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// The candidates' status column of a store's own tables.
class CandidateStatusRows {
 public:
  virtual ~CandidateStatusRows() = default;
  // The status as stored ("present", …), or nullopt when the candidate is not registered.
  virtual std::optional<std::string> ReadStatus(std::int64_t exam_id,
                                                std::string_view candidate) = 0;
  virtual void WriteStatus(std::int64_t exam_id, std::string_view candidate,
                           std::string_view status) = 0;
  // The digest of the exam's candidates (audit_chain.h).
  virtual std::string CandidatesState(std::int64_t exam_id) = 0;
  virtual void Append(audit::Event& event) = 0;
};

// kChanged with its audit event, or kUnchanged; refused (kInvalidInput) for a candidate who is not
// registered.
StoreResult<Change> SetCandidateStatus(CandidateStatusRows& rows, const ExamRow& exam,
                                       std::string_view candidate, CandidateStatus status,
                                       const ChiefAction& action, const Clock& now);

}  // namespace skillscore::store_common
