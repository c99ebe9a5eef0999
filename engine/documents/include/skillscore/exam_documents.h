// The paper of a demonstration exam or skills competition, as A4 PDFs on the shared page layout
// (page_layout.h), in the current language (numbers with the rubric's report_decimals, a decimal
// comma and ДД.ММ.ГГГГ dates in Russian; document_text.h):
//
//   ProtocolPdf       the exam protocol the chief expert and the expert group sign: the exam,
//                     competency, rubric code@version and hash, date, site, the expert group with
//                     roles, every candidate's module marks, total, percent and grade (rank,
//                     scale and award for a competition), the problems left, a chart of the
//                     distribution of totals and signature lines.
//   ScoreSheetsPdf    one sheet per present candidate, each starting on a new page: every aspect
//                     with its mark, the modules against their maxima as a chart, total, grade.
//   MarkingFormsPdf   the blank paper form per sub-criterion and present candidate: aspects with
//                     how they are measured, maxima and boxes to write marks in; judgement aspects
//                     with their level descriptors; signature lines.
//
// The documents draw plain values (rubric, sheets, the result scored from them, the people); they
// know nothing of where those come from.
//
// Thread safety: pure functions of their arguments and the current language.
#pragma once

#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {

struct ExamPaper {
  std::string exam_id;
  std::string date;  // YYYY-MM-DD or empty
  std::string site;
  std::string chief;  // judge id of the chief expert (ExamInfo::chief), may be empty
  const Rubric& rubric;
  const std::vector<CandidateSheet>& sheets;  // the candidates' sheets
  const ExamResult& result;                   // ScoreExam(rubric, sheets)
  const std::vector<Judge>& judges;           // the expert group
  bool final = false;                         // complete and every sub-criterion locked
};

// The chief expert's name: the judge `chief_id` (ExamInfo::chief), else the first judge with role
// chief; empty when there is none. Printed under the chief expert's signature line.
std::string ChiefExpertName(const std::vector<Judge>& judges, const std::string& chief_id);

tl::expected<std::string, std::string> ProtocolPdf(const ExamPaper& paper);

tl::expected<std::string, std::string> ScoreSheetsPdf(const ExamPaper& paper);

// Forms for every sub-criterion, or only for `subcriterion` (an id of the rubric: the message
// names the unknown id otherwise). Refused when no candidate is present.
tl::expected<std::string, std::string> MarkingFormsPdf(
    const ExamPaper& paper, const std::optional<std::string>& subcriterion);

}  // namespace skillscore
