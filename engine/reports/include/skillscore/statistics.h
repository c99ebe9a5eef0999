// Inter-rater statistics for judge analytics: how far a panel's judges agree, and whether one
// judge marks harder or softer than the others. Pure functions on plain numbers (double: these
// are statistics about marks, never marks themselves); the interface needs only the standard
// library, the implementation takes the distributions from Boost.Math (header-only). Every
// formula below names its source; the unit tests reproduce the published values in
// tests/data/reference/ to their printed precision.
//
// Notation: n subjects (rows), k raters (columns), x_ij the rating of subject i by rater j.
//
// Thread safety: pure functions without shared state; safe to call concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace skillscore {

// ---- Distributions -------------------------------------------------------------------------

// The distributions are Boost.Math's (boost::math::ibeta, fisher_f_distribution,
// students_t_distribution); these wrappers fix the conventions the analytics rely on and turn
// Boost's errors into NaN or ±∞ results instead of exceptions.

// Regularized incomplete beta function I_x(a, b), a, b > 0, 0 ≤ x ≤ 1: the Beta(a, b) CDF.
double RegularizedIncompleteBeta(double x, double a, double b);

// Upper tail P(F > f) of Snedecor's F distribution with (df1, df2) degrees of freedom (real,
// > 0): I_{df2 / (df2 + df1·f)}(df2/2, df1/2) (Abramowitz & Stegun 26.6.2). This is R's
// pf(f, df1, df2, lower.tail = FALSE). 1 for f ≤ 0.
double FUpperTail(double f, double df1, double df2);

// The f with P(F > f) = upper_tail, 0 < upper_tail < 1; R's qf(1 − upper_tail, df1, df2).
// Computed from the upper tail (Boost's complement), which keeps small tail areas exact.
double FUpperQuantile(double upper_tail, double df1, double df2);

// Two-sided p-value P(|T| ≥ |t|) of Student's t distribution with df > 0 degrees of freedom:
// I_{df / (df + t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1). 0 for an infinite t.
double StudentTwoSidedP(double t, double df);

// ---- Descriptive ---------------------------------------------------------------------------

// Arithmetic mean; nullopt for no values.
std::optional<double> Mean(std::span<const double> values);

// Sample standard deviation √(Σ(x − mean)² / (n − 1)); nullopt for fewer than two values.
std::optional<double> SampleStandardDeviation(std::span<const double> values);

// ---- Intraclass correlation ----------------------------------------------------------------

struct ConfidenceInterval {
  double lower = 0;
  double upper = 0;
};

// The F test of H0: ρ = 0 and the 95 % confidence intervals of an IccResult.
struct IccInference {
  double f_value = 0;  // MSR / MSE
  double df1 = 0;      // n − 1
  double df2 = 0;      // v, Satterthwaite-style (below); real, as irr prints F(19, 39.7)
  double p_value = 0;  // P(F(df1, df2) > f_value), one-sided, as irr::icc reports it
  ConfidenceInterval single;
  ConfidenceInterval average;
};

struct IccResult {
  std::size_t subjects = 0;  // n
  std::size_t raters = 0;    // k
  double single = 0;         // ICC(A,1)
  double average = 0;        // ICC(A,k)
  // nullopt when the residual mean square MSE is rounding noise (below 1e-12 of the total
  // variance): the ratings are then exactly additive and the F ratio is infinite.
  std::optional<IccInference> inference;
};

// ICC(A,1) and ICC(A,k): two-way random effects, absolute agreement (McGraw & Wong 1996,
// "Forming inferences about some intraclass correlation coefficients", Psychological Methods
// 1(1), case 2A, Tables 4, 7 and 8; Shrout & Fleiss 1979 ICC(2,1) and ICC(2,k)). `ratings` is a
// complete n × k matrix (every row the same length). From the two-way ANOVA without replication:
//   MSR = k·Σ_i (row mean_i − grand mean)² / (n − 1)               (subjects)
//   MSC = n·Σ_j (column mean_j − grand mean)² / (k − 1)            (raters)
//   MSE = Σ_ij (x_ij − row mean_i − column mean_j + grand)² / ((n − 1)(k − 1))
//   ICC(A,1) = (MSR − MSE) / (MSR + (k − 1)·MSE + k·(MSC − MSE) / n)
//   ICC(A,k) = (MSR − MSE) / (MSR + (MSC − MSE) / n)
// Inference, as R irr::icc (0.84.1) computes it for ICC(A,1), with ρ̂ = ICC(A,1):
//   F = MSR / MSE on df1 = n − 1 and df2 = v, where a = k·ρ̂ / (n(1 − ρ̂)),
//   b = 1 + k·ρ̂·(n − 1) / (n(1 − ρ̂)) and
//   v = (a·MSC + b·MSE)² / ((a·MSC)² / (k − 1) + (b·MSE)² / ((n − 1)(k − 1)));
//   F* = FUpperQuantile(0.025, n − 1, v), F** = FUpperQuantile(0.025, v, n − 1);
//   lower = n(MSR − F*·MSE) / (F*(k·MSC + (kn − k − n)·MSE) + n·MSR),
//   upper = n(F**·MSR − MSE) / (k·MSC + (kn − k − n)·MSE + n·F**·MSR).
// The ICC(A,k) interval is McGraw & Wong's Table 7 row for ICC(A,k) with the same F*, F** and
// v, which equals the Spearman–Brown step-up k·L / (1 + (k − 1)·L) of the single bounds. (irr
// 0.84.1 instead recomputes v from ICC(A,k), so its ICC(A,k) interval differs slightly.)
// nullopt when n < 2, k < 2 or all ratings are equal (the coefficient is 0 / 0).
std::optional<IccResult> IccAbsoluteAgreement(const std::vector<std::vector<double>>& ratings);

// ---- Agreement on categories and levels ----------------------------------------------------

enum class AlphaMetric { kNominal, kOrdinal, kInterval, kRatio };

// Krippendorff's alpha by the coincidence-matrix method (K. Krippendorff, "Computing
// Krippendorff's Alpha-Reliability", 2011; same result as R irr::kripp.alpha). `units` lists, per
// unit of analysis, the values the coders gave it: missing values are simply absent, and a unit
// with fewer than two values is not pairable and contributes nothing. With m_u values in unit u:
//   o_ck = Σ_u (number of ordered pairs (c, k) of values from different coders in u) / (m_u − 1)
//   n_c = Σ_k o_ck,  n = Σ_c n_c  (the pairable values)
//   α = 1 − (n − 1)·Σ_{c,k} o_ck·δ²_ck / Σ_{c,k} n_c·n_k·δ²_ck
// with the difference functions δ²_ck: nominal 0 if c = k else 1; ordinal
// (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the sorted distinct values; interval (c − k)²; ratio
// ((c − k)/(c + k))². nullopt when fewer than two values are pairable or all of them are equal
// (no expected disagreement: α is 0 / 0).
std::optional<double> KrippendorffAlpha(const std::vector<std::vector<double>>& units,
                                        AlphaMetric metric);

// Fleiss' kappa for m raters (Fleiss 1971, "Measuring nominal scale agreement among many
// raters", Psychological Bulletin 76(5); R irr::kappam.fleiss). `ratings` holds per subject the
// category codes its k raters chose; every subject needs the same k ≥ 2. With N subjects and
// n_ij raters putting subject i in category j:
//   P_i = (Σ_j n_ij² − k) / (k(k − 1)),  P̄ = Σ_i P_i / N,  p_j = Σ_i n_ij / (N·k),
//   P_e = Σ_j p_j²,  κ = (P̄ − P_e) / (1 − P_e).
// nullopt for no subjects, unequal or too small panels, or a single category used (P_e = 1).
std::optional<double> FleissKappa(const std::vector<std::vector<int>>& ratings);

// How often judgement panels agree. Only panels with at least two scores are compared.
struct PanelAgreement {
  std::size_t compared = 0;                // panels with ≥ 2 scores
  std::size_t exact = 0;                   // all scores equal
  std::size_t adjacent = 0;                // highest − lowest ≤ 1 (includes the exact ones)
  std::optional<double> exact_percent;     // 100 · exact / compared; nullopt if none compared
  std::optional<double> adjacent_percent;  // 100 · adjacent / compared
};

// Exact agreement (every judge gave the same score) and adjacent agreement (scores at most one
// level apart) per panel, the usual agreement rates of performance assessment (e.g. Stemler
// 2004, "A comparison of consensus, consistency and measurement approaches"), counted over
// whole panels rather than judge pairs, so that they read like the max_spread rule.
PanelAgreement AgreementOfPanels(const std::vector<std::vector<int>>& panels);

// ---- Judge severity ------------------------------------------------------------------------

// Each score's deviation from the mean of the OTHER scores of its panel:
// d_j = x_j − (Σ_{i≠j} x_i) / (m − 1), in panel order. Negative = harsher than the rest of the
// panel, positive = more lenient. Empty for panels with fewer than two scores.
std::vector<double> DeviationsFromRest(std::span<const double> panel);

// One-sample two-sided Student t test of H0: mean deviation = 0 at the 5 % level.
struct MeanTest {
  double standard_deviation = 0;  // sample SD s of the deviations
  double standard_error = 0;      // s / √n
  double t = 0;                   // mean / standard error
  double df = 0;                  // n − 1
  double p_value = 0;             // StudentTwoSidedP(t, df)
  bool significant = false;       // p < 0.05
};

struct DeviationSummary {
  std::size_t count = 0;
  double mean = 0;
  // nullopt for a single deviation. When every deviation is equal, s = 0: t is ±infinity
  // (p = 0, significant) for a non-zero mean and 0 (p = 1) for a zero mean.
  std::optional<MeanTest> test;
};

// Mean deviation with its t test; nullopt for no deviations.
std::optional<DeviationSummary> SummariseDeviations(std::span<const double> deviations);

}  // namespace skillscore
