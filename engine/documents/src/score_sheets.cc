// The candidates' score sheets (exam_documents.h).
#include <algorithm>

#include "exam_paper_parts.h"
#include "skillscore/document_text.h"
#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using paper::Mark;

// What an aspect's marks say on the sheet: the mark, "not attempted" or "no mark".
std::string AspectMarkText(const ExamPaper& exam, const Aspect& aspect,
                           const AspectRecord& record) {
  if (aspect.type == AspectType::kMeasurement) {
    if (!record.measurement) return Tr("no mark");
    if (record.measurement->not_attempted) return Tr("not attempted");
  } else if (record.panel.empty()) {
    return Tr("no mark");
  }
  return Mark(exam, ScoredAspectMark(exam.rubric.policy, aspect, record));
}

std::string PanelScores(const Aspect& aspect, const AspectRecord& record) {
  if (aspect.type != AspectType::kJudgement || record.panel.empty()) return "";
  std::vector<int> scores;
  for (const PanelScore& score : record.panel) scores.push_back(score.score);
  return fmt::format("{}", fmt::join(scores, " · "));
}

const PartMark* FindPart(const std::vector<PartMark>& parts, const std::string& id) {
  auto found = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.id == id; });
  return found == parts.end() ? nullptr : &*found;
}

void AspectTable(PageWriter& page, const ExamPaper& exam, const CandidateResult& result,
                 const CandidateSheet& sheet) {
  constexpr double kId = 40, kScores = 58, kMark = 62, kMax = 44;
  std::vector<TableColumn> columns = {{Tr("Aspect"), kId},
                                      {Tr("What is assessed"),
                                       kContentWidth - kId - kScores - kMark - kMax},
                                      {Tr("Scores"), kScores, PageAlign::kCenter},
                                      {Tr("Mark"), kMark, PageAlign::kRight},
                                      {Tr("Max"), kMax, PageAlign::kRight}};
  std::vector<TableRow> rows;
  std::size_t ordinal = 0;
  for (const Module& module : exam.rubric.modules) {
    const PartMark* module_mark = FindPart(result.modules, module.id);
    rows.push_back({{module.id, Tr("Module {0}: {1}", module.id, module.title), "",
                     module_mark ? Mark(exam, module_mark->mark) : "",
                     module_mark ? Mark(exam, module_mark->max) : ""},
                    true,
                    true});
    for (const Subcriterion& subcriterion : module.subcriteria) {
      const PartMark* part = FindPart(result.subcriteria, subcriterion.id);
      rows.push_back({{subcriterion.id, subcriterion.title, "",
                       part ? Mark(exam, part->mark) : "", part ? Mark(exam, part->max) : ""},
                      true});
      for (const Aspect& aspect : subcriterion.aspects) {
        const AspectRecord& record = sheet.aspects[ordinal++];
        rows.push_back({{aspect.id, aspect.text, PanelScores(aspect, record),
                         AspectMarkText(exam, aspect, record), Mark(exam, aspect.max)}});
      }
    }
  }
  page.Table(columns, rows);
}

void Sheet(PageWriter& page, const ExamPaper& exam, const CandidateResult& result,
           const CandidateSheet& sheet) {
  paper::ExamHeader(page, exam, Tr("Score sheet"));
  page.Fields({{Tr("Candidate"), result.candidate.name + " (" + result.candidate.id + ")"},
               {Tr("Organisation"), result.candidate.organization}},
              110);
  page.Skip(6);
  page.Paragraph(Tr("Total: {0} of {1} ({2} %)", Mark(exam, result.total),
                    Mark(exam, exam.rubric.max), Mark(exam, result.percent)),
                 styles::kStrong);
  std::string outcome = paper::Outcome(result);
  if (!outcome.empty()) {
    page.Paragraph(exam.rubric.kind == RubricKind::kExam ? Tr("Grade: {0}", outcome)
                                                         : Tr("Scale, award: {0}", outcome),
                   styles::kStrong);
  }
  if (result.rank) page.Paragraph(Tr("Rank: {0}", *result.rank), styles::kBody);
  page.Heading(Tr("Modules against their maxima"));
  page.BarChart(paper::ModuleBars(exam, result), 190);
  page.Heading(Tr("Marks by aspect"));
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
