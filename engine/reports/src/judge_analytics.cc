#include "skillscore/judge_analytics.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>

#include "skillscore/disputed_panel.h"
#include "skillscore/scoring.h"

namespace skillscore {
namespace {

// A panel together with the candidate it marked.
struct CandidatePanel {
  const Candidate* candidate = nullptr;
  const std::vector<PanelScore>* scores = nullptr;
};

std::vector<CandidatePanel> PanelsOf(std::size_t aspect,
                                     const std::vector<CandidateSheet>& sheets) {
  std::vector<CandidatePanel> panels;
  for (const CandidateSheet& sheet : sheets) {
    const std::vector<PanelScore>& panel = sheet.aspects[aspect].panel;
    if (!panel.empty()) panels.push_back({&sheet.candidate, &panel});
  }
  return panels;
}

std::vector<double> ScoresOf(const std::vector<PanelScore>& panel) {
  std::vector<double> scores;
  for (const PanelScore& score : panel) scores.push_back(score.score);
  return scores;
}

PanelSummary Summarise(const std::vector<CandidatePanel>& panels, const Policy& policy) {
  PanelSummary summary;
  std::vector<std::vector<int>> scores;
  for (const CandidatePanel& panel : panels) {
    ++summary.panels;
    if (PanelDisputed(policy, *panel.scores)) ++summary.disputed;
    std::vector<int>& row = scores.emplace_back();
    for (const PanelScore& score : *panel.scores) row.push_back(score.score);
  }
  summary.agreement = AgreementOfPanels(scores);
  return summary;
}

// Complete panels (exactly policy.judges scores) as matrix rows, columns ordered by judge id.
std::vector<std::vector<double>> IccMatrix(const std::vector<CandidatePanel>& panels,
                                           const Policy& policy) {
  std::vector<std::vector<double>> rows;
  for (const CandidatePanel& panel : panels) {
    if (panel.scores->size() != static_cast<std::size_t>(policy.judges)) continue;
    std::vector<const PanelScore*> by_judge;
    by_judge.reserve(panel.scores->size());
    for (const PanelScore& score : *panel.scores) by_judge.push_back(&score);
    std::sort(by_judge.begin(), by_judge.end(),
              [](const PanelScore* a, const PanelScore* b) { return a->judge < b->judge; });
    std::vector<double>& row = rows.emplace_back();
    row.reserve(by_judge.size());
    for (const PanelScore* score : by_judge) row.push_back(score->score);
  }
  return rows;
}

SubcriterionReliability Reliability(const Subcriterion& subcriterion,
                                    const std::vector<CandidatePanel>& panels,
                                    const Policy& policy) {
  SubcriterionReliability result;
  result.id = subcriterion.id;
  result.summary = Summarise(panels, policy);
  result.icc = IccAbsoluteAgreement(IccMatrix(panels, policy));
  std::vector<std::vector<double>> units;
  for (const CandidatePanel& panel : panels) units.push_back(ScoresOf(*panel.scores));
  result.ordinal_alpha = KrippendorffAlpha(units, AlphaMetric::kOrdinal);
  return result;
}

// A sequence of numbers that takes few distinct values (scores 0…3 and their deviations from the
// rest of a panel), kept as one byte per number: a judge's records over a million marks take a
// few megabytes instead of tens. Values() gives the numbers back exactly and in order, so every
// statistic over them is the one computed over a plain vector, to the last bit. Past 256
// distinct values it keeps every number as it is.
class FewValues {
 public:
  void push_back(double value) {
    if (!spilled_) {
      if (std::optional<std::uint8_t> code = CodeOf(value)) {
        codes_.push_back(*code);
        return;
      }
      plain_ = Values();
      codes_ = {};
      spilled_ = true;
    }
    plain_.push_back(value);
  }

  std::vector<double> Values() const {
    if (spilled_) return plain_;
    std::vector<double> values;
    values.reserve(codes_.size());
    for (std::uint8_t code : codes_) values.push_back(distinct_[code]);
    return values;
  }

 private:
  static constexpr std::size_t kMaxDistinct = 256;

  // Compared bit for bit, so that what comes back is exactly what went in (−0 included).
  std::optional<std::uint8_t> CodeOf(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    for (std::size_t i = 0; i < distinct_.size(); ++i) {
      if (std::bit_cast<std::uint64_t>(distinct_[i]) == bits) return static_cast<std::uint8_t>(i);
    }
    if (distinct_.size() == kMaxDistinct) return std::nullopt;
    distinct_.push_back(value);
    return static_cast<std::uint8_t>(distinct_.size() - 1);
  }

  std::vector<double> distinct_;
  std::vector<std::uint8_t> codes_;
  bool spilled_ = false;
  std::vector<double> plain_;  // every number, once there were too many distinct ones
};

// What one judge's scores contribute, collected over all panels.
struct JudgeRecord {
  std::string organization;
  std::size_t scores = 0;
  FewValues deviations;
  FewValues own_organization;
  FewValues other_organizations;
  FewValues judge_scores;  // on panels with two or more scores
  FewValues panel_scores;  // the other judges' scores on those panels
};

class JudgeRecords {
 public:
  explicit JudgeRecords(const std::vector<Judge>& judges) {
    for (const Judge& judge : judges) {
      if (!index_.emplace(judge.id, records_.size()).second) continue;  // listed twice
      records_.emplace_back(judge.id, JudgeRecord()).second.organization = judge.organization;
    }
    listed_ = static_cast<std::ptrdiff_t>(records_.size());
  }

  void Add(const CandidatePanel& panel) {
    const std::vector<PanelScore>& scores = *panel.scores;
    values_.clear();
    for (const PanelScore& score : scores) values_.push_back(score.score);
    const std::vector<double>& values = values_;
    const std::vector<double> deviations = DeviationsFromRest(values);
    for (std::size_t j = 0; j < scores.size(); ++j) {
      JudgeRecord& record = Find(scores[j].judge);
      ++record.scores;
      if (deviations.empty()) continue;
      record.deviations.push_back(deviations[j]);
      bool own =
          !record.organization.empty() && record.organization == panel.candidate->organization;
      (own ? record.own_organization : record.other_organizations).push_back(deviations[j]);
      record.judge_scores.push_back(values[j]);
      for (std::size_t other = 0; other < values.size(); ++other) {
        if (other != j) record.panel_scores.push_back(values[other]);
      }
    }
  }

  // Listed judges first, in their order; judges who scored without being listed, by id.
  std::vector<std::pair<std::string, JudgeRecord>> InReportOrder() const {
    std::vector<std::pair<std::string, JudgeRecord>> ordered(records_.begin(),
                                                             records_.begin() + listed_);
    std::map<std::string, JudgeRecord> unlisted(records_.begin() + listed_, records_.end());
    ordered.insert(ordered.end(), unlisted.begin(), unlisted.end());
    return ordered;
  }

 private:
  JudgeRecord& Find(const std::string& judge) {
    if (auto found = index_.find(judge); found != index_.end())
      return records_[found->second].second;
    index_.emplace(judge, records_.size());
    return records_.emplace_back(judge, JudgeRecord()).second;
  }

  std::vector<std::pair<std::string, JudgeRecord>> records_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<double> values_;  // the scores of the panel being added, reused from panel to panel
  std::ptrdiff_t listed_ = 0;   // records_ begins with the listed judges
};

JudgeSeverity Severity(const std::string& judge, const JudgeRecord& record) {
  return {judge,
          record.organization,
          record.scores,
          SummariseDeviations(record.deviations.Values()),
          SampleStandardDeviation(record.judge_scores.Values()),
          SampleStandardDeviation(record.panel_scores.Values())};
}

JudgeConflict Conflict(const std::string& judge, const JudgeRecord& record) {
  return {judge, SummariseDeviations(record.own_organization.Values()),
          SummariseDeviations(record.other_organizations.Values())};
}

// AnalyseJudges over panels handed out aspect by aspect: `panels_of(ordinal)` gives a judgement
// aspect's non-empty panels in the order of the candidates, valid until `done()` is called at the
// end of their sub-criterion.
template <typename PanelsOf, typename Done>
JudgeAnalytics Analyse(const Rubric& rubric, const std::vector<Judge>& judges, PanelsOf panels_of,
                       Done done) {
  JudgeAnalytics analytics;
  JudgeRecords records(judges);
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) {
      std::vector<CandidatePanel> subcriterion_panels;
      bool judged = false;
      for (const Aspect& aspect : subcriterion.aspects) {
        if (aspect.type != AspectType::kJudgement) continue;
        judged = true;
        std::size_t ordinal = *rubric.FindAspect(aspect.id);
        std::vector<CandidatePanel> panels = panels_of(ordinal);
        analytics.aspects.push_back({ordinal, aspect.id, Summarise(panels, rubric.policy)});
        for (const CandidatePanel& panel : panels) records.Add(panel);
        subcriterion_panels.insert(subcriterion_panels.end(), panels.begin(), panels.end());
      }
      if (judged) {
        analytics.subcriteria.push_back(
            Reliability(subcriterion, subcriterion_panels, rubric.policy));
      }
      done();
    }
  }
  const bool conflict_view = rubric.policy.conflict_of_interest == ConflictRule::kNone;
  if (conflict_view) analytics.conflict.emplace();
  for (const auto& [judge, record] : records.InReportOrder()) {
    analytics.judges.push_back(Severity(judge, record));
    if (conflict_view) analytics.conflict->push_back(Conflict(judge, record));
  }
  return analytics;
}

}  // namespace

JudgeAnalytics AnalyseJudges(const Rubric& rubric, const std::vector<CandidateSheet>& sheets,
                             const std::vector<Judge>& judges) {
  return Analyse(
      rubric, judges, [&](std::size_t ordinal) { return PanelsOf(ordinal, sheets); }, [] {});
}

// Each judgement panel as the candidate's number and a range of seats; judges by number.
struct JudgeAnalyser::State {
  struct Seat {
    std::uint32_t judge = 0;  // in judge_ids
    int score = 0;
  };
  struct Panel {
    std::uint32_t candidate = 0;  // in candidates
    std::uint32_t first = 0;      // in seats
    std::uint32_t size = 0;
  };

  const Rubric& rubric;
  const std::vector<Judge>& judges;
  std::vector<Candidate> candidates = {};
  std::vector<std::string> judge_ids = {};
  std::unordered_map<std::string, std::uint32_t> judge_numbers = {};
  std::vector<std::vector<Panel>> panels = {};  // by aspect ordinal
  std::vector<Seat> seats = {};

  std::uint32_t JudgeNumber(const std::string& judge) {
    auto [found, added] =
        judge_numbers.try_emplace(judge, static_cast<std::uint32_t>(judge_ids.size()));
    if (added) judge_ids.push_back(judge);
    return found->second;
  }
};

JudgeAnalyser::JudgeAnalyser(const Rubric& rubric, const std::vector<Judge>& judges)
    : state_(std::make_unique<State>(State{rubric, judges})) {
  state_->panels.resize(rubric.AspectCount());
}

JudgeAnalyser::~JudgeAnalyser() = default;

void JudgeAnalyser::Add(const CandidateSheet& sheet) {
  State& state = *state_;
  const auto candidate = static_cast<std::uint32_t>(state.candidates.size());
  state.candidates.push_back(sheet.candidate);
  for (std::size_t ordinal = 0; ordinal < sheet.aspects.size(); ++ordinal) {
    const std::vector<PanelScore>& panel = sheet.aspects[ordinal].panel;
    if (panel.empty() || ordinal >= state.panels.size()) continue;
    state.panels[ordinal].push_back({candidate, static_cast<std::uint32_t>(state.seats.size()),
                                     static_cast<std::uint32_t>(panel.size())});
    for (const PanelScore& score : panel) {
      state.seats.push_back({state.JudgeNumber(score.judge), score.score});
    }
  }
}

JudgeAnalytics JudgeAnalyser::Finish() && {
  State& state = *state_;
  // The panels of the sub-criterion being analysed, as AnalyseJudges reads them off the sheets;
  // a deque, so that the panels handed out stay where they are as more are made.
  std::deque<std::vector<PanelScore>> made;
  auto panels_of = [&](std::size_t ordinal) {
    std::vector<CandidatePanel> panels;
    panels.reserve(state.panels[ordinal].size());
    for (const State::Panel& panel : state.panels[ordinal]) {
      std::vector<PanelScore>& scores = made.emplace_back();
      scores.reserve(panel.size);
      for (std::uint32_t i = panel.first; i < panel.first + panel.size; ++i) {
        scores.push_back({state.judge_ids[state.seats[i].judge], state.seats[i].score});
      }
      panels.push_back({&state.candidates[panel.candidate], &scores});
    }
    return panels;
  };
  return Analyse(state.rubric, state.judges, panels_of, [&] { made.clear(); });
}

}  // namespace skillscore
