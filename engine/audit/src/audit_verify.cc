// Verifying an audit log (audit_verify.h): the hash chains, then the state each event recorded
// against what the store reads now. Every problem is keyed by the event it concerns; the report
// names the first one in log order.
#include "skillscore/audit_verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>

#include "skillscore/i18n.h"

namespace skillscore::audit {
namespace {

constexpr std::int64_t kNoEvent = std::numeric_limits<std::int64_t>::max();

// Keeps the problem of the earliest event.
class Problems {
 public:
  void Add(std::int64_t event, std::string message) {
    if (!first_ || event < event_) {
      event_ = event;
      first_ = std::move(message);
    }
  }
  const std::optional<std::string>& first() const { return first_; }

 private:
  std::int64_t event_ = kNoEvent;
  std::optional<std::string> first_;
};

// "event 7 (lock A1, J2, 2026-04-12T10:00:00Z)"
std::string Describe(const Event& event) {
  std::string what = Tr(event.action.c_str());
  if (!event.subject.empty()) what += " " + event.subject;
  return Tr("event {0} ({1}, {2}, {3})", event.id, what, event.actor.empty() ? "-" : event.actor,
            event.at);
}

// One chain's events, in order.
void CheckChain(const std::vector<const Event*>& events, Problems& problems) {
  std::string previous = kGenesisHash;
  std::int64_t expected = 1;
  for (const Event* event : events) {
    if (event->id != expected) {
      problems.Add(event->order, Tr("audit log broken at {0}: {1} event(s) before it are missing "
                                    "(deleted)",
                                    Describe(*event), event->id - expected));
      return;
    }
    if (event->prev_hash != previous) {
      problems.Add(event->order,
                   Tr("audit log broken at {0}: it does not follow the event before it "
                      "(events were deleted, inserted or reordered)",
                      Describe(*event)));
      return;
    }
    if (EventHash(*event) != event->hash) {
      problems.Add(event->order, Tr("audit log broken at {0}: the event was changed after it was "
                                    "written (its hash does not match its content)",
                                    Describe(*event)));
      return;
    }
    previous = event->hash;
    expected = event->id + 1;
  }
}

// Every event, by chain (the legacy chain's name is "").
using Chains = std::map<std::string, std::vector<const Event*>>;

// Every event, by chain, each chain in the order of its numbers.
Chains ByChain(const std::vector<Event>& events) {
  Chains chains;
  for (const Event& event : events) chains[event.chain].push_back(&event);
  for (auto& chain : chains) {
    std::stable_sort(chain.second.begin(), chain.second.end(),
                     [](const Event* a, const Event* b) { return a->id < b->id; });
  }
  return chains;
}

// The chains in scope (those of one exam: its own, its rubric's and the legacy chain), and that
// each exam chain that starts from the legacy chain names its last hash.
void CheckChains(const Chains& chains, const std::optional<std::string>& exam,
                 const std::string& rubric_code, Problems& problems) {
  auto in_scope = [&](const std::string& name) {
    return !exam || name == kLegacyChain || name == ExamChain(*exam) ||
           name == RubricChain(rubric_code);
  };
  for (const auto& chain : chains) {
    if (in_scope(chain.first)) CheckChain(chain.second, problems);
  }
  auto legacy = chains.find(kLegacyChain);
  const std::string legacy_head =
      legacy != chains.end() ? legacy->second.back()->hash : std::string(kGenesisHash);
  for (const auto& chain : chains) {
    const Event* first = chain.second.front();
    if (in_scope(chain.first) && first->action == kChainStart && first->old_value != legacy_head) {
      problems.Add(first->order,
                   Tr("audit log broken at {0}: the log kept before schema 6 no longer ends "
                      "where this exam's chain began (its events were deleted or added)",
                      Describe(*first)));
    }
  }
}

// One hash over every chain's name, number of events and last hash.
std::string HeadOfAll(const Chains& chains) {
  Digest digest;
  for (const auto& chain : chains) {
    digest.Add(chain.first).Add(static_cast<std::int64_t>(chain.second.size()));
    digest.Add(chain.second.back()->hash);
  }
  return digest.Hex();
}

bool IsMarksEvent(const Event& event) {
  return event.action == kMark || event.action == kMarksImport || event.action == kMarkWithdraw;
}

// The part of the database whose state an event records (marks events record theirs by range).
enum class Scope {
  kRubric,
  kExam,
  kCandidates,
  kJudges,
  kLocks,
  kPassports,
  kCredentials,  // an exam's sign-in codes and PIN rule
  kAdmins,       // every administrator (one state for the whole database)
  kNone
};

Scope ScopeOf(const Event& event) {
  if (event.action == kRubricImport) return Scope::kRubric;
  if (event.action == kExamCreate || event.action == kRubricRebind) return Scope::kExam;
  if (event.action == kCandidatesImport || event.action == kStatus) return Scope::kCandidates;
  if (event.action == kJudgesImport) return Scope::kJudges;
  if (event.action == kLock || event.action == kUnlock) return Scope::kLocks;
  if (event.action == kPassportIssue || event.action == kPassportRevoke) return Scope::kPassports;
  if (event.action == kCodeIssue || event.action == kCodeRevoke || event.action == kPinRule) {
    return Scope::kCredentials;
  }
  if (event.action == kAdminCreate) return Scope::kAdmins;
  return Scope::kNone;
}

// The message for a state that differs from the last event recording it.
std::string Differs(Scope scope, const Event& event, const std::string& name) {
  std::string at = Describe(event);
  switch (scope) {
    case Scope::kRubric:
      return Tr(
          "audit log broken at {0}: rubric {1} no longer matches what it recorded; it was "
          "changed outside skillscore",
          at, name);
    case Scope::kExam:
      return Tr(
          "audit log broken at {0}: exam {1} no longer matches what it recorded; it was "
          "changed outside skillscore",
          at, name);
    case Scope::kCandidates:
      return Tr(
          "audit log broken at {0}: the candidates of exam {1} no longer match what it "
          "recorded; they were changed outside skillscore",
          at, name);
    case Scope::kJudges:
      return Tr(
          "audit log broken at {0}: the judges of exam {1} no longer match what it "
          "recorded; they were changed outside skillscore",
          at, name);
    case Scope::kLocks:
      return Tr(
          "audit log broken at {0}: the locks of exam {1} no longer match what it "
          "recorded; they were changed outside skillscore",
          at, name);
    case Scope::kPassports:
      return Tr(
          "audit log broken at {0}: the passports of exam {1} no longer match what it "
          "recorded; they were changed outside skillscore",
          at, name);
    case Scope::kCredentials:
      return Tr(
          "audit log broken at {0}: the sign-in codes of exam {1} no longer match what it "
          "recorded; they were changed outside skillscore",
          at, name);
    case Scope::kAdmins:
      return Tr(
          "audit log broken at {0}: the administrators no longer match what it recorded; they "
          "were changed outside skillscore",
          at);
    case Scope::kNone:
      break;
  }
  return {};
}

// The message for a state that no event records.
std::string Unrecorded(Scope scope, const std::string& name) {
  switch (scope) {
    case Scope::kRubric:
      return Tr("audit log broken: rubric {0} is in no event; it was written outside skillscore",
                name);
    case Scope::kExam:
      return Tr("audit log broken: exam {0} is in no event; it was written outside skillscore",
                name);
    case Scope::kCandidates:
      return Tr(
          "audit log broken: the candidates of exam {0} are in no event; they were written "
          "outside skillscore",
          name);
    case Scope::kJudges:
      return Tr(
          "audit log broken: the judges of exam {0} are in no event; they were written "
          "outside skillscore",
          name);
    case Scope::kLocks:
      return Tr(
          "audit log broken: the locks of exam {0} are in no event; they were written "
          "outside skillscore",
          name);
    case Scope::kPassports:
      return Tr(
          "audit log broken: the passports of exam {0} are in no event; they were written "
          "outside skillscore",
          name);
    case Scope::kCredentials:
      return Tr(
          "audit log broken: the sign-in codes of exam {0} are in no event; they were written "
          "outside skillscore",
          name);
    case Scope::kAdmins:
      return Tr(
          "audit log broken: administrators are in no event; they were written outside "
          "skillscore");
    case Scope::kNone:
      break;
  }
  return {};
}

// Compares the recorded and the current state of the rubrics, exams, people and locks in scope.
class StateCheck {
 public:
  StateCheck(VerifySource& source, const std::vector<Event>& events,
             const std::optional<std::string>& exam, Problems& problems)
      : source_(source), exam_(exam), problems_(problems) {
    for (const Event& event : events) {
      Scope scope = ScopeOf(event);
      if (scope == Scope::kNone) continue;
      std::string key = scope == Scope::kRubric   ? event.subject
                        : scope == Scope::kAdmins ? std::string()
                                                  : event.exam;
      last_[{scope, key}] = &event;
    }
  }

  void Run() {
    // By name; 0: recorded by an event, but no row.
    std::map<std::string, std::int64_t> rubrics = ByName(source_.Rubrics(exam_));
    std::map<std::string, std::int64_t> exams = ByName(source_.Exams(exam_));
    for (const auto& [key, event] : last_) {
      if (key.first == Scope::kRubric && !exam_) rubrics.try_emplace(key.second, 0);
      if (key.first == Scope::kExam && (!exam_ || key.second == *exam_)) {
        exams.try_emplace(key.second, 0);
      }
    }
    // Named references, not structured bindings: clang 14 (the fuzz build) cannot capture those.
    for (const auto& rubric : rubrics) {
      const auto& id = rubric.second;
      Check(Scope::kRubric, rubric.first, id,
            [&](bool legacy) { return source_.RubricState(id, legacy); });
    }
    for (const auto& exam : exams) {
      const auto& name = exam.first;
      const auto& id = exam.second;
      Check(Scope::kExam, name, id, [&](bool) { return source_.ExamState(id); });
      Check(Scope::kCandidates, name, id,
            [&](bool legacy) { return source_.CandidatesState(id, legacy); });
      Check(Scope::kJudges, name, id, [&](bool legacy) { return source_.JudgesState(id, legacy); });
      Check(Scope::kLocks, name, id, [&](bool) { return source_.LocksState(id); });
      Check(Scope::kPassports, name, id, [&](bool) { return source_.PassportsState(id); });
      Check(Scope::kCredentials, name, id, [&](bool) { return source_.CredentialsState(id); });
    }
    constexpr std::int64_t kWholeDatabase = 1;  // administrators belong to no exam
    if (!exam_) {
      Check(Scope::kAdmins, {}, kWholeDatabase, [&](bool) { return source_.AdminsState(); });
    }
  }

 private:
  static std::map<std::string, std::int64_t> ByName(const std::vector<NamedRow>& rows) {
    return {rows.begin(), rows.end()};
  }

  template <typename State>
  void Check(Scope scope, const std::string& name, std::int64_t id, State state) {
    auto found = last_.find({scope, name});
    const bool legacy =
        source_.KeepsLegacyChain() && found != last_.end() && found->second->chain == kLegacyChain;
    std::string current = id != 0 ? state(legacy) : std::string();
    if (found != last_.end()) {
      if (found->second->state != current)
        problems_.Add(found->second->order, Differs(scope, *found->second, name));
      return;
    }
    bool recorded_by_default = scope != Scope::kRubric && scope != Scope::kExam &&
                               current == Digest().Hex();  // no people, no locks
    if (id != 0 && !recorded_by_default) problems_.Add(kNoEvent, Unrecorded(scope, name));
  }

  VerifySource& source_;
  const std::optional<std::string>& exam_;
  Problems& problems_;
  std::map<std::pair<Scope, std::string>, const Event*> last_;
};

std::string OrphanMessage(const std::string& candidate, const std::string& aspect,
                          const std::string& judge, std::int64_t entry) {
  return Tr(
      "audit log broken: the mark of candidate {0} for aspect {1} by judge {2} (entry {3}) is in "
      "no event; it was written outside skillscore",
      candidate, aspect, judge, entry);
}

// The marks of every marks event of each exam in scope against the digest it recorded, and marks
// of no event.
void CheckMarks(VerifySource& source, const std::vector<Event>& events,
                const std::optional<std::string>& exam, Problems& problems) {
  for (const auto& [code, exam_id] : source.Exams(exam)) {
    std::vector<const Event*> marks_events;
    std::vector<EntryRange> ranges;
    for (const Event& event : events) {
      if (event.exam != code || !IsMarksEvent(event) || !event.first_entry || !event.entries) {
        continue;
      }
      marks_events.push_back(&event);
      ranges.push_back({*event.first_entry, *event.entries,
                        source.KeepsLegacyChain() && event.chain == kLegacyChain});
    }
    std::vector<ExamMark> orphans;
    // Captures the exam's row id by name: clang 14 cannot capture structured bindings.
    MarkStream marks = [&, &id = exam_id](const std::function<void(const ExamMark&)>& visit) {
      source.StreamExamMarks(id, visit);
    };
    std::vector<std::string> digests = RangeDigests(ranges, marks, orphans);
    for (std::size_t i = 0; i < marks_events.size(); ++i) {
      const Event& event = *marks_events[i];
      if (event.state != digests[i]) {
        problems.Add(event.order, Tr("audit log broken at {0}: the marks it entered were changed "
                                     "or deleted outside skillscore",
                                     Describe(event)));
      }
    }
    if (!orphans.empty()) {  // the first, in entry order
      const ExamMark& orphan = orphans.front();
      problems.Add(kNoEvent, OrphanMessage(orphan.candidate, orphan.aspect, orphan.judge,
                                           orphan.stored.entry));
    }
  }
}

}  // namespace

MarkRecord ExamMark::Record() const {
  return MarkRecord{.entry = stored.entry,
                    .candidate = candidate,
                    .aspect = aspect,
                    .panel = stored.panel != 0 ? std::string_view(judge) : std::string_view(),
                    .judge = judge,
                    .value = stored.value,
                    .den = stored.den,
                    .note = stored.note,
                    .withdrawn = stored.withdrawn};
}

std::vector<std::string> RangeDigests(const std::vector<EntryRange>& ranges,
                                      const MarkStream& marks, std::vector<ExamMark>& orphans) {
  std::vector<std::size_t> order(ranges.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ranges[a].first < ranges[b].first; });
  std::vector<std::string> digests(ranges.size());
  std::size_t next = 0;  // in `order`: the range the marks have reached
  std::optional<Digest> digest;
  auto finish = [&] {
    digests[order[next]] = digest ? digest->Hex() : Digest().Hex();
    digest.reset();
    ++next;
  };
  auto end = [&](std::size_t at) { return ranges[order[at]].first + ranges[order[at]].count; };
  marks([&](const ExamMark& mark) {
    while (next < order.size() && mark.stored.entry >= end(next)) finish();
    if (next == order.size() || mark.stored.entry < ranges[order[next]].first) {
      orphans.push_back(mark);
      return;
    }
    if (!digest) digest.emplace();
    if (ranges[order[next]].legacy) {
      AddLegacyMark(*digest, mark.stored);
    } else {
      AddMark(*digest, mark.Record());
    }
  });
  while (next < order.size()) finish();
  return digests;
}

AuditReport Verify(VerifySource& source, const std::optional<std::string>& exam) {
  std::vector<Event> events = source.Events();
  Chains chains = ByChain(events);
  Problems problems;
  AuditReport report{events.size(), events.empty() ? kGenesisHash : HeadOfAll(chains),
                     std::nullopt};
  std::string rubric_code;
  if (exam) {
    auto own = chains.find(ExamChain(*exam));
    report.events = own != chains.end() ? own->second.size() : 0;
    report.head = own != chains.end() ? own->second.back()->hash : kGenesisHash;
    rubric_code = source.RubricCodeOf(*exam);
  }
  CheckChains(chains, exam, rubric_code, problems);
  StateCheck(source, events, exam, problems).Run();
  CheckMarks(source, events, exam, problems);
  if (!exam) {
    if (auto homeless = source.HomelessMark()) {
      problems.Add(kNoEvent,
                   OrphanMessage(fmt::format("#{}", homeless->first), "?", "?", homeless->second));
    }
  }
  report.problem = problems.first();
  return report;
}

}  // namespace skillscore::audit
