// Writing one batch of marks into the PostgreSQL store (ExamStore::ImportMarks): rows are resolved
// to their keys and checked (registered people, aspects of the rubric, unlocked sub-criteria) as
// they come, and streamed with COPY by one of two paths (MarkPath). Upserting, the rows go into a
// temporary table; then one INSERT … SELECT collapses the rows of each key (first row's place in
// entry order, last row's value) and upserts them, the marks_keep_replaced trigger moving every
// replaced mark to mark_history, and the rows it added or changed are read back in entry order for
// the digest of the batch's audit event. New marks (an exam's first batch) go with a binary COPY
// straight into marks inside a savepoint, the digest computed from the rows as they are sent: when
// no key of the batch is stored or repeated, the upsert would add every row as it is, in the same
// order, so both paths write the same marks and digest; a key that is (the marks' primary key
// refuses it) rolls the savepoint back, and the caller sends the batch again by the upsert path.
// Memory holds no rows: the server sorts and collapses them.
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

enum class MarkPath {
  kUpsert,    // any batch
  kNewMarks,  // only while no key of the batch is stored or repeated (else repeated() says so)
};

class MarkWriter {
 public:
  MarkWriter(Connection& db, MarkBatchScope scope, const MarkSource& source, MarkPath path);
  MarkWriter(const MarkWriter&) = delete;
  MarkWriter& operator=(const MarkWriter&) = delete;

  // Checks one row and, while no row has been refused, streams it to the server.
  void Take(const NewMark& row);
  // Ends the stream and, unless a row was refused, writes the marks.
  void Finish();
  // On the path of new marks: a key of the batch was stored or repeated, so nothing was written
  // and the batch has to go by the upsert path.
  bool repeated() const { return repeated_; }
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
  void AppendUpsertRow(const NewMark& row, std::int64_t number, std::int64_t candidate,
                       const AspectRow& aspect, std::int64_t judge);
  void AppendNewMark(const NewMark& row, std::int64_t number, std::int64_t candidate,
                     const AspectRow& aspect, std::int64_t judge);
  void Flush();
  void FinishNewMarks();
  // Whether `error` is a key the batch found stored or repeated; if so, undoes the COPY.
  bool RepeatedKey(const Error& error);
  audit::MarkRecord WrittenMark(const Result& rows, int row);

  Connection& db_;
  const MarkBatchScope scope_;
  const MarkSource& source_;
  const MarkPath path_;
  bool repeated_ = false;
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

// Hands the rows of `rows` to `writer` and writes them; false (and nothing written) when the source
// refused rows.
bool WriteMarkRows(MarkWriter& writer, const NewMarkSource& rows);

}  // namespace skillscore::pg
