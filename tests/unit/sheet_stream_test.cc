// SheetStream (exam.h): the sheets of marks that come candidate by candidate, handed over as the
// marks move on — what `score` scores without holding the exam's sheets. Each sheet must be the
// one SheetBuilder builds, and the stream must give up (Add false) exactly where it cannot
// stream: a candidate whose rows come back, or a list naming a candidate twice.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillscore/exam.h"
#include "skillscore/rubric.h"
#include "skillscore/scoring.h"

namespace skillscore {
namespace {

Aspect Measured(std::string id) {
  Aspect aspect;
  aspect.id = std::move(id);
  aspect.section = "1";
  aspect.max = 1;
  return aspect;
}

// A1.1 pass/fail (ordinal 0), A1.2 judgement (1); max 2.
Rubric OneSubcriterion() {
  Rubric rubric;
  rubric.code = "T";
  rubric.version = "1";
  rubric.max = 2;
  rubric.sections = {{"1", "", std::nullopt}};
  Aspect judged = Measured("A1.2");
  judged.type = AspectType::kJudgement;
  rubric.modules = {{"A", "", {{"A1", "", 2, {Measured("A1.1"), judged}}}}};
  rubric.IndexAspects();
  return rubric;
}

MarkEntry Passed(std::string candidate) { return {std::move(candidate), 0, "J1", {false, 1}}; }
MarkEntry NotAttempted(std::string candidate) { return {std::move(candidate), 0, "J1", {true, 0}}; }
MarkEntry Score(std::string candidate, std::string judge, int score) {
  return {std::move(candidate), 1, std::move(judge), {false, score}};
}

// "C1: A1.1=1 | J2=2 J3=1" and the like, one line per sheet.
std::string Describe(const std::vector<CandidateSheet>& sheets) {
  std::string out;
  for (const CandidateSheet& sheet : sheets) {
    out += sheet.candidate.id + "(" + sheet.candidate.name + "):";
    const AspectRecord& measured = sheet.aspects[0];
    if (measured.measurement) {
      out += measured.measurement->not_attempted
                 ? " na"
                 : " " + measured.measurement->number.ToFractionText();
    }
    out += " |";
    for (const PanelScore& score : sheet.aspects[1].panel) {
      out += " " + score.judge + "=" + std::to_string(score.score);
    }
    out += "\n";
  }
  return out;
}

class SheetStreamTest : public ::testing::Test {
 protected:
  // The stream's sheets in the order handed over; nullopt when Add refused an entry.
  std::optional<std::vector<CandidateSheet>> Streamed(const std::vector<Candidate>* candidates,
                                                      const std::vector<MarkEntry>& entries) {
    std::vector<CandidateSheet> sheets;
    SheetStream stream(rubric_, candidates,
                       [&](const CandidateSheet& sheet) { sheets.push_back(sheet); });
    for (const MarkEntry& entry : entries) {
      if (!stream.Add(entry)) return std::nullopt;
    }
    std::move(stream).Finish();
    return sheets;
  }

  Rubric rubric_ = OneSubcriterion();
  std::vector<Candidate> candidates_ = {{"C1", "First", "", CandidateStatus::kPresent},
                                        {"C2", "Second", "", CandidateStatus::kAbsent},
                                        {"C3", "Third", "", CandidateStatus::kPresent}};
};

TEST_F(SheetStreamTest, HandsOverEachCandidatesSheetAsTheEntriesMoveOn) {
  // C3 before C1, an unlisted C9 ignored, a judge's second score replacing the first, a
  // measurement entered twice (the latest counts), an aspect beyond the rubric ignored.
  const std::vector<MarkEntry> entries = {Score("C3", "J2", 2), Score("C3", "J3", 1),
                                          Passed("C9"),         Score("C3", "J2", 3),
                                          NotAttempted("C1"),   Passed("C1"),
                                          Score("C1", "J3", 0), {"C1", 7, "J1", {false, 1}}};
  auto streamed = Streamed(&candidates_, entries);
  ASSERT_TRUE(streamed.has_value());
  EXPECT_EQ(Describe(*streamed),
            "C3(Third): | J2=3 J3=1\n"
            "C1(First): 1 | J3=0\n"
            "C2(Second): |\n");
  // The sheets of SheetBuilder, in another order.
  EXPECT_EQ(Describe(BuildSheets(rubric_, candidates_, entries)),
            "C1(First): 1 | J3=0\n"
            "C2(Second): |\n"
            "C3(Third): | J2=3 J3=1\n");
}

TEST_F(SheetStreamTest, WithoutAListEveryoneNamedGetsASheetInOrderOfAppearance) {
  const std::vector<MarkEntry> entries = {
      NotAttempted("C7"), Score("C7", "J1", 2), Score("C5", "J2", 3), {"C4", 9, "J1", {false, 1}}};
  auto streamed = Streamed(nullptr, entries);
  ASSERT_TRUE(streamed.has_value());
  // C4's only entry names no aspect of the rubric: no sheet, as SheetBuilder.
  EXPECT_EQ(Describe(*streamed), "C7(C7): na | J1=2\nC5(C5): | J2=3\n");
  SheetBuilder builder(rubric_);
  for (const MarkEntry& entry : entries) builder.Add(entry);
  EXPECT_EQ(Describe(std::move(builder).Finish()), Describe(*streamed));
}

TEST_F(SheetStreamTest, ACandidateWhoseRowsComeBackStopsTheStream) {
  std::vector<CandidateSheet> sheets;
  SheetStream stream(rubric_, &candidates_,
                     [&](const CandidateSheet& sheet) { sheets.push_back(sheet); });
  EXPECT_TRUE(stream.Add(Passed("C1")));
  EXPECT_TRUE(stream.Add(Passed("C3")));
  EXPECT_FALSE(stream.Add(Score("C1", "J2", 2)));
  EXPECT_FALSE(stream.Add(Passed("C2")));  // and takes nothing more
  std::move(stream).Finish();              // hands nothing more over either
  EXPECT_EQ(Describe(sheets), "C1(First): 1 |\n");
}

TEST_F(SheetStreamTest, AListNamingACandidateTwiceIsNotStreamed) {
  candidates_.push_back({"C1", "Again", "", CandidateStatus::kPresent});
  EXPECT_EQ(Streamed(&candidates_, {Passed("C3")}), std::nullopt);
}

TEST_F(SheetStreamTest, ScoringTheStreamGivesScoreExamsResults) {
  const std::vector<MarkEntry> entries = {Score("C3", "J2", 3), Score("C3", "J3", 3),
                                          Score("C3", "J4", 3), Passed("C3"),
                                          Score("C1", "J2", 1), Score("C1", "J3", 3)};
  ExamScorer scorer(rubric_);
  SheetStream stream(rubric_, &candidates_, [&](const CandidateSheet& s) { scorer.Add(s); });
  for (const MarkEntry& entry : entries) ASSERT_TRUE(stream.Add(entry));
  std::move(stream).Finish();
  ExamResult streamed = std::move(scorer).Finish();
  ExamResult whole = ScoreExam(rubric_, BuildSheets(rubric_, candidates_, entries));
  ASSERT_EQ(streamed.candidates.size(), 3u);
  EXPECT_EQ(streamed.complete, whole.complete);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(streamed.candidates[i].candidate.id, whole.candidates[i].candidate.id);
    EXPECT_EQ(streamed.candidates[i].total, whole.candidates[i].total);
    EXPECT_EQ(streamed.candidates[i].rank, whole.candidates[i].rank);
    EXPECT_EQ(streamed.candidates[i].problems.size(), whole.candidates[i].problems.size());
  }
  // C3: A1.1 passed (1) and a panel of 3, 3, 3 (1 × 9/9 = 1); C1: A1.1 missing and a panel
  // of 1, 3 (1 × 4/6 = 2/3).
  EXPECT_EQ(streamed.candidates[0].candidate.id, "C3");
  EXPECT_EQ(streamed.candidates[0].total, Rational(2));
  EXPECT_EQ(streamed.candidates[1].candidate.id, "C1");
  EXPECT_EQ(streamed.candidates[1].total, Rational::Of(2, 3));
}

}  // namespace
}  // namespace skillscore
