// What the protocol, score sheets and marking forms (exam_documents.h) share: the exam's details
// block, marks at the rubric's decimals, results in words and the module chart.
#pragma once

#include <string>
#include <vector>

#include "skillscore/exam_documents.h"
#include "skillscore/page_layout.h"

namespace skillscore::paper {

// ChiefExpertName of the exam.
std::string ChiefName(const ExamPaper& paper);

// "Demonstration exam" or "Skills competition".
std::string EventKind(const Rubric& rubric);

// A mark with exactly the rubric's report_decimals, in the current language.
std::string Mark(const ExamPaper& paper, const Rational& value);

// The grade in words (exam), or scale and award (competition); the status for one not present.
std::string Outcome(const CandidateResult& result);

// Title, subtitle and the exam's details (competency, rubric, date, site) at the top of a page.
void ExamHeader(PageWriter& page, const ExamPaper& paper, const std::string& title);

// The candidate's modules against their maxima.
std::vector<Bar> ModuleBars(const ExamPaper& paper, const CandidateResult& result);

}  // namespace skillscore::paper
