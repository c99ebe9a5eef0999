// The audit chain's canonical encoding and digests (audit_chain.h).
#include "skillscore/audit_chain.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

#include "skillscore/sha256.h"

namespace skillscore::audit {

std::string ExamChain(std::string_view exam) { return fmt::format("exam:{}", exam); }

std::string RubricChain(std::string_view rubric_code) {
  return fmt::format("rubric:{}", rubric_code);
}

std::string CountsText(const ImportCounts& counts) {
  return fmt::format("added {}, changed {}, unchanged {}", counts.added, counts.changed,
                     counts.unchanged);
}

namespace {

// Fields are gathered and hashed in pieces of this size.
constexpr std::size_t kDigestPiece = 1 << 16;
// The longest netstring header, a size and ':'.
constexpr std::size_t kHeaderSize = std::numeric_limits<std::size_t>::digits10 + 2;
// The longest decimal text of a number, with its sign.
constexpr std::size_t kNumberSize = std::numeric_limits<std::int64_t>::digits10 + 2;

}  // namespace

Digest::Digest() : context_(EVP_MD_CTX_new()), buffer_(std::make_unique<char[]>(kDigestPiece)) {
  if (context_ == nullptr || EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(context_);
    throw std::runtime_error("SHA-256 initialisation failed");
  }
}

Digest::~Digest() { EVP_MD_CTX_free(context_); }

Digest& Digest::Add(std::string_view field) {
  char* out = Room(kHeaderSize);
  out = std::to_chars(out, out + kHeaderSize, field.size()).ptr;
  *out++ = ':';
  used_ = static_cast<std::size_t>(out - buffer_.get());
  Append(field);
  *Room(1) = ',';
  ++used_;
  return *this;
}

// Written straight into the buffer, the digits copied as a block of fixed size (a few register
// moves; the bytes past the number are overwritten by the next field): a marks import adds eight
// numbers per mark, and formatting or copying each on its own was a tenth of the import's time.
Digest& Digest::Add(std::int64_t field) {
  char digits[kNumberSize] = {};
  const auto length =
      static_cast<std::size_t>(std::to_chars(digits, std::end(digits), field).ptr - digits);
  char* out = Room(kHeaderSize + kNumberSize + 1);
  out = std::to_chars(out, out + kHeaderSize, length).ptr;
  *out++ = ':';
  std::memcpy(out, digits, kNumberSize);
  out += length;
  *out++ = ',';
  used_ = static_cast<std::size_t>(out - buffer_.get());
  return *this;
}

char* Digest::Room(std::size_t size) {
  if (size > kDigestPiece - used_) {
    Update({buffer_.get(), used_});
    used_ = 0;
  }
  return buffer_.get() + used_;
}

void Digest::Append(std::string_view bytes) {
  if (bytes.size() > kDigestPiece - used_) {
    Update({buffer_.get(), used_});
    used_ = 0;
    if (bytes.size() > kDigestPiece) {
      Update(bytes);
      return;
    }
  }
  std::copy(bytes.begin(), bytes.end(), buffer_.get() + used_);
  used_ += bytes.size();
}

Digest& Digest::Add(const std::optional<std::int64_t>& field) {
  return field ? Add(*field) : Add(std::string_view());
}

std::string Digest::Hex() {
  Update({buffer_.get(), used_});
  used_ = 0;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_, digest, &length) != 1) {
    throw std::runtime_error("SHA-256 computation failed");
  }
  return LowercaseHex({digest, length});
}

void Digest::Update(std::string_view bytes) {
  if (EVP_DigestUpdate(context_, bytes.data(), bytes.size()) != 1) {
    throw std::runtime_error("SHA-256 computation failed");
  }
}

std::string EventHash(const Event& event) {
  Digest digest;
  if (event.chain == kLegacyChain) {
    digest.Add("skillscore-audit/1").Add(event.id);
  } else {
    digest.Add("skillscore-audit/2").Add(event.chain).Add(event.id);
  }
  digest.Add(event.at).Add(event.actor);
  digest.Add(event.action).Add(event.exam).Add(event.subject);
  digest.Add(event.old_value).Add(event.new_value).Add(event.reason);
  digest.Add(event.first_entry).Add(event.entries).Add(event.state).Add(event.prev_hash);
  return digest.Hex();
}

void AddMark(Digest& digest, const MarkRecord& mark) {
  digest.Add(mark.entry).Add(mark.candidate).Add(mark.aspect).Add(mark.panel).Add(mark.judge);
  if (mark.withdrawn) {
    digest.Add("withdrawn").Add(mark.note);
    return;
  }
  if (mark.value) {
    digest.Add(*mark.value);
  } else {
    digest.Add("na");
  }
  digest.Add(mark.den).Add(mark.note);
}

std::string PeopleDigest(std::vector<PersonRecord> people) {
  std::sort(people.begin(), people.end(),
            [](const PersonRecord& a, const PersonRecord& b) { return a.code < b.code; });
  Digest digest;
  for (const PersonRecord& person : people) {
    digest.Add(person.code).Add(person.name).Add(person.organization).Add(person.attribute);
  }
  return digest.Hex();
}

std::string JudgesDigest(std::vector<PersonRecord> judges) {
  std::sort(judges.begin(), judges.end(),
            [](const PersonRecord& a, const PersonRecord& b) { return a.code < b.code; });
  Digest groups;
  bool grouped = false;
  for (const PersonRecord& judge : judges) {
    if (judge.subcriteria.empty()) continue;
    groups.Add(judge.code).Add(judge.subcriteria);
    grouped = true;
  }
  if (!grouped) return PeopleDigest(std::move(judges));
  Digest digest;
  digest.Add(PeopleDigest(std::move(judges))).Add("marking groups").Add(groups.Hex());
  return digest.Hex();
}

// The encodings below are those the SQLite store used before schema 6, which named no row id, so
// that the events that recorded them keep verifying.

std::string LocksDigest(std::vector<SubcriterionLock> locks) {
  std::sort(locks.begin(), locks.end(), [](const SubcriterionLock& a, const SubcriterionLock& b) {
    return a.subcriterion < b.subcriterion;
  });
  Digest digest;
  for (const SubcriterionLock& lock : locks) {
    digest.Add(lock.subcriterion).Add(lock.locked_by).Add(lock.locked_at);
  }
  return digest.Hex();
}

std::string ExamDigest(const ExamInfo& exam) {
  Digest digest;
  digest.Add(exam.id).Add(exam.rubric.code).Add(exam.rubric.version).Add(exam.date);
  digest.Add(exam.site).Add(exam.chief).Add(exam.created_at);
  // The zone is recorded only when the exam has one, so that the events of exams created before
  // zones were kept keep their digests.
  if (!exam.timezone.empty()) digest.Add("timezone").Add(exam.timezone);
  return digest.Hex();
}

std::string PassportsDigest(std::vector<StoredPassport> passports) {
  std::sort(passports.begin(), passports.end(),
            [](const StoredPassport& a, const StoredPassport& b) { return a.number < b.number; });
  Digest digest;
  for (const StoredPassport& passport : passports) {
    digest.Add(passport.number).Add(passport.candidate).Add(passport.record_json);
    digest.Add(passport.marks_sha256).Add(passport.rubric_sha256).Add(passport.issued_at);
    digest.Add(passport.supersedes.value_or("")).Add(passport.revoked_at.value_or(""));
    digest.Add(passport.revoked_by.value_or("")).Add(passport.revoked_reason.value_or(""));
  }
  return digest.Hex();
}

std::string RubricDigest(const RubricRecord& rubric) {
  Digest digest;
  digest.Add("rubric/2").Add(rubric.code).Add(rubric.version).Add(rubric.sha256);
  digest.Add(rubric.title).Add(rubric.yaml).Add(rubric.imported_at);
  std::vector<const RubricRecord::Aspect*> aspects;
  for (const auto& aspect : rubric.aspects) aspects.push_back(&aspect);
  std::sort(aspects.begin(), aspects.end(),
            [](const auto* a, const auto* b) { return a->ordinal < b->ordinal; });
  for (const auto* aspect : aspects) {
    digest.Add(aspect->ordinal).Add(aspect->id).Add(aspect->subcriterion);
    digest.Add(std::int64_t{aspect->judgement ? 1 : 0});
  }
  return digest.Hex();
}

void AddLegacyMark(Digest& digest, const StoredMark& mark) {
  digest.Add(mark.entry).Add(mark.candidate).Add(mark.aspect).Add(mark.panel).Add(mark.judge);
  if (mark.value) {
    digest.Add(*mark.value);
  } else {
    digest.Add("na");
  }
  digest.Add(mark.den).Add(mark.note);
}

}  // namespace skillscore::audit
