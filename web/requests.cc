#include "requests.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "skillscore/diagnostic.h"
#include "skillscore/json_value.h"

namespace skillscore::web {
namespace {

constexpr std::size_t kMaxClientId = 64;

// The members of one request object, read once each, with a message for the first problem.
class Members {
 public:
  Members(const JsonNode& object) : object_(object) {}

  // A required string member.
  Parsed<std::string> Text(std::string_view key) const {
    const JsonNode* node = object_.Find(key);
    if (!node) return tl::make_unexpected(Tr("request body: member \"{0}\" is missing", key));
    return TextOf(key, *node);
  }
  // An optional string member ("" when absent).
  Parsed<std::string> OptionalText(std::string_view key) const {
    const JsonNode* node = object_.Find(key);
    if (!node || node->type == JsonNode::Type::kNull) return std::string();
    return TextOf(key, *node);
  }
  bool Has(std::string_view key) const {
    const JsonNode* node = object_.Find(key);
    return node && node->type != JsonNode::Type::kNull;
  }
  const JsonNode* Find(std::string_view key) const { return object_.Find(key); }

  // A message naming the first member not in `known`, or nullopt.
  std::optional<std::string> Unknown(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : object_.members) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return Tr("request body: unknown member \"{0}\"", key);
      }
    }
    return std::nullopt;
  }

 private:
  static Parsed<std::string> TextOf(std::string_view key, const JsonNode& node) {
    if (node.type != JsonNode::Type::kString) {
      return tl::make_unexpected(Tr("request body: member \"{0}\" must be a string", key));
    }
    return node.string;
  }
  const JsonNode& object_;
};

// The body as a JSON object with only the `known` members.
Parsed<JsonNode> ObjectOf(std::string_view body, std::initializer_list<std::string_view> known) {
  auto node = ParseStrictJson(body, Tr("request body"));
  if (!node) return tl::make_unexpected(FormatDiagnostic(node.error()));
  if (node->type != JsonNode::Type::kObject) {
    return tl::make_unexpected(Tr("request body: expected a JSON object"));
  }
  if (auto unknown = Members(*node).Unknown(known)) return tl::make_unexpected(*unknown);
  return std::move(*node);
}

Parsed<std::optional<Language>> LanguageOf(const Members& members) {
  auto name = members.OptionalText("lang");
  if (!name) return tl::make_unexpected(name.error());
  if (name->empty()) return std::optional<Language>();
  if (*name == "en") return std::optional<Language>(Language::kEnglish);
  if (*name == "ru") return std::optional<Language>(Language::kRussian);
  return tl::make_unexpected(
      Tr("request body: \"lang\" must be \"en\" or \"ru\", not \"{0}\"", *name));
}

bool ValidClientId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxClientId &&
         std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

Parsed<JudgeSignInRequest> ParseJudgeSignIn(std::string_view body) {
  auto object = ObjectOf(body, {"exam", "judge", "code", "lang"});
  if (!object) return tl::make_unexpected(object.error());
  Members members(*object);
  JudgeSignInRequest request;
  for (auto [key, field] : {std::pair{"exam", &request.exam}, std::pair{"judge", &request.judge},
                            std::pair{"code", &request.code}}) {
    auto text = members.Text(key);
    if (!text) return tl::make_unexpected(text.error());
    *field = std::move(*text);
  }
  auto language = LanguageOf(members);
  if (!language) return tl::make_unexpected(language.error());
  request.language = *language;
  return request;
}

Parsed<AdminSignInRequest> ParseAdminSignIn(std::string_view body) {
  auto object = ObjectOf(body, {"name", "secret", "lang"});
  if (!object) return tl::make_unexpected(object.error());
  Members members(*object);
  AdminSignInRequest request;
  for (auto [key, field] :
       {std::pair{"name", &request.name}, std::pair{"secret", &request.secret}}) {
    auto text = members.Text(key);
    if (!text) return tl::make_unexpected(text.error());
    *field = std::move(*text);
  }
  auto language = LanguageOf(members);
  if (!language) return tl::make_unexpected(language.error());
  request.language = *language;
  return request;
}

Parsed<MarkWriteRequest> ParseMarkWrite(std::string_view body) {
  auto object = ObjectOf(body, {"client_id", "candidate", "aspect", "value", "judge", "reason"});
  if (!object) return tl::make_unexpected(object.error());
  Members members(*object);
  MarkWriteRequest request;
  for (auto [key, field] :
       {std::pair{"client_id", &request.client_id}, std::pair{"candidate", &request.candidate},
        std::pair{"aspect", &request.aspect}, std::pair{"value", &request.value}}) {
    auto text = members.Text(key);
    if (!text) return tl::make_unexpected(text.error());
    *field = std::move(*text);
  }
  if (!ValidClientId(request.client_id)) {
    return tl::make_unexpected(
        Tr("request body: \"client_id\" must be 1 to 64 letters, digits, '-' or '_'"));
  }
  if (members.Has("judge")) {
    auto judge = members.Text("judge");
    if (!judge) return tl::make_unexpected(judge.error());
    request.judge = std::move(*judge);
  }
  auto reason = members.OptionalText("reason");
  if (!reason) return tl::make_unexpected(reason.error());
  request.reason = std::move(*reason);
  return request;
}

Parsed<LockWriteRequest> ParseLockWrite(std::string_view body) {
  auto object = ObjectOf(body, {"subcriteria", "all_complete"});
  if (!object) return tl::make_unexpected(object.error());
  LockWriteRequest request;
  if (const JsonNode* all = object->Find("all_complete")) {
    if (all->type != JsonNode::Type::kBool) {
      return tl::make_unexpected(
          Tr("request body: member \"{0}\" must be true or false", "all_complete"));
    }
    request.all_complete = all->boolean;
  }
  if (const JsonNode* list = object->Find("subcriteria")) {
    if (list->type != JsonNode::Type::kArray) {
      return tl::make_unexpected(Tr("request body: \"subcriteria\" must be a list of ids"));
    }
    for (const JsonNode& item : list->items) {
      if (item.type != JsonNode::Type::kString) {
        return tl::make_unexpected(Tr("request body: \"subcriteria\" must be a list of ids"));
      }
      request.subcriteria.push_back(item.string);
    }
  }
  if (request.all_complete == !request.subcriteria.empty()) {
    return tl::make_unexpected(
        Tr("request body: give either \"subcriteria\" or \"all_complete\": true"));
  }
  return request;
}

Parsed<ReasonRequest> ParseReason(std::string_view body) {
  auto object = ObjectOf(body, {"reason"});
  if (!object) return tl::make_unexpected(object.error());
  auto reason = Members(*object).Text("reason");
  if (!reason) return tl::make_unexpected(reason.error());
  return ReasonRequest{std::move(*reason)};
}

Parsed<CandidateStatusRequest> ParseCandidateStatus(std::string_view body) {
  auto object = ObjectOf(body, {"status", "reason"});
  if (!object) return tl::make_unexpected(object.error());
  Members members(*object);
  auto status = members.Text("status");
  if (!status) return tl::make_unexpected(status.error());
  auto reason = members.OptionalText("reason");
  if (!reason) return tl::make_unexpected(reason.error());
  CandidateStatusRequest request{.status = CandidateStatus::kPresent, .reason = std::move(*reason)};
  for (CandidateStatus known : {CandidateStatus::kPresent, CandidateStatus::kAbsent,
                                CandidateStatus::kWithdrawn, CandidateStatus::kDisqualified}) {
    if (*status == CandidateStatusName(known)) {
      request.status = known;
      return request;
    }
  }
  return tl::make_unexpected(
      Tr("invalid status '{0}': expected present, absent, withdrawn or disqualified", *status));
}

Parsed<WithdrawalRequest> ParseWithdrawal(std::string_view body) {
  auto object = ObjectOf(body, {"candidate", "aspect", "judge", "reason"});
  if (!object) return tl::make_unexpected(object.error());
  Members members(*object);
  WithdrawalRequest request;
  for (auto [key, field] :
       {std::pair{"candidate", &request.candidate}, std::pair{"aspect", &request.aspect}}) {
    auto text = members.Text(key);
    if (!text) return tl::make_unexpected(text.error());
    *field = std::move(*text);
  }
  for (auto [key, field] :
       {std::pair{"judge", &request.judge}, std::pair{"reason", &request.reason}}) {
    auto text = members.OptionalText(key);
    if (!text) return tl::make_unexpected(text.error());
    *field = std::move(*text);
  }
  return request;
}

}  // namespace skillscore::web
