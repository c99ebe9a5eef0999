#include "skillscore/passport_register.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "skillscore/i18n.h"
#include "skillscore/json_value.h"

namespace skillscore {
namespace {

// Whether `fresh` says what `current` says, apart from what issuing adds.
bool SameContent(PassportRecord fresh, const PassportRecord& current) {
  fresh.number = current.number;
  fresh.issued_at = current.issued_at;
  fresh.supersedes = current.supersedes;
  return fresh == current;
}

// A candidate's passports so far: how many, and the last one.
struct CandidatePassports {
  int count = 0;
  const StoredPassport* last = nullptr;
};

std::map<std::string, CandidatePassports> ByCandidate(const std::vector<StoredPassport>& list) {
  std::map<std::string, CandidatePassports> by_candidate;
  for (const StoredPassport& passport : list) {
    CandidatePassports& entry = by_candidate[passport.candidate];
    ++entry.count;
    entry.last = &passport;
  }
  return by_candidate;
}

bool InForce(const CandidatePassports& known) { return known.last && !known.last->revoked_at; }

}  // namespace

tl::expected<SignedPassport, Diagnostic> ParseStoredPassport(const StoredPassport& stored) {
  auto json = ParseStrictJson(stored.record_json, stored.number);
  if (!json) return tl::make_unexpected(json.error());
  const JsonNode* record = json->Find("record");
  const JsonNode* signature = json->Find("signature");
  const JsonNode* key_id = json->Find("public_key_id");
  if (record == nullptr || signature == nullptr || key_id == nullptr) {
    return tl::make_unexpected(
        Diagnostic{.file = stored.number, .message = Tr("not a signed passport record")});
  }
  auto parsed = PassportFromJson(*record);
  if (!parsed) {
    return tl::make_unexpected(Diagnostic{.file = stored.number, .message = parsed.error()});
  }
  return SignedPassport{std::move(*parsed), signature->string, key_id->string};
}

tl::expected<std::vector<PlannedPassport>, std::string> PlanPassports(
    const PassportPlanRequest& request) {
  std::map<std::string, CandidatePassports> by_candidate = ByCandidate(request.registered);
  std::vector<PlannedPassport> plan;
  for (const CandidateResult& candidate : request.result.candidates) {
    if (candidate.candidate.status != CandidateStatus::kPresent) continue;
    const std::string& id = candidate.candidate.id;
    CandidatePassports& known = by_candidate[id];
    if (request.scope == PassportPlanScope::kReplacementsOnly && !InForce(known)) continue;
    auto sheet = std::find_if(request.sheets.begin(), request.sheets.end(),
                              [&](const CandidateSheet& s) { return s.candidate.id == id; });
    std::optional<std::string> supersedes;
    if (InForce(known)) supersedes = known.last->number;
    IssueDetails issue{fmt::format("{}-{}-{}", request.exam.id, id, known.count + 1), request.now,
                       request.key.issuer(), supersedes};
    auto record = BuildPassportRecord(request.rubric, request.exam, candidate, *sheet, issue);
    if (!record) return tl::make_unexpected(record.error());
    if (known.last) {
      auto last = ParseStoredPassport(*known.last);
      if (last && SameContent(*record, last->record)) continue;
    }
    plan.push_back(
        {StoredPassport{.number = record->number,
                        .exam = request.exam.id,
                        .candidate = id,
                        .record_json = SignedPassportJson(SignPassport(*record, request.key)),
                        .marks_sha256 = record->marks_sha256,
                        .rubric_sha256 = record->rubric.sha256,
                        .issued_at = request.now,
                        .supersedes = supersedes},
         record->candidate.name});
  }
  return plan;
}

}  // namespace skillscore
