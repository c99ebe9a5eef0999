// The audit event of a chief expert's action on an exam (a lock, a status, passports), the same
// in every store.
//
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <string>

#include "skillscore/audit_chain.h"
#include "skillscore/exam_roster.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// The time of a write ("2026-04-12T09:30:00Z"), asked when it is recorded.
using Clock = std::function<std::string()>;

struct EventValues {
  std::string old_value;
  std::string new_value;
};

// `what` (audit::kLock, …) done by `action`'s actor at `at`, for `action`'s reason; `state` is
// the digest of what it changed (audit_chain.h).
audit::Event ChiefEvent(const ExamRow& exam, const char* what, const std::string& subject,
                        const EventValues& values, const ChiefAction& action, const std::string& at,
                        const std::string& state);

}  // namespace skillscore::store_common
