// The audit chain's canonical encoding and digests (audit_chain.h).
#include "skillscore/audit_chain.h"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

#include "skillscore/sha256.h"

namespace skillscore::audit {

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
  digest.Add("skillscore-audit/1").Add(event.id).Add(event.at).Add(event.actor);
  digest.Add(event.action).Add(event.exam).Add(event.subject);
  digest.Add(event.old_value).Add(event.new_value).Add(event.reason);
  digest.Add(event.first_entry).Add(event.entries).Add(event.state).Add(event.prev_hash);
  return digest.Hex();
}

void AddMark(Digest& digest, const StoredMark& mark) {
  digest.Add(mark.entry).Add(mark.candidate).Add(mark.aspect).Add(mark.panel).Add(mark.judge);
  if (mark.value) {
    digest.Add(*mark.value);
  } else {
    digest.Add("na");
  }
  digest.Add(mark.den).Add(mark.note);
}

}  // namespace skillscore::audit
