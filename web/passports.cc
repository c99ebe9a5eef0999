#include "passports.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

#include "skillscore/diagnostic.h"
#include "skillscore/i18n.h"
#include "skillscore/identifier.h"
#include "skillscore/json_writer.h"

namespace skillscore::web {
namespace {

void StringMember(JsonWriter& json, std::string_view key, std::string_view value) {
  json.Key(key);
  json.String(value);
}

void OptionalMember(JsonWriter& json, std::string_view key, const std::optional<std::string>& v) {
  json.Key(key);
  if (v) {
    json.String(*v);
  } else {
    json.Null();
  }
}

// The number of the passport that names `number` as the one it supersedes.
std::optional<std::string> SuccessorOf(const std::vector<StoredPassport>& passports,
                                       const std::string& number) {
  for (const StoredPassport& passport : passports) {
    if (passport.supersedes == number) return passport.number;
  }
  return std::nullopt;
}

void PassportMembers(JsonWriter& json, const StoredPassport& passport,
                     const std::vector<StoredPassport>& passports) {
  std::optional<std::string> successor = SuccessorOf(passports, passport.number);
  StringMember(json, "number", passport.number);
  StringMember(json, "candidate", passport.candidate);
  StringMember(json, "issued_at", passport.issued_at);
  StringMember(json, "state",
               successor             ? "superseded"
               : passport.revoked_at ? "revoked"
                                     : "in_force");
  OptionalMember(json, "supersedes", passport.supersedes);
  OptionalMember(json, "superseded_by", successor);
  OptionalMember(json, "revoked_at", passport.revoked_at);
  OptionalMember(json, "revoked_by", passport.revoked_by);
  OptionalMember(json, "revoked_reason", passport.revoked_reason);
}

const PlannedPassport* PlannedFor(const std::optional<std::vector<PlannedPassport>>& planned,
                                  const std::string& candidate) {
  if (!planned) return nullptr;
  auto found = std::find_if(planned->begin(), planned->end(), [&](const PlannedPassport& p) {
    return p.passport.candidate == candidate;
  });
  return found == planned->end() ? nullptr : &*found;
}

// A candidate's state and, for "not_issuable", why.
std::pair<const char*, std::string> CandidateState(
    const Candidate& candidate, const std::vector<const StoredPassport*>& own, bool is_final,
    const std::optional<std::vector<PlannedPassport>>& planned) {
  const StoredPassport* last = own.empty() ? nullptr : own.back();
  bool in_force = last && !last->revoked_at;
  if (PlannedFor(planned, candidate.id)) return {"issuable", ""};
  if (in_force) return {"issued", ""};
  if (last) return {"revoked", ""};
  if (!is_final) return {"not_issuable", Tr("results are provisional")};
  if (candidate.status != CandidateStatus::kPresent) {
    return {"not_issuable", Tr("the candidate was not present")};
  }
  return {planned ? "not_issuable" : "issuable", ""};
}

}  // namespace

std::string IssuingUnavailable(const PassportIssuing& issuing) {
  return Tr(
      "passports cannot be issued here: the server has no signing key ({0}); start "
      "`skillscore serve` with --keys DIR, the directory of `skillscore keys init`",
      issuing.unavailable);
}

const StoredPassport* FindPassport(const std::vector<StoredPassport>& passports,
                                   std::string_view number) {
  auto found =
      std::find_if(passports.begin(), passports.end(),
                   [&](const StoredPassport& passport) { return passport.number == number; });
  return found == passports.end() ? nullptr : &*found;
}

bool Superseded(const std::vector<StoredPassport>& passports, const StoredPassport& passport) {
  return SuccessorOf(passports, passport.number).has_value();
}

std::string PassportsJson(const ExamResults& exam, const std::vector<StoredPassport>& passports,
                          const std::optional<std::vector<PlannedPassport>>& planned,
                          const PassportIssuing& issuing) {
  bool is_final = exam.finality.Final();
  JsonWriter json;
  json.BeginObject();
  StringMember(json, "exam", exam.data.exam.id);
  json.Key("final");
  json.Bool(is_final);
  json.Key("issuing");
  json.BeginObject(JsonWriter::Layout::kInline);
  json.Key("available");
  json.Bool(issuing.key.has_value());
  OptionalMember(json, "issuer",
                 issuing.key ? std::optional<std::string>(issuing.key->issuer()) : std::nullopt);
  OptionalMember(
      json, "reason",
      issuing.key ? std::nullopt : std::optional<std::string>(IssuingUnavailable(issuing)));
  json.EndObject();
  json.Key("candidates");
  json.BeginArray();
  for (const Candidate& candidate : exam.data.candidates) {
    std::vector<const StoredPassport*> own;
    for (const StoredPassport& passport : passports) {
      if (passport.candidate == candidate.id) own.push_back(&passport);
    }
    auto [state, why] = CandidateState(candidate, own, is_final, planned);
    json.BeginObject();
    StringMember(json, "id", candidate.id);
    StringMember(json, "name", candidate.name);
    StringMember(json, "organization", candidate.organization);
    StringMember(json, "status", CandidateStatusName(candidate.status));
    StringMember(json, "state", state);
    OptionalMember(json, "why", why.empty() ? std::nullopt : std::optional<std::string>(why));
    const PlannedPassport* next = PlannedFor(planned, candidate.id);
    OptionalMember(json, "replaces", next ? next->passport.supersedes : std::nullopt);
    json.Key("passports");
    json.BeginArray();
    for (const StoredPassport* passport : own) {
      json.BeginObject(JsonWriter::Layout::kInline);
      PassportMembers(json, *passport, passports);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.text() + "\n";
}

std::string IssuedJson(std::string_view exam, const std::vector<PlannedPassport>& plan) {
  JsonWriter json;
  json.BeginObject();
  json.Key("issued");
  json.BeginArray();
  for (const PlannedPassport& planned : plan) {
    json.BeginObject(JsonWriter::Layout::kInline);
    StringMember(json, "number", planned.passport.number);
    StringMember(json, "candidate", planned.passport.candidate);
    StringMember(json, "name", planned.candidate_name);
    OptionalMember(json, "supersedes", planned.passport.supersedes);
    json.EndObject();
  }
  json.EndArray();
  json.Key("messages");
  json.BeginArray();
  for (const PlannedPassport& planned : plan) {
    const StoredPassport& passport = planned.passport;
    json.String(passport.supersedes
                    ? Tr("issued passport {0} for {1} ({2}), replacing {3}", passport.number,
                         planned.candidate_name, passport.candidate, *passport.supersedes)
                    : Tr("issued passport {0} for {1} ({2})", passport.number,
                         planned.candidate_name, passport.candidate));
  }
  if (plan.empty()) {
    json.String(Tr("the passports of exam {0} are up to date: nothing to issue", exam));
  }
  json.EndArray();
  json.EndObject();
  return json.text() + "\n";
}

std::string RevokedJson(const StoredPassport& passport) {
  JsonWriter json;
  json.BeginObject();
  PassportMembers(json, passport, {});
  StringMember(
      json, "message",
      Tr("revoked passport {0} at {1}", passport.number, passport.revoked_at.value_or("")));
  json.EndObject();
  return json.text() + "\n";
}

tl::expected<std::string, std::string> CertificatesZip(const std::vector<StoredPassport>& passports,
                                                       const CertificateOptions& options) {
  std::vector<ArchiveFile> files;
  std::set<std::string> names;  // two numbers may give one safe name: never one file for both
  for (const StoredPassport& passport : passports) {
    if (passport.revoked_at || Superseded(passports, passport)) continue;
    std::string name = SafeFileName(passport.number);
    if (!names.insert(name).second) {
      return tl::make_unexpected(
          Tr("two passports would be written to the same file {0}: not exporting them",
             name + ".pdf"));
    }
    auto signed_passport = ParseStoredPassport(passport);
    if (!signed_passport) return tl::make_unexpected(FormatDiagnostic(signed_passport.error()));
    auto certificate = CertificatePdf(*signed_passport, options);
    if (!certificate) {
      return tl::make_unexpected(Tr("cannot draw the certificate of passport {0}: {1}",
                                    passport.number, certificate.error()));
    }
    files.push_back({name + ".pdf", std::move(*certificate)});
    files.push_back({name + ".json", passport.record_json});
  }
  return ZipArchive(files);
}

tl::expected<std::string, std::string> ZipArchive(const std::vector<ArchiveFile>& files) {
  zip_error_t error;
  zip_error_init(&error);
  auto failed = [&error](zip_error_t* cause) {
    std::string message = Tr("cannot make the ZIP archive: {0}", zip_error_strerror(cause));
    zip_error_fini(&error);
    return tl::make_unexpected(message);
  };
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> buffer(
      zip_source_buffer_create(nullptr, 0, 0, &error), &zip_source_free);
  if (!buffer) return failed(&error);
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) return failed(&error);
  zip_source_keep(buffer.get());  // the archive frees its source on close; the bytes stay here
  for (const ArchiveFile& file : files) {
    zip_source_t* source = zip_source_buffer(archive, file.bytes.data(), file.bytes.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, file.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      if (source != nullptr) zip_source_free(source);
      zip_error_set(&error, zip_error_code_zip(zip_get_error(archive)), 0);
      zip_discard(archive);
      return failed(&error);
    }
  }
  if (zip_close(archive) < 0) {
    zip_error_set(&error, zip_error_code_zip(zip_get_error(archive)), 0);
    zip_discard(archive);
    return failed(&error);
  }
  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) < 0 || zip_source_open(buffer.get()) < 0) {
    return failed(zip_source_error(buffer.get()));
  }
  std::string bytes(stat.size, '\0');
  zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return failed(zip_source_error(buffer.get()));
  }
  zip_error_fini(&error);
  return bytes;
}

}  // namespace skillscore::web
