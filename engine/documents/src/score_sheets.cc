// The candidates' score sheets (exam_documents.h).
#include <algorithm>

#include "exam_paper_parts.h"
#include "skillscore/document_text.h"
#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using paper::Mark;

// An aspect's mark against its maximum ("A1.4 0,39/0,50"); "—" when it has no mark and "n/a"
// when it was not attempted (the legend under the table says so).
std::string AspectMarkText(const ExamPaper& exam, const Aspect& aspect,
                           const AspectRecord& record) {
  std::string mark;
  if (aspect.type == AspectType::kMeasurement && !record.measurement) {
    mark = "—";
  } else if (aspect.type == AspectType::kMeasurement && record.measurement->not_attempted) {
    mark = Tr("n/a");
  } else if (aspect.type == AspectType::kJudgement && record.panel.empty()) {
    mark = "—";
  } else {
    mark = Mark(exam, ScoredAspectMark(exam.rubric.policy, aspect, record));
  }
  return aspect.id + "\u00A0" + mark + "/" + Mark(exam, aspect.max);
}

const PartMark* FindPart(const std::vector<PartMark>& parts, const std::string& id) {
  auto found = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.id == id; });
  return found == parts.end() ? nullptr : &*found;
}

// A row per sub-criterion with every aspect's mark in it, under a row per module: a candidate's
// marks fit one page.
void AspectTable(PageWriter& page, const ExamPaper& exam, const CandidateResult& result,
                 const CandidateSheet& sheet) {
  constexpr double kSubcriterion = 125, kMark = 42, kMax = 42;
  std::vector<TableColumn> columns = {
      {Tr("Sub-criterion"), kSubcriterion},
      {Tr("Aspects: mark/max"), kContentWidth - kSubcriterion - kMark - kMax, PageAlign::kLeft, 7},
      {Tr("Mark"), kMark, PageAlign::kRight},
      {Tr("Max"), kMax, PageAlign::kRight}};
  std::vector<TableRow> rows;
  std::size_t ordinal = 0;
  for (const Module& module : exam.rubric.modules) {
    const PartMark* module_mark = FindPart(result.modules, module.id);
    rows.push_back({{Tr("Module {0}", module.id), module.title,
                     module_mark ? Mark(exam, module_mark->mark) : "",
                     module_mark ? Mark(exam, module_mark->max) : ""},
                    true,
                    true});
    for (const Subcriterion& subcriterion : module.subcriteria) {
      std::vector<std::string> aspects;
      for (const Aspect& aspect : subcriterion.aspects) {
        aspects.push_back(AspectMarkText(exam, aspect, sheet.aspects[ordinal++]));
      }
      const PartMark* part = FindPart(result.subcriteria, subcriterion.id);
      rows.push_back({{subcriterion.id + " " + subcriterion.title,
                       fmt::format("{}", fmt::join(aspects, "    ")),
                       part ? Mark(exam, part->mark) : "", part ? Mark(exam, part->max) : ""}});
    }
  }
  page.Table(columns, rows);
  page.Paragraph(Tr("— no mark; n/a not attempted. The aspects' texts are in the rubric {0}.",
                    exam.rubric.Identity()),
                 styles::kSmall);
}

void Sheet(PageWriter& page, const ExamPaper& exam, const CandidateResult& result,
           const CandidateSheet& sheet) {
  paper::ExamHeader(page, exam, Tr("Score sheet"));
  page.Fields({{Tr("Candidate"), result.candidate.name + " (" + result.candidate.id + ")"},
               {Tr("Organisation"), result.candidate.organization}},
              110);
  page.Skip(6);
  std::string total = Tr("Total: {0} of {1} ({2} %)", Mark(exam, result.total),
                         Mark(exam, exam.rubric.max), Mark(exam, result.percent));
  std::string outcome = paper::Outcome(result);
  if (!outcome.empty()) {
    total += "    " + (exam.rubric.kind == RubricKind::kExam ? Tr("Grade: {0}", outcome)
                                                             : Tr("Scale, award: {0}", outcome));
  }
  if (exam.rubric.kind == RubricKind::kCompetition && result.rank) {
    total += "    " + Tr("Rank: {0}", *result.rank);
  }
  page.Paragraph(total, styles::kStrong);
  page.Heading(Tr("Modules against their maxima"));
  page.BarChart(paper::ModuleBars(exam, result), 215);
  page.Heading(Tr("Marks by sub-criterion and aspect"));
  AspectTable(page, exam, result, sheet);
  if (!exam.final) {
    page.Paragraph(Tr("Provisional: the results are not final yet."), styles::kStrong);
  }
  page.EnsureRoom(60);
  page.Skip(8);
  page.Signatures({{Tr("Chief expert"), paper::ChiefName(exam)},
                   {Tr("Candidate (seen)"), result.candidate.name}});
}

}  // namespace

tl::expected<std::string, std::string> ScoreSheetsPdf(const ExamPaper& exam) {
  std::string title = Tr("Score sheets") + " " + exam.exam_id;
  auto pdf = RenderPdf({title, paper::ChiefName(exam), ""}, title, [&](PageWriter& page) {
    bool first = true;
    for (const CandidateResult& result : exam.result.candidates) {
      if (result.candidate.status != CandidateStatus::kPresent) continue;
      auto sheet = std::find_if(exam.sheets.begin(), exam.sheets.end(), [&](const auto& s) {
        return s.candidate.id == result.candidate.id;
      });
      if (sheet == exam.sheets.end()) continue;
      if (!first) page.NewPage();
      first = false;
      Sheet(page, exam, result, *sheet);
    }
    if (first) page.Paragraph(Tr("No candidate is present."), styles::kBody);
  });
  if (!pdf) return tl::make_unexpected(Tr("cannot draw the score sheets: {0}", pdf.error()));
  return pdf;
}

}  // namespace skillscore
