// Verifying the audit log (sqlite_audit.h): the hash chain, then the state each event recorded
// against the tables. Every problem is keyed by the event it concerns; the report names the
// first one in log order (problems that concern no event — data written without one — come
// after every event's).
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "skillscore/i18n.h"
#include "sqlite_audit.h"
#include "sqlite_credentials.h"

namespace skillscore::audit {
namespace {

using sqlite::Statement;

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
  StateCheck(AuditLog& log, sqlite::Database& db, const std::vector<Event>& events,
             const std::optional<std::string>& exam, Problems& problems)
      : log_(log), db_(db), exam_(exam), problems_(problems) {
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
    std::map<std::string, std::int64_t> rubrics =
        Ids("SELECT code || '@' || version, id FROM rubrics WHERE ?1 IS NULL OR id = "
            "(SELECT rubric FROM exams WHERE code = ?1)");
    std::map<std::string, std::int64_t> exams =
        Ids("SELECT code, id FROM exams WHERE ?1 IS NULL OR code = ?1");
    for (const auto& [key, event] : last_) {
      if (key.first == Scope::kRubric && !exam_) rubrics.try_emplace(key.second, 0);
      if (key.first == Scope::kExam && (!exam_ || key.second == *exam_)) {
        exams.try_emplace(key.second, 0);
      }
    }
    // Named references, not structured bindings: clang 14 (the fuzz build) cannot capture those.
    for (const auto& rubric : rubrics) {
      const auto& id = rubric.second;
      Check(Scope::kRubric, rubric.first, id, [&](bool legacy) {
        return legacy ? log_.LegacyRubricState(id) : log_.RubricState(id);
      });
    }
    for (const auto& exam : exams) {
      const auto& name = exam.first;
      const auto& id = exam.second;
      Check(Scope::kExam, name, id, [&](bool) { return log_.ExamState(id); });
      Check(Scope::kCandidates, name, id, [&](bool legacy) {
        return legacy ? log_.LegacyCandidatesState(id) : log_.CandidatesState(id);
      });
      Check(Scope::kJudges, name, id, [&](bool legacy) {
        return legacy ? log_.LegacyJudgesState(id) : log_.JudgesState(id);
      });
      Check(Scope::kLocks, name, id, [&](bool) { return log_.LocksState(id); });
      Check(Scope::kPassports, name, id, [&](bool) { return log_.PassportsState(id); });
      Check(Scope::kCredentials, name, id, [&](bool) { return sqlite::CredentialsState(db_, id); });
    }
    constexpr std::int64_t kWholeDatabase = 1;  // administrators belong to no exam
    if (!exam_) {
      Check(Scope::kAdmins, {}, kWholeDatabase, [&](bool) { return sqlite::AdminsState(db_); });
    }
  }

 private:
  // Names and row ids (0 = no row) of the rubrics or exams in scope.
  std::map<std::string, std::int64_t> Ids(const char* sql) {
    std::map<std::string, std::int64_t> ids;
    Statement query = db_.Prepare(sql);
    if (exam_) query.Bind(1, *exam_);
    while (query.Step()) ids.emplace(query.Text(0), query.Int(1));
    return ids;
  }

  template <typename State>
  void Check(Scope scope, const std::string& name, std::int64_t id, State state) {
    auto found = last_.find({scope, name});
    const bool legacy = found != last_.end() && found->second->chain == kLegacyChain;
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

  AuditLog& log_;
  sqlite::Database& db_;
  const std::optional<std::string>& exam_;
  Problems& problems_;
  std::map<std::pair<Scope, std::string>, const Event*> last_;
};

// The marks of every marks event of each exam in scope against the digest it recorded, and marks
// of no event.
void CheckMarks(AuditLog& log, sqlite::Database& db, const std::vector<Event>& events,
                const std::optional<std::string>& exam, Problems& problems) {
  Statement exams = db.Prepare("SELECT id, code FROM exams WHERE ?1 IS NULL OR code = ?1");
  if (exam) exams.Bind(1, *exam);
  std::vector<std::pair<std::int64_t, std::string>> scope;
  while (exams.Step()) scope.emplace_back(exams.Int(0), exams.Text(1));
  for (const auto& [exam_id, code] : scope) {
    std::vector<const Event*> marks_events;
    std::vector<EntryRange> ranges;
    for (const Event& event : events) {
      if (event.exam != code || !IsMarksEvent(event) || !event.first_entry || !event.entries) {
        continue;
      }
      marks_events.push_back(&event);
      ranges.push_back({*event.first_entry, *event.entries, event.chain == kLegacyChain});
    }
    std::vector<ExamMark> orphans;
    std::vector<std::string> digests = RangeDigests(ranges, log, exam_id, orphans);
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
      problems.Add(kNoEvent,
                   Tr("audit log broken: the mark of candidate {0} for aspect {1} by "
                      "judge {2} (entry {3}) is in no event; it was written outside "
                      "skillscore",
                      orphan.candidate, orphan.aspect, orphan.judge, orphan.stored.entry));
    }
  }
}

// Marks of a candidate who is in no exam (only a direct edit makes one).
void CheckHomelessMarks(sqlite::Database& db, Problems& problems) {
  Statement query = db.Prepare(
      "SELECT candidate, entry FROM (SELECT candidate, entry FROM marks UNION ALL "
      "SELECT candidate, entry FROM mark_history) WHERE candidate NOT IN "
      "(SELECT id FROM candidates) ORDER BY entry LIMIT 1");
  if (query.Step()) {
    problems.Add(kNoEvent, Tr("audit log broken: the mark of candidate {0} for aspect {1} by "
                              "judge {2} (entry {3}) is in no event; it was written outside "
                              "skillscore",
                              fmt::format("#{}", query.Int(0)), "?", "?", query.Int(1)));
  }
}

}  // namespace

AuditReport AuditLog::Verify(const std::optional<std::string>& exam) {
  std::vector<Event> events = ReadEvents(std::nullopt);
  Chains chains = ByChain(events);
  Problems problems;
  AuditReport report{events.size(), events.empty() ? kGenesisHash : HeadOfAll(chains),
                     std::nullopt};
  if (exam) {
    auto own = chains.find(ExamChain(*exam));
    report.events = own != chains.end() ? own->second.size() : 0;
    report.head = own != chains.end() ? own->second.back()->hash : kGenesisHash;
  }
  std::string rubric_code;
  if (exam) {
    Statement query = db_.Prepare(
        "SELECT r.code FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE e.code = ?1");
    query.Bind(1, *exam);
    if (query.Step()) rubric_code = query.Text(0);
  }
  CheckChains(chains, exam, rubric_code, problems);
  StateCheck(*this, db_, events, exam, problems).Run();
  CheckMarks(*this, db_, events, exam, problems);
  if (!exam) CheckHomelessMarks(db_, problems);
  report.problem = problems.first();
  return report;
}

}  // namespace skillscore::audit
