// Guided mark entry at the bench (`skillscore enter`): a judge walks the aspects of a
// sub-criterion for one candidate after another (a "form" is one sub-criterion of one candidate),
// typing one value per aspect. Each aspect is shown with its id, text, max mark and what to type;
// every value is checked as it is typed, with the rules of `mark` (CheckMark, exam_files.h), and a
// refused value is explained and asked again. Each accepted value is saved at once, one
// transaction per mark, so that quitting, a closed terminal or a power cut loses nothing that was
// confirmed.
//
// What the judge may type besides a value:
//   (empty)  skip the aspect; a value already entered is kept (the prompt shows "[current: yes]")
//   na       not attempted (measurement aspects; CheckMark refuses it for a judgement)
//   -        back to the previous aspect (across forms too)
//   ?        help
//   q        quit
//
// Judgement panels are shown from the judge's own side only: the prompt offers the judge's own
// score, and the other judges' scores are shown only right after the judge's score is saved, and
// only when the panel is then disputed (spread over policy.max_spread), so that the judge can
// re-score after talking it over. After the last aspect of a form comes its summary: entered,
// missing and disputed aspects, counted from the judge's side (a panel counts as entered once the
// judge's own score is in).
//
// The walk is a state machine without I/O: the caller shows Start(), then until Done() shows
// Prompt(), reads a line and shows Feed(line), or EndOfInput() when there is no more input.
// The marks sit behind EntryMarks, so a session needs neither a terminal nor a database.
//
// Thread safety: a session is used by one thread; it holds references to the roster and the
// marks, which must outlive it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/exam_files.h"
#include "skillscore/store.h"

namespace skillscore {

// The exam's marks as a session sees them. The store's implementation reads the database afresh
// on every Sheet(), since other judges may be entering marks at the same time.
class EntryMarks {
 public:
  virtual ~EntryMarks() = default;
  // Saves one checked mark in a transaction of its own (ExamStore::EnterMark).
  virtual StoreResult<Change> Save(const MarkEntry& entry) = 0;
  // The marks that count now for the candidate.
  virtual StoreResult<CandidateSheet> Sheet(const Candidate& candidate) = 0;
};

// What the judge asked for: `enter EXAM --as JUDGE [--subcriterion S] [--candidate C]`.
struct EntryRequest {
  std::string judge;
  std::optional<std::string> subcriterion;  // every sub-criterion that is not locked when absent
  std::optional<std::string> candidate;  // every present candidate the judge may mark when absent
};

// One sub-criterion of one candidate.
struct EntryForm {
  std::string subcriterion;          // "A1"
  std::string title;                 // the sub-criterion's title
  std::vector<std::size_t> aspects;  // ordinals, in rubric order
  Candidate candidate;
};

struct EntryPlan {
  std::string judge;               // the registered id of the judge entering marks
  std::vector<EntryForm> forms;    // by sub-criterion (rubric order), then candidate (registration)
  std::vector<std::string> notes;  // what was left out and why, for the judge
};

// The forms to walk, or why the session cannot start: an unknown judge, sub-criterion or
// candidate, a locked sub-criterion (every one, without --subcriterion), a candidate who is not
// present or whom the judge may not mark (conflict of interest, scoring.md §6), or nothing left.
// Without --subcriterion, locked sub-criteria are left out with a note; without --candidate, so are
// candidates the judge may not mark, and candidates who are not present are left out silently
// (they are not expected to be marked; progress.h).
tl::expected<EntryPlan, std::string> PlanEntry(const ExamData& roster,
                                               const std::vector<SubcriterionLock>& locks,
                                               const EntryRequest& request);

struct EntryOptions {
  bool color = false;  // ANSI colours: a terminal, and neither NO_COLOR nor TERM=dumb
};

class EntrySession {
 public:
  // `roster` is the exam's LoadRoster(); `plan` has at least one form.
  EntrySession(const ExamData& roster, EntryPlan plan, EntryMarks& marks,
               EntryOptions options = {});

  // The plan's notes, how to answer, and the first aspect.
  std::string Start();
  // "A1.2> ", or "A1.2 [current: 3]> " when a value is entered (for a panel: the judge's own).
  std::string Prompt() const;
  // Handles one typed line (without its end of line) and says what happened, then shows what
  // comes next: the next aspect, a form's summary, the end.
  std::string Feed(std::string_view line);
  // The input ended (stdin closed): the current form's summary. Every confirmed mark is saved.
  std::string EndOfInput();

  bool Done() const { return done_; }
  // The store's error that ended the session; the caller reports it.
  const std::optional<StoreError>& failure() const { return failure_; }

 private:
  const EntryForm& Form() const { return plan_.forms[form_]; }
  const Aspect& CurrentAspect() const;
  std::size_t CurrentOrdinal() const { return Form().aspects[step_]; }
  std::optional<std::string> CurrentValueText() const;

  std::string Header() const;
  std::string Arrive();
  std::string Advance();
  std::string Back();
  std::string Enter(std::string_view text);
  std::string Stop(const char* message);
  std::string Summary();
  std::string Disputed(const std::vector<PanelScore>& panel) const;
  std::optional<CandidateSheet> ReadSheet();
  std::string Paint(const std::string& text, const char* color) const;

  const ExamData& roster_;
  EntryPlan plan_;
  EntryMarks& marks_;
  EntryOptions options_;
  MarkContext context_;
  std::size_t form_ = 0;
  std::size_t step_ = 0;  // index into Form().aspects
  // The marks of the form's candidate, read when arriving at an aspect.
  CandidateSheet sheet_;
  bool done_ = false;
  std::optional<StoreError> failure_;
};

}  // namespace skillscore
