// The blank paper marking forms (exam_documents.h).
#include <algorithm>

#include "exam_paper_parts.h"
#include "skillscore/document_text.h"
#include "skillscore/i18n.h"
#include "skillscore/report.h"

namespace skillscore {
namespace {

using paper::Mark;

constexpr double kBoxHeight = 26;  // room for a handwritten mark

std::string Percent(const Rational& deduct) {
  return ReportNumber(deduct, 2, CsvStyleFor(CurrentLanguage()).decimal_separator) + " %";
}

// What the expert looks for and writes down, below the aspect's text.
std::string HowMarked(const ExamPaper& exam, const Aspect& aspect) {
  if (aspect.type == AspectType::kJudgement) {
    std::string text = Tr("Judgement: score 0–3 by the levels");
    for (std::size_t level = 0; level < aspect.levels.size(); ++level) {
      text += "\n" + std::to_string(level) + " — " + aspect.levels[level];
    }
    return text;
  }
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return Tr("Measurement: yes (full mark) or no (0)");
    case Calculation::kNumberCompleted:
      return Tr("Measurement: how many of {0} are done", aspect.number_completed);
    case Calculation::kChoice: {
      std::string text = Tr("Measurement: the option that applies");
      int number = 0;
      for (const ChoiceOption& option : aspect.options) {
        text += "\n" + std::to_string(++number) + ". " + option.label + " (−" +
                Percent(option.deduct) + ")";
      }
      return text;
    }
    case Calculation::kRanged: {
      std::string text = Tr("Measurement: the value measured");
      for (const Range& range : aspect.ranges) {
        text += "\n" + Tr("{0} to {1}: −{2}", Mark(exam, range.from), Mark(exam, range.to),
                          Percent(range.deduct));
      }
      return text;
    }
  }
  return {};
}

// What is printed in the box, for the expert to circle or fill in.
std::string BoxHint(const Aspect& aspect) {
  if (aspect.type == AspectType::kJudgement) return "0   1   2   3";
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return Tr("yes / no");
    case Calculation::kNumberCompleted:
      return Tr("___ of {0}", aspect.number_completed);
    case Calculation::kChoice:
      return Tr("option No.");
    case Calculation::kRanged:
      return Tr("value");
  }
  return {};
}

void Form(PageWriter& page, const ExamPaper& exam, const Module& module,
          const Subcriterion& subcriterion, const Candidate& candidate) {
  paper::ExamHeader(page, exam, Tr("Marking form"));
  std::vector<std::pair<std::string, std::string>> fields = {
      {Tr("Sub-criterion"), subcriterion.id + " " + subcriterion.title},
      {Tr("Module"), module.id + " " + module.title},
      {Tr("Candidate"), candidate.name + " (" + candidate.id + ")"}};
  if (subcriterion.day > 0) fields.push_back({Tr("Day"), std::to_string(subcriterion.day)});
  page.Fields(fields, 110);
  page.Skip(8);
  constexpr double kId = 46, kMax = 44, kBox = 84;
  std::vector<TableRow> rows;
  Rational total;
  for (const Aspect& aspect : subcriterion.aspects) {
    total += aspect.max;
    rows.push_back({{aspect.id, aspect.text + "\n" + HowMarked(exam, aspect),
                     Mark(exam, aspect.max), BoxHint(aspect)},
                    false,
                    false,
                    kBoxHeight});
  }
  rows.push_back({{"", Tr("Sub-criterion total"), Mark(exam, total), ""}, true, true, kBoxHeight});
  page.Table(
      {{Tr("Aspect"), kId},
       {Tr("What is assessed and how"), kContentWidth - kId - kMax - kBox, PageAlign::kLeft, 7.5},
       {Tr("Max"), kMax, PageAlign::kRight},
       {Tr("Mark"), kBox, PageAlign::kCenter}},
      rows, TableLines::kGrid);
  page.Paragraph(Tr("Write \"na\" for an aspect the candidate did not attempt."), styles::kSmall);
  page.EnsureRoom(70);
  page.Skip(8);
  page.Signatures({{Tr("Expert"), ""}, {Tr("Chief expert"), ""}});
  page.Paragraph(Tr("Date: ____________   Time: ________"), styles::kBody);
}

}  // namespace

tl::expected<std::string, std::string> MarkingFormsPdf(
    const ExamPaper& exam, const std::optional<std::string>& subcriterion) {
  std::vector<std::pair<const Module*, const Subcriterion*>> chosen;
  for (const Module& module : exam.rubric.modules) {
    for (const Subcriterion& part : module.subcriteria) {
      if (!subcriterion || part.id == *subcriterion) chosen.push_back({&module, &part});
    }
  }
  if (chosen.empty()) {
    return tl::make_unexpected(Tr("rubric {0} has no sub-criterion {1}", exam.rubric.Identity(),
                                  subcriterion.value_or("")));
  }
  std::vector<const Candidate*> present;
  for (const CandidateSheet& sheet : exam.sheets) {
    if (sheet.candidate.status == CandidateStatus::kPresent) present.push_back(&sheet.candidate);
  }
  if (present.empty()) {
    return tl::make_unexpected(
        Tr("exam {0} has no present candidate to print marking forms for", exam.exam_id));
  }
  std::string title = Tr("Marking forms") + " " + exam.exam_id;
  auto pdf = RenderPdf({title, paper::ChiefName(exam), ""}, title, [&](PageWriter& page) {
    bool first = true;
    for (const auto& [module, part] : chosen) {
      for (const Candidate* candidate : present) {
        if (!first) page.NewPage();
        first = false;
        Form(page, exam, *module, *part, *candidate);
      }
    }
  });
  if (!pdf) return tl::make_unexpected(Tr("cannot draw the marking forms: {0}", pdf.error()));
  return pdf;
}

}  // namespace skillscore
