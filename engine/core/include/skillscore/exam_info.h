// The records of rubrics and exams as they are kept between commands: a rubric version as
// imported, an exam bound to one rubric version, everything the scoring needs about one exam, and
// the sub-criteria a chief expert has signed off (scoring.md §6). Any store returns these; the
// service and the reports read them.
//
// Thread safety: plain values; no shared state.
#pragma once

#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"

namespace skillscore {

struct RubricInfo {
  std::string code;
  std::string version;
  std::string sha256;  // of the canonical content (Rubric::sha256)
  std::string title;
  std::string imported_at;  // UTC, "2026-04-12T09:30:00Z"
};

struct StoredRubric {
  RubricInfo info;
  std::string yaml_text;  // exactly as imported
  Rubric rubric;          // parsed from yaml_text
};

// The exam's own record; `rubric` names the rubric version it is bound to.
struct ExamInfo {
  std::string id;  // user-chosen, e.g. "DE-2026-0412"
  RubricInfo rubric;
  std::string date;  // as given (YYYY-MM-DD) or empty
  std::string site;
  std::string chief;  // judge id of the chief expert, or empty
  std::string created_at;
  // IANA name (Europe/Moscow) of the zone people read the exam's times in; empty for an exam
  // created before zones were kept (its times are shown in UTC).
  std::string timezone;
};

// Everything the core needs about one exam.
struct ExamData {
  ExamInfo exam;
  Rubric rubric;
  std::vector<Candidate> candidates;  // in order of registration
  std::vector<Judge> judges;          // in order of registration
  // LoadExamData only: every candidate's current sheet, in the order of `candidates`, as
  // BuildSheets gives it from every entry made (panels in order of each judge's first entry).
  std::vector<CandidateSheet> sheets;
};

// A sub-criterion signed off by a chief expert.
struct SubcriterionLock {
  std::string subcriterion;  // "A1"
  std::string locked_by;     // judge id
  std::string locked_at;     // UTC, "2026-04-12T09:30:00Z"

  friend bool operator==(const SubcriterionLock&, const SubcriterionLock&) = default;
};

// The sub-criteria of `rubric` that no lock covers, in rubric order. Results are final only when
// this is empty (and nothing is missing or disputed; scoring.md §7).
std::vector<std::string> UnlockedSubcriteria(const Rubric& rubric,
                                             const std::vector<SubcriterionLock>& locks);

}  // namespace skillscore
