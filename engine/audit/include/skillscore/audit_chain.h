// The audit chain (scoring.md §6), without any database: the actions, the canonical encoding of an
// event, of a stored mark and of the state an event records, the SHA-256 digests over them, and
// the hash that chains each event to the one before. A store keeps the events and the rows; every
// store hashes through this module, so the same exam gives the same bytes and the same hashes
// whichever store holds it (SQLite, PostgreSQL, or one that imported the exam's bundle).
//
// Design (schema 6 of the SQLite store; a new store implements exactly this):
//   - Chains. Every exam has a chain of its own, named ExamChain(exam id); every rubric code has
//     one, RubricChain(code), holding the imports of its versions. An event's number (Event::id)
//     counts within its chain: 1, 2, 3… with no gaps; the first event follows kGenesisHash, each
//     later one the hash of the event before it in the same chain. So appends to one exam
//     serialize (a store locks the exam's chain head, e.g. SELECT … FOR UPDATE on its last event
//     or a row per chain), and different exams never wait for each other.
//   - Nothing hashed names a store's row id. Events carry the exam id, codes and texts; marks
//     are encoded by MarkRecord (entry number, candidate id, aspect id, panel, judge id, value,
//     note); people by PersonRecord, sorted by id; locks, passports and the exam row by the
//     *Digest functions below. Entry numbers are per exam: a marks event owns first_entry …
//     first_entry + entries − 1 of its exam, and a store gives an exam's next batch the number
//     after the last one of that exam's previous batch (1 for its first).
//   - Bytes. Each field is a netstring ("5:hello,"), so no two different sequences of fields give
//     the same bytes; numbers are decimal; texts are UTF-8 as stored; every list is sorted here,
//     by bytes (never by a database collation).
//   - The legacy chain (kLegacyChain, ""): SQLite databases of schema 2–5 kept one global chain
//     numbered by row, whose event and mark digests used SQLite row ids ("skillscore-audit/1",
//     AddLegacyMark). Migration 6 keeps those events as they are, verified by that rule, and
//     seals the chain: nothing is appended to it again, and each exam's own chain starts with a
//     kChainStart event whose old_value is the sealed chain's last hash. Such legacy events never
//     leave their SQLite file (a bundle carries the exam's own chain).
//
// Thread safety: a Digest is used by one thread at a time; the functions are pure.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "skillscore/store.h"

namespace skillscore::audit {

// The hash the first event follows.
inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The chain of events before schema 6 (see above); sealed.
inline constexpr char kLegacyChain[] = "";

// The chain of an exam's events, and of the imports of a rubric code's versions.
std::string ExamChain(std::string_view exam);
std::string RubricChain(std::string_view rubric_code);

// Actions as stored (and shown by `history`).
inline constexpr char kRubricImport[] = "rubric import";
inline constexpr char kExamCreate[] = "exam create";
inline constexpr char kCandidatesImport[] = "candidates import";
inline constexpr char kJudgesImport[] = "judges import";
inline constexpr char kMarksImport[] = "marks import";    // marks from a file
inline constexpr char kMark[] = "mark";                   // one mark
inline constexpr char kMarkWithdraw[] = "mark withdraw";  // a chief expert takes a mark back
inline constexpr char kLock[] = "lock";
inline constexpr char kUnlock[] = "unlock";
inline constexpr char kStatus[] = "status";
inline constexpr char kRubricRebind[] = "rubric rebind";  // rescore --apply (sqlite_scan.cc)
inline constexpr char kPassportIssue[] = "passport issue";
inline constexpr char kPassportRevoke[] = "passport revoke";
// Credentials (credentials.h): the judge in the subject, never the code or its hash.
inline constexpr char kCodeIssue[] = "code issue";
inline constexpr char kCodeRevoke[] = "code revoke";
inline constexpr char kPinRule[] = "pin rule";          // an exam requires PINs, or stops
inline constexpr char kAdminCreate[] = "admin create";  // of no exam: the name in the subject
// Administrators belong to no exam: their events form a chain of their own.
inline constexpr char kAdminChain[] = "administrators";
// One person's record changed by an import: the person in the subject, the field and its old and
// new value in old_value and new_value ("organization: College 3").
inline constexpr char kJudgeChange[] = "judge change";
inline constexpr char kCandidateChange[] = "candidate change";
// The first event of an exam's chain in a database upgraded from the legacy chain: old_value is
// the legacy chain's last hash, new_value its number of events.
inline constexpr char kChainStart[] = "chain start";
inline constexpr char kChainStartReason[] = "the audit log became one chain per exam (schema 6)";

// The reason of events written for data that existed before the audit log (schema upgrade).
inline constexpr char kAdoptedReason[] = "recorded before the audit log existed";

struct Event {
  std::string chain = {};  // ExamChain(exam) unless set (a rubric import: RubricChain(code))
  std::int64_t id = 0;     // the number within its chain; set by Append
  std::string at = {};     // UTC
  std::string actor = {};
  std::string action = {};
  std::string exam = {};     // exam id; empty for a rubric import
  std::string subject = {};  // rubric code@version, exam id, marks file, sub-criterion, candidate
  std::string old_value = {};
  std::string new_value = {};
  std::string reason = {};
  std::optional<std::int64_t> first_entry = {};  // marks events: the entry numbers they own,
  std::optional<std::int64_t> entries = {};      // first_entry … first_entry + entries − 1
  std::string state = {};                        // digest of the state the event produced
  std::string prev_hash = {};                    // set by Append
  std::string hash = {};                         // set by Append
  // Where the store appended it among all events (not hashed): orders problems and history.
  std::int64_t order = 0;
};

// "added 3, changed 1, unchanged 0": the new value of an import event.
std::string CountsText(const ImportCounts& counts);

// SHA-256 over a sequence of fields, each written as a netstring ("5:hello,") so that no two
// different sequences give the same bytes.
class Digest {
 public:
  Digest();
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  Digest& Add(std::string_view field);
  Digest& Add(std::int64_t field);
  Digest& Add(const std::optional<std::int64_t>& field);  // nullopt as an empty field
  // The lowercase hex digest; the object is finished afterwards.
  std::string Hex();

 private:
  void Update(std::string_view bytes);
  // Where `size` more bytes can be written, after hashing what is gathered when they would not
  // fit.
  char* Room(std::size_t size);
  // Gathers bytes to hash.
  void Append(std::string_view bytes);

  EVP_MD_CTX* context_;
  std::unique_ptr<char[]> buffer_;  // fields are gathered and hashed in large pieces
  std::size_t used_ = 0;
};

// The hash an event must carry: of its content and prev_hash ("skillscore-audit/2", with its
// chain; the legacy chain's events by the rule of schema 2–5).
std::string EventHash(const Event& event);

// One mark as the chain records it, by the exam's own identifiers.
struct MarkRecord {
  std::int64_t entry = 0;  // the exam's entry number
  std::string_view candidate;
  std::string_view aspect;  // the aspect id in the rubric ("A1.3")
  std::string_view panel;   // the judge id for a judgement score, empty for a measurement
  std::string_view judge;
  std::optional<std::int64_t> value;  // numerator; nullopt: not attempted
  std::int64_t den = 1;
  std::string_view note;   // a withdrawal's: its reason
  bool withdrawn = false;  // a tombstone: the mark no longer counts (its value is not encoded)
};

// Adds a mark to the digest of its marks event (a withdrawal is one: it owns the entry number of
// the tombstone it writes). Marks are added in entry order (marks with the same entry number,
// which only a direct edit makes, by their content).
void AddMark(Digest& digest, const MarkRecord& mark);

// A candidate (attribute: status) or judge (attribute: role) as the chain records them.
struct PersonRecord {
  std::string code;
  std::string name;
  std::string organization;
  std::string attribute;
  // A judge's marking groups as stored: sub-criterion ids in rubric order, separated by one
  // space (JoinSubcriteria, marking_groups.h); empty when in no group, and for a candidate.
  std::string subcriteria = {};
};
// The state of an exam's candidates; `people` is sorted here by code.
std::string PeopleDigest(std::vector<PersonRecord> people);
// The state of an exam's judges. Without marking groups (no judge lists a sub-criterion) it is
// PeopleDigest, so the chains of exams that use no groups keep the hashes they had. With groups it
// is the digest of three fields: PeopleDigest(judges), "marking groups", and the digest of each
// judge with a non-empty list, by code, as two fields: code, subcriteria. Three netstrings never
// read as a list of people (four fields each), so the two forms cannot be confused.
std::string JudgesDigest(std::vector<PersonRecord> judges);

// The state of an exam's locks; sorted here by sub-criterion.
std::string LocksDigest(std::vector<SubcriterionLock> locks);

// The exam's row: its id, rubric, date, site, chief, creation time, time zone.
std::string ExamDigest(const ExamInfo& exam);

// The state of an exam's passports; sorted here by number.
std::string PassportsDigest(std::vector<StoredPassport> passports);

// A rubric version: code, version, SHA-256, title, YAML, import time, and each aspect
// (ordinal, id, sub-criterion, judgement).
struct RubricRecord {
  std::string code, version, sha256, title, yaml, imported_at;
  struct Aspect {
    std::int64_t ordinal = 0;
    std::string id, subcriterion;
    bool judgement = false;
  };
  std::vector<Aspect> aspects;
};
std::string RubricDigest(const RubricRecord& rubric);

// One mark row as the SQLite store keeps it in marks or mark_history (row ids and the aspect's
// slot); only the legacy chain's digests use it.
struct StoredMark {
  std::int64_t entry = 0;
  std::int64_t candidate = 0;
  std::int64_t aspect = 0;  // the aspect's slot (sqlite_slots.h)
  std::int64_t panel = 0;
  std::int64_t judge = 0;
  std::optional<std::int64_t> value;  // nullopt: not attempted
  std::int64_t den = 1;
  std::string note;
  bool withdrawn = false;  // a tombstone (schema 6); never in the legacy chain

  auto Tuple() const {
    return std::tie(entry, candidate, aspect, panel, judge, value, den, note, withdrawn);
  }
};

// Adds a mark to the digest of a legacy marks event.
void AddLegacyMark(Digest& digest, const StoredMark& mark);

}  // namespace skillscore::audit
