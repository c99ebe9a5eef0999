#include "skillscore/progress_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "rubric_json.h"
#include "skillscore/csv_writer.h"
#include "skillscore/i18n.h"
#include "skillscore/json_writer.h"
#include "skillscore/text_table.h"

namespace skillscore {
namespace {

using Layout = JsonWriter::Layout;

struct Totals {
  std::size_t expected = 0;
  std::size_t entered = 0;
  std::size_t missing = 0;
  std::size_t disputed = 0;
  bool complete = true;
};

Totals TotalsOf(const std::vector<SubcriterionProgress>& progress) {
  Totals totals;
  for (const SubcriterionProgress& part : progress) {
    totals.expected += part.expected;
    totals.entered += part.entered;
    totals.missing += part.missing;
    totals.disputed += part.disputed;
    totals.complete = totals.complete && part.complete;
  }
  return totals;
}

void WriteCounts(JsonWriter& json, std::size_t expected, std::size_t entered, std::size_t missing,
                 std::size_t disputed) {
  json.Key("expected");
  json.Integer(static_cast<std::int64_t>(expected));
  json.Key("entered");
  json.Integer(static_cast<std::int64_t>(entered));
  json.Key("missing");
  json.Integer(static_cast<std::int64_t>(missing));
  json.Key("disputed");
  json.Integer(static_cast<std::int64_t>(disputed));
}

void WriteGaps(JsonWriter& json, const std::vector<MarkGap>& gaps) {
  json.BeginArray();
  for (const MarkGap& gap : gaps) {
    json.BeginObject(Layout::kInline);
    json.Key("candidate");
    json.String(gap.candidate);
    json.Key("aspect");
    json.String(gap.problem.aspect);
    json.Key("kind");
    json.String(ProblemKindName(gap.problem.kind));
    json.Key("detail");
    json.String(ProblemDetail(gap.problem));
    json.Key("owed_by");
    json.BeginArray(Layout::kInline);
    for (const std::string& judge : gap.owed_by) json.String(judge);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
}

bool IsLocked(const ProgressView& view, const SubcriterionProgress& part) {
  return std::find(view.locked.begin(), view.locked.end(), part.id) != view.locked.end();
}

void WriteSubcriterion(JsonWriter& json, const SubcriterionProgress& part, bool locked) {
  json.BeginObject();
  json.Key("id");
  json.String(part.id);
  WriteCounts(json, part.expected, part.entered, part.missing, part.disputed);
  json.Key("complete");
  json.Bool(part.complete);
  json.Key("locked");
  json.Bool(locked);
  json.Key("problems");
  WriteGaps(json, part.gaps);
  json.EndObject();
}

// For people the problems are worded as in the table ("C1 A1.1 no mark"), else as codes.
std::string GapsField(const std::vector<MarkGap>& gaps, bool for_people) {
  std::string text;
  for (const MarkGap& gap : gaps) {
    if (!text.empty()) text += "; ";
    text += for_people ? gap.candidate + " " + ProblemText(gap.problem)
                       : fmt::format("{} {} {} ({})", gap.candidate, gap.problem.aspect,
                                     ProblemKindName(gap.problem.kind), ProblemDetail(gap.problem));
  }
  return text;
}

std::string Header(const ProgressView& view) {
  const Rubric& rubric = view.rubric;
  char separator = CurrentLanguage() == Language::kRussian ? ',' : '.';
  Totals totals = TotalsOf(view.progress);
  return Tr("Exam: {0}", view.exam) + '\n' +
         Tr("Rubric: {0}, max {1}", rubric.Identity(),
            ReportNumber(rubric.max, rubric.policy.report_decimals, separator)) +
         '\n' +
         Tr("Marks entered: {0} of {1}; missing: {2}; disputed panels: {3}", totals.entered,
            totals.expected, totals.missing, totals.disputed) +
         '\n';
}

std::string SubcriteriaTable(const ProgressView& view) {
  std::vector<TextColumn> columns = {{Tr("Sub-criterion")},
                                     {Tr("Entered"), Align::kRight},
                                     {Tr("Expected"), Align::kRight},
                                     {Tr("Missing"), Align::kRight},
                                     {Tr("Disputed"), Align::kRight},
                                     {Tr("Complete")},
                                     {Tr("Locked")}};
  std::vector<std::vector<std::string>> rows;
  for (const SubcriterionProgress& part : view.progress) {
    rows.push_back({part.id, std::to_string(part.entered), std::to_string(part.expected),
                    std::to_string(part.missing), std::to_string(part.disputed),
                    part.complete ? Tr("yes") : Tr("no"),
                    IsLocked(view, part) ? Tr("yes") : Tr("no")});
  }
  return RenderTextTable(columns, rows);
}

// A gap as people read it: "B1.2 incomplete (2 of 3 scores), owed by E2, E4".
std::string GapText(const MarkGap& gap) {
  std::string text = ProblemText(gap.problem);
  if (gap.owed_by.empty()) return text;
  return Tr("{0}, owed by {1}", text, fmt::join(gap.owed_by, ", "));
}

// One line per sub-criterion and candidate: "  A1 C1: A1.1 no mark; A1.3 disputed (…)".
std::string GapList(const std::vector<SubcriterionProgress>& progress) {
  std::string list;
  for (const SubcriterionProgress& part : progress) {
    for (std::size_t i = 0; i < part.gaps.size();) {
      const std::string& candidate = part.gaps[i].candidate;
      std::vector<std::string> problems;
      for (; i < part.gaps.size() && part.gaps[i].candidate == candidate; ++i) {
        problems.push_back(GapText(part.gaps[i]));
      }
      list += fmt::format("  {} {}: {}\n", part.id, candidate, fmt::join(problems, "; "));
    }
  }
  return list.empty() ? list : '\n' + Tr("Missing and disputed marks:") + '\n' + list;
}

}  // namespace

std::string ProgressJson(const ProgressView& view) {
  Totals totals = TotalsOf(view.progress);
  JsonWriter json;
  json.BeginObject();
  json.Key("exam");
  json.String(view.exam);
  json.Key("rubric");
  json.BeginObject(Layout::kInline);
  internal::WriteRubricIdentity(json, view.rubric);
  json.EndObject();
  json.Key("complete");
  json.Bool(totals.complete);
  WriteCounts(json, totals.expected, totals.entered, totals.missing, totals.disputed);
  json.Key("subcriteria");
  json.BeginArray();
  for (const SubcriterionProgress& part : view.progress) {
    WriteSubcriterion(json, part, IsLocked(view, part));
  }
  json.EndArray();
  json.EndObject();
  return json.text() + '\n';
}

std::string ProgressCsv(const ProgressView& view, const CsvStyle& style) {
  const bool people = style.for_people;
  std::string out =
      people ? CsvRecord({Tr("Sub-criterion"), Tr("Expected"), Tr("Entered"), Tr("Missing"),
                          Tr("Disputed"), Tr("Complete"), Tr("Locked"), Tr("Problems")},
                         style.delimiter)
             : CsvRecord({"subcriterion", "expected", "entered", "missing", "disputed", "complete",
                          "locked", "problems"},
                         style.delimiter);
  auto yes_no = [&](bool value) {
    if (people) return value ? Tr("yes") : Tr("no");
    return std::string(value ? "yes" : "no");
  };
  for (const SubcriterionProgress& part : view.progress) {
    out += CsvRecord(
        {part.id, std::to_string(part.expected), std::to_string(part.entered),
         std::to_string(part.missing), std::to_string(part.disputed), yes_no(part.complete),
         yes_no(IsLocked(view, part)), GapsField(part.gaps, people)},
        style.delimiter);
  }
  return out;
}

std::string ProgressTable(const ProgressView& view) {
  return Header(view) + '\n' + SubcriteriaTable(view) + GapList(view.progress);
}

}  // namespace skillscore
