// The people and marks of one exam, as plain data for the scoring core.
//
// Marks arrive as MarkEntry rows (from a CSV file, the database or a judge at the bench), in the
// order they were made. BuildSheets() resolves them into one CandidateSheet per candidate, applying
// scoring.md §2 and §7: for a measurement the latest entry counts; for a judgement each judge's
// latest score counts. Validation of who may mark whom happens before this point (marks.h).
//
// Thread safety: plain values; no shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skillscore/rational.h"
#include "skillscore/rubric.h"

namespace skillscore {

enum class CandidateStatus { kPresent, kAbsent, kWithdrawn, kDisqualified };
enum class JudgeRole { kExpert, kChief };

// present | absent | withdrawn | disqualified: the name used in files, JSON and the database.
// A string literal, so it can also serve as a message id for translation.
const char* CandidateStatusName(CandidateStatus status);

struct Candidate {
  std::string id;
  std::string name;
  std::string organization;
  CandidateStatus status = CandidateStatus::kPresent;
};

struct Judge {
  std::string id;
  std::string name;
  std::string organization;
  JudgeRole role = JudgeRole::kExpert;
  // The sub-criteria whose marking group the judge belongs to (marking_groups.h), in rubric
  // order; empty: the judge is in no group.
  std::vector<std::string> subcriteria = {};
};

// What a judge entered for one aspect, already checked against the aspect (mark_value.h).
// `number` means: pass_fail 1 or 0; number_completed the count k; choice the 0-based option index;
// ranged the measured value; judgement the score 0…3. Unused when not_attempted.
struct MarkValue {
  bool not_attempted = false;
  Rational number;

  friend bool operator==(const MarkValue&, const MarkValue&) = default;
};

struct MarkEntry {
  std::string candidate;
  std::size_t aspect = 0;  // ordinal in Rubric::aspect_order
  std::string judge;
  MarkValue value;
};

// A mark to store, with the judge's note and where it came from: `line` is its place as its
// source numbers it (a marks file's line; 0 for a mark typed in), which a refusal cites.
struct NewMark {
  int line = 0;
  MarkEntry entry;
  std::string note;
};

// One judge's score in a judgement panel.
struct PanelScore {
  std::string judge;
  int score = 0;  // 0…3
};

// The marks that count for one candidate × aspect.
struct AspectRecord {
  std::optional<MarkValue> measurement;  // measurement aspects; nullopt = missing
  std::vector<PanelScore> panel;         // judgement aspects, in order of first entry
};

struct CandidateSheet {
  Candidate candidate;
  std::vector<AspectRecord> aspects;  // indexed by aspect ordinal; size == rubric.AspectCount()
};

// scoring.md §6, the conflict-of-interest rule, for every path a mark takes (a marks file, `mark`,
// interactive entry): under policy `organization` a judge never marks a candidate of their own
// organisation. The organisation they share (trimmed of whitespace) when the rule forbids the
// mark; nullopt when the judge may mark the candidate: policy `none`, either organisation unknown
// (empty), or different organisations.
std::optional<std::string_view> SharedOrganization(const Policy& policy,
                                                   std::string_view judge_organization,
                                                   std::string_view candidate_organization);

// One sheet per candidate, in the order of `candidates`. Entries must name listed candidates and
// valid aspect ordinals (entries that do not are a caller bug and are ignored).
std::vector<CandidateSheet> BuildSheets(const Rubric& rubric,
                                        const std::vector<Candidate>& candidates,
                                        const std::vector<MarkEntry>& entries);

// BuildSheets one entry at a time, for callers that stream marks (a file of a million rows)
// and should not hold them all: Add every entry in the order they were made, then Finish.
// Entries of one candidate usually come together; the builder looks their sheet up once.
class SheetBuilder {
 public:
  // Sheets for `candidates`, in their order; entries naming anyone else are ignored.
  SheetBuilder(const Rubric& rubric, const std::vector<Candidate>& candidates);
  // Sheets for everyone the entries name, in order of first appearance: present, named by id
  // (`score` without a candidates file).
  explicit SheetBuilder(const Rubric& rubric);

  void Add(const MarkEntry& entry);
  std::vector<CandidateSheet> Finish() && { return std::move(sheets_); }

 private:
  // The sheet of `candidate`, or null when it is not listed and the list is fixed.
  CandidateSheet* SheetOf(const std::string& candidate);
  void AddSheet(const Candidate& candidate);

  const Rubric& rubric_;
  bool open_list_ = false;  // candidates come from the entries
  std::vector<CandidateSheet> sheets_;
  std::unordered_map<std::string, std::size_t> sheet_by_candidate_;
  std::size_t last_ = 0;  // the sheet of the previous entry, when there is one
};

// SheetBuilder for marks that come candidate by candidate (as a marks file usually lists them):
// each sheet is handed to `take` as soon as the entries move on to another candidate, so that
// memory holds one sheet, not the exam's. Add returns false when that cannot be done — an entry
// names a candidate whose sheet was handed over already (a file that does not keep a candidate's
// rows together), or the list names a candidate twice — and the stream then takes no more: the
// caller builds the sheets with SheetBuilder instead (reading the marks again). The sheets are
// those SheetBuilder builds, handed over in the order of the entries, then those of listed
// candidates without entries in list order; ExamScorer gives the same results in either order,
// since it orders candidates by rank and id.
class SheetStream {
 public:
  using Sink = std::function<void(const CandidateSheet& sheet)>;
  // `candidates`: as SheetBuilder's (entries naming anyone else are ignored); null: everyone the
  // entries name, present, named by id. `rubric` and `candidates` must outlive the stream.
  SheetStream(const Rubric& rubric, const std::vector<Candidate>* candidates, Sink take);

  // False, and the entry not taken, when the sheets cannot be streamed (see above).
  bool Add(const MarkEntry& entry);
  // Hands over the sheet being built and the sheets of listed candidates without entries.
  void Finish() &&;

 private:
  enum class Progress : std::uint8_t { kWaiting, kBuilding, kHandedOver };
  // Hands over the sheet being built, if any.
  void HandOver();

  const Rubric& rubric_;
  const std::vector<Candidate>* candidates_;
  Sink take_;
  bool broken_ = false;  // Add has returned false
  // By candidate id: the index in candidates_ (0 without a list) and how far its sheet is.
  std::unordered_map<std::string, std::pair<std::size_t, Progress>> progress_;
  std::optional<CandidateSheet> building_;
  std::pair<std::size_t, Progress>* building_progress_ = nullptr;
};

}  // namespace skillscore
