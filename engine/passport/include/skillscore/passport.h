// The skills passport (паспорт компетенций, shared/spec/scoring.md §8): the record of one present
// candidate's final result in one exam, as the issuing organisation signs it (signing.h) and
// prints it (certificate.h).
//
// A record is built by a pure function from the rubric, the candidate's result and sheet, and
// what the issuer adds (number, time, issuer name): no clock, no database, no key. Marks in it
// are exact values rounded once to the rubric's policy.report_decimals, as decimal strings
// ("52.17", "18.5", "25" — ReportNumber), so that no reader turns them into binary floats.
//
// The JSON form (PassportJson) names every field; its canonical form (CanonicalJson of it, see
// json_value.h) is what is signed. Field by field ("format" is "skillscore-passport/1"):
//
//   number, candidate {id, name, organization}, exam {id, competency_code, competency_title,
//   kind ("exam" | "competition"), date, site}, result {total, max, percent, grade, scale,
//   award}, sections [{id, title, mark, max}], modules [{id, title, mark, max}], rubric {code,
//   version, sha256}, marks_sha256, issued_at ("2026-04-12T09:30:00Z"), issuer, supersedes.
//
// grade is set for exams, scale and award (gold | silver | bronze | medallion) for competitions;
// unset values and a record that supersedes nothing are JSON null.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/json_value.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {

inline constexpr char kPassportFormat[] = "skillscore-passport/1";

struct PassportCandidate {
  std::string id;
  std::string name;
  std::string organization;

  friend bool operator==(const PassportCandidate&, const PassportCandidate&) = default;
};

struct PassportExam {
  std::string id;
  std::string competency_code;   // the rubric's code
  std::string competency_title;  // the rubric's title
  std::string kind;              // "exam" or "competition"
  std::string date;              // as the exam gives it (YYYY-MM-DD), may be empty
  std::string site;

  friend bool operator==(const PassportExam&, const PassportExam&) = default;
};

struct PassportResult {
  std::string total;
  std::string max;
  std::string percent;
  std::optional<int> grade;
  std::optional<int> scale;
  std::optional<std::string> award;

  friend bool operator==(const PassportResult&, const PassportResult&) = default;
};

// A module's or a standards section's mark and maximum.
struct PassportPart {
  std::string id;
  std::string title;
  std::string mark;
  std::string max;

  friend bool operator==(const PassportPart&, const PassportPart&) = default;
};

struct PassportRubric {
  std::string code;
  std::string version;
  std::string sha256;

  friend bool operator==(const PassportRubric&, const PassportRubric&) = default;
};

struct PassportRecord {
  std::string number;
  PassportCandidate candidate;
  PassportExam exam;
  PassportResult result;
  std::vector<PassportPart> sections;  // rubric order
  std::vector<PassportPart> modules;   // rubric order
  PassportRubric rubric;
  std::string marks_sha256;               // MarksDigest of the sheet the result was computed from
  std::string issued_at;                  // UTC, UtcTimestamp()
  std::string issuer;                     // the issuing organisation
  std::optional<std::string> supersedes;  // the number of the record this one replaces

  friend bool operator==(const PassportRecord&, const PassportRecord&) = default;
};

// The exam's own details, which the rubric and the result do not carry.
struct ExamDetails {
  std::string id;
  std::string date;
  std::string site;
};

// What the issuer adds to a record.
struct IssueDetails {
  std::string number;
  std::string issued_at;
  std::string issuer;
  std::optional<std::string> supersedes;
};

// The record of one candidate. Refused (with a message in the current language) for a candidate
// who is not present or whose result still has missing or disputed marks: passports certify
// final results only. `sheet` is the candidate's sheet that `result` was scored from.
tl::expected<PassportRecord, std::string> BuildPassportRecord(const Rubric& rubric,
                                                              const ExamDetails& exam,
                                                              const CandidateResult& result,
                                                              const CandidateSheet& sheet,
                                                              const IssueDetails& issue);

// Lower-case hex SHA-256 of the canonical JSON of the marks that count on a sheet, aspect by
// aspect in rubric order: [{"aspect":"A1.1","value":"1"}, {"aspect":"B1.1","scores":[{"judge":
// "J1","score":2},…]}, …] with measured values as exact fractions ("1", "-3/4"), "na" when not
// attempted and null when missing, and a panel's scores ordered by judge id. Any change of a mark
// that counts changes the digest; the order in which marks were entered does not.
std::string MarksDigest(const Rubric& rubric, const CandidateSheet& sheet);

// "2026-04-12T09:30:00Z" (UTC, whole seconds).
std::string UtcTimestamp(std::chrono::system_clock::time_point time);

// The record as JSON, fields in the order listed above.
JsonNode PassportJson(const PassportRecord& record);

// The record a JSON object describes: exactly the fields above (in any order), each of its type,
// with format "skillscore-passport/1". Otherwise the message names the first field at fault
// ("candidate.name: expected a string").
tl::expected<PassportRecord, std::string> PassportFromJson(const JsonNode& json);

}  // namespace skillscore
