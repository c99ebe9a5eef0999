#include "skillscore/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "skillscore/disputed_panel.h"

namespace skillscore {
namespace {

constexpr std::int64_t kScaleMin = 0;
constexpr std::int64_t kScaleMax = 1000;
// MAD × 1.4826 estimates the standard deviation of normally distributed totals (CIS's constant).
const Rational kMadToSd = Rational::Of(14826, 10000);

Rational AfterDeduction(const Rational& max, const Rational& deduct_percent) {
  return max * (100 - deduct_percent) / 100;
}

const Range& RangeContaining(const std::vector<Range>& ranges, const Rational& value) {
  for (const Range& range : ranges) {
    if (range.from <= value && value <= range.to) return range;
  }
  // ParseMarkValue refuses such values, so reaching this is a caller bug.
  throw std::out_of_range("measured value lies in no range of the aspect");
}

// Where one aspect's mark goes: indexes into the module, sub-criterion and section lists.
struct Slot {
  const Aspect* aspect = nullptr;
  std::size_t module = 0;
  std::size_t subcriterion = 0;
  std::size_t section = 0;
};

// The rubric's shape, worked out once per exam: empty part lists with their maxima, and one slot
// per aspect ordinal.
struct Layout {
  std::vector<PartMark> modules;
  std::vector<PartMark> subcriteria;
  std::vector<PartMark> sections;
  std::vector<Slot> slots;
  std::vector<std::size_t> module_of_subcriterion;  // parallel to subcriteria
};

Layout LayoutOf(const Rubric& rubric) {
  Layout layout;
  std::unordered_map<std::string, std::size_t> section_index;
  for (const Section& section : rubric.sections) {
    section_index.emplace(section.id, layout.sections.size());
    layout.sections.push_back({section.id, 0, 0});
  }
  for (const Module& module : rubric.modules) {
    layout.modules.push_back({module.id, 0, 0});
    for (const Subcriterion& subcriterion : module.subcriteria) {
      layout.subcriteria.push_back({subcriterion.id, 0, 0});
      layout.module_of_subcriterion.push_back(layout.modules.size() - 1);
      for (const Aspect& aspect : subcriterion.aspects) {
        Slot slot{&aspect, layout.modules.size() - 1, layout.subcriteria.size() - 1,
                  section_index.at(aspect.section)};
        layout.modules[slot.module].max += aspect.max;
        layout.subcriteria[slot.subcriterion].max += aspect.max;
        layout.sections[slot.section].max += aspect.max;
        layout.slots.push_back(slot);
      }
    }
  }
  return layout;
}

Rational AspectMark(const Policy& policy, const Aspect& aspect, const AspectRecord& record) {
  Rational mark;
  if (aspect.type == AspectType::kJudgement) {
    mark = JudgementMark(aspect, record.panel);
  } else if (record.measurement) {
    mark = MeasurementMark(aspect, *record.measurement);
  }
  return policy.aspect_rounding ? mark.RoundedTo(*policy.aspect_rounding) : mark;
}

__extension__ typedef __int128 Wide;  // GCC's 128-bit integer, for exact products

// An exact sum that is reduced once, when read, instead of after every addition: the aspect marks
// of a part share a few denominators, so most additions are a multiply-add over their common
// denominator. What would not fit in that (a common denominator beyond 64 bits, a numerator
// beyond 128) is spilled into a Rational, which goes on in arbitrary precision.
class ExactSum {
 public:
  void Add(const Rational& value) {
    if (value.IsBig()) {
      spilled_ += value;
    } else if (!TryAdd(value)) {
      Spill();
      TryAdd(value);  // cannot fail on an empty sum
    }
  }

  Rational Value() const { return spilled_ + Rational::OfWide(numerator_, denominator_); }

 private:
  bool TryAdd(const Rational& value) {
    if (value.denominator() != addend_denominator_ && !Rebase(value.denominator())) return false;
    // |numerator| and factor_ are below 2^63, so the product fits in 128 bits.
    Wide sum = 0;
    if (__builtin_add_overflow(numerator_, Wide{value.numerator()} * factor_, &sum)) return false;
    numerator_ = sum;
    return true;
  }

  // The common denominator becomes lcm(common, addend's); false, with nothing changed, when that
  // does not fit.
  bool Rebase(std::int64_t denominator) {
    std::int64_t scale = denominator / std::gcd(denominator_, denominator);
    if (scale != 1) {
      const Wide common = Wide{denominator_} * scale;
      Wide scaled = 0;
      if (common > INT64_MAX || __builtin_mul_overflow(numerator_, Wide{scale}, &scaled)) {
        return false;
      }
      numerator_ = scaled;
      denominator_ = static_cast<std::int64_t>(common);
    }
    addend_denominator_ = denominator;
    factor_ = denominator_ / denominator;
    return true;
  }

  void Spill() {
    spilled_ += Rational::OfWide(numerator_, denominator_);
    numerator_ = 0;
    denominator_ = addend_denominator_ = factor_ = 1;
  }

  Rational spilled_;
  Wide numerator_ = 0;
  std::int64_t denominator_ = 1;
  std::int64_t addend_denominator_ = 1;
  std::int64_t factor_ = 1;
};

// Aspect marks depend only on the aspect and what was entered (a panel: on its size and the sum of
// its scores), and the candidates of one exam enter a handful of different values per aspect, so
// ScoreExam works each mark out once per aspect and value: exact arithmetic is where re-scoring
// a national year of marks spends its time.
class AspectMarks {
 public:
  AspectMarks(const Policy& policy, std::size_t aspects) : policy_(policy), known_(aspects) {}

  Rational Of(std::size_t ordinal, const Aspect& aspect, const AspectRecord& record) {
    std::optional<std::int64_t> key = KeyOf(aspect, record);
    if (!key) return AspectMark(policy_, aspect, record);
    std::vector<std::pair<std::int64_t, Rational>>& known = known_[ordinal];
    for (const auto& [known_key, mark] : known) {
      if (known_key == *key) return mark;
    }
    known.emplace_back(*key, AspectMark(policy_, aspect, record));
    return known.back().second;
  }

 private:
  // What the mark depends on besides the aspect, as one number; nullopt for a value that is not
  // a small whole number (a measured value of a ranged aspect), whose mark is not remembered.
  static std::optional<std::int64_t> KeyOf(const Aspect& aspect, const AspectRecord& record) {
    constexpr std::int64_t kPanelShift = 32;
    if (aspect.type == AspectType::kJudgement) {
      std::int64_t sum = 0;
      for (const PanelScore& score : record.panel) sum += score.score;
      return (static_cast<std::int64_t>(record.panel.size()) << kPanelShift) + sum;
    }
    if (!record.measurement) return -1;
    if (record.measurement->not_attempted) return -2;
    const Rational& number = record.measurement->number;
    if (aspect.calculation == Calculation::kRanged || !number.IsInteger()) return std::nullopt;
    return number.numerator();
  }

  const Policy& policy_;
  std::vector<std::vector<std::pair<std::int64_t, Rational>>> known_;  // by aspect ordinal
};

// Sorted, so that a report does not depend on the order in which the judges entered them.
std::vector<int> SortedScores(const std::vector<PanelScore>& panel) {
  std::vector<int> scores;
  for (const PanelScore& score : panel) scores.push_back(score.score);
  std::sort(scores.begin(), scores.end());
  return scores;
}

// A disputed panel needs re-scoring rather than more scores, so disputed wins over incomplete.
std::optional<ProblemKind> PanelProblem(const Policy& policy,
                                        const std::vector<PanelScore>& panel) {
  if (PanelDisputed(policy, panel)) return ProblemKind::kDisputed;
  if (static_cast<int>(panel.size()) < policy.judges) return ProblemKind::kMissing;
  return std::nullopt;
}

std::optional<Problem> JudgementProblem(const Policy& policy, const Aspect& aspect,
                                        const AspectRecord& record) {
  std::optional<ProblemKind> kind = PanelProblem(policy, record.panel);
  if (!kind) return std::nullopt;
  return Problem{aspect.id, *kind, SortedScores(record.panel), policy.judges};
}

std::optional<Problem> MeasurementProblem(const Aspect& aspect, const AspectRecord& record) {
  if (!record.measurement) return Problem{aspect.id, ProblemKind::kMissing, {}, 0};
  if (record.measurement->not_attempted) {
    return Problem{aspect.id, ProblemKind::kNotAttempted, {}, 0};
  }
  return std::nullopt;
}

std::optional<Problem> ProblemOf(const Policy& policy, const Aspect& aspect,
                                 const AspectRecord& record) {
  return aspect.type == AspectType::kJudgement ? JudgementProblem(policy, aspect, record)
                                               : MeasurementProblem(aspect, record);
}

bool IsPresent(const CandidateResult& result) {
  return result.candidate.status == CandidateStatus::kPresent;
}

CandidateResult ScoreSheet(const Rubric& rubric, const Layout& layout, AspectMarks& marks,
                           const CandidateSheet& sheet) {
  CandidateResult result;
  result.candidate = sheet.candidate;
  result.modules = layout.modules;
  result.subcriteria = layout.subcriteria;
  result.sections = layout.sections;
  std::vector<ExactSum> subcriteria(layout.subcriteria.size());
  std::vector<ExactSum> sections(layout.sections.size());
  for (std::size_t ordinal = 0; ordinal < layout.slots.size(); ++ordinal) {
    const Slot& slot = layout.slots[ordinal];
    const AspectRecord& record = sheet.aspects.at(ordinal);
    Rational mark = marks.Of(ordinal, *slot.aspect, record);
    subcriteria[slot.subcriterion].Add(mark);
    sections[slot.section].Add(mark);
    if (!IsPresent(result)) continue;  // only present candidates can be missing anything
    if (auto problem = ProblemOf(rubric.policy, *slot.aspect, record)) {
      result.problems.push_back(std::move(*problem));
    }
  }
  for (std::size_t s = 0; s < sections.size(); ++s) result.sections[s].mark = sections[s].Value();
  // Module marks and the total are sums of sub-criterion marks: the same exact values as summing
  // every aspect again, for a fraction of the additions (exact sums dominate re-scoring time).
  for (std::size_t s = 0; s < subcriteria.size(); ++s) {
    result.subcriteria[s].mark = subcriteria[s].Value();
    result.modules[layout.module_of_subcriterion[s]].mark += result.subcriteria[s].mark;
  }
  for (const PartMark& module : result.modules) result.total += module.mark;
  result.percent = result.total / rubric.max * 100;
  if (IsPresent(result) && rubric.kind == RubricKind::kExam) {
    result.grade = GradeFor(rubric.grades, result.percent);
  }
  return result;
}

std::vector<CandidateResult*> PresentResults(std::vector<CandidateResult>& results) {
  std::vector<CandidateResult*> present;
  for (CandidateResult& result : results) {
    if (IsPresent(result)) present.push_back(&result);
  }
  return present;
}

std::vector<Rational> TotalsOf(const std::vector<CandidateResult*>& results) {
  std::vector<Rational> totals;
  for (const CandidateResult* result : results) totals.push_back(result->total);
  return totals;
}

// Rank = 1 + the number of candidates with a strictly higher total (1, 2, 2, 4).
void AssignRanks(const std::vector<CandidateResult*>& ranked) {
  std::vector<Rational> totals = TotalsOf(ranked);
  std::sort(totals.begin(), totals.end(), std::greater<>());
  for (CandidateResult* result : ranked) {
    auto first_equal =
        std::lower_bound(totals.begin(), totals.end(), result->total, std::greater<>());
    result->rank = static_cast<int>(first_equal - totals.begin()) + 1;
  }
}

void AssignScale(const Policy& policy, const std::vector<CandidateResult*>& ranked) {
  std::vector<int> scale = ScaleScores(policy, TotalsOf(ranked));
  for (std::size_t i = 0; i < scale.size(); ++i) ranked[i]->scale = scale[i];
}

std::optional<Award> MedalForRank(int rank) {
  switch (rank) {
    case 1:
      return Award::kGold;
    case 2:
      return Award::kSilver;
    case 3:
      return Award::kBronze;
    default:
      return std::nullopt;
  }
}

void AssignAwards(const Policy& policy, const std::vector<CandidateResult*>& ranked) {
  bool medals = static_cast<int>(ranked.size()) >= policy.min_competitors;
  for (CandidateResult* result : ranked) {
    if (medals) result->award = MedalForRank(*result->rank);
    if (!result->award && result->scale && *result->scale >= policy.medallion) {
      result->award = Award::kMedallion;
    }
  }
}

// Present candidates by rank (equal ranks by id), then the others by id.
bool ComesBefore(const CandidateResult& a, const CandidateResult& b) {
  if (IsPresent(a) != IsPresent(b)) return IsPresent(a);
  if (a.rank != b.rank) return a.rank < b.rank;
  return a.candidate.id < b.candidate.id;
}

bool IsComplete(const std::vector<CandidateResult>& results) {
  return std::none_of(results.begin(), results.end(), [](const CandidateResult& result) {
    return HasBlockingProblem(result.problems);
  });
}

Rational Median(std::vector<Rational> values) {
  std::sort(values.begin(), values.end());
  std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2;
}

int ClampedScale(std::int64_t rounded) {
  return static_cast<int>(std::clamp(rounded, kScaleMin, kScaleMax));
}

// Clamped before rounding: a tiny spread of totals can put a score beyond 64 bits.
int ClampedScale(const Rational& score) {
  return ClampedScale(
      std::clamp(score, Rational(kScaleMin), Rational(kScaleMax)).RoundedToInteger());
}

std::vector<int> RobustScale(const Policy& policy, const std::vector<Rational>& totals) {
  Rational median = Median(totals);
  std::vector<Rational> deviations;
  for (const Rational& total : totals) deviations.push_back((total - median).Abs());
  Rational mad = Median(deviations);
  std::vector<int> scale;
  for (const Rational& total : totals) {
    Rational score = policy.scale_centre;
    if (mad != 0) {
      // Distance in MADs first: its numerator and denominator stay small because the totals share
      // their denominators, which keeps the exact arithmetic far from overflow.
      Rational distance = (total - median) / mad;
      score += policy.scale_spread * distance / kMadToSd;
    }
    scale.push_back(ClampedScale(score));
  }
  return scale;
}

long double ToLongDouble(const Rational& value) { return value.ToLongDouble(); }

// Statistics, not marks: the standard deviation is irrational in general, so long double it is.
std::vector<int> ZScoreScale(const Policy& policy, const std::vector<Rational>& totals) {
  Rational sum;
  for (const Rational& total : totals) sum += total;
  Rational mean = sum / static_cast<std::int64_t>(totals.size());
  long double squares = 0;
  for (const Rational& total : totals) {
    long double deviation = ToLongDouble(total - mean);
    squares += deviation * deviation;
  }
  long double sd = std::sqrt(squares / totals.size());
  std::vector<int> scale;
  for (const Rational& total : totals) {
    long double score = ToLongDouble(policy.scale_centre);
    if (sd > 0) score += ToLongDouble(policy.scale_spread) * ToLongDouble(total - mean) / sd;
    scale.push_back(ClampedScale(std::llround(score)));
  }
  return scale;
}

}  // namespace

Rational MeasurementMark(const Aspect& aspect, const MarkValue& value) {
  if (value.not_attempted) return 0;
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return value.number == 0 ? Rational(0) : aspect.max;
    case Calculation::kNumberCompleted:
      return aspect.max * value.number / aspect.number_completed;
    case Calculation::kChoice:
      return AfterDeduction(aspect.max, aspect.options.at(value.number.numerator()).deduct);
    case Calculation::kRanged:
      return AfterDeduction(aspect.max, RangeContaining(aspect.ranges, value.number).deduct);
  }
  throw std::invalid_argument("unknown calculation");
}

Rational JudgementMark(const Aspect& aspect, const std::vector<PanelScore>& panel) {
  if (panel.empty()) return 0;
  std::int64_t sum = 0;
  for (const PanelScore& score : panel) sum += score.score;
  return aspect.max * sum / (3 * static_cast<std::int64_t>(panel.size()));
}

int PanelSpread(const std::vector<PanelScore>& panel) {
  if (panel.size() < 2) return 0;
  auto [lowest, highest] = std::minmax_element(
      panel.begin(), panel.end(),
      [](const PanelScore& a, const PanelScore& b) { return a.score < b.score; });
  return highest->score - lowest->score;
}

bool PanelDisputed(const Policy& policy, const std::vector<PanelScore>& panel) {
  return PanelSpread(panel) > policy.max_spread;
}

int GradeFor(const std::vector<GradeRow>& grades, const Rational& percent) {
  for (const GradeRow& row : grades) {
    if (row.min_percent <= percent) return row.grade;
  }
  // Loaded rubrics end their table with 0 %, so only a hand-built table without rows lands here.
  return grades.empty() ? 0 : grades.back().grade;
}

bool BlocksFinality(const Problem& problem) { return problem.kind != ProblemKind::kNotAttempted; }

bool HasBlockingProblem(const std::vector<Problem>& problems) {
  return std::any_of(problems.begin(), problems.end(), BlocksFinality);
}

Rational ScoredAspectMark(const Policy& policy, const Aspect& aspect, const AspectRecord& record) {
  return AspectMark(policy, aspect, record);
}

struct ExamScorer::State {
  const Rubric& rubric;
  Layout layout;
  AspectMarks marks;
  ExamResult exam = {};
};

ExamScorer::ExamScorer(const Rubric& rubric) {
  Layout layout = LayoutOf(rubric);
  const std::size_t slots = layout.slots.size();
  state_ =
      std::make_unique<State>(State{rubric, std::move(layout), AspectMarks(rubric.policy, slots)});
}

ExamScorer::~ExamScorer() = default;

void ExamScorer::Reserve(std::size_t candidates) { state_->exam.candidates.reserve(candidates); }

void ExamScorer::Add(const CandidateSheet& sheet) {
  state_->exam.candidates.push_back(
      ScoreSheet(state_->rubric, state_->layout, state_->marks, sheet));
}

ExamResult ExamScorer::Finish() && {
  ExamResult exam = std::move(state_->exam);
  std::vector<CandidateResult*> ranked = PresentResults(exam.candidates);
  AssignRanks(ranked);
  if (state_->rubric.kind == RubricKind::kCompetition) {
    AssignScale(state_->rubric.policy, ranked);
    AssignAwards(state_->rubric.policy, ranked);
  }
  exam.complete = IsComplete(exam.candidates);
  std::stable_sort(exam.candidates.begin(), exam.candidates.end(), ComesBefore);
  return exam;
}

ExamResult ScoreExam(const Rubric& rubric, const std::vector<CandidateSheet>& sheets) {
  ExamScorer scorer(rubric);
  scorer.Reserve(sheets.size());
  for (const CandidateSheet& sheet : sheets) scorer.Add(sheet);
  return std::move(scorer).Finish();
}

std::vector<int> ScaleScores(const Policy& policy, const std::vector<Rational>& totals) {
  if (totals.empty()) return {};
  switch (policy.scale_method) {
    case ScaleMethod::kRobust:
      return RobustScale(policy, totals);
    case ScaleMethod::kZScore:
      return ZScoreScale(policy, totals);
    case ScaleMethod::kNone:
      return {};
  }
  throw std::invalid_argument("unknown scale method");
}

}  // namespace skillscore
