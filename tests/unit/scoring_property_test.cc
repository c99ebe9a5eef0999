// Properties of the scoring core over random rubrics, candidates and marks.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {
namespace {

// A whole number from low to high, both included.
int Pick(int low, int high) { return *rc::gen::inRange(low, high + 1); }

Rational Hundredths(int low, int high) { return Rational::Of(Pick(low, high), 100); }

// A percent deduction with one decimal, as real schemes write them (33.3).
Rational Deduction() { return Rational::Of(Pick(0, 1000), 10); }

void MakeChoice(Aspect& aspect) {
  aspect.calculation = Calculation::kChoice;
  int count = Pick(2, 4);
  for (int i = 1; i <= count; ++i)
    aspect.options.push_back({"option " + std::to_string(i), Deduction()});
}

void MakeRanged(Aspect& aspect) {
  aspect.calculation = Calculation::kRanged;
  int count = Pick(1, 3);
  for (int i = 0; i < count; ++i) {
    Rational from = Hundredths(0, 10000);
    aspect.ranges.push_back({from, from + Hundredths(0, 5000), Deduction()});
  }
}

Aspect RandomAspect(std::string id, int sections) {
  Aspect aspect;
  aspect.id = std::move(id);
  aspect.section = std::to_string(Pick(1, sections));
  aspect.max = Hundredths(1, 300);
  switch (Pick(0, 4)) {
    case 0:
      break;  // pass_fail
    case 1:
      aspect.calculation = Calculation::kNumberCompleted;
      aspect.number_completed = Pick(1, 10);
      break;
    case 2:
      MakeChoice(aspect);
      break;
    case 3:
      MakeRanged(aspect);
      break;
    default:
      aspect.type = AspectType::kJudgement;
  }
  return aspect;
}

Policy RandomPolicy() {
  Policy policy;
  policy.judges = Pick(1, 4);
  policy.max_spread = Pick(0, 3);
  // Fewer decimals than the maxima have (2) could round a full mark above its max.
  if (Pick(0, 1) == 1) policy.aspect_rounding = Pick(2, 3);
  policy.scale_method =
      *rc::gen::element(ScaleMethod::kRobust, ScaleMethod::kZScore, ScaleMethod::kNone);
  policy.min_competitors = Pick(0, 5);
  policy.medallion = Pick(650, 750);
  return policy;
}

Subcriterion RandomSubcriterion(const std::string& id, int sections) {
  Subcriterion subcriterion{id, "", 1, {}};
  int aspects = Pick(1, 4);
  for (int a = 1; a <= aspects; ++a) {
    subcriterion.aspects.push_back(RandomAspect(id + "." + std::to_string(a), sections));
  }
  return subcriterion;
}

Rubric RandomRubric(RubricKind kind) {
  Rubric rubric;
  rubric.kind = kind;
  int sections = Pick(1, 3);
  for (int s = 1; s <= sections; ++s) rubric.sections.push_back({std::to_string(s), "", {}});
  rubric.grades = DefaultGradeTable();
  rubric.policy = RandomPolicy();
  int modules = Pick(1, 3);
  for (int m = 0; m < modules; ++m) {
    Module module{std::string(1, static_cast<char>('A' + m)), "", {}};
    int subcriteria = Pick(1, 3);
    for (int s = 1; s <= subcriteria; ++s) {
      module.subcriteria.push_back(RandomSubcriterion(module.id + std::to_string(s), sections));
    }
    rubric.modules.push_back(module);
  }
  rubric.IndexAspects();
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    rubric.max += rubric.AspectAt(ordinal).max;
  }
  return rubric;
}

MarkValue RandomMeasurement(const Aspect& aspect) {
  if (Pick(0, 9) == 0) return {true, 0};
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return {false, Pick(0, 1)};
    case Calculation::kNumberCompleted:
      return {false, Pick(0, aspect.number_completed)};
    case Calculation::kChoice:
      return {false, Pick(0, static_cast<int>(aspect.options.size()) - 1)};
    case Calculation::kRanged:
      break;
  }
  const Range& range = aspect.ranges[Pick(0, static_cast<int>(aspect.ranges.size()) - 1)];
  return {false, range.from + (range.to - range.from) * Rational::Of(Pick(0, 100), 100)};
}

// At most one entry per candidate × aspect × judge, so that any order of them is equally valid.
void AddRandomMarks(const Rubric& rubric, const std::string& candidate,
                    std::vector<MarkEntry>& entries) {
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    const Aspect& aspect = rubric.AspectAt(ordinal);
    if (aspect.type == AspectType::kMeasurement) {
      if (Pick(0, 4) > 0) entries.push_back({candidate, ordinal, "J1", RandomMeasurement(aspect)});
      continue;
    }
    int judges = Pick(0, 4);
    for (int j = 1; j <= judges; ++j) {
      entries.push_back({candidate, ordinal, "J" + std::to_string(j), {false, Pick(0, 3)}});
    }
  }
}

struct RandomExam {
  Rubric rubric;
  std::vector<Candidate> candidates;
  std::vector<MarkEntry> entries;
};

RandomExam MakeRandomExam(RubricKind kind) {
  RandomExam exam{RandomRubric(kind), {}, {}};
  int count = Pick(1, 6);
  for (int c = 1; c <= count; ++c) {
    CandidateStatus status = *rc::gen::element(
        CandidateStatus::kPresent, CandidateStatus::kPresent, CandidateStatus::kPresent,
        CandidateStatus::kAbsent, CandidateStatus::kWithdrawn, CandidateStatus::kDisqualified);
    exam.candidates.push_back({"C" + std::to_string(c), "", "", status});
    AddRandomMarks(exam.rubric, exam.candidates.back().id, exam.entries);
  }
  return exam;
}

RubricKind RandomKind() { return *rc::gen::element(RubricKind::kExam, RubricKind::kCompetition); }

ExamResult Score(const RandomExam& exam) {
  return ScoreExam(exam.rubric, BuildSheets(exam.rubric, exam.candidates, exam.entries));
}

// The test's own account of an aspect mark, straight from scoring.md §2 and §3.
Rational ExpectedAspectMark(const Rubric& rubric, const Aspect& aspect,
                            const AspectRecord& record) {
  Rational mark;
  if (aspect.type == AspectType::kJudgement) {
    mark = JudgementMark(aspect, record.panel);
  } else if (record.measurement) {
    mark = MeasurementMark(aspect, *record.measurement);
  }
  std::optional<int> decimals = rubric.policy.aspect_rounding;
  return decimals ? mark.RoundedTo(*decimals) : mark;
}

Rational SumOfMarks(const std::vector<PartMark>& parts) {
  Rational sum;
  for (const PartMark& part : parts) sum += part.mark;
  return sum;
}

Rational SumOfMaxima(const std::vector<PartMark>& parts) {
  Rational sum;
  for (const PartMark& part : parts) sum += part.max;
  return sum;
}

std::string Text(const Rational& value) { return value.ToFractionText(); }

template <typename T>
std::string Text(const std::optional<T>& value) {
  return value ? std::to_string(static_cast<int>(*value)) : "-";
}

std::string Text(const std::vector<PartMark>& parts) {
  std::string text;
  for (const PartMark& part : parts)
    text += " " + part.id + "=" + Text(part.mark) + "/" + Text(part.max);
  return text;
}

// Everything in a result, as text: equal texts mean equal results.
std::string Describe(const ExamResult& exam) {
  std::ostringstream out;
  out << "complete " << exam.complete << "\n";
  for (const CandidateResult& r : exam.candidates) {
    out << r.candidate.id << " total " << Text(r.total) << " percent " << Text(r.percent)
        << " grade " << Text(r.grade) << " rank " << Text(r.rank) << " scale " << Text(r.scale)
        << " award " << Text(r.award) << "\n modules" << Text(r.modules) << "\n subcriteria"
        << Text(r.subcriteria) << "\n sections" << Text(r.sections) << "\n";
    for (const Problem& problem : r.problems) {
      out << " problem " << problem.aspect << " " << static_cast<int>(problem.kind) << " needs "
          << problem.scores_needed << " scores";
      for (int score : problem.scores) out << " " << score;
      out << "\n";
    }
  }
  return out.str();
}

RC_GTEST_PROP(ScoringPropertyTest, TotalsAreSumsOfModulesSubcriteriaSectionsAndAspects, ()) {
  RandomExam exam = MakeRandomExam(RandomKind());
  std::vector<CandidateSheet> sheets = BuildSheets(exam.rubric, exam.candidates, exam.entries);
  std::unordered_map<std::string, const CandidateSheet*> sheet_of;
  for (const CandidateSheet& sheet : sheets) sheet_of[sheet.candidate.id] = &sheet;
  for (const CandidateResult& result : ScoreExam(exam.rubric, sheets).candidates) {
    Rational aspects;
    for (std::size_t ordinal = 0; ordinal < exam.rubric.AspectCount(); ++ordinal) {
      aspects += ExpectedAspectMark(exam.rubric, exam.rubric.AspectAt(ordinal),
                                    sheet_of.at(result.candidate.id)->aspects[ordinal]);
    }
    RC_ASSERT(result.total == aspects);
    RC_ASSERT(result.total == SumOfMarks(result.modules));
    RC_ASSERT(result.total == SumOfMarks(result.subcriteria));
    RC_ASSERT(result.total == SumOfMarks(result.sections));
    RC_ASSERT(SumOfMaxima(result.modules) == exam.rubric.max);
    RC_ASSERT(SumOfMaxima(result.subcriteria) == exam.rubric.max);
    RC_ASSERT(SumOfMaxima(result.sections) == exam.rubric.max);
  }
}

RC_GTEST_PROP(ScoringPropertyTest, ResultsDoNotDependOnTheOrderOfEntries, ()) {
  RandomExam exam = MakeRandomExam(RandomKind());
  RandomExam shuffled = exam;
  std::mt19937 random(*rc::gen::arbitrary<std::uint32_t>());
  std::shuffle(shuffled.entries.begin(), shuffled.entries.end(), random);
  RC_ASSERT(Describe(Score(shuffled)) == Describe(Score(exam)));
}

RC_GTEST_PROP(ScoringPropertyTest, GradeIsMonotoneInTotal, ()) {
  ExamResult result = Score(MakeRandomExam(RubricKind::kExam));
  for (const CandidateResult& a : result.candidates) {
    for (const CandidateResult& b : result.candidates) {
      if (!a.grade || !b.grade || a.total > b.total) continue;
      RC_ASSERT(*a.grade <= *b.grade);
    }
  }
}

RC_GTEST_PROP(ScoringPropertyTest, GradeForIsMonotoneInPercent, ()) {
  // Percent in thousandths, so that values near every boundary (19.999, 20) turn up.
  Rational lower = Rational::Of(Pick(0, 100000), 1000);
  Rational higher = lower + Rational::Of(Pick(0, 100000), 1000);
  RC_ASSERT(GradeFor(DefaultGradeTable(), lower) <= GradeFor(DefaultGradeTable(), higher));
}

RC_GTEST_PROP(ScoringPropertyTest, PercentIsBetweenZeroAndHundred, ()) {
  for (const CandidateResult& result : Score(MakeRandomExam(RandomKind())).candidates) {
    RC_ASSERT(result.percent >= 0);
    RC_ASSERT(result.percent <= 100);
  }
}

}  // namespace
}  // namespace skillscore
