// Importing an exam's candidates or judges, whichever store keeps them: the checks of the list,
// the count of what each record did, and the audit events (one per changed field of a registered
// person, one per status change, one for the import) are made here; a store finds, inserts and
// updates its rows (PeopleRows).
//
// Thread safety: one thread at a time, inside the store's write transaction.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// A candidate (attribute: status) or judge (attribute: role) as the import writes it.
struct Person {
  std::string_view id;
  std::string_view name;
  std::string_view organization;
  std::string_view attribute;
  // A judge's marking groups as stored (JoinSubcriteria, marking_groups.h); empty for a candidate.
  std::string_view subcriteria = {};
};

enum class PersonKind { kCandidate, kJudge };

// A registered person's record as it was before an import changed it.
struct StoredPerson {
  std::string name;
  std::string organization;
  std::string attribute;
  std::string subcriteria = {};
};

// The rows of one exam's candidates or judges in a store's own tables.
class PeopleRows {
 public:
  virtual ~PeopleRows() = default;
  virtual std::optional<StoredPerson> Find(const Person& person) = 0;
  virtual void Insert(const Person& person) = 0;
  virtual void Update(const Person& person) = 0;
  // The digest of every candidate or judge of the exam after the import (audit_chain.h).
  virtual std::string State() = 0;
  virtual void Append(audit::Event& event) = 0;
};

// Candidates as the import writes them (their status by name).
std::vector<Person> CandidatesAsPeople(std::span<const Candidate> candidates);

// Judges as the import writes them (their role by name, their marking groups joined); the people
// point into `subcriteria`, which must outlive them.
std::vector<Person> JudgesAsPeople(std::span<const Judge> judges,
                                   std::vector<std::string>& subcriteria);

// Why a list of people cannot be registered (an empty or repeated id), or nullopt.
std::optional<StoreError> CheckPeopleIds(const std::vector<Person>& people);

// Who imports into which exam; `now` is asked once, when the events are appended.
struct ImportStamp {
  std::string exam;
  std::string actor;
  std::function<std::string()> now;
};

// Adds or updates every person and appends the import's events.
ImportCounts ImportPeople(PeopleRows& rows, const std::vector<Person>& people, PersonKind kind,
                          const ImportStamp& stamp);

}  // namespace skillscore::store_common
