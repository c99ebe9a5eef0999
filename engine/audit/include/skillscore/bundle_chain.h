// What every store checks of an exam bundle (exam_bundle.h) as it writes one, so that the rules and
// their refusals (store_error.h; worded at the edge) are written once: the exam's events must form
// its chain as they arrive (numbered 1, 2, 3…, each following the one before, each hash matching
// its content), and the rows must fit the store's tables. The state digests are then checked by the
// store's own VerifyAudit.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skillscore/diagnostic.h"
#include "skillscore/exam_bundle.h"
#include "skillscore/store.h"

namespace skillscore::audit {

class BundleChainCheck {
 public:
  explicit BundleChainCheck(const BundleHead& head) : head_(head) {}
  // Why `event`, the next of the bundle, does not continue the exam's chain; nullopt when it does.
  std::optional<StoreError> Next(const BundleEvent& event);
  // Why the chain read does not end as the head announces.
  std::optional<StoreError> End() const;

 private:
  const BundleHead& head_;
  std::int64_t count_ = 0;
  std::string previous_ = "0000000000000000000000000000000000000000000000000000000000000000";
};

// Refusals the stores share, with the parameters their codes list.
StoreError RetiredAspectRefusal(std::string_view exam, std::int64_t entry);
StoreError UnknownPersonRefusal(std::string_view exam, std::string_view person, std::int64_t entry);
StoreError UnknownAspectRefusal(std::string_view aspect, std::int64_t entry);
StoreError TrailRefusal(std::string_view exam, std::string_view problem);
// A line of the bundle that cannot be read.
StoreError UnreadableRefusal(const Diagnostic& fault);
// A status or role the tables do not know; nullopt when every person's is known.
std::optional<StoreError> PeopleProblem(const BundleHead& head);

}  // namespace skillscore::audit
