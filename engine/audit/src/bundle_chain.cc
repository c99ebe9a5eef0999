// The checks every store makes of an exam bundle (bundle_chain.h).
#include "skillscore/bundle_chain.h"

#include "skillscore/audit_chain.h"

namespace skillscore::audit {

namespace {

using Code = StoreError::Code;

std::string Text(std::int64_t number) { return std::to_string(number); }

}  // namespace

std::optional<StoreError> BundleChainCheck::Next(const BundleEvent& bundled) {
  Event event{.chain = ExamChain(head_.exam.id),
              .id = bundled.id,
              .at = bundled.at,
              .actor = bundled.actor,
              .action = bundled.action,
              .exam = bundled.exam,
              .subject = bundled.subject,
              .old_value = bundled.old_value,
              .new_value = bundled.new_value,
              .reason = bundled.reason,
              .first_entry = bundled.first_entry,
              .entries = bundled.entries,
              .state = bundled.state,
              .prev_hash = bundled.prev_hash,
              .hash = bundled.hash};
  ++count_;
  if (bundled.exam != head_.exam.id) {
    return StoreError::Of(Code::kChainEventOfOtherExam,
                          {Text(bundled.id), bundled.exam, head_.exam.id});
  }
  if (bundled.id != count_) {
    return StoreError::Of(Code::kChainEventOutOfPlace,
                          {Text(bundled.id), Text(count_), head_.exam.id});
  }
  if (bundled.prev_hash != previous_) {
    return StoreError::Of(Code::kChainEventNotFollowing, {Text(bundled.id)});
  }
  if (EventHash(event) != bundled.hash) {
    return StoreError::Of(Code::kChainEventChanged, {Text(bundled.id)});
  }
  previous_ = bundled.hash;
  return std::nullopt;
}

std::optional<StoreError> BundleChainCheck::End() const {
  if (count_ != head_.events || previous_ != head_.chain_head) {
    return StoreError::Of(Code::kChainEndMismatch,
                          {head_.exam.id, Text(head_.events), head_.chain_head});
  }
  return std::nullopt;
}

StoreError RetiredAspectRefusal(std::string_view exam, std::int64_t entry) {
  return StoreError::Of(Code::kBundleRetiredAspect, {std::string(exam), Text(entry)});
}

StoreError UnknownPersonRefusal(std::string_view exam, std::string_view person,
                                std::int64_t entry) {
  return StoreError::Of(Code::kBundleUnknownPerson,
                        {std::string(exam), std::string(person), Text(entry)});
}

StoreError UnknownAspectRefusal(std::string_view aspect, std::int64_t entry) {
  return StoreError::Of(Code::kBundleUnknownAspect, {std::string(aspect), Text(entry)});
}

StoreError TrailRefusal(std::string_view exam, std::string_view problem) {
  return StoreError::Of(Code::kBundleDoesNotVerify, {std::string(exam), std::string(problem)});
}

StoreError UnreadableRefusal(const Diagnostic& fault) {
  return StoreError::Of(Code::kBundleUnreadable,
                        {fault.file, Text(fault.line), Text(fault.column), fault.message});
}

std::optional<StoreError> PeopleProblem(const BundleHead& head) {
  for (const BundlePerson& candidate : head.candidates) {
    const std::string& s = candidate.attribute;
    if (s != "present" && s != "absent" && s != "withdrawn" && s != "disqualified") {
      return StoreError::Of(Code::kBundleUnknownStatus, {candidate.code, s});
    }
  }
  for (const BundlePerson& judge : head.judges) {
    if (judge.attribute != "expert" && judge.attribute != "chief") {
      return StoreError::Of(Code::kBundleUnknownRole, {judge.code, judge.attribute});
    }
  }
  return std::nullopt;
}

}  // namespace skillscore::audit
