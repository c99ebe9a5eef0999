#include "skillscore/people_import.h"

#include <fmt/format.h>

#include <unordered_set>

#include "skillscore/exam_roster.h"
#include "skillscore/marking_groups.h"

namespace skillscore::store_common {
namespace {

// The reason of a status event written by a candidates import.
constexpr char kImportedStatusReason[] = "candidates import";

// One event per field of a registered person that an import changes: who, which field, from
// what to what ("organization: College 3" → "organization: College 5"). Their actor, time and
// state are set with the import's own event. A candidate's status change is an event of its own.
void AddFieldChanges(const StoredPerson& before, const Person& after, PersonKind kind,
                     std::vector<audit::Event>& events) {
  const char* action =
      kind == PersonKind::kCandidate ? audit::kCandidateChange : audit::kJudgeChange;
  auto field = [&](const char* name, const std::string& old_value, std::string_view new_value) {
    if (old_value == new_value) return;
    events.push_back({.action = action,
                      .subject = std::string(after.id),
                      .old_value = fmt::format("{}: {}", name, old_value),
                      .new_value = fmt::format("{}: {}", name, new_value)});
  };
  field("name", before.name, after.name);
  field("organization", before.organization, after.organization);
  if (kind == PersonKind::kJudge) {
    field("role", before.attribute, after.attribute);
    field("subcriteria", before.subcriteria, after.subcriteria);
  }
}

}  // namespace

std::vector<Person> CandidatesAsPeople(std::span<const Candidate> candidates) {
  std::vector<Person> people;
  for (const Candidate& c : candidates) {
    people.push_back({c.id, c.name, c.organization, CandidateStatusName(c.status)});
  }
  return people;
}

std::vector<Person> JudgesAsPeople(std::span<const Judge> judges,
                                   std::vector<std::string>& subcriteria) {
  subcriteria.clear();
  subcriteria.reserve(judges.size());  // no reallocation: the views below stay valid
  std::vector<Person> people;
  for (const Judge& j : judges) {
    subcriteria.push_back(JoinSubcriteria(j.subcriteria));
    people.push_back({j.id, j.name, j.organization, RoleName(j.role), subcriteria.back()});
  }
  return people;
}

std::optional<StoreError> CheckPeopleIds(const std::vector<Person>& people) {
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (people[i].id.empty()) {
      return StoreError::Of(StoreError::Code::kPersonIdEmpty, {std::to_string(i + 1)});
    }
    if (!seen.insert(people[i].id).second) {
      return StoreError::Of(StoreError::Code::kPersonIdRepeated, {std::string(people[i].id)});
    }
  }
  return std::nullopt;
}

ImportCounts ImportPeople(PeopleRows& rows, const std::vector<Person>& people, PersonKind kind,
                          const ImportStamp& stamp) {
  ImportCounts counts;
  std::vector<audit::Event> events;
  for (const Person& person : people) {
    std::optional<StoredPerson> before = rows.Find(person);
    if (!before) {
      rows.Insert(person);
      ++counts.added;
      continue;
    }
    if (before->name == person.name && before->organization == person.organization &&
        before->attribute == person.attribute && before->subcriteria == person.subcriteria) {
      ++counts.unchanged;
      continue;
    }
    rows.Update(person);
    ++counts.changed;
    AddFieldChanges(*before, person, kind, events);
    if (kind == PersonKind::kCandidate && before->attribute != person.attribute) {
      events.push_back({.action = audit::kStatus,
                        .subject = std::string(person.id),
                        .old_value = before->attribute,
                        .new_value = std::string(person.attribute),
                        .reason = kImportedStatusReason});
    }
  }
  std::string state = rows.State();
  events.push_back(
      {.action = kind == PersonKind::kCandidate ? audit::kCandidatesImport : audit::kJudgesImport,
       .new_value = audit::CountsText(counts)});
  std::string now = stamp.now();
  for (audit::Event& event : events) {
    event.at = now;
    event.actor = stamp.actor;
    event.exam = stamp.exam;
    event.state = state;
    rows.Append(event);
  }
  return counts;
}

}  // namespace skillscore::store_common
