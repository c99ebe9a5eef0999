// The marking scheme (rubric) of one competency: modules → sub-criteria → aspects, standards
// sections, the grade table and the scoring policy. Plain data, as described in
// shared/spec/rubric-format.md and scoring.md §1; it is produced by the YAML loader
// (rubric_loader.h), which guarantees every invariant listed there, and read by the scoring core.
//
// Thread safety: immutable after loading; share freely between threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skillscore/rational.h"

namespace skillscore {

enum class RubricKind { kExam, kCompetition };
enum class AspectType { kMeasurement, kJudgement };
enum class Calculation { kPassFail, kNumberCompleted, kChoice, kRanged };

struct ChoiceOption {
  std::string label;
  Rational deduct;  // percent, 0…100
};

struct Range {
  Rational from;
  Rational to;
  Rational deduct;  // percent, 0…100
};

struct Aspect {
  std::string id;  // "A1.3"
  AspectType type = AspectType::kMeasurement;
  std::string text;
  std::string section;  // id of a declared Section
  Rational max;         // > 0, at most 2 decimals
  // Measurement only.
  Calculation calculation = Calculation::kPassFail;
  int number_completed = 0;           // kNumberCompleted: n ≥ 1
  std::vector<ChoiceOption> options;  // kChoice: ≥ 2, unique labels
  std::vector<Range> ranges;          // kRanged: first matching range in listed order wins
  // Judgement only: level descriptors for scores 0, 1, 2, 3.
  std::array<std::string, 4> levels;
};

struct Subcriterion {
  std::string id;  // "A1"
  std::string title;
  int day = 0;  // 0 when not given
  std::vector<Aspect> aspects;
};

struct Module {
  std::string id;  // "A"…"Z"
  std::string title;
  std::vector<Subcriterion> subcriteria;
};

struct Section {
  std::string id;
  std::string title;
  std::optional<Rational> target;
};

struct GradeRow {
  int grade = 0;
  Rational min_percent;
};

enum class ConflictRule { kOrganization, kNone };
enum class ScaleMethod { kRobust, kZScore, kNone };

struct Policy {
  int judges = 3;      // scores a judgement panel needs to be complete
  int max_spread = 1;  // widest allowed difference between a panel's scores
  ConflictRule conflict_of_interest = ConflictRule::kOrganization;
  std::optional<int> aspect_rounding;  // nullopt = exact; else decimals per aspect mark
  int report_decimals = 2;             // decimals shown in every output
  ScaleMethod scale_method = ScaleMethod::kRobust;
  Rational scale_centre = 700;
  Rational scale_spread = 30;
  int min_competitors = 0;  // fewer ranked candidates → no gold, silver, bronze
  int medallion = 700;      // scale score that earns a Medallion for Excellence
};

// Where an aspect sits in the rubric; indexes into Rubric::modules.
struct AspectLocation {
  std::size_t module = 0;
  std::size_t subcriterion = 0;
  std::size_t aspect = 0;
};

struct Rubric {
  std::string format;  // "skillscore-rubric/1"
  std::string code;
  std::string version;
  std::string title;
  RubricKind kind = RubricKind::kExam;
  Rational max;
  std::vector<Section> sections;
  std::vector<GradeRow> grades;  // strictly decreasing min_percent, last row 0
  Policy policy;
  std::vector<Module> modules;
  // SHA-256 (hex) of the canonical content (see rubric_loader.h); empty if not computed.
  std::string sha256;

  // Every aspect in rubric order; the index into this list is the aspect's "ordinal", used by
  // CandidateSheet and storage. Filled by IndexAspects().
  std::vector<AspectLocation> aspect_order;
  std::unordered_map<std::string, std::size_t> aspect_ordinal_by_id;

  // Rebuilds aspect_order and aspect_ordinal_by_id from modules; the loader calls it.
  void IndexAspects();
  const Aspect& AspectAt(std::size_t ordinal) const;
  std::optional<std::size_t> FindAspect(std::string_view id) const;
  std::size_t AspectCount() const { return aspect_order.size(); }
  std::string Identity() const { return code + "@" + version; }
};

// The ДЭ methodology's table: 70 % → 5, 40 % → 4, 20 % → 3, otherwise 2.
std::vector<GradeRow> DefaultGradeTable();

}  // namespace skillscore
