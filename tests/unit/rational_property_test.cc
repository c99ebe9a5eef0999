// Rationals against a big-number reference (Boost's cpp_rational): chains of operations on values
// with awkward denominators (primes, deductions such as 57.142857) leave 64 bits quickly, and must
// then go on exactly instead of failing. Scoring random rubrics built from such values must give
// the reference's totals.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rational.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {
namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

std::string ReferenceText(const cpp_rational& value) {
  std::string text = boost::multiprecision::numerator(value).str();
  if (boost::multiprecision::denominator(value) == 1) return text;
  return text + "/" + boost::multiprecision::denominator(value).str();
}

// Denominators that share no factors, and large ones near 2^31 and 2^62, so that sums and
// products outgrow 64 bits within a few steps.
// "n" or "n/d", as ToFractionText writes it.
cpp_rational ParseReference(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return cpp_rational(cpp_int(text));
  return cpp_rational(cpp_int(text.substr(0, slash)), cpp_int(text.substr(slash + 1)));
}

std::int64_t AwkwardDenominator() {
  return *rc::gen::element<std::int64_t>(3, 7, 11, 13, 14, 17, 19, 23, 29, 31, 37, 1000000,
                                         999999937, 2147483647, 4611686018427387847LL);
}

std::int64_t AwkwardNumerator() {
  return *rc::gen::oneOf(rc::gen::inRange<std::int64_t>(-1000, 1000),
                         rc::gen::element<std::int64_t>(INT64_MAX, -INT64_MAX, 57142857,
                                                        99999999999LL, 4611686018427387903LL));
}

struct Pair {
  Rational value;
  cpp_rational reference;
};

Pair RandomPair() {
  const std::int64_t numerator = AwkwardNumerator();
  const std::int64_t denominator = AwkwardDenominator();
  return {Rational::Of(numerator, denominator), cpp_rational(numerator, denominator)};
}

RC_GTEST_PROP(RationalPropertyTest, ChainsOfOperationsMatchTheBigNumberReference, ()) {
  Pair accumulated = RandomPair();
  const int steps = *rc::gen::inRange(1, 30);
  for (int step = 0; step < steps; ++step) {
    const Pair operand = RandomPair();
    switch (*rc::gen::inRange(0, 4)) {
      case 0:
        accumulated = {accumulated.value + operand.value,
                       accumulated.reference + operand.reference};
        break;
      case 1:
        accumulated = {accumulated.value - operand.value,
                       accumulated.reference - operand.reference};
        break;
      case 2:
        accumulated = {accumulated.value * operand.value,
                       accumulated.reference * operand.reference};
        break;
      default:
        if (operand.reference == 0) continue;
        accumulated = {accumulated.value / operand.value,
                       accumulated.reference / operand.reference};
    }
    RC_ASSERT(accumulated.value.ToFractionText() == ReferenceText(accumulated.reference));
    const bool fits = boost::multiprecision::abs(
                          boost::multiprecision::numerator(accumulated.reference)) <= INT64_MAX &&
                      boost::multiprecision::denominator(accumulated.reference) <= INT64_MAX;
    RC_ASSERT(accumulated.value.IsBig() == !fits);
  }
  const Rational other = RandomPair().value;
  const cpp_rational other_reference = ParseReference(other.ToFractionText());
  RC_ASSERT((accumulated.value < other) == (accumulated.reference < other_reference));
  RC_ASSERT((accumulated.value == other) == (accumulated.reference == other_reference));
}

RC_GTEST_PROP(RationalPropertyTest, RoundingOfBigValuesMatchesTheReference, ()) {
  const Pair a = RandomPair();
  const Pair b = RandomPair();
  const Rational value = a.value * b.value * a.value;
  const cpp_rational reference = a.reference * b.reference * a.reference;
  const int decimals = *rc::gen::inRange(0, 25);
  // Half away from zero, by the reference: floor(|x|·10^d + 1/2) with the sign of x.
  const cpp_int scale = boost::multiprecision::pow(cpp_int(10), decimals);
  const cpp_rational magnitude = boost::multiprecision::abs(reference) * scale;
  const cpp_int doubled = (2 * boost::multiprecision::numerator(magnitude) +
                           boost::multiprecision::denominator(magnitude)) /
                          (2 * boost::multiprecision::denominator(magnitude));
  const cpp_rational rounded = cpp_rational(reference < 0 ? cpp_int(-doubled) : doubled, scale);
  RC_ASSERT(value.RoundedTo(decimals).ToFractionText() == ReferenceText(rounded));
}

// The reference's mark of a measurement aspect (scoring.md §2).
cpp_rational ReferenceMark(const cpp_rational& max, const Aspect& aspect, int entered) {
  switch (aspect.calculation) {
    case Calculation::kNumberCompleted:
      return max * entered / aspect.number_completed;
    case Calculation::kChoice: {
      const cpp_rational deduct =
          ParseReference(aspect.options.at(entered).deduct.ToFractionText());
      return max * (100 - deduct) / 100;
    }
    default:
      return entered == 0 ? cpp_rational(0) : max;
  }
}

RC_GTEST_PROP(RationalPropertyTest, ScoringAwkwardRubricsMatchesTheReference, ()) {
  Rubric rubric;
  rubric.kind = RubricKind::kCompetition;
  rubric.sections.push_back({"1", "", {}});
  rubric.grades = DefaultGradeTable();
  rubric.policy.judges = 1;
  rubric.policy.scale_method = ScaleMethod::kRobust;
  Module module{"A", "", {}};
  Subcriterion subcriterion{"A1", "", 1, {}};
  const int aspects = *rc::gen::inRange(1, 8);
  std::vector<cpp_rational> maxima;
  for (int a = 1; a <= aspects; ++a) {
    Aspect aspect;
    aspect.id = "A1." + std::to_string(a);
    aspect.section = "1";
    const std::int64_t hundredths = *rc::gen::element<std::int64_t>(1, 7, 33, 99999999999LL);
    aspect.max = Rational::Of(hundredths, 100);
    maxima.emplace_back(hundredths, 100);
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        aspect.calculation = Calculation::kNumberCompleted;
        aspect.number_completed = *rc::gen::element(7, 8, 11, 13, 14, 17);
        break;
      case 1:
        aspect.calculation = Calculation::kChoice;
        for (const char* deduct : {"0", "57.142857", "0.000001", "33.333333"}) {
          aspect.options.push_back({deduct, *Rational::ParseDecimal(deduct)});
        }
        break;
      default:
        break;  // pass_fail
    }
    subcriterion.aspects.push_back(aspect);
  }
  module.subcriteria.push_back(subcriterion);
  rubric.modules.push_back(module);
  rubric.IndexAspects();
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    rubric.max += rubric.AspectAt(ordinal).max;
  }

  const int candidates = *rc::gen::inRange(1, 7);
  std::vector<Candidate> roster;
  std::vector<MarkEntry> entries;
  std::map<std::string, cpp_rational> expected_totals;
  for (int c = 1; c <= candidates; ++c) {
    roster.push_back({"C" + std::to_string(c), "", "", CandidateStatus::kPresent});
    cpp_rational total = 0;
    for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
      const Aspect& aspect = rubric.AspectAt(ordinal);
      const int highest =
          aspect.calculation == Calculation::kNumberCompleted ? aspect.number_completed
          : aspect.calculation == Calculation::kChoice ? static_cast<int>(aspect.options.size()) - 1
                                                       : 1;
      const int entered = *rc::gen::inRange(0, highest + 1);
      entries.push_back({roster.back().id, ordinal, "J1", {false, entered}});
      total += ReferenceMark(maxima[ordinal], aspect, entered);
    }
    expected_totals[roster.back().id] = total;
  }
  const ExamResult result = ScoreExam(rubric, BuildSheets(rubric, roster, entries));
  RC_ASSERT(result.candidates.size() == expected_totals.size());
  for (const CandidateResult& candidate : result.candidates) {
    RC_ASSERT(candidate.total.ToFractionText() ==
              ReferenceText(expected_totals.at(candidate.candidate.id)));
  }
}

// Totals 1e-10 apart and one 1e9 away give a robust-scale distance of 1e19 MADs: the score is
// clamped to the scale's 0…1000 before it is rounded to a whole number, not refused.
TEST(RationalScoringTest, AScaleBeyond64BitsIsClamped) {
  Rubric rubric;
  rubric.kind = RubricKind::kCompetition;
  rubric.sections.push_back({"1", "", {}});
  rubric.grades = DefaultGradeTable();
  rubric.policy.judges = 1;
  rubric.policy.scale_method = ScaleMethod::kRobust;
  Subcriterion subcriterion{"A1", "", 1, {}};
  Aspect huge;
  huge.id = "A1.1";
  huge.section = "1";
  huge.max = *Rational::ParseDecimal("999999999.99");
  Aspect tiny;
  tiny.id = "A1.2";
  tiny.section = "1";
  tiny.max = *Rational::ParseDecimal("0.01");
  tiny.calculation = Calculation::kChoice;
  for (const char* deduct : {"0", "0.000001", "0.000002"}) {
    tiny.options.push_back({deduct, *Rational::ParseDecimal(deduct)});
  }
  subcriterion.aspects = {huge, tiny};
  rubric.modules.push_back({"A", "", {subcriterion}});
  rubric.IndexAspects();
  rubric.max = huge.max + tiny.max;
  std::vector<Candidate> roster;
  std::vector<MarkEntry> entries;
  const int huge_marks[] = {0, 0, 0, 1};
  const int tiny_options[] = {0, 1, 2, 0};
  for (int c = 0; c < 4; ++c) {
    roster.push_back({"C" + std::to_string(c + 1), "", "", CandidateStatus::kPresent});
    entries.push_back({roster.back().id, 0, "J1", {false, huge_marks[c]}});
    entries.push_back({roster.back().id, 1, "J1", {false, tiny_options[c]}});
  }
  const ExamResult result = ScoreExam(rubric, BuildSheets(rubric, roster, entries));
  std::map<std::string, std::optional<int>> scale;
  for (const CandidateResult& candidate : result.candidates) {
    scale[candidate.candidate.id] = candidate.scale;
  }
  // Median 0.01 − 0.5e-10, MAD 1e-10: C1 is 0.5 MAD above, C3 1.5 below, C4 1e19 above.
  EXPECT_EQ(scale, (std::map<std::string, std::optional<int>>{
                       {"C1", 710}, {"C2", 690}, {"C3", 670}, {"C4", 1000}}));
}

}  // namespace
}  // namespace skillscore
