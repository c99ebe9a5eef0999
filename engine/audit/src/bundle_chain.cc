// The checks every store makes of an exam bundle (bundle_chain.h).
#include "skillscore/bundle_chain.h"

#include "skillscore/audit_chain.h"
#include "skillscore/i18n.h"

namespace skillscore::audit {

std::optional<std::string> BundleChainCheck::Next(const BundleEvent& bundled) {
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
    return Tr("event {0} of the bundle belongs to exam {1}, not to {2}", bundled.id, bundled.exam,
              head_.exam.id);
  }
  if (bundled.id != count_) {
    return Tr("event {0} of the bundle is out of place: expected event {1} of exam {2}'s chain",
              bundled.id, count_, head_.exam.id);
  }
  if (bundled.prev_hash != previous_) {
    return Tr("event {0} of the bundle does not follow the event before it", bundled.id);
  }
  if (EventHash(event) != bundled.hash) {
    return Tr("event {0} of the bundle was changed: its hash does not match its content",
              bundled.id);
  }
  previous_ = bundled.hash;
  return std::nullopt;
}

std::optional<std::string> BundleChainCheck::End() const {
  if (count_ != head_.events || previous_ != head_.chain_head) {
    return Tr(
        "the bundle's chain of exam {0} does not end at the head it announces ({1} "
        "events, last hash {2})",
        head_.exam.id, head_.events, head_.chain_head);
  }
  return std::nullopt;
}

std::string LegacyChainRefusal(std::string_view exam) {
  return Tr(
      "exam {0} began before the audit log had one chain per exam (schema 6): its chain "
      "starts in this database's sealed log and cannot be moved to another store",
      exam);
}

std::string RetiredAspectRefusal(std::string_view exam, std::int64_t entry) {
  return Tr(
      "exam {0} has a mark (entry {1}) of an aspect its rubric version no longer has; a "
      "bundle carries one rubric version and cannot hold it",
      exam, entry);
}

std::string UnknownPersonRefusal(std::string_view exam, std::string_view person,
                                 std::int64_t entry) {
  return Tr("mark entry {0} names {1}, who is not registered for exam {2} in the bundle", entry,
            person, exam);
}

std::string UnknownAspectRefusal(std::string_view aspect, std::int64_t entry) {
  return Tr("mark entry {0} names aspect {1}, which the bundle's rubric does not have", entry,
            aspect);
}

std::string TrailRefusal(std::string_view exam, std::string_view problem) {
  return Tr("the bundle of exam {0} does not verify on arrival, so nothing was imported: {1}", exam,
            problem);
}

std::optional<std::string> PeopleProblem(const BundleHead& head) {
  for (const BundlePerson& candidate : head.candidates) {
    const std::string& s = candidate.attribute;
    if (s != "present" && s != "absent" && s != "withdrawn" && s != "disqualified") {
      return Tr("candidate {0} has an unknown status '{1}'", candidate.code, s);
    }
  }
  for (const BundlePerson& judge : head.judges) {
    if (judge.attribute != "expert" && judge.attribute != "chief") {
      return Tr("judge {0} has an unknown role '{1}'", judge.code, judge.attribute);
    }
  }
  return std::nullopt;
}

}  // namespace skillscore::audit
