#include "skillscore/entry_session.h"

#include <algorithm>
#include <utility>

#include "skillscore/disputed_panel.h"
#include "skillscore/i18n.h"
#include "skillscore/mark_value.h"
#include "skillscore/scoring.h"
#include "skillscore/text.h"

namespace skillscore {
namespace {

// ANSI colours of the parts of the dialogue that a judge must not miss.
constexpr char kBold[] = "1";
constexpr char kRed[] = "31";
constexpr char kGreen[] = "32";
constexpr char kYellow[] = "33";

// What the judge types besides values.
constexpr std::string_view kQuit = "q";
constexpr std::string_view kHelp = "?";
constexpr std::string_view kBack = "-";

// Width of the key column of the help.
constexpr std::size_t kKeyWidth = 7;

// The shortest decimal that shows the value exactly, for people: "1.5", "33,3" in Russian, "100".
std::string Decimal(const Rational& value) {
  int decimals = 0;
  while (!value.HasAtMostDecimals(decimals)) ++decimals;
  return LocalDecimal(value.ToDecimal(decimals));
}

template <typename Person>
const Person* FindById(const std::vector<Person>& people, std::string_view id) {
  auto found = std::find_if(people.begin(), people.end(),
                            [&](const Person& person) { return person.id == id; });
  return found == people.end() ? nullptr : &*found;
}

const SubcriterionLock* FindLock(const std::vector<SubcriterionLock>& locks,
                                 std::string_view subcriterion) {
  auto found = std::find_if(locks.begin(), locks.end(), [&](const SubcriterionLock& lock) {
    return lock.subcriterion == subcriterion;
  });
  return found == locks.end() ? nullptr : &*found;
}

std::vector<const Subcriterion*> AllSubcriteria(const Rubric& rubric) {
  std::vector<const Subcriterion*> all;
  for (const Module& module : rubric.modules) {
    for (const Subcriterion& subcriterion : module.subcriteria) all.push_back(&subcriterion);
  }
  return all;
}

tl::expected<std::vector<const Subcriterion*>, std::string> PlanSubcriteria(
    const ExamData& roster, const std::vector<SubcriterionLock>& locks,
    const std::optional<std::string>& wanted, std::vector<std::string>& notes) {
  std::vector<const Subcriterion*> all = AllSubcriteria(roster.rubric);
  if (wanted) {
    std::string_view id = Trim(*wanted, kWhitespace);
    auto found = std::find_if(all.begin(), all.end(), [&](const Subcriterion* subcriterion) {
      return subcriterion->id == id;
    });
    if (found == all.end()) {
      return tl::unexpected(
          Tr("sub-criterion \"{0}\" is not in rubric {1}", id, roster.rubric.Identity()));
    }
    if (const SubcriterionLock* lock = FindLock(locks, id)) {
      return tl::unexpected(
          Tr("sub-criterion {0} is locked (signed off by {1} at {2}): no marks can be entered "
             "until the chief expert unlocks it",
             id, lock->locked_by, lock->locked_at));
    }
    return std::vector<const Subcriterion*>{*found};
  }
  std::vector<const Subcriterion*> open;
  for (const Subcriterion* subcriterion : all) {
    if (const SubcriterionLock* lock = FindLock(locks, subcriterion->id)) {
      notes.push_back(Tr("sub-criterion {0} is locked (signed off by {1} at {2}): left out",
                         subcriterion->id, lock->locked_by, lock->locked_at));
    } else if (!subcriterion->aspects.empty()) {
      open.push_back(subcriterion);
    }
  }
  if (open.empty()) {
    return tl::unexpected(
        Tr("every sub-criterion of exam {0} is locked: there is nothing to enter", roster.exam.id));
  }
  return open;
}

tl::expected<std::vector<Candidate>, std::string> PlanCandidates(
    const ExamData& roster, const Judge& judge, const std::optional<std::string>& wanted,
    std::vector<std::string>& notes) {
  const Policy& policy = roster.rubric.policy;
  if (wanted) {
    std::string_view id = Trim(*wanted, kWhitespace);
    const Candidate* candidate = FindById(roster.candidates, id);
    if (candidate == nullptr) {
      return tl::unexpected(
          Tr("candidate \"{0}\" is not registered for exam {1}", id, roster.exam.id));
    }
    if (candidate->status != CandidateStatus::kPresent) {
      return tl::unexpected(Tr("candidate {0} is {1}: only present candidates are marked", id,
                               Tr(CandidateStatusName(candidate->status))));
    }
    if (auto shared = SharedOrganization(policy, judge.organization, candidate->organization)) {
      return tl::unexpected(
          Tr("judge {0} may not mark candidate {1}: both are from \"{2}\" (conflict of interest)",
             judge.id, id, *shared));
    }
    return std::vector<Candidate>{*candidate};
  }
  std::vector<Candidate> candidates;
  for (const Candidate& candidate : roster.candidates) {
    if (candidate.status != CandidateStatus::kPresent) continue;
    if (auto shared = SharedOrganization(policy, judge.organization, candidate.organization)) {
      notes.push_back(
          Tr("candidate {0} is left out: judge {1} and the candidate are both from "
             "\"{2}\" (conflict of interest)",
             candidate.id, judge.id, *shared));
    } else {
      candidates.push_back(candidate);
    }
  }
  if (candidates.empty()) {
    return tl::unexpected(
        Tr("there is no candidate whom judge {0} may mark in exam {1}", judge.id, roster.exam.id));
  }
  return candidates;
}

EntryForm MakeForm(const Rubric& rubric, const Subcriterion& subcriterion,
                   const Candidate& candidate) {
  EntryForm form{subcriterion.id, subcriterion.title, {}, candidate};
  for (const Aspect& aspect : subcriterion.aspects)
    form.aspects.push_back(*rubric.FindAspect(aspect.id));
  return form;
}

// "C1 Иванов Иван", or the id alone when the name is not given.
std::string CandidateLabel(const Candidate& candidate) {
  return candidate.name.empty() ? candidate.id : candidate.id + " " + candidate.name;
}

std::string Indented(const std::string& text) { return "  " + text + "\n"; }

std::string Joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string ScoresText(const std::vector<PanelScore>& panel) {
  std::vector<std::string> scores;
  for (const PanelScore& score : panel) scores.push_back(std::to_string(score.score));
  return Joined(scores);
}

const PanelScore* OwnScore(const AspectRecord& record, const std::string& judge) {
  auto found = std::find_if(record.panel.begin(), record.panel.end(),
                            [&](const PanelScore& score) { return score.judge == judge; });
  return found == record.panel.end() ? nullptr : &*found;
}

// What to type for the aspect: its options, ranges or level descriptors, then a line that says
// which values are accepted.
std::string ValueHint(const Aspect& aspect) {
  std::string hint;
  if (aspect.type == AspectType::kJudgement) {
    for (std::size_t score = 0; score < aspect.levels.size(); ++score) {
      hint += Indented(std::to_string(score) + "  " + aspect.levels[score]);
    }
    return hint + Indented(Tr("your score: 0, 1, 2 or 3"));
  }
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return Indented(Tr("yes or no; na = not attempted"));
    case Calculation::kNumberCompleted:
      return Indented(
          Tr("how many of {0} are done: 0 to {0}; na = not attempted", aspect.number_completed));
    case Calculation::kChoice:
      for (std::size_t i = 0; i < aspect.options.size(); ++i) {
        const ChoiceOption& option = aspect.options[i];
        hint += Indented(std::to_string(i + 1) + "  " + option.label + "  " +
                         Tr("(deduct {0}%)", Decimal(option.deduct)));
      }
      return hint + Indented(Tr("the option's number or label; na = not attempted"));
    case Calculation::kRanged:
      for (const Range& range : aspect.ranges) {
        hint += Indented(Tr("{0} to {1}: deduct {2}%", Decimal(range.from), Decimal(range.to),
                            Decimal(range.deduct)));
      }
      return hint + Indented(Tr("the measured value; na = not attempted"));
  }
  return hint;
}

std::string Help() {
  const std::pair<const char*, const char*> keys[] = {
      {"Enter", "skip the aspect; a value already entered is kept"},
      {"na", "not attempted (measurement aspects)"},
      {"-", "back to the previous aspect"},
      {"?", "this help"},
      {"q", "quit; every confirmed mark is already saved"},
  };
  std::string help;
  for (const auto& [key, meaning] : keys) {
    std::string column(key);
    column.resize(kKeyWidth, ' ');
    help += Indented(column + Tr(meaning));
  }
  return help;
}

}  // namespace

tl::expected<EntryPlan, std::string> PlanEntry(const ExamData& roster,
                                               const std::vector<SubcriterionLock>& locks,
                                               const EntryRequest& request) {
  std::string_view judge_id = Trim(request.judge, kWhitespace);
  const Judge* judge = FindById(roster.judges, judge_id);
  if (judge == nullptr) {
    return tl::unexpected(
        Tr("judge \"{0}\" is not registered for exam {1}", judge_id, roster.exam.id));
  }
  EntryPlan plan{judge->id, {}, {}};
  auto subcriteria = PlanSubcriteria(roster, locks, request.subcriterion, plan.notes);
  if (!subcriteria) return tl::unexpected(subcriteria.error());
  auto candidates = PlanCandidates(roster, *judge, request.candidate, plan.notes);
  if (!candidates) return tl::unexpected(candidates.error());
  for (const Subcriterion* subcriterion : *subcriteria) {
    for (const Candidate& candidate : *candidates) {
      plan.forms.push_back(MakeForm(roster.rubric, *subcriterion, candidate));
    }
  }
  return plan;
}

EntrySession::EntrySession(const ExamData& roster, EntryPlan plan, EntryMarks& marks,
                           EntryOptions options)
    : roster_(roster),
      plan_(std::move(plan)),
      marks_(marks),
      options_(options),
      context_{.rubric = &roster.rubric,
               .candidates = &roster.candidates,
               .judges = &roster.judges,
               .exam = roster.exam.id} {}

std::string EntrySession::Start() {
  std::string text;
  for (const std::string& note : plan_.notes) text += note + "\n";
  text += Tr("Type a value and press Enter. Enter alone skips the aspect (keeping the current "
             "value); na = not attempted; - = back; ? = help; q = quit.") +
          "\n";
  return text + Header() + Arrive();
}

std::string EntrySession::Prompt() const {
  std::string prompt = CurrentAspect().id;
  if (auto current = CurrentValueText()) prompt += " " + Tr("[current: {0}]", *current);
  return prompt + "> ";
}

std::string EntrySession::Feed(std::string_view line) {
  if (done_) return {};
  std::string_view text = Trim(line, kWhitespace);
  if (text == kQuit) return Stop("Stopped: every confirmed mark is saved.");
  if (text == kHelp) return Help() + ValueHint(CurrentAspect());
  if (text == kBack) return Back();
  if (text.empty()) {
    auto current = CurrentValueText();
    return Indented(current ? Tr("kept: {0}", *current) : Tr("skipped")) + Advance();
  }
  return Enter(text);
}

std::string EntrySession::EndOfInput() {
  if (done_) return {};
  return Stop("Input ended: every confirmed mark is saved.");
}

const Aspect& EntrySession::CurrentAspect() const {
  return roster_.rubric.AspectAt(CurrentOrdinal());
}

// As the judge would type it back; for a panel, the judge's own score only.
std::optional<std::string> EntrySession::CurrentValueText() const {
  const AspectRecord& record = sheet_.aspects.at(CurrentOrdinal());
  const Aspect& aspect = CurrentAspect();
  if (aspect.type == AspectType::kJudgement) {
    const PanelScore* own = OwnScore(record, plan_.judge);
    if (own == nullptr) return std::nullopt;
    return std::to_string(own->score);
  }
  if (!record.measurement) return std::nullopt;
  return MarkValueText(aspect, *record.measurement);
}

std::string EntrySession::Header() const {
  const EntryForm& form = Form();
  std::string subcriterion =
      form.title.empty() ? form.subcriterion : form.subcriterion + " " + form.title;
  return "\n" +
         Paint(Tr("{0} — candidate {1}", subcriterion, CandidateLabel(form.candidate)), kBold) +
         "\n";
}

// Reads the candidate's marks afresh and shows the aspect. A panel the judge has scored may be
// disputed meanwhile: that is said, without the other scores, which the judge saw on saving.
std::string EntrySession::Arrive() {
  auto sheet = ReadSheet();
  if (!sheet) return {};
  sheet_ = std::move(*sheet);
  const Aspect& aspect = CurrentAspect();
  std::string card = "\n" + Paint(aspect.id, kBold) + "  " + aspect.text + "  " +
                     Tr("(max {0})", Decimal(aspect.max)) + "\n" + ValueHint(aspect);
  const AspectRecord& record = sheet_.aspects.at(CurrentOrdinal());
  const int max_spread = roster_.rubric.policy.max_spread;
  if (aspect.type == AspectType::kJudgement && OwnScore(record, plan_.judge) != nullptr &&
      PanelDisputed(roster_.rubric.policy, record.panel)) {
    card += Indented(Paint(Tr("the panel is disputed (the scores differ by more than {0}); "
                              "re-score if you now see it differently",
                              max_spread),
                           kYellow));
  }
  return card;
}

std::string EntrySession::Advance() {
  if (step_ + 1 < Form().aspects.size()) {
    ++step_;
    return Arrive();
  }
  std::string summary = Summary();
  if (done_) return summary;
  if (form_ + 1 == plan_.forms.size()) {
    done_ = true;
    return summary + "\n" +
           Tr("Done: every aspect has been walked; every confirmed mark is saved.") + "\n";
  }
  ++form_;
  step_ = 0;
  return summary + Header() + Arrive();
}

std::string EntrySession::Back() {
  if (step_ > 0) {
    --step_;
    return Arrive();
  }
  if (form_ == 0) return Indented(Tr("this is the first aspect; there is nothing before it"));
  --form_;
  step_ = Form().aspects.size() - 1;
  return Header() + Arrive();
}

std::string EntrySession::Enter(std::string_view text) {
  const Aspect& aspect = CurrentAspect();
  auto entry = CheckMark(context_, Form().candidate.id, aspect.id, plan_.judge, std::string(text));
  if (!entry) return Indented(Paint(Tr("refused: {0}", entry.error()), kRed));
  std::optional<std::string> previous = CurrentValueText();
  auto change = marks_.Save(*entry);
  if (!change) {
    failure_ = change.error();
    done_ = true;
    return {};
  }
  std::string said;
  switch (*change) {
    case Change::kAdded:
      said = Tr("saved");
      break;
    case Change::kChanged:
      said = previous ? Tr("saved (was {0})", *previous) : Tr("saved");
      break;
    case Change::kUnchanged:
      said = Tr("unchanged: the same value is already entered");
      break;
  }
  std::string reply = Indented(Paint(said, kGreen));
  if (aspect.type == AspectType::kJudgement) {
    auto sheet = ReadSheet();
    if (!sheet) return reply;
    const std::vector<PanelScore>& panel = sheet->aspects.at(CurrentOrdinal()).panel;
    if (PanelDisputed(roster_.rubric.policy, panel)) reply += Disputed(panel);
  }
  return reply + Advance();
}

std::string EntrySession::Disputed(const std::vector<PanelScore>& panel) const {
  return Indented(Paint(Tr("the panel is disputed: scores {0} differ by more than {1}; talk it "
                           "over with the other judges and re-score",
                           ScoresText(panel), roster_.rubric.policy.max_spread),
                        kYellow));
}

std::string EntrySession::Stop(const char* message) {
  std::string summary = Summary();
  done_ = true;
  if (failure_) return summary;
  return summary + "\n" + Tr(message) + "\n";
}

// The form's aspects from the judge's side: entered (for a panel, the judge's own score is in),
// missing, and disputed (panels the judge has scored whose spread is too wide).
std::string EntrySession::Summary() {
  auto sheet = ReadSheet();
  if (!sheet) return {};
  const EntryForm& form = Form();
  std::vector<std::string> missing;
  std::vector<std::string> disputed;
  for (std::size_t ordinal : form.aspects) {
    const Aspect& aspect = roster_.rubric.AspectAt(ordinal);
    const AspectRecord& record = sheet->aspects.at(ordinal);
    bool entered = aspect.type == AspectType::kJudgement ? OwnScore(record, plan_.judge) != nullptr
                                                         : record.measurement.has_value();
    if (!entered) {
      missing.push_back(aspect.id);
    } else if (aspect.type == AspectType::kJudgement &&
               PanelDisputed(roster_.rubric.policy, record.panel)) {
      disputed.push_back(aspect.id);
    }
  }
  std::string summary =
      "\n" +
      Paint(Tr("{0} for {1}: {2} entered, {3} missing, {4} disputed", form.subcriterion,
               CandidateLabel(form.candidate), form.aspects.size() - missing.size(), missing.size(),
               disputed.size()),
            kBold) +
      "\n";
  if (!missing.empty()) summary += Indented(Tr("missing: {0}", Joined(missing)));
  if (!disputed.empty()) summary += Indented(Paint(Tr("disputed: {0}", Joined(disputed)), kYellow));
  return summary;
}

// The form's candidate's marks; on a store error the session ends with it.
std::optional<CandidateSheet> EntrySession::ReadSheet() {
  auto sheet = marks_.Sheet(Form().candidate);
  if (sheet) return std::move(*sheet);
  failure_ = sheet.error();
  done_ = true;
  return std::nullopt;
}

std::string EntrySession::Paint(const std::string& text, const char* color) const {
  if (!options_.color) return text;
  return std::string("\033[") + color + "m" + text + "\033[0m";
}

}  // namespace skillscore
