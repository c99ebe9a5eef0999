// An exam bundle: one exam moved between stores (SQLite at a site, PostgreSQL at the region) with
// everything its audit chain records, as plain rows that name people, aspects and passports by the
// exam's own identifiers — never a store's row id — so that any store can write them back and its
// `audit verify` finds the same chain, the same hashes and the same state (docs/bundles.md).
//
// The rows (this header) are store-neutral; a store reads them out of its tables
// (ExamStore::ExportExam) and writes them back (ExamStore::ImportExam); the file is a JSON Lines
// document written and read here (WriteBundle / BundleFileReader), in the order a store needs them:
// the head (exam, rubric, people, locks, passports, codes, mark batches, counts), the exam's
// audit events in chain order, its marks (current and replaced) in entry order, and a trailer with
// the SHA-256 of every byte before it.
//
// Thread safety: plain values; a reader or writer is used by one thread at a time.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/diagnostic.h"

namespace skillscore {

struct JsonNode;  // json_value.h

// The first member of a bundle's head.
inline constexpr char kBundleFormat[] = "skillscore-exam-bundle/1";

// The exam's record and the rubric version it is bound to, as imported (YAML text and hash).
struct BundleExam {
  std::string id, date, site, chief, created_at, timezone;
  std::string rubric_code, rubric_version, rubric_sha256, rubric_title, rubric_yaml;
  friend bool operator==(const BundleExam&, const BundleExam&) = default;
};

// A candidate (attribute: status name) or judge (attribute: role name), in order of registration.
// A judge's marking groups as stored ("B1 B2", marking_groups.h); empty for a candidate, and for a
// judge in no group — then the bundle has no such member, as bundles made before groups.
struct BundlePerson {
  std::string code, name, organization, attribute;
  std::string subcriteria = {};
  friend bool operator==(const BundlePerson&, const BundlePerson&) = default;
};

struct BundleLock {
  std::string subcriterion, locked_by, locked_at;
  friend bool operator==(const BundleLock&, const BundleLock&) = default;
};

// A registered passport, in order of issue (a superseding one after the one it supersedes).
struct BundlePassport {
  std::string number, candidate, record, marks_sha256, rubric_sha256, issued_at;
  std::optional<std::string> supersedes, revoked_at, revoked_by, revoked_reason;
  friend bool operator==(const BundlePassport&, const BundlePassport&) = default;
};

// A judge's sign-in code as stored: its number and Argon2id hash, never the code (the exam's chain
// records their digest, so they travel with it; docs/bundles.md).
struct BundleCode {
  std::int64_t number = 0;
  std::string judge, hash, issued_at, issued_by;
  std::optional<std::string> revoked_at, revoked_by, revoked_reason;
  friend bool operator==(const BundleCode&, const BundleCode&) = default;
};

// One write of marks (a file, a single mark, a withdrawal): who, when, its entry numbers, counts.
struct BundleBatch {
  std::string actor, file, entered_at;
  std::int64_t first_entry = 0, rows = 0, added = 0, changed = 0, unchanged = 0;
  friend bool operator==(const BundleBatch&, const BundleBatch&) = default;
};

struct BundleHead {
  BundleExam exam;
  std::vector<BundlePerson> candidates, judges;
  std::vector<BundleLock> locks;
  std::vector<BundlePassport> passports;
  std::vector<BundleCode> codes;
  bool pin_required = false;
  std::vector<BundleBatch> batches;
  // The exam's chain as the bundle carries it: its number of events and the last one's hash.
  std::int64_t events = 0;
  std::string chain_head;
  std::int64_t marks = 0;  // rows of marks that follow the events
  friend bool operator==(const BundleHead&, const BundleHead&) = default;
};

// An event of the exam's chain with its number and hashes (audit_chain.h's Event).
struct BundleEvent {
  std::int64_t id = 0;
  std::string at, actor, action, exam, subject, old_value, new_value, reason;
  std::optional<std::int64_t> first_entry, entries;
  std::string state, prev_hash, hash;
  friend bool operator==(const BundleEvent&, const BundleEvent&) = default;
};

// A stored mark: current (it counts, or is a withdrawal's tombstone) or replaced (the history).
struct BundleMark {
  std::int64_t entry = 0;
  std::string candidate, aspect, judge;
  bool judgement = false;             // a judgement score: its panel is the judge's own
  std::optional<std::int64_t> value;  // numerator; nullopt: not attempted
  std::int64_t den = 1;
  std::string note;
  bool withdrawn = false;
  bool current = false;
  friend bool operator==(const BundleMark&, const BundleMark&) = default;
};

// Where a store hands an exam's rows, in the order above.
class BundleSink {
 public:
  virtual ~BundleSink() = default;
  virtual void Head(const BundleHead& head) = 0;
  virtual void Event(const BundleEvent& event) = 0;
  virtual void Mark(const BundleMark& mark) = 0;
};

// Where a store takes an exam's rows from, after the head: events, then marks. nullopt at the end
// of each part; a Diagnostic (file:line:column) for a row that cannot be read.
class BundleSource {
 public:
  virtual ~BundleSource() = default;
  virtual const BundleHead& head() const = 0;
  virtual tl::expected<std::optional<BundleEvent>, Diagnostic> NextEvent() = 0;
  virtual tl::expected<std::optional<BundleMark>, Diagnostic> NextMark() = 0;
};

// Writes a bundle file: a line of JSON per part, then the trailer. Finish() must be called once
// everything is written; a stream failure is reported by the stream's state.
class BundleFileWriter : public BundleSink {
 public:
  explicit BundleFileWriter(std::ostream& out);
  ~BundleFileWriter() override;
  void Head(const BundleHead& head) override;
  void Event(const BundleEvent& event) override;
  void Mark(const BundleMark& mark) override;
  void Finish();

  struct Hash;  // SHA-256 over the bytes written (exam_bundle_file.cc)

 private:
  void Line(const std::string& json);
  std::ostream& out_;
  std::unique_ptr<Hash> hash_;
};

// Reads a bundle file. Open() checks the trailer's digest over the whole file first (one pass
// over its bytes), then reads the head; every fault names the file and its line (and column).
class BundleFileReader : public BundleSource {
 public:
  static tl::expected<std::unique_ptr<BundleFileReader>, Diagnostic> Open(const std::string& path,
                                                                          const std::string& name);
  // The same over a bundle held in memory (the fuzz target); `name` names it in messages.
  static tl::expected<std::unique_ptr<BundleFileReader>, Diagnostic> FromText(
      std::string text, const std::string& name);

  const BundleHead& head() const override { return head_; }
  tl::expected<std::optional<BundleEvent>, Diagnostic> NextEvent() override;
  tl::expected<std::optional<BundleMark>, Diagnostic> NextMark() override;

  ~BundleFileReader() override;

 private:
  struct Lines;
  BundleFileReader(std::unique_ptr<Lines> lines, std::string name);
  tl::expected<void, Diagnostic> ReadHead();
  // The object of the next line, {"event": {…}} or {"mark": {…}} as `key` says; `read` of the
  // `announced` records of that kind came before it.
  tl::expected<JsonNode, Diagnostic> NextRecord(const char* key, std::int64_t read,
                                                std::int64_t announced);

  std::unique_ptr<Lines> lines_;
  std::string name_;
  BundleHead head_;
  std::int64_t events_read_ = 0;
  std::int64_t marks_read_ = 0;
};

}  // namespace skillscore
