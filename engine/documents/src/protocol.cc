// The exam protocol (exam_documents.h).
#include <algorithm>

#include "exam_paper_parts.h"
#include "skillscore/document_text.h"
#include "skillscore/i18n.h"
#include "skillscore/report.h"

namespace skillscore {
namespace {

using paper::Mark;

constexpr int kBands = 10;  // the distribution of totals in bands of 10 % of the maximum

std::string RoleName(const Judge& judge, const ExamPaper& exam) {
  bool chief = judge.role == JudgeRole::kChief || (!exam.chief.empty() && judge.id == exam.chief);
  return chief ? Tr("Chief expert") : Tr("Expert");
}

std::size_t PresentCount(const ExamResult& result) {
  return static_cast<std::size_t>(
      std::count_if(result.candidates.begin(), result.candidates.end(),
                    [](const auto& c) { return c.candidate.status == CandidateStatus::kPresent; }));
}

void Summary(PageWriter& page, const ExamPaper& exam) {
  page.Fields(
      {{Tr("Rubric SHA-256"), exam.rubric.sha256},
       {Tr("Candidates"), Tr("{0} registered, {1} present", exam.result.candidates.size(),
                             PresentCount(exam.result))},
       {Tr("Results"), exam.final ? Tr("final: every mark entered and every sub-criterion locked")
                                  : Tr("provisional: marks are missing or disputed, or "
                                       "sub-criteria are not locked")}},
      110);
}

void ExpertGroup(PageWriter& page, const ExamPaper& exam) {
  page.Heading(Tr("Expert group"));
  std::vector<TableRow> rows;
  int number = 0;
  for (const Judge& judge : exam.judges) {
    rows.push_back(
        {{std::to_string(++number), judge.name, judge.organization, RoleName(judge, exam), ""}});
  }
  page.Table({{Tr("No."), 26, PageAlign::kRight},
              {Tr("Name"), 150},
              {Tr("Organisation"), 155},
              {Tr("Role"), 82},
              {Tr("Signature"), kContentWidth - 26 - 150 - 155 - 82}},
             rows);
}

void Results(PageWriter& page, const ExamPaper& exam) {
  page.Heading(Tr("Results"));
  const Rubric& rubric = exam.rubric;
  constexpr double kRank = 22, kModule = 34, kTotal = 38, kPercent = 40, kOutcome = 112;
  double name_width = kContentWidth - kRank - kTotal - kPercent - kOutcome -
                      kModule * static_cast<double>(rubric.modules.size());
  std::vector<TableColumn> columns = {{Tr("No."), kRank, PageAlign::kRight},
                                      {Tr("Candidate"), name_width, PageAlign::kLeft, 7.5}};
  for (const Module& module : rubric.modules) {
    columns.push_back({module.id, kModule, PageAlign::kRight});
  }
  columns.push_back({Tr("Total"), kTotal, PageAlign::kRight});
  columns.push_back({"%", kPercent, PageAlign::kRight});
  columns.push_back({rubric.kind == RubricKind::kExam ? Tr("Grade") : Tr("Scale, award"), kOutcome,
                     PageAlign::kLeft, 7.5});
  std::vector<TableRow> rows;
  for (const CandidateResult& result : exam.result.candidates) {
    bool present = result.candidate.status == CandidateStatus::kPresent;
    TableRow row;
    row.cells.push_back(result.rank ? std::to_string(*result.rank) : "");
    row.cells.push_back(
        result.candidate.name + "\n" + result.candidate.id +
        (result.candidate.organization.empty() ? "" : ", " + result.candidate.organization));
    for (const PartMark& module : result.modules) {
      row.cells.push_back(present ? Mark(exam, module.mark) : "");
    }
    row.cells.push_back(present ? Mark(exam, result.total) : "");
    row.cells.push_back(present ? Mark(exam, result.percent) : "");
    row.cells.push_back(paper::Outcome(result));
    rows.push_back(std::move(row));
  }
  TableRow maxima{{"", Tr("Maximum")}, true, true};
  for (const Module& module : rubric.modules) {
    Rational max;
    for (const Subcriterion& subcriterion : module.subcriteria) {
      for (const Aspect& aspect : subcriterion.aspects) max += aspect.max;
    }
    maxima.cells.push_back(Mark(exam, max));
  }
  maxima.cells.push_back(Mark(exam, rubric.max));
  maxima.cells.push_back(Mark(exam, 100));
  rows.push_back(std::move(maxima));
  page.Table(columns, rows);
  std::vector<std::string> legend;
  for (const Module& module : rubric.modules) legend.push_back(module.id + " — " + module.title);
  page.Paragraph(Tr("Modules: {0}", fmt::join(legend, "; ")), styles::kSmall);
  page.Skip(6);
}

void Problems(PageWriter& page, const ExamPaper& exam) {
  page.Heading(Tr("Problems"));
  std::vector<TableRow> rows;
  for (const CandidateResult& result : exam.result.candidates) {
    for (const Problem& problem : result.problems) {
      rows.push_back({{result.candidate.id, result.candidate.name, ProblemText(problem)}});
    }
  }
  if (rows.empty()) {
    page.Paragraph(Tr("None: every mark is entered and no panel is disputed."), styles::kBody);
    page.Skip(6);
    return;
  }
  page.Table({{Tr("Id"), 50}, {Tr("Candidate"), 180}, {Tr("Problem"), kContentWidth - 230}}, rows);
}

// How many present candidates' totals fall in each tenth of the maximum, highest band first.
void Distribution(PageWriter& page, const ExamPaper& exam) {
  std::vector<int> counts(kBands, 0);
  for (const CandidateResult& result : exam.result.candidates) {
    if (result.candidate.status != CandidateStatus::kPresent) continue;
    Rational tenths = result.percent / (100 / kBands);
    auto band = static_cast<int>(tenths.numerator() / tenths.denominator());  // floor: ≥ 0
    counts[static_cast<std::size_t>(std::clamp(band, 0, kBands - 1))]++;
  }
  int most = *std::max_element(counts.begin(), counts.end());
  page.Heading(Tr("Distribution of totals"));
  std::vector<Bar> bars;
  for (int band = kBands - 1; band >= 0; --band) {
    int count = counts[static_cast<std::size_t>(band)];
    std::string range = Tr("{0}–{1} %", band * 10, band * 10 + 10);
    bars.push_back({range, static_cast<double>(count), static_cast<double>(std::max(most, 1)),
                    Tr("{0} candidate(s)", count)});
  }
  page.BarChart(bars, 90);
}

void Signatures(PageWriter& page, const ExamPaper& exam) {
  page.EnsureRoom(90);
  page.Skip(8);
  page.Paragraph(Tr("The expert group confirms the results above."), styles::kBody);
  page.Skip(10);
  std::vector<SignatureLine> lines;
  std::string chief = paper::ChiefName(exam);
  lines.push_back({Tr("Chief expert"), chief});
  for (const Judge& judge : exam.judges) {
    if (judge.name != chief) lines.push_back({Tr("Expert"), judge.name});
  }
  page.Signatures(lines);
  page.Paragraph(Tr("Date: ____________"), styles::kBody);
}

}  // namespace

tl::expected<std::string, std::string> ProtocolPdf(const ExamPaper& exam) {
  std::string title = exam.rubric.kind == RubricKind::kExam
                          ? Tr("Protocol of the demonstration exam")
                          : Tr("Protocol of the skills competition");
  auto pdf = RenderPdf({title + " " + exam.exam_id, paper::ChiefName(exam), ""},
                       title + " " + exam.exam_id, [&](PageWriter& page) {
                         paper::ExamHeader(page, exam, title);
                         Summary(page, exam);
                         ExpertGroup(page, exam);
                         Results(page, exam);
                         Problems(page, exam);
                         Distribution(page, exam);
                         Signatures(page, exam);
                       });
  if (!pdf) return tl::make_unexpected(Tr("cannot draw the protocol: {0}", pdf.error()));
  return pdf;
}

}  // namespace skillscore
