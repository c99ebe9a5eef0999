// Writing one batch of marks into the PostgreSQL store (ExamStore::ImportMarks): rows are resolved
// to their keys and checked (registered people, aspects of the rubric, unlocked sub-criteria) as
// they come, and streamed with COPY into a temporary table; then one INSERT … SELECT collapses the
// rows of each key (first row's place in entry order, last row's value) and upserts them, the
// marks_keep_replaced trigger moving every replaced mark to mark_history. The rows it added or
// changed are read back in entry order for the digest of the batch's audit event. Memory holds
// no rows: the server sorts and collapses them.
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pg_db.h"
#include "skillscore/audit_chain.h"
#include "skillscore/exam.h"
#include "skillscore/store.h"

namespace skillscore::pg {

struct MarkBatchScope {
  std::int64_t exam_id = 0;
  std::int64_t rubric_id = 0;
  std::string exam = {};
  std::string rubric_code = {};
  std::string rubric_version = {};
  std::vector<SubcriterionLock> locks = {};
  std::int64_t first_entry = 0;
};

class MarkWriter {
 public:
  MarkWriter(Connection& db, MarkBatchScope scope, const MarkSource& source);
  MarkWriter(const MarkWriter&) = delete;
  MarkWriter& operator=(const MarkWriter&) = delete;

  // Checks one row and, while no row has been refused, streams it to the server.
  void Take(const NewMark& row);
  // Ends the stream and, unless a row was refused, writes the marks.
  void Finish();
  // Ends the stream, discarding it (the source refused rows): the caller rolls back.
  void Cancel();

  // Every refused row (kMarksRefused), or nullopt.
  std::optional<StoreError> Problems() const;
  std::size_t rows() const { return rows_; }
  const ImportCounts& counts() const { return counts_; }
  std::string WrittenDigest() { return digest_.Hex(); }

 private:
  struct AspectRow {
    std::string id;
    std::string subcriterion;
    bool judgement = false;
    std::int64_t slot = 0;
    const SubcriterionLock* lock = nullptr;
  };

  std::unordered_map<std::string, std::int64_t> ReadIds(const char* sql);
  void Flush();
  audit::MarkRecord WrittenMark(const Result& rows, int row);

  Connection& db_;
  const MarkBatchScope scope_;
  const MarkSource& source_;
  std::vector<AspectRow> aspects_;  // by ordinal
  std::unordered_map<std::string, std::int64_t> candidates_;
  std::unordered_map<std::string, std::int64_t> judges_;
  // The other way, for the digest, which names people and aspects by their ids (audit_chain.h).
  std::unordered_map<std::int64_t, std::string> candidate_codes_;
  std::unordered_map<std::int64_t, std::string> judge_codes_;
  std::unordered_map<std::int64_t, std::string> aspect_ids_;  // by slot
  std::string note_;                                          // of the written row being digested
  std::size_t rows_ = 0;
  std::vector<StoreError> unknown_;
  std::vector<StoreError> locked_;
  std::string copy_;  // COPY data not yet sent
  ImportCounts counts_;
  audit::Digest digest_;
};

}  // namespace skillscore::pg
