// Judges' sign-in codes and administrators (credentials.h).
#include "skillscore/credentials.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include "service_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/identifier.h"

namespace skillscore {
namespace {

using service::Error;

ServiceError Unauthenticated(std::string_view exam) {
  return Error(ServiceError::Code::kUnauthenticated,
               Tr("the judge id or the code is not right for exam {0}", exam));
}

ServiceError AdminUnauthenticated() {
  return Error(ServiceError::Code::kUnauthenticated,
               Tr("the administrator's name or secret is not right"));
}

// "7KQ4-M2XP": kCodeSymbols symbols of kCodeAlphabet, each from 5 random bits (32 symbols: no
// bias), with a dash in the middle to read it in two halves.
std::string NewCode() {
  std::array<unsigned char, kCodeSymbols> random{};
  randombytes_buf(random.data(), random.size());
  std::string code;
  for (std::size_t i = 0; i < random.size(); ++i) {
    if (i == kCodeSymbols / 2) code.push_back('-');
    code.push_back(kCodeAlphabet[random[i] % kCodeAlphabet.size()]);
  }
  sodium_memzero(random.data(), random.size());
  return code;
}

bool Verifies(const std::string& hash, std::string_view secret) {
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

}  // namespace

std::string NormalizedCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || std::isspace(static_cast<unsigned char>(c))) continue;
    char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == 'O') upper = '0';
    if (upper == 'I' || upper == 'L') upper = '1';
    code.push_back(upper);
  }
  return code;
}

Actor JudgeActor(const AuthenticatedJudge& judge) {
  return Actor{.id = judge.judge, .administrator = false, .authenticated = true};
}

Actor AdminActor(const AuthenticatedAdmin& admin) {
  return Actor{.id = admin.name, .administrator = true, .authenticated = true};
}

std::optional<ServiceError> service::PinRefusal(ExamStore& store, const Actor& actor,
                                                std::string_view exam) {
  if (actor.authenticated) return std::nullopt;
  auto required = store.PinRequired(exam);
  if (!required) return FromStore(required.error());
  if (!*required) return std::nullopt;
  auto codes = store.ListCodes(exam);
  if (!codes) return FromStore(codes.error());
  if (codes->empty()) return std::nullopt;  // no judge has a PIN yet
  return Error(ServiceError::Code::kUnauthenticated,
               Tr("exam {0} requires the acting judge's PIN for every change", exam));
}

Credentials::Credentials(ExamService& service, CredentialOptions options)
    : service_(service), options_(options) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string Credentials::Hash(std::string_view secret) const {
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), secret.data(), secret.size(), options_.ops_limit,
                        options_.mem_limit) != 0) {
    throw std::bad_alloc();  // the only way it fails: the memory the hash needs is not there
  }
  return hash.data();
}

ServiceResult<ExamData> Credentials::LoadForCodes(const Actor& actor, std::string_view exam) {
  if (service::NoOneActing(actor)) {
    return tl::make_unexpected(service::NoActor(Tr("sign-in codes of exam {0}", exam)));
  }
  auto data = service_.store().LoadRoster(exam);
  if (!data) return tl::make_unexpected(FromStore(data.error()));
  if (!actor.administrator && !IsChiefExpert(*data, actor.id)) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kForbidden,
              Tr("only a chief expert of exam {0} or an administrator may manage its sign-in "
                 "codes and PINs; {1} is neither",
                 exam, actor.id)));
  }
  if (auto refusal = service::PinRefusal(service_.store(), actor, exam)) {
    return tl::make_unexpected(*refusal);
  }
  return std::move(*data);
}

ServiceResult<std::vector<IssuedCode>> Credentials::IssueCodes(
    const Actor& actor, std::string_view exam, std::span<const std::string> judges) {
  auto data = LoadForCodes(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  std::vector<std::string> names(judges.begin(), judges.end());
  if (names.empty()) {
    for (const Judge& judge : data->judges) names.push_back(judge.id);
  }
  if (names.empty()) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput,
              Tr("exam {0} has no judges: import them before issuing codes", exam)));
  }
  for (const std::string& name : names) {
    bool registered = std::any_of(data->judges.begin(), data->judges.end(),
                                  [&](const Judge& judge) { return judge.id == name; });
    if (!registered) {
      return tl::make_unexpected(Error(ServiceError::Code::kInvalidInput,
                                       Tr("{0} is not a judge of exam {1}", name, exam)));
    }
  }
  std::vector<IssuedCode> issued;
  std::vector<NewCredential> stored;
  for (const std::string& name : names) {
    issued.push_back({name, NewCode(), 0});
    stored.push_back({name, Hash(NormalizedCode(issued.back().code))});
  }
  auto numbers = service_.store().StoreCodes(exam, stored, {actor.id, ""});
  if (!numbers) return tl::make_unexpected(FromStore(numbers.error()));
  for (std::size_t i = 0; i < issued.size(); ++i) issued[i].credential = (*numbers)[i];
  return issued;
}

ServiceResult<void> Credentials::RevokeCode(const Actor& actor, std::string_view exam,
                                            std::string_view judge, const std::string& reason) {
  auto data = LoadForCodes(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  std::string why = service::TrimmedReason(reason);
  if (why.empty()) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kReasonRequired,
              Tr("a reason is required to revoke the sign-in code of {0}", judge)));
  }
  auto revoked = service_.store().RevokeCode(exam, judge, {actor.id, why});
  if (!revoked) return tl::make_unexpected(FromStore(revoked.error()));
  return {};
}

ServiceResult<AuthenticatedJudge> Credentials::AuthenticateJudge(std::string_view exam,
                                                                 std::string_view judge,
                                                                 std::string_view code) {
  auto current = service_.store().CurrentCode(exam, judge);
  if (!current && current.error().kind == StoreError::Kind::kStorage) {
    return tl::make_unexpected(FromStore(current.error()));
  }
  std::string typed = NormalizedCode(code);
  if (!current || !*current) {
    // As long as a right id with a wrong code: the time taken does not tell which was wrong.
    Verifies(DecoyHash(), typed);
    return tl::make_unexpected(Unauthenticated(exam));
  }
  if (!Verifies((*current)->hash, typed)) return tl::make_unexpected(Unauthenticated(exam));
  auto roster = service_.store().LoadRoster(exam);
  if (!roster) return tl::make_unexpected(FromStore(roster.error()));
  return AuthenticatedJudge{std::string(exam), std::string(judge), IsChiefExpert(*roster, judge),
                            (*current)->number};
}

ServiceResult<bool> Credentials::CredentialCurrent(std::string_view exam, std::string_view judge,
                                                   std::int64_t credential) {
  auto current = service_.store().CurrentCode(exam, judge);
  if (!current) {
    if (current.error().kind == StoreError::Kind::kNotFound) return false;
    return tl::make_unexpected(FromStore(current.error()));
  }
  return *current && (*current)->number == credential;
}

ServiceResult<void> Credentials::InitAdmin(std::string_view name, std::string_view secret) {
  return CreateAdmin(name, secret, std::string(name), true);
}

ServiceResult<void> Credentials::AddAdmin(const AuthenticatedAdmin& by, std::string_view name,
                                          std::string_view secret) {
  return CreateAdmin(name, secret, by.name, false);
}

ServiceResult<void> Credentials::CreateAdmin(std::string_view name, std::string_view secret,
                                             const std::string& by, bool first) {
  if (auto problem = IdentifierProblem(Tr("administrator's name"), name)) {
    return tl::make_unexpected(Error(ServiceError::Code::kInvalidInput, *problem));
  }
  if (secret.size() < kMinAdminSecret) {
    return tl::make_unexpected(
        Error(ServiceError::Code::kInvalidInput,
              Tr("an administrator's secret needs at least {0} characters", kMinAdminSecret)));
  }
  auto created = service_.store().CreateAdmin(
      StoredAdmin{.name = std::string(name), .hash = Hash(secret), .created_by = by}, first);
  if (!created) return tl::make_unexpected(FromStore(created.error()));
  return {};
}

ServiceResult<AuthenticatedAdmin> Credentials::AuthenticateAdmin(std::string_view name,
                                                                 std::string_view secret) {
  auto admin = service_.store().GetAdmin(name);
  if (!admin) return tl::make_unexpected(FromStore(admin.error()));
  if (!*admin) {
    Verifies(DecoyHash(), secret);
    return tl::make_unexpected(AdminUnauthenticated());
  }
  if (!Verifies((*admin)->hash, secret)) return tl::make_unexpected(AdminUnauthenticated());
  return AuthenticatedAdmin{std::string(name)};
}

ServiceResult<bool> Credentials::AdminsExist() {
  auto count = service_.store().CountAdmins();
  if (!count) return tl::make_unexpected(FromStore(count.error()));
  return *count > 0;
}

ServiceResult<bool> Credentials::PinNeeded(std::string_view exam) {
  if (auto refusal = service::PinRefusal(service_.store(), Actor{}, exam)) {
    if (refusal->code == ServiceError::Code::kUnauthenticated) return true;
    return tl::make_unexpected(*refusal);
  }
  return false;
}

ServiceResult<Change> Credentials::RequirePins(const Actor& actor, std::string_view exam,
                                               bool required) {
  auto data = LoadForCodes(actor, exam);
  if (!data) return tl::make_unexpected(data.error());
  auto change = service_.store().SetPinRequired(exam, required, {actor.id, ""});
  if (!change) return tl::make_unexpected(FromStore(change.error()));
  return *change;
}

const std::string& Credentials::DecoyHash() {
  if (decoy_hash_.empty()) decoy_hash_ = Hash("no such credential");
  return decoy_hash_;
}

}  // namespace skillscore
