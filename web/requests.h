// The bodies of the web API's requests (docs/openapi.yaml), parsed from JSON into plain structs
// before anything else looks at them. This is the layer that reads what a browser (or anyone on
// the network) sends, so it is strict and total: any byte string gives a request or a message,
// never a crash (fuzz/web_request_fuzzer.cc). Unknown members are refused, so that a misspelt
// field is an error rather than a silently missing value. Only the shape is checked here; the
// exam's rules (which values an aspect takes, who may write) stay in the exam service.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/i18n.h"

namespace skillscore::web {

// A malformed body: the message says which member is wrong and how (current language).
template <typename T>
using Parsed = tl::expected<T, std::string>;

struct JudgeSignInRequest {
  std::string exam;
  std::string judge;
  std::string code;
  std::optional<Language> language;
};

struct AdminSignInRequest {
  std::string name;
  std::string secret;
  std::optional<Language> language;
};

struct MarkWriteRequest {
  std::string client_id;  // 1–64 of [A-Za-z0-9_-]
  std::string candidate;
  std::string aspect;
  std::string value;
  std::optional<std::string> judge;  // a chief expert transcribing another judge's score
  std::string reason;
};

struct LockWriteRequest {
  std::vector<std::string> subcriteria;
  bool all_complete = false;
};

struct ReasonRequest {
  std::string reason;
};

// A chief expert takes a mark back: a judgement score names its judge; a measurement need not.
struct WithdrawalRequest {
  std::string candidate;
  std::string aspect;
  std::string judge;
  std::string reason;
};

struct CandidateStatusRequest {
  CandidateStatus status = CandidateStatus::kPresent;
  std::string reason;
};

Parsed<JudgeSignInRequest> ParseJudgeSignIn(std::string_view body);
Parsed<AdminSignInRequest> ParseAdminSignIn(std::string_view body);
Parsed<MarkWriteRequest> ParseMarkWrite(std::string_view body);
Parsed<LockWriteRequest> ParseLockWrite(std::string_view body);
Parsed<ReasonRequest> ParseReason(std::string_view body);
Parsed<CandidateStatusRequest> ParseCandidateStatus(std::string_view body);
Parsed<WithdrawalRequest> ParseWithdrawal(std::string_view body);

}  // namespace skillscore::web
