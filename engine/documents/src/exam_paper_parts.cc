#include "exam_paper_parts.h"

#include "skillscore/document_text.h"
#include "skillscore/i18n.h"
#include "skillscore/report.h"

namespace skillscore {

std::string ChiefExpertName(const std::vector<Judge>& judges, const std::string& chief_id) {
  for (const Judge& judge : judges) {
    if (!chief_id.empty() && judge.id == chief_id) return judge.name;
  }
  for (const Judge& judge : judges) {
    if (judge.role == JudgeRole::kChief) return judge.name;
  }
  return {};
}

namespace paper {

std::string ChiefName(const ExamPaper& paper) { return ChiefExpertName(paper.judges, paper.chief); }

std::string EventKind(const Rubric& rubric) {
  return rubric.kind == RubricKind::kExam ? Tr("Demonstration exam") : Tr("Skills competition");
}

std::string Mark(const ExamPaper& paper, const Rational& value) {
  return LocalDecimal(value, paper.rubric.policy.report_decimals);
}

std::string Outcome(const CandidateResult& result) {
  if (result.candidate.status != CandidateStatus::kPresent) {
    return Tr(CandidateStatusName(result.candidate.status));
  }
  if (result.grade) return GradeText(*result.grade);
  std::string text = result.scale ? std::to_string(*result.scale) : "";
  if (result.award) text += (text.empty() ? "" : ", ") + AwardWord(*result.award);
  return text;
}

void ExamHeader(PageWriter& page, const ExamPaper& paper, const std::string& title) {
  page.Paragraph(title, styles::kTitle);
  page.Paragraph(EventKind(paper.rubric) + " " + paper.exam_id, styles::kSubtitle);
  page.Skip(12);
  const Rubric& rubric = paper.rubric;
  std::vector<std::pair<std::string, std::string>> fields = {
      {Tr("Competency"), rubric.code + " " + rubric.title},
      {Tr("Rubric"), Tr("{0}, maximum {1}", rubric.Identity(), Mark(paper, rubric.max))},
  };
  std::string when_where = LocalDate(paper.date);
  if (!paper.site.empty()) when_where += (when_where.empty() ? "" : ", ") + paper.site;
  if (!when_where.empty()) fields.push_back({Tr("Date and site"), when_where});
  page.Fields(fields, 110);
  page.Skip(6);
}

std::vector<Bar> ModuleBars(const ExamPaper& paper, const CandidateResult& result) {
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < result.modules.size() && i < paper.rubric.modules.size(); ++i) {
    const PartMark& module = result.modules[i];
    bars.push_back({module.id + "  " + paper.rubric.modules[i].title, module.mark.ToDouble(),
                    module.max.ToDouble(),
                    Tr("{0} of {1}", Mark(paper, module.mark), Mark(paper, module.max))});
  }
  return bars;
}

}  // namespace paper
}  // namespace skillscore
