// Writing one batch of marks into the SQLite store (sqlite_store.cc, ExamStore::ImportMarks): each
// row is resolved to the integer keys it is stored under, refused when it names what the exam
// does not have or falls in a locked sub-criterion, and written with its history (the
// marks_keep_replaced trigger) and its part of the digest of the audit event that records the
// batch (sqlite_audit.h).
//
// Rows are written as they come: the rows of one candidate are gathered, collapsed (rows with the
// same key: the first row's place in entry order, the last row's value), written when the next
// candidate's rows begin, and forgotten, so memory holds one candidate's rows whatever the size of
// the batch. That gives the result of collapsing the whole batch only when each candidate's rows
// are together, as marks files list them; when a candidate's rows come back after another's, the
// writer stops writing and says so (scattered()), and the store writes the batch again with a
// writer that gathers every row first (Grouping::kWholeBatch).
//
// Once a row is refused, later rows are still checked, for the report, but nothing more is
// written: the store then rolls the transaction back.
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/store.h"
#include "sqlite_audit.h"
#include "sqlite_db.h"

namespace skillscore {

// What the writer needs to know about the exam the batch is for.
struct MarkBatchScope {
  std::int64_t exam_id = 0;  // row ids
  std::int64_t rubric_id = 0;
  std::string exam = {};  // ids and rubric version as messages name them
  std::string rubric_code = {};
  std::string rubric_version = {};
  std::vector<SubcriterionLock> locks = {};
  std::int64_t first_entry = 0;  // the entry number of the batch's first row
};

// A mark row resolved to its keys, with the value it stores.
struct PendingMark {
  audit::StoredMark stored;  // entry: the first row with this key
  std::size_t row = 0;       // that row's place in the batch
  // The ids the audit chain names the mark by (views of the writer's look-ups).
  std::string_view candidate_code;
  std::string_view judge_code;
  std::size_t ordinal = 0;  // the aspect's, in the exam's rubric

  auto Key() const { return std::tie(stored.candidate, stored.aspect, stored.panel); }
};

class MarkWriter {
 public:
  enum class Grouping {
    kByCandidate,  // write each candidate's rows when the next candidate's begin
    kWholeBatch,   // gather every row and write them at Finish()
  };

  MarkWriter(sqlite::Database& db, MarkBatchScope scope, const MarkSource& source,
             Grouping grouping);
  MarkWriter(const MarkWriter&) = delete;
  MarkWriter& operator=(const MarkWriter&) = delete;

  // Checks one row and, while no row has been refused, gathers or writes it.
  void Take(const NewMark& row);
  // Writes the rows still gathered, unless a row was refused or the rows were scattered.
  void Finish();

  // Every refused row (kMarksRefused), or nullopt.
  std::optional<StoreError> Problems() const;
  // Whether a candidate's rows came back after another candidate's (kByCandidate only).
  bool scattered() const { return scattered_; }
  std::size_t rows() const { return rows_; }
  const ImportCounts& counts() const { return counts_; }
  // The digest of the marks written, in entry order (the batch's audit event's state).
  std::string WrittenDigest() { return digest_.Hex(); }

 private:
  struct AspectRow {
    std::string id;
    std::string subcriterion;
    bool judgement = false;
    std::int64_t slot = 0;                   // the key its marks are stored under (sqlite_slots.h)
    const SubcriterionLock* lock = nullptr;  // of its sub-criterion, or null
  };

  // Finds ids by text, remembering the last one: rows of a marks file come in runs of the same
  // candidate and judge, so most look-ups skip the hash.
  class IdLookup {
   public:
    void Add(std::string code, std::int64_t id) { ids_.emplace(std::move(code), id); }
    // The id and the look-up's own copy of `code`, which lives as long as the look-up.
    const std::pair<const std::string, std::int64_t>* Find(const std::string& code);

   private:
    std::unordered_map<std::string, std::int64_t> ids_;
    const std::pair<const std::string, std::int64_t>* last_ = nullptr;
  };

  void ReadRubric();
  IdLookup ReadIds(const char* sql);
  std::optional<PendingMark> Resolve(const NewMark& row);
  void CheckLock(const NewMark& row);
  bool Writing() const;
  void NextCandidate(std::int64_t candidate);
  void WriteGroup();
  std::vector<std::size_t> Upsert();
  void UpsertChunk(std::size_t begin, std::size_t size, std::vector<std::size_t>& written);
  std::int64_t StoredEntry(const PendingMark& mark);
  audit::MarkRecord Record(const PendingMark& mark) const;

  sqlite::Database& db_;
  const MarkBatchScope scope_;
  const MarkSource& source_;
  const Grouping grouping_;
  std::vector<AspectRow> aspects_;  // by ordinal
  IdLookup candidates_;
  IdLookup judges_;
  std::size_t rows_ = 0;
  std::vector<StoreError> unknown_;  // rows naming what the exam does not have
  std::vector<StoreError> locked_;   // rows of locked sub-criteria
  bool scattered_ = false;
  std::vector<PendingMark> group_;
  std::int64_t group_candidate_ = 0;
  std::unordered_set<std::int64_t> written_candidates_;
  ImportCounts counts_;
  audit::Digest digest_;
};

}  // namespace skillscore
