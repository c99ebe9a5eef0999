// Verifying the audit log (sqlite_audit.h): the hash chain, then the state each event recorded
// against the tables. Every problem is keyed by the event it concerns; the report names the
// first one in log order (problems that concern no event — data written without one — come
// after every event's).
#include <fmt/format.h>

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

void CheckChain(const std::vector<Event>& events, Problems& problems) {
  std::string previous = kGenesisHash;
  std::int64_t expected = 1;
  for (const Event& event : events) {
    if (event.id != expected) {
      problems.Add(event.id, Tr("audit log broken at {0}: {1} event(s) before it are missing "
                                "(deleted)",
                                Describe(event), event.id - expected));
      return;
    }
    if (event.prev_hash != previous) {
      problems.Add(event.id, Tr("audit log broken at {0}: it does not follow the event before it "
                                "(events were deleted, inserted or reordered)",
                                Describe(event)));
      return;
    }
    if (EventHash(event) != event.hash) {
      problems.Add(event.id, Tr("audit log broken at {0}: the event was changed after it was "
                                "written (its hash does not match its content)",
                                Describe(event)));
      return;
    }
    previous = event.hash;
    expected = event.id + 1;
  }
}

bool IsMarksEvent(const Event& event) {
  return event.action == kMark || event.action == kMarksImport;
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
      Check(Scope::kRubric, rubric.first, id, [&] { return log_.RubricState(id); });
    }
    for (const auto& exam : exams) {
      const auto& name = exam.first;
      const auto& id = exam.second;
      Check(Scope::kExam, name, id, [&] { return log_.ExamState(id); });
      Check(Scope::kCandidates, name, id, [&] { return log_.CandidatesState(id); });
      Check(Scope::kJudges, name, id, [&] { return log_.JudgesState(id); });
      Check(Scope::kLocks, name, id, [&] { return log_.LocksState(id); });
      Check(Scope::kPassports, name, id, [&] { return log_.PassportsState(id); });
      Check(Scope::kCredentials, name, id, [&] { return sqlite::CredentialsState(db_, id); });
    }
    constexpr std::int64_t kWholeDatabase = 1;  // administrators belong to no exam
    if (!exam_) {
      Check(Scope::kAdmins, {}, kWholeDatabase, [&] { return sqlite::AdminsState(db_); });
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
    std::string current = id != 0 ? state() : std::string();
    auto found = last_.find({scope, name});
    if (found != last_.end()) {
      if (found->second->state != current)
        problems_.Add(found->second->id, Differs(scope, *found->second, name));
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

// "C1", or "#12" for a row id that names nobody.
std::string CodeOf(sqlite::Database& db, const char* sql, std::int64_t id) {
  Statement query = db.Prepare(sql);
  query.Bind(1, id);
  return query.Step() ? query.Text(0) : fmt::format("#{}", id);
}

// The aspect id of a mark (by the latest version of its exam's rubric that has its slot), or its
// slot when no version has it.
std::string AspectOf(sqlite::Database& db, const StoredMark& mark) {
  Statement query = db.Prepare(
      "SELECT a.code FROM candidates c JOIN exams e ON e.id = c.exam "
      "JOIN rubrics x ON x.id = e.rubric JOIN rubrics r ON r.code = x.code "
      "JOIN rubric_aspects a ON a.rubric = r.id WHERE c.id = ?1 AND a.slot = ?2 "
      "ORDER BY r.id DESC LIMIT 1");
  query.Bind(1, mark.candidate).Bind(2, mark.aspect);
  return query.Step() ? query.Text(0) : fmt::format("#{}", mark.aspect + 1);
}

// The marks of every marks event in scope against the digest it recorded, and marks of no event.
void CheckMarks(AuditLog& log, sqlite::Database& db, const std::vector<Event>& events,
                const std::optional<std::string>& exam, Problems& problems) {
  std::vector<const Event*> marks_events;
  std::vector<EntryRange> ranges;
  for (const Event& event : events) {
    if (!IsMarksEvent(event) || !event.first_entry || !event.entries) continue;
    marks_events.push_back(&event);
    ranges.push_back({*event.first_entry, *event.entries});
  }
  std::vector<StoredMark> orphans;
  std::vector<std::string> digests = RangeDigests(ranges, log, orphans);
  for (std::size_t i = 0; i < marks_events.size(); ++i) {
    const Event& event = *marks_events[i];
    if ((!exam || event.exam == *exam) && event.state != digests[i]) {
      problems.Add(event.id, Tr("audit log broken at {0}: the marks it entered were changed or "
                                "deleted outside skillscore",
                                Describe(event)));
    }
  }
  for (const StoredMark& orphan : orphans) {
    std::string owner =
        CodeOf(db, "SELECT e.code FROM candidates c JOIN exams e ON e.id = c.exam WHERE c.id = ?1",
               orphan.candidate);
    if (exam && owner != *exam) continue;
    problems.Add(
        kNoEvent,
        Tr("audit log broken: the mark of candidate {0} for aspect {1} by judge {2} "
           "(entry {3}) is in no event; it was written outside skillscore",
           CodeOf(db, "SELECT code FROM candidates WHERE id = ?1", orphan.candidate),
           AspectOf(db, orphan), CodeOf(db, "SELECT code FROM judges WHERE id = ?1", orphan.judge),
           orphan.entry));
    return;  // the first, in entry order
  }
}

}  // namespace

AuditReport AuditLog::Verify(const std::optional<std::string>& exam) {
  std::vector<Event> events = ReadEvents(std::nullopt);
  AuditReport report{events.size(), events.empty() ? kGenesisHash : events.back().hash,
                     std::nullopt};
  Problems problems;
  CheckChain(events, problems);
  StateCheck(*this, db_, events, exam, problems).Run();
  CheckMarks(*this, db_, events, exam, problems);
  report.problem = problems.first();
  return report;
}

}  // namespace skillscore::audit
