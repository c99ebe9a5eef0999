// The audit chain (scoring.md §6), without any database: the actions, the canonical encoding of an
// event and of a stored mark, the SHA-256 digests over them, and the hash that chains each event to
// the one before. A store keeps the events and the rows; whichever store it is, the same events and
// rows give the same bytes and so the same hashes, because every store hashes through this module.
//
// Each field is written as a netstring ("5:hello,") so that no two different sequences of fields
// give the same bytes; numbers are written in decimal.
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

#include "skillscore/store.h"

namespace skillscore::audit {

// The hash the first event follows.
inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Actions as stored (and shown by `history`).
inline constexpr char kRubricImport[] = "rubric import";
inline constexpr char kExamCreate[] = "exam create";
inline constexpr char kCandidatesImport[] = "candidates import";
inline constexpr char kJudgesImport[] = "judges import";
inline constexpr char kMarksImport[] = "marks import";  // marks from a file
inline constexpr char kMark[] = "mark";                 // one mark
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
// One person's record changed by an import: the person in the subject, the field and its old and
// new value in old_value and new_value ("organization: College 3").
inline constexpr char kJudgeChange[] = "judge change";
inline constexpr char kCandidateChange[] = "candidate change";

// The reason of events written for data that existed before the audit log (schema upgrade).
inline constexpr char kAdoptedReason[] = "recorded before the audit log existed";

struct Event {
  std::int64_t id = 0;  // set by Append
  std::string at = {};  // UTC
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

// The hash an event must carry: of its content and prev_hash.
std::string EventHash(const Event& event);

// One mark row as stored in marks or mark_history.
struct StoredMark {
  std::int64_t entry = 0;
  std::int64_t candidate = 0;
  std::int64_t aspect = 0;  // the aspect's slot (sqlite_slots.h)
  std::int64_t panel = 0;
  std::int64_t judge = 0;
  std::optional<std::int64_t> value;  // nullopt: not attempted
  std::int64_t den = 1;
  std::string note;

  auto Tuple() const { return std::tie(entry, candidate, aspect, panel, judge, value, den, note); }
};

// Adds a mark to the digest of its marks event. Marks are added in entry order.
void AddMark(Digest& digest, const StoredMark& mark);

}  // namespace skillscore::audit
