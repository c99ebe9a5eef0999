#include "skillscore/rescore_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "skillscore/csv_writer.h"
#include "skillscore/i18n.h"
#include "skillscore/json_writer.h"
#include "skillscore/text_table.h"

namespace skillscore {
namespace {

std::string Optional(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::string OptionalAward(const std::optional<Award>& award) {
  return award ? std::string(AwardName(*award)) : std::string();
}

std::string ReasonWords(DropReason reason);  // for people, beside the table report

// For people worded as in the table ("A1.2: 3 mark(s) dropped (aspect removed)"), else codes.
std::string DroppedText(const std::vector<DroppedMarks>& dropped, bool for_people) {
  std::vector<std::string> parts;
  for (const DroppedMarks& d : dropped) {
    parts.push_back(
        for_people ? Tr("{0}: {1} mark(s) dropped ({2})", d.aspect, d.marks, ReasonWords(d.reason))
                   : fmt::format("{} {} {}", d.aspect, DropReasonName(d.reason), d.marks));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

class JsonReport final : public RescoreReport {
 public:
  std::string Begin(std::string_view target) override {
    return "{\n  \"rubric\": " + JsonQuoted(target) + ",\n  \"changes\": [";
  }

  std::string Exam(const RescoreExamView& view) override {
    std::string text;
    for (const CandidateRescore& c : view.rescore.candidates) {
      if (!c.Changed()) continue;
      text += changes_++ == 0 ? "\n    " : ",\n    ";
      text += Change(view, c);
    }
    return text;
  }

  std::string End(const RescoreEnd& end) override {
    const RescoreSummary& s = end.summary;
    JsonWriter json;
    json.BeginObject(JsonWriter::Layout::kInline);
    auto count = [&](const char* key, std::size_t value) {
      json.Key(key);
      json.Integer(static_cast<std::int64_t>(value));
    };
    count("exams", s.exams);
    count("exams_changed", s.exams_changed);
    count("candidates", s.candidates);
    count("changed", s.changed);
    count("grade_changed", s.grade_changed);
    count("rank_changed", s.rank_changed);
    count("scale_changed", s.scale_changed);
    count("award_changed", s.award_changed);
    count("became_provisional", s.became_provisional);
    count("dropped_marks", s.dropped_marks);
    count("already_current", end.already_current);
    json.Key("applied");
    json.Bool(end.applied);
    count("exams_rebound", end.exams_rebound);
    count("passports_superseded", end.passports.superseded);
    count("passports_awaiting", end.passports.awaiting);
    json.EndObject();
    return std::string(changes_ == 0 ? "]" : "\n  ]") + ",\n  \"summary\": " + json.text() +
           "\n}\n";
  }

 private:
  static std::string Change(const RescoreExamView& view, const CandidateRescore& c) {
    JsonWriter json;
    json.BeginObject(JsonWriter::Layout::kInline);
    auto text = [&](const char* key, std::string_view value) {
      json.Key(key);
      json.String(value);
    };
    text("exam", view.exam);
    text("from", view.from.Identity());
    text("candidate", c.candidate.id);
    text("name", c.candidate.name);
    text("organization", c.candidate.organization);
    text("status", CandidateStatusName(c.candidate.status));
    json.Key("before");
    WriteOutcome(json, c.before, view.from.policy.report_decimals);
    json.Key("after");
    WriteOutcome(json, c.after, view.to.policy.report_decimals);
    json.Key("dropped");
    json.BeginArray();
    for (const DroppedMarks& d : c.dropped) {
      json.BeginObject();
      text("aspect", d.aspect);
      text("reason", DropReasonName(d.reason));
      json.Key("marks");
      json.Integer(static_cast<std::int64_t>(d.marks));
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    return json.text();
  }

  static void WriteOutcome(JsonWriter& json, const Outcome& outcome, int decimals) {
    auto optional = [&](const char* key, const std::optional<int>& value) {
      json.Key(key);
      if (value) {
        json.Integer(*value);
      } else {
        json.Null();
      }
    };
    json.BeginObject();
    json.Key("total");
    json.Number(ReportNumber(outcome.total, decimals));
    json.Key("percent");
    json.Number(ReportNumber(outcome.percent, decimals));
    optional("grade", outcome.grade);
    optional("rank", outcome.rank);
    optional("scale", outcome.scale);
    json.Key("award");
    if (outcome.award) {
      json.String(AwardName(*outcome.award));
    } else {
      json.Null();
    }
    json.Key("provisional");
    json.Bool(outcome.provisional);
    json.EndObject();
  }

  std::size_t changes_ = 0;
};

class CsvReport final : public RescoreReport {
 public:
  explicit CsvReport(const CsvStyle& style) : style_(style) {}

  std::string Begin(std::string_view) override {
    if (style_.for_people) return CsvRecord(RescorePeopleHeader(), style_.delimiter);
    std::vector<std::string> header = {"exam", "from",         "candidate",
                                       "name", "organization", "status"};
    for (const char* field :
         {"total", "percent", "grade", "rank", "scale", "award", "provisional"}) {
      header.push_back(std::string(field) + "_before");
      header.push_back(std::string(field) + "_after");
    }
    header.push_back("dropped");
    return CsvRecord(header, style_.delimiter);
  }

  std::string Exam(const RescoreExamView& view) override {
    std::string text;
    const int before = view.from.policy.report_decimals;
    const int after = view.to.policy.report_decimals;
    for (const CandidateRescore& c : view.rescore.candidates) {
      if (!c.Changed()) continue;
      const Outcome& b = c.before;
      const Outcome& a = c.after;
      char separator = style_.decimal_separator;
      text += CsvRecord({std::string(view.exam),
                         view.from.Identity(),
                         c.candidate.id,
                         c.candidate.name,
                         c.candidate.organization,
                         Status(c.candidate.status),
                         ReportNumber(b.total, before, separator),
                         ReportNumber(a.total, after, separator),
                         ReportNumber(b.percent, before, separator),
                         ReportNumber(a.percent, after, separator),
                         Optional(b.grade),
                         Optional(a.grade),
                         Optional(b.rank),
                         Optional(a.rank),
                         Optional(b.scale),
                         Optional(a.scale),
                         Award(b.award),
                         Award(a.award),
                         YesNo(b.provisional),
                         YesNo(a.provisional),
                         DroppedText(c.dropped, style_.for_people)},
                        style_.delimiter);
    }
    return text;
  }

  std::string End(const RescoreEnd&) override { return {}; }

 private:
  // Words for people (CsvStyle::for_people), codes for machines.
  std::string Status(CandidateStatus status) const {
    const char* code = CandidateStatusName(status);
    return style_.for_people ? Tr(code) : std::string(code);
  }
  std::string Award(const std::optional<Award>& award) const {
    if (!style_.for_people || !award) return OptionalAward(award);
    return AwardWord(*award);
  }
  std::string YesNo(bool value) const {
    if (style_.for_people) return value ? Tr("yes") : Tr("no");
    return value ? "true" : "false";
  }

  CsvStyle style_;
};

// Russian writes a decimal comma.
char DecimalSeparator() { return CurrentLanguage() == Language::kRussian ? ',' : '.'; }

// Every decimal place kept, so that right-aligned numbers line up at the separator.
std::string Fixed(const Rational& value, int decimals) {
  std::string text = value.ToDecimal(decimals);
  std::replace(text.begin(), text.end(), '.', DecimalSeparator());
  return text;
}

// "old → new", or the value alone when it did not change; a dash for no value.
std::string Transition(const std::string& before, const std::string& after) {
  auto shown = [](const std::string& value) { return value.empty() ? std::string("—") : value; };
  return before == after ? after : shown(before) + " → " + shown(after);
}

std::string AwardOrNothing(const std::optional<Award>& award) {
  return award ? AwardWord(*award) : std::string();
}

std::string ReasonWords(DropReason reason) {
  switch (reason) {
    case DropReason::kRemoved:
      return Tr("aspect removed");
    case DropReason::kRetyped:
      return Tr("aspect type or calculation changed");
    case DropReason::kInvalid:
      return Tr("value not accepted");
  }
  return {};
}

std::string Notes(const CandidateRescore& c) {
  std::vector<std::string> notes;
  if (c.after.provisional) notes.push_back(Tr("provisional"));
  for (const DroppedMarks& d : c.dropped) {
    notes.push_back(Tr("{0}: {1} mark(s) dropped ({2})", d.aspect, d.marks, ReasonWords(d.reason)));
  }
  return fmt::format("{}", fmt::join(notes, "; "));
}

class TableReport final : public RescoreReport {
 public:
  std::string Begin(std::string_view target) override {
    target_ = target;
    return {};
  }

  std::string Exam(const RescoreExamView& view) override {
    std::vector<std::vector<std::string>> rows;
    for (const CandidateRescore& c : view.rescore.candidates) {
      if (c.Changed()) rows.push_back(Row(view, c));
    }
    if (rows.empty()) return {};
    return Tr("Exam {0}: {1} → {2}", view.exam, view.from.Identity(), view.to.Identity()) + "\n" +
           RenderTextTable(Columns(view.to.kind), rows) + "\n";
  }

  std::string End(const RescoreEnd& end) override {
    const RescoreSummary& s = end.summary;
    std::string text =
        Tr("Re-scored under {0}: exams {1}, candidates {2}", target_, s.exams, s.candidates) + "\n";
    text += Tr("Changed: candidates {0} (in {1} exams); grade {2}, rank {3}, scale {4}, award {5}",
               s.changed, s.exams_changed, s.grade_changed, s.rank_changed, s.scale_changed,
               s.award_changed) +
            "\n";
    text += Tr("Now provisional: {0}; marks dropped: {1}", s.became_provisional, s.dropped_marks) +
            "\n";
    if (end.already_current > 0) {
      text += Tr("Left out: {0} exams already use {1}", end.already_current, target_) + "\n";
    }
    text += end.applied
                ? Tr("Applied: {0} exams are now bound to {1}", end.exams_rebound, target_)
                : Tr("Dry run: nothing was changed; --apply binds the exams to {0}", target_);
    text += "\n";
    if (end.passports.superseded > 0) {
      text += Tr("Passports superseded: {0}", end.passports.superseded) + "\n";
    }
    if (end.passports.awaiting > 0) {
      text += Tr("Passports awaiting final results: {0} stay in force until the new results are "
                 "final; then run `skillscore passport issue`",
                 end.passports.awaiting) +
              "\n";
    }
    return text;
  }

 private:
  static std::vector<TextColumn> Columns(RubricKind kind) {
    std::vector<TextColumn> columns = {{Tr("Rank"), Align::kRight},
                                       {Tr("ID")},
                                       {Tr("Name")},
                                       {Tr("Total"), Align::kRight},
                                       {"%", Align::kRight}};
    if (kind == RubricKind::kExam) {
      columns.push_back({Tr("Grade")});
    } else {
      columns.push_back({Tr("Scale"), Align::kRight});
      columns.push_back({Tr("Award")});
    }
    columns.push_back({Tr("Notes")});
    return columns;
  }

  static std::vector<std::string> Row(const RescoreExamView& view, const CandidateRescore& c) {
    const Outcome& b = c.before;
    const Outcome& a = c.after;
    const int before = view.from.policy.report_decimals;
    const int after = view.to.policy.report_decimals;
    std::vector<std::string> row = {Transition(Optional(b.rank), Optional(a.rank)), c.candidate.id,
                                    c.candidate.name,
                                    Transition(Fixed(b.total, before), Fixed(a.total, after)),
                                    Transition(Fixed(b.percent, before), Fixed(a.percent, after))};
    if (view.to.kind == RubricKind::kExam) {
      row.push_back(Transition(Optional(b.grade), Optional(a.grade)));
    } else {
      row.push_back(Transition(Optional(b.scale), Optional(a.scale)));
      row.push_back(Transition(AwardOrNothing(b.award), AwardOrNothing(a.award)));
    }
    row.push_back(Notes(c));
    return row;
  }

  std::string target_;
};

}  // namespace

std::vector<std::string> RescorePeopleHeader() {
  std::vector<std::string> header = {Tr("Exam"), Tr("From"),         Tr("ID"),
                                     Tr("Name"), Tr("Organisation"), Tr("Status")};
  for (const std::string& name : {Tr("Total"), std::string("%"), Tr("Grade"), Tr("Rank"),
                                  Tr("Scale"), Tr("Award"), Tr("Provisional")}) {
    header.push_back(Tr("{0} before", name));
    header.push_back(Tr("{0} after", name));
  }
  header.push_back(Tr("Dropped marks"));
  return header;
}

std::string DroppedMarksWords(const std::vector<DroppedMarks>& dropped) {
  return DroppedText(dropped, true);
}

std::string_view DropReasonName(DropReason reason) {
  switch (reason) {
    case DropReason::kRemoved:
      return "removed";
    case DropReason::kRetyped:
      return "retyped";
    case DropReason::kInvalid:
      return "invalid";
  }
  return {};
}

std::unique_ptr<RescoreReport> RescoreJsonReport() { return std::make_unique<JsonReport>(); }

std::unique_ptr<RescoreReport> RescoreCsvReport(const CsvStyle& style) {
  return std::make_unique<CsvReport>(style);
}

std::unique_ptr<RescoreReport> RescoreTableReport() { return std::make_unique<TableReport>(); }

}  // namespace skillscore
