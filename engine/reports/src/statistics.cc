#include "skillscore/statistics.h"

#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <numbers>

namespace skillscore {
namespace {

// Boost.Math's policy for the distributions: a domain or evaluation error (a NaN mean square of
// a degenerate panel, say) gives NaN or ±∞ as plain arithmetic would, never an exception out of
// an analytics report.
using QuietPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;
using FDistribution = boost::math::fisher_f_distribution<double, QuietPolicy>;
using TDistribution = boost::math::students_t_distribution<double, QuietPolicy>;

struct AnovaMeanSquares {
  double rows = 0;     // MSR
  double columns = 0;  // MSC
  double error = 0;    // MSE
  double total = 0;    // Σ(x − grand)² / (nk − 1), the scale for "negligible"
};

AnovaMeanSquares TwoWayAnova(const std::vector<std::vector<double>>& ratings) {
  const double n = static_cast<double>(ratings.size());
  const std::size_t columns = ratings.front().size();
  const double k = static_cast<double>(columns);
  std::vector<double> row_means;
  std::vector<double> column_means(columns, 0);
  double grand = 0;
  for (const auto& row : ratings) {
    double sum = 0;
    for (std::size_t j = 0; j < columns; ++j) {
      sum += row[j];
      column_means[j] += row[j] / n;
    }
    row_means.push_back(sum / k);
    grand += sum / (n * k);
  }
  double ss_rows = 0;
  double ss_columns = 0;
  double ss_error = 0;
  double ss_total = 0;
  for (double mean : row_means) ss_rows += k * (mean - grand) * (mean - grand);
  for (double mean : column_means) ss_columns += n * (mean - grand) * (mean - grand);
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    for (std::size_t j = 0; j < columns; ++j) {
      double residual = ratings[i][j] - row_means[i] - column_means[j] + grand;
      ss_error += residual * residual;
      ss_total += (ratings[i][j] - grand) * (ratings[i][j] - grand);
    }
  }
  return {ss_rows / (n - 1), ss_columns / (k - 1), ss_error / ((n - 1) * (k - 1)),
          ss_total / (n * k - 1)};
}

double SpearmanBrown(double single, double k) { return k * single / (1 + (k - 1) * single); }

IccInference IccFTestAndIntervals(const AnovaMeanSquares& ms, double n, double k, double icc) {
  const double a = k * icc / (n * (1 - icc));
  const double b = 1 + k * icc * (n - 1) / (n * (1 - icc));
  const double numerator = a * ms.columns + b * ms.error;
  const double v = numerator * numerator /
                   ((a * ms.columns) * (a * ms.columns) / (k - 1) +
                    (b * ms.error) * (b * ms.error) / ((n - 1) * (k - 1)));
  IccInference result;
  result.f_value = ms.rows / ms.error;
  result.df1 = n - 1;
  result.df2 = v;
  result.p_value = FUpperTail(result.f_value, n - 1, v);
  const double f_lower = FUpperQuantile(0.025, n - 1, v);
  const double f_upper = FUpperQuantile(0.025, v, n - 1);
  const double columns_term = k * ms.columns + (k * n - k - n) * ms.error;
  result.single.lower = n * (ms.rows - f_lower * ms.error) / (f_lower * columns_term + n * ms.rows);
  result.single.upper = n * (f_upper * ms.rows - ms.error) / (columns_term + n * f_upper * ms.rows);
  result.average = {SpearmanBrown(result.single.lower, k), SpearmanBrown(result.single.upper, k)};
  return result;
}

bool IsRectangular(const std::vector<std::vector<double>>& ratings) {
  return std::all_of(ratings.begin(), ratings.end(),
                     [&](const auto& row) { return row.size() == ratings.front().size(); });
}

// Krippendorff's squared difference δ²_ck between the c-th and k-th sorted distinct values.
double AlphaDifference(AlphaMetric metric, const std::vector<double>& values,
                       const std::vector<double>& marginals, std::size_t c, std::size_t k) {
  switch (metric) {
    case AlphaMetric::kNominal:
      return c == k ? 0 : 1;
    case AlphaMetric::kOrdinal: {
      auto [low, high] = std::minmax(c, k);
      double between = 0;
      for (std::size_t g = low; g <= high; ++g) between += marginals[g];
      between -= (marginals[low] + marginals[high]) / 2;
      return between * between;
    }
    case AlphaMetric::kInterval:
      return (values[c] - values[k]) * (values[c] - values[k]);
    case AlphaMetric::kRatio: {
      double sum = values[c] + values[k];
      return sum == 0 ? 0 : (values[c] - values[k]) * (values[c] - values[k]) / (sum * sum);
    }
  }
  return 0;
}

}  // namespace

double RegularizedIncompleteBeta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return boost::math::ibeta(a, b, x, QuietPolicy());
}

double FUpperTail(double f, double df1, double df2) {
  if (f <= 0) return 1;
  return boost::math::cdf(boost::math::complement(FDistribution(df1, df2), f));
}

double FUpperQuantile(double upper_tail, double df1, double df2) {
  return boost::math::quantile(boost::math::complement(FDistribution(df1, df2), upper_tail));
}

double StudentTwoSidedP(double t, double df) {
  if (std::isinf(t)) return 0;
  return 2 * boost::math::cdf(boost::math::complement(TDistribution(df), std::fabs(t)));
}

std::optional<double> Mean(std::span<const double> values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

std::optional<double> SampleStandardDeviation(std::span<const double> values) {
  if (values.size() < 2) return std::nullopt;
  double mean = *Mean(values);
  double squares = 0;
  for (double value : values) squares += (value - mean) * (value - mean);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

std::optional<IccResult> IccAbsoluteAgreement(const std::vector<std::vector<double>>& ratings) {
  if (ratings.size() < 2 || ratings.front().size() < 2 || !IsRectangular(ratings)) {
    return std::nullopt;
  }
  const AnovaMeanSquares ms = TwoWayAnova(ratings);
  if (ms.total == 0) return std::nullopt;
  const double n = static_cast<double>(ratings.size());
  const double k = static_cast<double>(ratings.front().size());
  IccResult result;
  result.subjects = ratings.size();
  result.raters = ratings.front().size();
  result.single =
      (ms.rows - ms.error) / (ms.rows + (k - 1) * ms.error + k * (ms.columns - ms.error) / n);
  result.average = (ms.rows - ms.error) / (ms.rows + (ms.columns - ms.error) / n);
  constexpr double kNegligible = 1e-12;
  if (ms.error > kNegligible * ms.total) {
    result.inference = IccFTestAndIntervals(ms, n, k, result.single);
  }
  return result;
}

std::optional<double> KrippendorffAlpha(const std::vector<std::vector<double>>& units,
                                        AlphaMetric metric) {
  std::map<double, std::size_t> index_of_value;
  for (const auto& unit : units) {
    if (unit.size() < 2) continue;
    for (double value : unit) index_of_value.emplace(value, 0);
  }
  std::vector<double> values;
  for (auto& [value, index] : index_of_value) {
    index = values.size();
    values.push_back(value);
  }
  const std::size_t count = values.size();
  std::vector<std::vector<double>> coincidences(count, std::vector<double>(count, 0));
  for (const auto& unit : units) {
    if (unit.size() < 2) continue;
    const double weight = 1.0 / static_cast<double>(unit.size() - 1);
    for (std::size_t i = 0; i < unit.size(); ++i) {
      for (std::size_t j = 0; j < unit.size(); ++j) {
        if (i == j) continue;
        coincidences[index_of_value[unit[i]]][index_of_value[unit[j]]] += weight;
      }
    }
  }
  std::vector<double> marginals(count, 0);
  double pairable = 0;
  for (std::size_t c = 0; c < count; ++c) {
    for (double o : coincidences[c]) marginals[c] += o;
    pairable += marginals[c];
  }
  double observed = 0;
  double expected = 0;
  for (std::size_t c = 0; c < count; ++c) {
    for (std::size_t k = 0; k < count; ++k) {
      double delta = AlphaDifference(metric, values, marginals, c, k);
      observed += coincidences[c][k] * delta;
      expected += marginals[c] * marginals[k] * delta;
    }
  }
  if (pairable < 2 || expected == 0) return std::nullopt;
  return 1 - (pairable - 1) * observed / expected;
}

std::optional<double> FleissKappa(const std::vector<std::vector<int>>& ratings) {
  if (ratings.empty()) return std::nullopt;
  const std::size_t raters = ratings.front().size();
  if (raters < 2) return std::nullopt;
  const double k = static_cast<double>(raters);
  std::map<int, double> category_totals;
  double agreement_sum = 0;
  for (const auto& subject : ratings) {
    if (subject.size() != raters) return std::nullopt;
    std::map<int, double> counts;
    for (int category : subject) counts[category] += 1;
    double squares = 0;
    for (const auto& [category, n] : counts) {
      squares += n * n;
      category_totals[category] += n;
    }
    agreement_sum += (squares - k) / (k * (k - 1));
  }
  const double subjects = static_cast<double>(ratings.size());
  const double observed = agreement_sum / subjects;
  double chance = 0;
  for (const auto& [category, total] : category_totals) {
    double share = total / (subjects * k);
    chance += share * share;
  }
  if (chance >= 1) return std::nullopt;
  return (observed - chance) / (1 - chance);
}

PanelAgreement AgreementOfPanels(const std::vector<std::vector<int>>& panels) {
  PanelAgreement result;
  for (const auto& panel : panels) {
    if (panel.size() < 2) continue;
    auto [lowest, highest] = std::minmax_element(panel.begin(), panel.end());
    ++result.compared;
    if (*highest == *lowest) ++result.exact;
    if (*highest - *lowest <= 1) ++result.adjacent;
  }
  if (result.compared > 0) {
    const double compared = static_cast<double>(result.compared);
    result.exact_percent = 100.0 * static_cast<double>(result.exact) / compared;
    result.adjacent_percent = 100.0 * static_cast<double>(result.adjacent) / compared;
  }
  return result;
}

std::vector<double> DeviationsFromRest(std::span<const double> panel) {
  std::vector<double> deviations;
  if (panel.size() < 2) return deviations;
  double sum = 0;
  for (double score : panel) sum += score;
  const double others = static_cast<double>(panel.size() - 1);
  for (double score : panel) deviations.push_back(score - (sum - score) / others);
  return deviations;
}

std::optional<DeviationSummary> SummariseDeviations(std::span<const double> deviations) {
  if (deviations.empty()) return std::nullopt;
  DeviationSummary summary;
  summary.count = deviations.size();
  summary.mean = *Mean(deviations);
  if (deviations.size() < 2) return summary;
  MeanTest test;
  test.standard_deviation = *SampleStandardDeviation(deviations);
  test.standard_error = test.standard_deviation / std::sqrt(static_cast<double>(summary.count));
  test.df = static_cast<double>(summary.count - 1);
  if (test.standard_error > 0) {
    test.t = summary.mean / test.standard_error;
  } else if (summary.mean != 0) {
    test.t = std::copysign(std::numeric_limits<double>::infinity(), summary.mean);
  }
  test.p_value = StudentTwoSidedP(test.t, test.df);
  test.significant = test.p_value < 0.05;
  summary.test = test;
  return summary;
}

}  // namespace skillscore
